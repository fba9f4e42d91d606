// The SDK calls real services make, type-checked against the SDKs' own declarations (installed as
// devDependencies, resolved by the "sdk" fixture project): for each client, require-timeout reports
// a waited-for call with no deadline and leaves alone one with a deadline (a per-call option or
// signal, a client constructed with a timeout, a library's documented default), and
// no-unbounded-concurrency reports an unbounded fan-out over its calls under the configuration
// that reports it (recommended for HTTP, cloud and payment clients; strict's checkPooledTasks for
// pg and ioredis, whose pools queue the calls).
import requireTimeout, { strictOptions as strictTimeout } from "../../rules/require-timeout.js";
import noUnboundedConcurrency, { strictOptions as strictConcurrency } from "../../rules/no-unbounded-concurrency.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TSESLint } from "@typescript-eslint/utils";
import { describe, expect, it, vi } from "vitest";
import { lintSnippet } from "./lint.js";
import { createRuleTester } from "./rule-tester.js";

// A case that first imports an SDK type-checks its whole declaration tree (the AWS SDK's, stripe's
// and openai's are large): on a busy machine that alone can take longer than the suite's 20 s.
vi.setConfig({ testTimeout: 90_000 });

const ruleTester = createRuleTester("sdk");
const timeout = "AbortSignal.timeout(30_000)";

/** run wraps statements in an exported async function. */
function run(body: string, parameters = ""): string {
  return `export async function run(${parameters}) {\n  ${body}\n}`;
}

const axios = 'import axios from "axios";\n';
const got = 'import got from "got";\n';
const ky = 'import ky from "ky";\n';
const undici = 'import { Agent, request } from "undici";\n';
const nodeFetch = 'import fetch from "node-fetch";\n';
const s3 = 'import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";\n';
const dynamo = 'import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";\n';
const openai = 'import OpenAI from "openai";\n';
const stripe = 'import Stripe from "stripe";\n';
const pg = 'import { Pool } from "pg";\n';
const ioredis = 'import { Redis } from "ioredis";\n';
const mongodb = 'import { MongoClient } from "mongodb";\n';
const tinyexec = 'import { x } from "tinyexec";\n';

