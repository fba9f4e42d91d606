// Typed RuleTester cases for corral/require-timeout: waited-for I/O with no deadline is reported on the
// call, with suggestions that pass the caller's signal or AbortSignal.timeout; a passed or possibly
// passed signal, a timer-bounded race and dropped calls are left alone. node:http/net/events cases run
// under Node typings only; the anchor cases pin C05 as the only finding.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import rule from "../../rules/require-timeout.js";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { createRuleTester, type Fixture } from "./rule-tester.js";

// The anchor cases live in fixture projects of their own (Node and lib.dom typings), beside the rule fixtures.
function tester(fixture: Fixture | string): RuleTester {
  if (fixture === "node" || fixture === "dom") return createRuleTester(fixture);
  return new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixture } } });
}

const timeout = "AbortSignal.timeout(30_000)";
/** timeoutSignalImport is the runtime import the caller-deadline suggestion adds on top of a file without imports. */
const timeoutSignalImport = 'import { timeoutSignal } from "@corral/runtime";\n';
const declareLoad = "declare function load(id: string, options?: { signal?: AbortSignal }): Promise<string>;";
const declareRead = "declare function read(id: string, signal?: AbortSignal): Promise<string>;";

/** inAsync wraps statements in an async function, so scripts can await. */
function inAsync(body: string, parameters = ""): string {
  return `export async function run(${parameters}) {\n  ${body}\n}`;
}