ruleTester.run("require-timeout (real SDK typings)", requireTimeout, {
  valid: [
    // axios: a per-call timeout or signal (axios types it GenericAbortSignal), a client built with a timeout.
    `${axios}${run("await axios.get(url, { timeout: 5_000 });\n  await axios.post(url, {}, { signal });", "url: string, signal: AbortSignal")}`,
    `${axios}const api = axios.create({ baseURL: "https://api.example.com", timeout: 5_000 });\n${run("const { data } = await api.get(url);\n  return data;", "url: string")}`,
    `${axios}export class Users {\n  private readonly http = axios.create({ timeout: 5_000 });\n  async get(id: string) { return (await this.http.get(\`/users/\${id}\`)).data; }\n}`,
    `${axios}export class Users {\n  private readonly http;\n  constructor() { this.http = axios.create({ timeout: 5_000 }); }\n  async get(id: string) { return (await this.http.get(\`/users/\${id}\`)).data; }\n}`,
    `import { api } from "./clients.js";\n${run("return (await api.get(url)).data;", "url: string")}`,
    // A client built out of view (a parameter, an injected field) may have a timeout: recommended stays quiet.
    `import type { AxiosInstance } from "axios";\n${run("return (await api.get(url)).data;", "api: AxiosInstance, url: string")}`,
    // got: a per-call timeout or signal, an instance extended with a timeout.
    `${got}${run("await got(url, { timeout: { request: 5_000 } });\n  await got.get(url, { signal });", "url: string, signal: AbortSignal")}`,
    `${got}const client = got.extend({ timeout: { request: 5_000 } });\n${run("return client(url).json();", "url: string")}`,
    // ky: its documented default timeout (10 s to the response) bounds every call.
    `${ky}${run("return ky.get(url).json();", "url: string")}`,
    `${ky}const api = ky.create({ prefixUrl: "https://api.example.com" });\n${run("return api.get(path).json();", "path: string")}`,
    // undici: a dispatcher built with headers and body timeouts, or per-call ones.
    `${undici}const agent = new Agent({ connectTimeout: 5_000, headersTimeout: 10_000, bodyTimeout: 10_000 });\n${run("return request(url, { dispatcher: agent });", "url: string")}`,
    `${undici}${run("return request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });", "url: string")}`,
    // node-fetch: a signal, or a Node agent built with a timeout.
    `${nodeFetch}${run("return fetch(url, { signal: AbortSignal.timeout(5_000) });", "url: string")}`,
    `${nodeFetch}import https from "node:https";\nconst agent = new https.Agent({ keepAlive: true, timeout: 10_000 });\n${run("return fetch(url, { agent });", "url: string")}`,
    // AWS SDK v3: send's abortSignal, or a client whose request handler has a requestTimeout.
    `${s3}const s3 = new S3Client({});\n${run('return s3.send(new GetObjectCommand({ Bucket: "b", Key: key }), { abortSignal: AbortSignal.timeout(5_000) });', "key: string")}`,
    `${s3}const s3 = new S3Client({ requestHandler: { requestTimeout: 5_000 } });\n${run('return s3.send(new GetObjectCommand({ Bucket: "b", Key: key }));', "key: string")}`,
    `${dynamo}import { NodeHttpHandler } from "@smithy/node-http-handler";\nconst db = new DynamoDBClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 }) });\n${run('return db.send(new GetItemCommand({ TableName: "t", Key: {} }));')}`,
    // openai: its documented default timeout (10 minutes), or one of the client's or the call's.
    `${openai}const client = new OpenAI();\n${run('return client.chat.completions.create({ model: "gpt-4o", messages: [] });')}`,
    `${openai}const client = new OpenAI({ timeout: 20_000 });\n${run('return client.chat.completions.create({ model: "gpt-4o", messages: [] }, { timeout: 5_000 });')}`,
    // stripe: its documented default timeout (80 s), or one of the client's or the call's.
    `${stripe}const stripe = new Stripe("sk_test");\n${run("return stripe.customers.retrieve(id);", "id: string")}`,
    `${stripe}const stripe = new Stripe("sk_test", { timeout: 0 });\n${run("return stripe.customers.retrieve(id, {}, { timeout: 5_000 });", "id: string")}`,
    // mongodb: a per-operation timeoutMS or signal, a client built with timeoutMS or socketTimeoutMS.
    `${mongodb}const client = new MongoClient("mongodb://localhost");\n${run('return client.db().collection("users").findOne({ id }, { timeoutMS: 5_000 });', "id: string")}`,
    `${mongodb}const client = new MongoClient("mongodb://localhost", { timeoutMS: 5_000 });\nconst users = client.db("app").collection("users");\n${run("return users.findOne({ id });", "id: string")}`,
    // pg and ioredis calls take no deadline of their own; recommended leaves their clients to strict.
    `${pg}const pool = new Pool();\n${run('return pool.query("select 1");')}`,
    `${ioredis}const redis = new Redis();\n${run("return redis.get(key);", "key: string")}`,
    // strict: a pg pool or an ioredis client built with a statement, query or command timeout.
    { code: `${pg}const pool = new Pool({ statement_timeout: 5_000, connectionTimeoutMillis: 1_000 });\n${run('return pool.query("select 1");')}`, options: strictTimeout },
    { code: `import { pool } from "./clients.js";\n${run('return pool.query("select 1");')}`, options: strictTimeout },
    { code: `${ioredis}const redis = new Redis({ commandTimeout: 1_000 });\n${run("return redis.get(key);", "key: string")}`, options: strictTimeout },
    { code: `${ky}${run("return ky.get(url).json();", "url: string")}`, options: strictTimeout },
    // A child process's options carry a signal and a timeout, but a local program waits on the network
    // only if its command does (\`git push\`, not \`git add\`): recommended stays quiet, strict asks (below).
    `${tinyexec}${run('await x("git", ["add", "."]);\n  return (await x("git", ["push"])).stdout;')}`,
  ],
  invalid: [
    {
      code: `${tinyexec}${run('return (await x("git", ["push"])).stdout;')}`,
      options: strictTimeout,
      errors: [{ messageId: "signalNotPassed", data: { callee: "x" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${tinyexec}${run(`return (await x("git", ["push"], { signal: ${timeout} })).stdout;`)}` }] }],
    },
    {
      code: `${axios}${run("const { data } = await axios.get(url);\n  return data;", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", data: { callee: "axios.get" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${axios}${run(`const { data } = await axios.get(url, { signal: ${timeout} });\n  return data;`, "url: string")}` }] }],
    },
    {
      code: `${axios}const api = axios.create({ baseURL: "https://api.example.com" });\n${run("return (await api.post(url, body)).data;", "url: string, body: unknown")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${axios}const api = axios.create({ baseURL: "https://api.example.com" });\n${run(`return (await api.post(url, body, { signal: ${timeout} })).data;`, "url: string, body: unknown")}` }] }],
    },
    {
      code: `import { bareApi } from "./clients.js";\n${run("return (await bareApi.get(url)).data;", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `import { bareApi } from "./clients.js";\n${run(`return (await bareApi.get(url, { signal: ${timeout} })).data;`, "url: string")}` }] }],
    },
    {
      // A timeout of 0 is axios's "no timeout".
      code: `${axios}const api = axios.create({ timeout: 0 });\n${run("return (await api.get(url)).data;", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${axios}const api = axios.create({ timeout: 0 });\n${run(`return (await api.get(url, { signal: ${timeout} })).data;`, "url: string")}` }] }],
    },
    {
      // got(url) resolves to an overload without options: the callee's other overloads take them.
      code: `${got}${run("return got(url).json();", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", data: { callee: "got" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${got}${run(`return got(url, { signal: ${timeout} }).json();`, "url: string")}` }] }],
    },
    {
      code: `${got}${run("return got.post(url, { json: body }).json();", "url: string, body: unknown")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${got}${run(`return got.post(url, { json: body, signal: ${timeout} }).json();`, "url: string, body: unknown")}` }] }],
    },
    {
      // got's connect delay bounds connecting only: the request still waits as long as the server lets it.
      code: `${got}const client = got.extend({ timeout: { connect: 1_000 } });\n${run("return client.get(url).json();", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${got}const client = got.extend({ timeout: { connect: 1_000 } });\n${run(`return client.get(url, { signal: ${timeout} }).json();`, "url: string")}` }] }],
    },
    {
      // ky's default switched off.
      code: `${ky}const api = ky.create({ timeout: false });\n${run("return api.get(url).json();", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${ky}const api = ky.create({ timeout: false });\n${run(`return api.get(url, { signal: ${timeout} }).json();`, "url: string")}` }] }],
    },
    {
      // An Agent built with a connect timeout only still waits forever for headers and body.
      code: `${undici}const agent = new Agent({ connectTimeout: 5_000 });\n${run("return request(url, { dispatcher: agent });", "url: string")}`,
      errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: `${undici}const agent = new Agent({ connectTimeout: 5_000 });\n${run(`return request(url, { dispatcher: agent, signal: ${timeout} });`, "url: string")}` }] }],
    },
    {
      code: `${nodeFetch}${run("const response = await fetch(url);\n  return response.json();", "url: string")}`,
      errors: [{ messageId: "signalNotPassed", data: { callee: "fetch" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${nodeFetch}${run(`const response = await fetch(url, { signal: ${timeout} });\n  return response.json();`, "url: string")}` }] }],
    },
    {
      // GetObject resolves while its Body is still streaming, and the signal keeps governing the body:
      // reported, but no fixed deadline is suggested (it would cut off a large download).
      code: `${s3}const s3 = new S3Client({ region: "eu-west-1" });\n${run('return s3.send(new GetObjectCommand({ Bucket: "b", Key: key }));', "key: string")}`,
      errors: [{ messageId: "signalNotPassed", data: { callee: "s3.send" }, suggestions: [] }],
    },
    {
      // The AWS SDK names its signal option abortSignal: the suggestion writes that.
      code: `${s3.replace("GetObjectCommand", "HeadObjectCommand")}const s3 = new S3Client({ region: "eu-west-1" });\n${run('return s3.send(new HeadObjectCommand({ Bucket: "b", Key: key }));', "key: string")}`,
      errors: [
        {
          messageId: "signalNotPassed",
          data: { callee: "s3.send" },
          suggestions: [
            {
              messageId: "passTimeoutSignal",
              output: `${s3.replace("GetObjectCommand", "HeadObjectCommand")}const s3 = new S3Client({ region: "eu-west-1" });\n${run(`return s3.send(new HeadObjectCommand({ Bucket: "b", Key: key }), { abortSignal: ${timeout} });`, "key: string")}`,
            },
          ],
        },
      ],
    },
    {
      code: `${dynamo}export class Store {\n  private readonly db = new DynamoDBClient({});\n  async get(signal: AbortSignal) {\n    return this.db.send(new GetItemCommand({ TableName: "t", Key: {} }));\n  }\n}`,
      errors: [
        {
          messageId: "signalNotPassed",
          suggestions: [
            { messageId: "passCallerSignal", output: `${dynamo}export class Store {\n  private readonly db = new DynamoDBClient({});\n  async get(signal: AbortSignal) {\n    return this.db.send(new GetItemCommand({ TableName: "t", Key: {} }), { abortSignal: signal });\n  }\n}` },
            { messageId: "passTimeoutSignal", output: `${dynamo}export class Store {\n  private readonly db = new DynamoDBClient({});\n  async get(signal: AbortSignal) {\n    return this.db.send(new GetItemCommand({ TableName: "t", Key: {} }), { abortSignal: ${timeout} });\n  }\n}` },
            {
              messageId: "passCallerDeadline",
              output: `${dynamo}import { timeoutSignal } from "@corral/runtime";\nexport class Store {\n  private readonly db = new DynamoDBClient({});\n  async get(signal: AbortSignal) {\n    return this.db.send(new GetItemCommand({ TableName: "t", Key: {} }), { abortSignal: timeoutSignal(30_000, signal) });\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Stripe's timeout of 0 switches its default off; its request options take a timeout and no
      // signal, so no signal is suggested.
      code: `${stripe}const stripe = new Stripe("sk_test", { timeout: 0 });\n${run("return stripe.customers.retrieve(id);", "id: string")}`,
      errors: [{ messageId: "timeoutNotSet", data: { callee: "stripe.customers.retrieve", option: "timeout" }, suggestions: [] }],
    },
    {
      code: `${mongodb}const client = new MongoClient("mongodb://localhost", { connectTimeoutMS: 5_000 });\n${run('return client.db("app").collection("users").findOne({ id });', "id: string")}`,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${mongodb}const client = new MongoClient("mongodb://localhost", { connectTimeoutMS: 5_000 });\n${run(`return client.db("app").collection("users").findOne({ id }, { signal: ${timeout} });`, "id: string")}` }] }],
    },
    {
      code: `${pg}const pool = new Pool({ connectionTimeoutMillis: 1_000, idleTimeoutMillis: 30_000 });\n${run('return pool.query("select 1");')}`,
      options: strictTimeout,
      errors: [{ messageId: "clientWithoutTimeout", data: { callee: "pool.query" }, suggestions: [] }],
    },
    {
      code: `${ioredis}const redis = new Redis({ connectTimeout: 1_000 });\n${run("return redis.get(key);", "key: string")}`,
      options: strictTimeout,
      errors: [{ messageId: "clientWithoutTimeout", data: { callee: "redis.get" }, suggestions: [] }],
    },
    {
      // strict also reports a client built out of view.
      code: `import type { AxiosInstance } from "axios";\n${run("return (await api.get(url)).data;", "api: AxiosInstance, url: string")}`,
      options: strictTimeout,
      errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `import type { AxiosInstance } from "axios";\n${run(`return (await api.get(url, { signal: ${timeout} })).data;`, "api: AxiosInstance, url: string")}` }] }],
    },
  ],
});

const items = "ids: string[]";

/**
 * bounded is the suggested rewrite of `Promise.all(ids.map(fn))`: corral's map with the default
 * bound, its import placed where it sorts among imports ordered by module name; `threaded` is the
 * callback that passes map's signal on, where the call takes one.
 */
function bounded(code: string, threaded?: string): string {
  const lines = code.split("\n");
  const specifier = (line: string) => /from "([^"]+)"/.exec(line)?.[1];
  const next = lines.findIndex((line) => line.startsWith("import ") && (specifier(line) ?? "") > "@corral/runtime");
  const at = next >= 0 ? next : lines.findLastIndex((line) => line.startsWith("import ")) + 1;
  lines.splice(at, 0, 'import { map } from "@corral/runtime";');
  return lines.join("\n").replace(/Promise\.all\(ids\.map\((.*)\)\);$/m, (_all, callback: string) => `map(ids, ${threaded ?? callback}, { concurrency: 8 });`);
}

ruleTester.run("no-unbounded-concurrency (real SDK typings)", noUnboundedConcurrency, {
  valid: [
    `${axios}import { map } from "@corral/runtime";\n${run("return map(ids, (id) => axios.get(`/users/${id}`), { concurrency: 8 });", items)}`,
    `${stripe}const stripe = new Stripe("sk_test");\n${run('return Promise.all(["cus_1", "cus_2"].map((id) => stripe.customers.retrieve(id)));')}`,
    // pg and ioredis queue a fan-out on the pool or the one connection: strict reports it.
    `${pg}const pool = new Pool();\n${run('return Promise.all(ids.map((id) => pool.query("select $1", [id])));', items)}`,
    `${ioredis}const redis = new Redis();\n${run("return Promise.all(ids.map((id) => redis.get(id)));", items)}`,
  ],
  invalid: [
    // [code, the callback that passes map's signal to a call that takes one]
    ...([
      [`${axios}${run("return Promise.all(ids.map((id) => axios.get(`/users/${id}`)));", items)}`, "(id, _index, signal) => axios.get(`/users/${id}`, { signal })"],
      [`${axios}const api = axios.create({ timeout: 5_000 });\n${run("return Promise.all(ids.map((id) => api.get(`/users/${id}`)));", items)}`, "(id, _index, signal) => api.get(`/users/${id}`, { signal })"],
      [`${got}${run("return Promise.all(ids.map((id) => got(`https://x/${id}`).json()));", items)}`],
      [`${ky}${run("return Promise.all(ids.map((id) => ky.get(`users/${id}`).json()));", items)}`],
      [`${undici}${run("return Promise.all(ids.map((id) => request(`https://x/${id}`)));", items)}`],
      [`${nodeFetch}${run("return Promise.all(ids.map((id) => fetch(`https://x/${id}`)));", items)}`, "(id, _index, signal) => fetch(`https://x/${id}`, { signal })"],
      [
        `${s3}const s3 = new S3Client({});\n${run('return Promise.all(ids.map((id) => s3.send(new GetObjectCommand({ Bucket: "b", Key: id }))));', items)}`,
        '(id, _index, signal) => s3.send(new GetObjectCommand({ Bucket: "b", Key: id }), { abortSignal: signal })',
      ],
      [
        `${openai}const client = new OpenAI();\n${run('return Promise.all(ids.map((id) => client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: id }] })));', items)}`,
        '(id, _index, signal) => client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: id }] }, { signal })',
      ],
      [`${stripe}const stripe = new Stripe("sk_test");\n${run("return Promise.all(ids.map((id) => stripe.customers.retrieve(id)));", items)}`],
      // mongodb's operations take a signal: recommended reports them as it does every such API.
      [`${mongodb}const client = new MongoClient("mongodb://localhost");\n${run('return Promise.all(ids.map((id) => client.db().collection("users").findOne({ id })));', items)}`],
    ] as [string, string?][]).map(([code, threaded]) => ({ code, errors: [{ messageId: "unboundedMap" as const, suggestions: [{ messageId: "boundWithRuntimeMap" as const, output: bounded(code, threaded) }] }] })),
    ...[
      `${pg}const pool = new Pool();\n${run('return Promise.all(ids.map((id) => pool.query("select $1", [id])));', items)}`,
      `${ioredis}const redis = new Redis();\n${run("return Promise.all(ids.map((id) => redis.get(id)));", items)}`,
    ].map((code) => ({ code, options: strictConcurrency, errors: [{ messageId: "unboundedMap" as const, suggestions: [{ messageId: "boundWithRuntimeMap" as const, output: bounded(code) }] }] })),
  ],
});

/** sdkExamples reads the ```ts blocks of a rule page's "Per SDK" section, with the verdict their heading promises. */
function sdkExamples(markdown: string): { reported: boolean; line: number; code: string }[] {
  const section = markdown.split(/^(?=## )/m).find((part) => part.startsWith("## Per SDK\n")) ?? "";
  const offset = markdown.slice(0, markdown.indexOf(section)).split("\n").length - 1;
  const found: { reported: boolean; line: number; code: string }[] = [];
  let reported: boolean | undefined;
  const lines = section.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.startsWith("### ")) reported = line === "### Reported" ? true : line === "### Not reported" ? false : undefined;
    else if (reported !== undefined && line.trim() === "```ts") {
      const end = lines.indexOf("```", index + 1);
      found.push({ reported, line: offset + index + 2, code: lines.slice(index + 1, end).join("\n") });
      index = end;
    }
  }
  return found;
}

// The rule pages' SDK examples need the SDKs' typings, which the playground does not have: they
// live outside the ❌/✅ sections and are linted here, in the sdk fixture, as users would see them.
for (const [id, rule] of [
  ["require-timeout", requireTimeout],
  ["no-unbounded-concurrency", noUnboundedConcurrency],
] as const) {
  describe(`docs/rules/${id}.md, Per SDK`, () => {
    const examples = sdkExamples(readFileSync(fileURLToPath(new URL(`../../docs/rules/${id}.md`, import.meta.url)), "utf8"));

    it("has reported and not reported examples", () => {
      expect(examples.some((example) => example.reported)).toBe(true);
      expect(examples.some((example) => !example.reported)).toBe(true);
    });

    for (const example of examples) {
      it(`${example.reported ? "reported" : "not reported"} example at line ${example.line}`, async () => {
        const messages = await lintSnippet(example.code, { rules: { [id]: rule as unknown as TSESLint.RuleModule<string, readonly unknown[]> }, fixture: "sdk" });
        const reported = messages.filter((message) => message.ruleId === `corral/${id}`);
        if (example.reported) expect(reported.length).toBeGreaterThan(0);
        else expect(reported).toEqual([]);
      });
    }
  });
}