/** runFetchCases runs the cases that hold under both typings: fetch, AbortSignal and the signature check exist in each. */
function runFetchCases(fixture: Fixture): void {
  const ruleTester = tester(fixture);
  ruleTester.run(`require-timeout (${fixture})`, rule, {
    valid: [
      inAsync(`const r = await fetch("https://x", { signal: AbortSignal.timeout(5000) });`),
      inAsync("await fetch(url, { signal });", "url: string, signal: AbortSignal"),
      inAsync("const controller = new AbortController();\n  await fetch(url, { signal: controller.signal });", "url: string"),
      `import { timeoutSignal } from "@corral/runtime";\n${inAsync("await fetch(url, { signal: timeoutSignal(5000) });", "url: string")}`,
      `import { withTimeout } from "@corral/runtime";\n${inAsync("return withTimeout(1000, (signal) => fetch(url, { signal }));", "url: string")}`,
      inAsync("await fetch(url, init);", "url: string, init: RequestInit"),
      inAsync("await fetch(url, maybe);", "url: string, maybe?: RequestInit"),
      inAsync(`await fetch(url, { ...options, method: "POST" });`, "url: string, options: RequestInit"),
      inAsync("await fetch(url, { signal: undefined });", "url: string"),
      inAsync("await fetch(url, { [key]: value });", "url: string, key: string, value: unknown"),
      inAsync("await new Promise((r) => setTimeout(r, 1000));"),
      inAsync("await Promise.race([fetch(url), sleep(1000)]);", "url: string, sleep: (ms: number) => Promise<void>"),
      inAsync("await Promise.race([fetch(url), new Promise((_, reject) => { setTimeout(reject, 1000); })]);", "url: string"),
      inAsync("await Promise.race([fetch(url), deadline.then(() => 0)]);", "url: string, deadline: Promise<void>"),
      inAsync("fetch(url);\n  void fetch(url);\n  console.log(fetch(url));", "url: string"),
      inAsync("const pending = fetch(url);\n  return pending === undefined;", "url: string"),
      inAsync("await fetch(url);", "url: string, fetch: (url: string) => Promise<string>"),
      `${declareLoad}\n${inAsync("await load(id, { signal });", "id: string, signal: AbortSignal")}`,
      `${declareLoad}\n${inAsync("await load(id, options);", "id: string, options: { signal?: AbortSignal }")}`,
      `${declareLoad}\n${inAsync("await load(...args);", "args: [string]")}`,
      `${declareRead}\n${inAsync("await read(id, signal);", "id: string, signal: AbortSignal")}`,
      `${declareLoad}\n${inAsync("load(id);", "id: string")}`,
      "declare function save(id: string): Promise<void>;\nexport async function run() { await save('a'); }",
      "declare function poll(options?: { signal?: AbortSignal }): number;\nexport function run() { return poll(); }",
      { code: `${declareLoad}\n${inAsync("await load(id);", "id: string")}`, options: [{ allow: ["load"] }] },
      { code: inAsync("await fetch(url);", "url: string"), options: [{ allow: ["fetch"] }] },
      {
        code: `declare class Client { query(sql: string, options?: { signal?: AbortSignal }): Promise<unknown[]> }\n${inAsync("return client.query(sql);", "client: Client, sql: string")}`,
        options: [{ allow: ["client.query"] }],
      },
      // Real-code shapes that already have a deadline (issue #9): a `fetch`-like wrapper whose first
      // parameter also takes a Request gets its signal in the init; an own option named for a
      // timeout; a project wrapper that applies a deadline of its own when it is given none.
      `declare function fetchLike(input: Request | string, init?: RequestInit): Promise<Response>;\n${inAsync("await fetchLike(url, { headers: {}, signal: AbortSignal.timeout(5000) });", "url: string")}`,
      `declare function load(id: string, options?: { signal?: AbortSignal; timeout?: number }): Promise<string>;\n${inAsync("await load(id, { timeout: 5000 });", "id: string")}`,
      `declare function quote(symbol: string, options?: { signal?: AbortSignal; requestTimeout?: number }): Promise<number>;\n${inAsync("await quote(symbol, { requestTimeout: 2000 });", "symbol: string")}`,
      `async function download(url: string, init?: RequestInit) {\n  return fetch(url, { signal: AbortSignal.timeout(10_000), ...init });\n}\n${inAsync("await download(url);", "url: string")}`,
      `async function download(url: string, init?: RequestInit & { timeout?: number }) {\n  const { timeout, ...rest } = init ?? {};\n  return fetch(url, { ...rest, signal: rest.signal ?? AbortSignal.timeout(timeout ?? 10_000) });\n}\n${inAsync("await download(url);", "url: string")}`,
      // Test runners bound every test and hook with a timeout of their own.
      `declare function it(name: string, fn: () => Promise<void>): void;\ndeclare function beforeEach(fn: () => Promise<void>): void;\nit("loads", async () => { await fetch("/x"); });\nbeforeEach(async () => { await fetch("/y"); });`,
      { code: inAsync("await fetch(url);", "url: string"), filename: "file.spec.ts" },
    ],
    invalid: [
      // A wrapper that only passes the caller's init on has no deadline of its own; the signal
      // goes in the init, the last place a signal can go.
      {
        code: `async function download(url: string, init?: RequestInit) {\n  return fetch(url, init);\n}\n${inAsync("await download(url);", "url: string")}`,
        errors: [
          {
            messageId: "signalNotPassed",
            line: 5,
            suggestions: [
              { messageId: "passTimeoutSignal", output: `async function download(url: string, init?: RequestInit) {\n  return fetch(url, init);\n}\n${inAsync(`await download(url, { signal: ${timeout} });`, "url: string")}` },
            ],
          },
        ],
      },
      {
        code: `declare function fetchLike(input: Request | string, init?: RequestInit): Promise<Response>;\n${inAsync("await fetchLike(url);", "url: string")}`,
        errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `declare function fetchLike(input: Request | string, init?: RequestInit): Promise<Response>;\n${inAsync(`await fetchLike(url, { signal: ${timeout} });`, "url: string")}` }] }],
      },
      // checkTests: false turns the test checks on again.
      {
        code: inAsync("await fetch(url);", "url: string"),
        filename: "file.spec.ts",
        options: [{ checkTests: true }],
        errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch(url, { signal: ${timeout} });`, "url: string") }] }],
      },
      {
        code: `declare function it(name: string, fn: () => Promise<void>): void;\nit("loads", async () => { await fetch("/x"); });`,
        options: [{ checkTests: true }],
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [{ messageId: "passTimeoutSignal", output: `declare function it(name: string, fn: () => Promise<void>): void;\nit("loads", async () => { await fetch("/x", { signal: ${timeout} }); });` }],
          },
        ],
      },
      {
        code: inAsync("await fetch(url);", "url: string"),
        filename: "file.spec.ts",
        options: [{ testFilePatterns: ["**/*.test.*"] }],
        errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch(url, { signal: ${timeout} });`, "url: string") }] }],
      },
      {
        code: inAsync(`await fetch("https://x");`),
        errors: [
          {
            messageId: "fetchWithoutSignal",
            data: { callee: "fetch" },
            suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch("https://x", { signal: ${timeout} });`) }],
          },
        ],
      },
      {
        code: inAsync(`return fetch(url, { method: "POST" });`, "url: string"),
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`return fetch(url, { method: "POST", signal: ${timeout} });`, "url: string") }],
          },
        ],
      },
      {
        code: inAsync("await fetch(url, {});", "url: string"),
        errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch(url, { signal: ${timeout} });`, "url: string") }] }],
      },
      {
        code: inAsync(`const init = { method: "POST" };\n  await fetch(url, init);`, "url: string"),
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`const init = { method: "POST" };\n  await fetch(url, { ...init, signal: ${timeout} });`, "url: string") }],
          },
        ],
      },
      {
        code: inAsync("return fetch(url);", "url: string, signal: AbortSignal"),
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [
              { messageId: "passCallerSignal", data: { signal: "signal" }, output: inAsync("return fetch(url, { signal });", "url: string, signal: AbortSignal") },
              { messageId: "passTimeoutSignal", output: inAsync(`return fetch(url, { signal: ${timeout} });`, "url: string, signal: AbortSignal") },
              { messageId: "passCallerDeadline", output: timeoutSignalImport + inAsync("return fetch(url, { signal: timeoutSignal(30_000, signal) });", "url: string, signal: AbortSignal") },
            ],
          },
        ],
      },
      {
        code: inAsync("return fetch(url);", "url: string, options?: { signal?: AbortSignal }"),
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [
              { messageId: "passCallerSignal", output: inAsync("return fetch(url, { signal: options?.signal });", "url: string, options?: { signal?: AbortSignal }") },
              { messageId: "passTimeoutSignal", output: inAsync(`return fetch(url, { signal: ${timeout} });`, "url: string, options?: { signal?: AbortSignal }") },
              {
                messageId: "passCallerDeadline",
                output: timeoutSignalImport + inAsync("return fetch(url, { signal: timeoutSignal(30_000, options?.signal) });", "url: string, options?: { signal?: AbortSignal }"),
              },
            ],
          },
        ],
      },
      {
        code: `import { withTimeout } from "@corral/runtime";\n${inAsync("return withTimeout(1000, (deadline) => fetch(url));", "url: string")}`,
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [
              { messageId: "passCallerSignal", output: `import { withTimeout } from "@corral/runtime";\n${inAsync("return withTimeout(1000, (deadline) => fetch(url, { signal: deadline }));", "url: string")}` },
              { messageId: "passTimeoutSignal", output: `import { withTimeout } from "@corral/runtime";\n${inAsync(`return withTimeout(1000, (deadline) => fetch(url, { signal: ${timeout} }));`, "url: string")}` },
              {
                messageId: "passCallerDeadline",
                output: `import { withTimeout, timeoutSignal } from "@corral/runtime";\n${inAsync("return withTimeout(1000, (deadline) => fetch(url, { signal: timeoutSignal(30_000, deadline) }));", "url: string")}`,
              },
            ],
          },
        ],
      },
      {
        code: inAsync("const pending = fetch(url);\n  await other;\n  return await pending;", "url: string, other: Promise<void>"),
        errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`const pending = fetch(url, { signal: ${timeout} });\n  await other;\n  return await pending;`, "url: string, other: Promise<void>") }] }],
      },
      {
        code: inAsync("const text = await globalThis.fetch(url).then((response) => response.text());", "url: string"),
        errors: [{ messageId: "fetchWithoutSignal", data: { callee: "globalThis.fetch" }, suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`const text = await globalThis.fetch(url, { signal: ${timeout} }).then((response) => response.text());`, "url: string") }] }],
      },
      {
        code: inAsync("await Promise.race([fetch(a), fetch(b)]);", "a: string, b: string"),
        errors: [
          { messageId: "fetchWithoutSignal", column: 23, suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await Promise.race([fetch(a, { signal: ${timeout} }), fetch(b)]);`, "a: string, b: string") }] },
          { messageId: "fetchWithoutSignal", column: 33, suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await Promise.race([fetch(a), fetch(b, { signal: ${timeout} })]);`, "a: string, b: string") }] },
        ],
      },
      {
        code: inAsync("return Promise.all(urls.map((url) => fetch(url)));", "urls: string[]"),
        options: [{ timeoutMs: 5000 }],
        errors: [{ messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", data: { timeout: "5000" }, output: inAsync("return Promise.all(urls.map((url) => fetch(url, { signal: AbortSignal.timeout(5000) })));", "urls: string[]") }] }],
      },
      {
        code: `${declareLoad}\n${inAsync("await load(id);", "id: string")}`,
        errors: [{ messageId: "signalNotPassed", data: { callee: "load" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${declareLoad}\n${inAsync(`await load(id, { signal: ${timeout} });`, "id: string")}` }] }],
      },
      {
        code: `${declareRead}\n${inAsync("return read(id, undefined);", "id: string, signal: AbortSignal")}`,
        errors: [
          {
            messageId: "signalNotPassed",
            suggestions: [
              { messageId: "passCallerSignal", output: `${declareRead}\n${inAsync("return read(id, signal);", "id: string, signal: AbortSignal")}` },
              { messageId: "passTimeoutSignal", output: `${declareRead}\n${inAsync(`return read(id, ${timeout});`, "id: string, signal: AbortSignal")}` },
              { messageId: "passCallerDeadline", output: `${timeoutSignalImport}${declareRead}\n${inAsync("return read(id, timeoutSignal(30_000, signal));", "id: string, signal: AbortSignal")}` },
            ],
          },
        ],
      },
      {
        code: `interface Row { id: number }\ndeclare class Client { query(sql: string, options?: { signal?: AbortSignal; retries?: number }): Promise<Row[]> }\n${inAsync("return client.query(sql, { retries: 2 });", "client: Client, sql: string")}`,
        errors: [
          {
            messageId: "signalNotPassed",
            data: { callee: "client.query" },
            suggestions: [{ messageId: "passTimeoutSignal", output: `interface Row { id: number }\ndeclare class Client { query(sql: string, options?: { signal?: AbortSignal; retries?: number }): Promise<Row[]> }\n${inAsync(`return client.query(sql, { retries: 2, signal: ${timeout} });`, "client: Client, sql: string")}` }],
          },
        ],
      },
      {
        code: `${declareLoad}\nexport async function* run(ids: string[]) { for (const id of ids) yield load(id); }`,
        errors: [{ messageId: "signalNotPassed", suggestions: [{ messageId: "passTimeoutSignal", output: `${declareLoad}\nexport async function* run(ids: string[]) { for (const id of ids) yield load(id, { signal: ${timeout} }); }` }] }],
      },
    ],
  });
}

runFetchCases("node");
runFetchCases("dom");

const http = 'import http from "node:http";\nimport * as https from "node:https";\n';
const net = 'import net from "node:net";\nimport { connect } from "node:tls";\n';
const events = 'import { EventEmitter, once } from "node:events";\nimport * as eventsModule from "events";\n';
// The fixture maps @corral/runtime to this repository's sources through `paths`: outside
// node_modules, as a linked or workspace install is. The runtime is still a dependency.
const runtimeCalls = 'import { map, mapSettled, type Semaphore } from "@corral/runtime";\nexport async function run(items: string[], semaphore: Semaphore) {\n  await map(items, async (item) => item, { concurrency: 8 });\n  await mapSettled(items, async (item) => item, { concurrency: 8 });\n  await semaphore.acquire();\n}';

/** queryFunction is the project's own query, which a caller may give a signal. */
const queryFunction = "async function query(sql: string, options?: { signal?: AbortSignal }): Promise<number> {\n  return options?.signal?.aborted ? 0 : sql.length;\n}\n";

/** connection is an interface whose method takes a signal, implemented by `classes`. */
function connection(...classes: string[]): string {
  return `interface Connection {\n  executeQuery(sql: string, options?: { signal?: AbortSignal }): Promise<number>;\n}\n${classes.join("")}export async function begin(connection: Connection) {\n  await connection.executeQuery("begin");\n}`;
}

const droppingConnection = "class LocalConnection implements Connection {\n  async executeQuery(sql: string): Promise<number> { return sql.length; }\n}\n";
const readingConnection = "class RemoteConnection implements Connection {\n  async executeQuery(sql: string, options?: { signal?: AbortSignal }): Promise<number> { return options?.signal ? 0 : sql.length; }\n}\n";

tester("node").run("require-timeout (the project's own functions that take a signal)", rule, {
  valid: [
    // The code split off the path that has no signal, and passes it on the other.
    `${queryFunction}export async function run(sql: string, signal?: AbortSignal) {\n  if (!signal) {\n    return query(sql);\n  }\n  return query(sql, { signal });\n}`,
    `${queryFunction}export async function run(sql: string, options?: { signal?: AbortSignal }) {\n  return options?.signal ? query(sql, { signal: options.signal }) : query(sql);\n}`,
    // Every implementation of the interface (or abstract method) drops the signal: passing one would cancel nothing.
    connection(droppingConnection),
    `abstract class Base {\n  abstract executeQuery(sql: string, options?: { signal?: AbortSignal }): Promise<number>;\n}\nclass Local extends Base {\n  async executeQuery(sql: string): Promise<number> { return sql.length; }\n}\nexport async function begin(base: Base) {\n  await base.executeQuery("begin");\n}`,
  ],
  invalid: [
    // Its TRUE neighbours: one implementation reads the signal; a branch that tests something else.
    {
      code: connection(droppingConnection, readingConnection),
      errors: [{ messageId: "signalNotPassed", line: 11, suggestions: [{ messageId: "passTimeoutSignal", output: connection(droppingConnection, readingConnection).replace('"begin")', `"begin", { signal: ${timeout} })`) }] }],
    },
    {
      code: `${queryFunction}export async function run(sql: string) {\n  if (!sql) {\n    return query(sql);\n  }\n  return 0;\n}`,
      errors: [{ messageId: "signalNotPassed", line: 6, suggestions: [{ messageId: "passTimeoutSignal", output: `${queryFunction}export async function run(sql: string) {\n  if (!sql) {\n    return query(sql, { signal: ${timeout} });\n  }\n  return 0;\n}` }] }],
    },
  ],
});

tester("node").run("require-timeout (node:http, net, events, undici, dependencies)", rule, {
  valid: [
    `${http}export function run(url: string, onResponse: (response: http.IncomingMessage) => void) {\n  http.get(url, { timeout: 5000 }, onResponse);\n  https.request({ host: "x", signal: AbortSignal.timeout(5000) });\n}`,
    `${http}export function run(url: string, options: http.RequestOptions) {\n  http.request(url, options).end();\n}`,
    `${http}export function run(url: string) {\n  const request = http.request(url);\n  request.setTimeout(5000);\n  request.end();\n}`,
    `${http}export function run(url: string) {\n  http.get(url, () => {}).on("error", () => {}).setTimeout(5000);\n}`,
    `${net}export function run(port: number, host: string) {\n  net.connect({ port, host, timeout: 5000 });\n  net.createConnection(port, host).setTimeout(5000);\n  connect({ port, signal: AbortSignal.timeout(5000) });\n}`,
    // A socket handed to the caller gets its timeout there (\`socket.setTimeout(connectTimeout)\`).
    `${net}export function open(port: number) {\n  return connect({ port });\n}\nexport class Connector {\n  stream?: net.Socket;\n  open(port: number) { this.stream = net.connect(port); }\n}`,
    `${events}export async function run(emitter: EventEmitter, signal: AbortSignal) {\n  await once(emitter, "ready", { signal });\n  await EventEmitter.once(emitter, "ready", { signal });\n  emitter.once("ready", () => {});\n  once(emitter, "ready");\n}`,
    'declare const client: { get(key: string): string };\nexport function run() { return client.get("k"); }',
    // An fs stream's events come from the local disk, which ends in the event or an 'error'.
    'import { once } from "node:events";\nimport { createReadStream, createWriteStream } from "node:fs";\nexport async function save(text: string) {\n  const stream = createWriteStream("out.txt");\n  stream.end(text);\n  await once(stream, "finish");\n  await once(createReadStream("in.txt"), "open");\n}',
    'import { request } from "undici";\nexport async function run(url: string, signal: AbortSignal) { return request(url, { signal }); }',
    'import { setTimeout as sleep } from "node:timers/promises";\nimport { readFile } from "node:fs/promises";\nexport async function run() { await sleep(100); return readFile("x"); }',
    'import { pipeline } from "node:stream/promises";\nimport type { Readable, Writable } from "node:stream";\nexport async function run(from: Readable, to: Writable) { await pipeline(from, to); }',
    {
      code: 'import { setTimeout as sleep } from "node:timers/promises";\nimport { readFile } from "node:fs/promises";\nexport async function run() { await sleep(100); return readFile("x"); }',
      options: [{ checkDependencies: true }],
    },
    runtimeCalls,
  ],
  invalid: [
    {
      code: `${http}export function run(url: string, onResponse: (response: http.IncomingMessage) => void) {\n  http.get(url, onResponse);\n}`,
      errors: [
        {
          messageId: "nodeRequestWithoutTimeout",
          data: { callee: "http.get" },
          suggestions: [{ messageId: "passTimeoutSignal", output: `${http}export function run(url: string, onResponse: (response: http.IncomingMessage) => void) {\n  http.get(url, { signal: ${timeout} }, onResponse);\n}` }],
        },
      ],
    },
    {
      code: `${http}export function run(signal: AbortSignal) {\n  https.request({ host: "x" }).end();\n}`,
      errors: [
        {
          messageId: "nodeRequestWithoutTimeout",
          suggestions: [
            { messageId: "passCallerSignal", output: `${http}export function run(signal: AbortSignal) {\n  https.request({ host: "x", signal }).end();\n}` },
            { messageId: "passTimeoutSignal", output: `${http}export function run(signal: AbortSignal) {\n  https.request({ host: "x", signal: ${timeout} }).end();\n}` },
            {
              messageId: "passCallerDeadline",
              output: `${http.replace(/\n$/, "")}\nimport { timeoutSignal } from "@corral/runtime";\nexport function run(signal: AbortSignal) {\n  https.request({ host: "x", signal: timeoutSignal(30_000, signal) }).end();\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${http}export function run(options: { host: string }) {\n  return new Promise((resolve) => http.request(options, resolve).end());\n}`,
      errors: [{ messageId: "nodeRequestWithoutTimeout", suggestions: [] }],
    },
    {
      code: 'import { get } from "node:http";\nexport function run(url: string | URL, options: { host?: string }) {\n  get(url, options);\n}',
      errors: [
        {
          messageId: "nodeRequestWithoutTimeout",
          data: { callee: "get" },
          suggestions: [{ messageId: "passTimeoutSignal", output: `import { get } from "node:http";\nexport function run(url: string | URL, options: { host?: string }) {\n  get(url, { ...options, signal: ${timeout} });\n}` }],
        },
      ],
    },
    {
      code: `${net}export function run(port: number) {\n  const socket = net.connect(port, "x");\n  socket.end();\n  connect({ port }).end();\n}`,
      errors: [
        { messageId: "socketWithoutTimeout", data: { callee: "net.connect" }, suggestions: [] },
        { messageId: "socketWithoutTimeout", data: { callee: "connect" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${net}export function run(port: number) {\n  const socket = net.connect(port, "x");\n  socket.end();\n  connect({ port, signal: ${timeout} }).end();\n}` }] },
      ],
    },
    {
      code: `${events}export async function run(emitter: EventEmitter) {\n  await once(emitter, "ready");\n  return eventsModule.once(emitter, "close");\n}`,
      errors: [
        { messageId: "onceWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: `${events}export async function run(emitter: EventEmitter) {\n  await once(emitter, "ready", { signal: ${timeout} });\n  return eventsModule.once(emitter, "close");\n}` }] },
        { messageId: "onceWithoutSignal", data: { callee: "eventsModule.once" }, suggestions: [{ messageId: "passTimeoutSignal", output: `${events}export async function run(emitter: EventEmitter) {\n  await once(emitter, "ready");\n  return eventsModule.once(emitter, "close", { signal: ${timeout} });\n}` }] },
      ],
    },
    {
      code: 'import { fetch as get, request } from "undici";\nexport async function run(url: string) { await get(url); return request(url, { method: "GET" }); }',
      errors: [
        { messageId: "fetchWithoutSignal", data: { callee: "get" }, suggestions: [{ messageId: "passTimeoutSignal", output: `import { fetch as get, request } from "undici";\nexport async function run(url: string) { await get(url, { signal: ${timeout} }); return request(url, { method: "GET" }); }` }] },
        { messageId: "fetchWithoutSignal", data: { callee: "request" }, suggestions: [{ messageId: "passTimeoutSignal", output: `import { fetch as get, request } from "undici";\nexport async function run(url: string) { await get(url); return request(url, { method: "GET", signal: ${timeout} }); }` }] },
      ],
    },
    {
      // map and mapSettled wait only for the work they run, which is checked where it is written.
      code: runtimeCalls,
      options: [{ checkDependencies: true }],
      errors: [{ messageId: "signalNotPassed", data: { callee: "semaphore.acquire" }, suggestions: [] }],
    },
    {
      // A call that resolves with a Node stream still being received: the signal governs the body too.
      code: 'import type { Readable } from "node:stream";\ndeclare function download(key: string, options?: { signal?: AbortSignal }): Promise<{ Body: Readable; size: number }>;\nexport async function run(key: string) { return download(key); }',
      errors: [{ messageId: "signalNotPassed", suggestions: [] }],
    },
    // An upload whose body may be a stream (a web ReadableStream, or an async iterable of chunks)
    // lasts as long as its source produces data: no fixed deadline is suggested. Its neighbour with a
    // string body gets one (above).
    ...["ReadableStream<Uint8Array>", "AsyncIterable<Uint8Array> | string"].map((type) => ({
      code: `export async function upload(url: string, source: ${type}) {\n  const response = await fetch(url, { method: "PUT", body: source, duplex: "half" });\n  return response.status;\n}`,
      errors: [{ messageId: "fetchWithoutSignal" as const, suggestions: [] }],
    })),
    {
      code: 'import { pipeline } from "node:stream/promises";\nimport type { Readable, Writable } from "node:stream";\nexport async function run(from: Readable, to: Writable) { await pipeline(from, to); }',
      options: [{ checkDependencies: true }],
      errors: [
        {
          messageId: "signalNotPassed",
          // A stream copy lasts as long as its data takes: no fixed deadline is suggested.
          suggestions: [],
        },
      ],
    },
  ],
});

for (const fixture of ["node", "dom"] as const) {
  tester(fixture).run(`require-timeout (${fixture}, TSX and odd syntax)`, rule, {
    valid: [
      {
        filename: "react.tsx",
        code: "export async function Profile({ signal }: { signal: AbortSignal }) {\n  const response = await fetch(\"/me\", { signal });\n  return <p>{response.status}</p>;\n}",
      },
      `${declareLoad}
export class Store {
  static #cache = new Map<string, Promise<string>>();
  field = async () => await globalThis.fetch?.("/x", { signal: AbortSignal.timeout(1) });
  @logged method() { return 1; }
}
declare function logged(target: unknown, context: ClassMethodDecoratorContext): void;
export function* ids() { yield 1; }
export async function run(client?: { load?: typeof load }) {
  outer: for (const id of ["a"]) { if (id) break outer; }
  const self = (() => self)();
  await client?.load?.("a", { signal: AbortSignal.timeout(1) });
  await (0, fetch)("/x", { signal: AbortSignal.timeout(1) });
  await fetch\`tagged\`;
  return new (class { async go() { return this; } })().go();
}`,
      inAsync("const pending = other || pending;\n  await pending;", "other: Promise<void>"),
    ],
    invalid: [
      {
        filename: "react.tsx",
        code: "export async function Profile() {\n  const response = await fetch(\"/me\");\n  return <p>{response.status}</p>;\n}",
        errors: [
          {
            messageId: "fetchWithoutSignal",
            suggestions: [
              {
                messageId: "passTimeoutSignal",
                output: `export async function Profile() {\n  const response = await fetch("/me", { signal: ${timeout} });\n  return <p>{response.status}</p>;\n}`,
              },
            ],
          },
        ],
      },
      {
        code: inAsync("await fetch?.(url)!;\n  return globalThis[\"fetch\"](url);", "url: string"),
        errors: [
          { messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch?.(url, { signal: ${timeout} })!;\n  return globalThis["fetch"](url);`, "url: string") }] },
          { messageId: "fetchWithoutSignal", suggestions: [{ messageId: "passTimeoutSignal", output: inAsync(`await fetch?.(url)!;\n  return globalThis["fetch"](url, { signal: ${timeout} });`, "url: string") }] },
        ],
      },
    ],
  });
}

// C05 reported once, with its suggestion; C23, C24 and every other anchor left alone.
for (const directoryName of ["conformance", "conformance-dom"]) {
  const directory = fileURLToPath(new URL(`./fixtures/${directoryName}/`, import.meta.url));
  const source = readFileSync(`${directory}anchor-cases.ts`, "utf8");
  const c05 = "await fetch('https://x');";
  const line = source.split("\n").findIndex((text) => text.includes(`${c05} `)) + 1;
  tester(directory).run(`require-timeout (anchor cases, ${directoryName})`, rule, {
    valid: [],
    invalid: [
      {
        filename: "anchor-cases.ts",
        code: source,
        errors: [
          {
            messageId: "fetchWithoutSignal",
            line,
            suggestions: [{ messageId: "passTimeoutSignal", output: source.replace(c05, `await fetch('https://x', { signal: ${timeout} });`) }],
          },
        ],
      },
    ],
  });
}
