// Typed RuleTester cases for corral/no-unbounded-concurrency, run under Node typings and DOM-only
// typings: fan-out over a collection whose size is only known at run time is reported on the
// collection argument; fixed-size and limiter-bounded fan-out is not.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { InvalidTestCase, ValidTestCase } from "@typescript-eslint/rule-tester";
import rule, { type MessageIds, type Options, strictOptions } from "../../rules/no-unbounded-concurrency.js";
import { createRuleTester, type Fixture } from "./rule-tester.js";

const declarations = `declare const items: string[];
declare function fetchIt(item: string): Promise<string>;
`;

/** inFunction wraps statements in an exported async function after the shared declarations. */
function inFunction(body: string, preamble = ""): string {
  return `${preamble}${declarations}export async function run(): Promise<unknown> {\n${body}\n}\n`;
}

/** shards is a class keeping one Shard (a network client) per cluster node, running `body` in its async `refresh`. */
function shards(body: string): string {
  return `declare function fetchIt(item: string): Promise<string>;
class Shard {
  constructor(readonly node: string) {}
  start() { return fetchIt(this.node); }
}
export class Cluster {
  private nodes: string[] = [];
  private slots = new Map<string, number[]>();
  private shards = new Map<string, Shard>();
  private shard = new Shard("primary");
  async refresh(): Promise<void> {
    ${body}
  }
}`;
}

const loginDeclarations =
  "declare const Login: { findAll(o: { where: Record<string, unknown> }): Promise<{ provider: string }[]> };\ndeclare const userId: string;\ndeclare const user: { id: number };\ndeclare const userIds: string[];\n";

const jobDeclarations = "declare interface Job { url: string; done: Promise<void>; start(): Promise<void>; client: { fetchIt(url: string): Promise<string> } }\ndeclare const jobs: Job[];\ndeclare const started: Job;\n";

const runtimeImport = 'import { map } from "@corral/runtime";\n';

/**
 * rewrittenCode is `code` after the boundWithRuntimeMap suggestion: `from` replaced by `to`, `map`
 * imported after the last package import, or before the first import where all are relative.
 */
function rewrittenCode(code: string, from: string, to: string): string {
  const lines = code.replace(from, to).split("\n");
  const lastPackage = lines.findLastIndex((line) => line.startsWith("import ") && !/from "\.\.?\//.test(line));
  const at = lastPackage >= 0 ? lastPackage + 1 : Math.max(0, lines.findIndex((line) => line.startsWith("import ")));
  lines.splice(at, 0, runtimeImport.trimEnd());
  return lines.join("\n");
}

// Loops that await between pushes: paced, so only the strict options report them.
const pacedLoops = [
  "for (const item of items) {\n  const body = await fetchIt(item);\n  tasks.push(fetchIt(body));\n}",
  "for await (const item of stream) tasks.push(fetchIt(item));",
  "while (await more()) tasks.push(fetchIt('x'));",
].map((loop) =>
  inFunction(`const tasks: Promise<string>[] = [];\n${loop}\nreturn Promise.allSettled(tasks);`, "declare const stream: AsyncIterable<string>;\ndeclare function more(): Promise<boolean>;\n"),
);

const pooled = 'import type { PooledClient } from "./pooled-client.js";\ndeclare const db: PooledClient;\n';
const cappedQuery = inFunction(
  "const rows = await query({ where: { expired: true }, limit });\nawait Promise.all(rows.map((row) => db.query(row)));",
  `${pooled}declare function query(o: { where: object; limit: number }): Promise<string[]>;\ndeclare const limit: number;\n`,
);
/** pagedRequests fetches once per row of a query given the `options` written (`limit: request.limit`). */
function pagedRequests(options: string): string {
  return inFunction(
    `const rows = await Row.findAll({ where: { archived: false }, ${options} });\nreturn Promise.all(rows.map((row) => fetchIt(row)));`,
    "declare const Row: { findAll(o: { where: object; limit?: number; orderBy?: string }): Promise<string[]> };\ndeclare const request: { limit: number };\n",
  );
}

const valid: (string | ValidTestCase<Options>)[] = [
  ...pacedLoops,
  // Fixed-size collections: array literals, tuples, `as const`, constant arrays never grown.
  inFunction('return Promise.all([fetchIt("a"), fetchIt("b")]);'),
  inFunction('return Promise.all(["a", "b"].map(fetchIt));'),
  inFunction("return Promise.all(pair.map(fetchIt));", "declare const pair: [string, string];\n"),
  inFunction('const regions = ["eu", "us"] as const;\nreturn Promise.all(regions.map(fetchIt));'),
  inFunction('const regions = ["eu", "us"];\nreturn Promise.all(regions.map((region) => fetchIt(region)));'),
  inFunction("return Promise.all(Array.from({ length: 4 }, () => fetchIt('x')));"),
  inFunction("const workers = 4;\nreturn Promise.all(Array.from({ length: workers }, () => fetchIt('x')));"),
  // The batch idiom: each Promise.all waits on a slice of a fixed size.
  inFunction("for (let index = 0; index < items.length; index += 10) {\n  await Promise.all(items.slice(index, index + 10).map(fetchIt));\n}"),
  inFunction("for (let index = 0; index < items.length; index += 10) {\n  const batch = items.slice(index, index + 10);\n  await Promise.allSettled(batch.map(fetchIt));\n}"),
  // Nothing is started: the mapped values are not promises.
  inFunction("return Promise.all(items.map((item) => item.length));"),
  inFunction("return Promise.all(anything.map(fetchIt));", "declare const anything: any;\n"),
  // Bounded by a limiter in the callback.
  inFunction("const limit = pLimit(4);\nreturn Promise.all(items.map((item) => limit(() => fetchIt(item))));", 'import pLimit from "p-limit";\n'),
  inFunction("const queue = new PQueue({ concurrency: 4 });\nreturn Promise.all(items.map((item) => queue.add(() => fetchIt(item))));", 'import PQueue from "p-queue";\n'),
  inFunction(
    "const sema = new Sema(4);\nreturn Promise.all(items.map(async (item) => {\n  await sema.acquire();\n  try { return await fetchIt(item); } finally { sema.release(); }\n}));",
    'import { Sema } from "async-sema";\n',
  ),
  inFunction(
    "const limiter = new Bottleneck({ maxConcurrent: 4 });\nreturn Promise.all(items.map((item) => limiter.schedule(() => fetchIt(item))));",
    'import Bottleneck from "bottleneck";\n',
  ),
  inFunction(
    "const limiter = new Bottleneck({ maxConcurrent: 4 });\nconst limited = limiter.wrap(fetchIt);\nreturn Promise.all(items.map(limited));",
    'import Bottleneck from "bottleneck";\n',
  ),
  inFunction(
    "return Promise.all(groups.map((group) => boundedMap(group, fetchIt, { concurrency: 2 })));",
    'import { map as boundedMap } from "@corral/runtime";\ndeclare const groups: string[][];\n',
  ),
  { code: inFunction("return Promise.all(items.map((item) => throttle(() => fetchIt(item))));", "declare function throttle<T>(task: () => T): T;\n"), options: [{ limiters: ["throttle"] }] },
  inFunction("const semaphore = new Semaphore(4);\nreturn Promise.all(items.map((item) => semaphore.run(() => fetchIt(item))));", 'import { Semaphore } from "@corral/runtime";\n'),
  inFunction("const pool = new WorkerPool(fetchIt, { workers: 4 });\nreturn Promise.all(items.map((item) => pool.submit(item)));", 'import { WorkerPool } from "@corral/runtime";\n'),
  // p-map and p-all take a concurrency option; they are not Promise.all.
  inFunction("return pMap(items, fetchIt, { concurrency: 4 });", 'import pMap from "p-map";\n'),
  // Promises started elsewhere and handed in: the fan-out, if any, is where they were started.
  "export function settle(tasks: Promise<string>[]) { return Promise.all(tasks); }",
  inFunction("return Promise.all(jobs.map((job) => job.done));", "declare const jobs: { done: Promise<void> }[];\n"),
  // Reading one promise that already exists, once per item, starts nothing (this was an invalid
  // case: the callback starts no task, so the rule no longer reports it).
  inFunction("return Promise.race(jobs.map((job) => started.done));", jobDeclarations),
  inFunction("return Promise.race(jobs.map(function (job) { return job.steps?.[0]! as Promise<void>; }));", "declare const jobs: { steps?: Promise<void>[] }[];\n"),
  // Push loops that are not unbounded fan-out.
  inFunction("const lengths: number[] = [];\nfor (const item of items) lengths.push(item.length);\nreturn Promise.all(lengths);"),
  inFunction(
    "let tasks: Promise<string>[] = [];\nfor (const item of items) {\n  tasks.push(fetchIt(item));\n  if (tasks.length >= 10) { await Promise.all(tasks); tasks = []; }\n}",
  ),
  inFunction("const tasks: Promise<string>[] = [];\nawait Promise.all(tasks);\nfor (const item of items) tasks.push(fetchIt(item));"),
  inFunction("for (const item of items) {\n  const tasks: Promise<string>[] = [];\n  tasks.push(fetchIt(item));\n  await Promise.all(tasks);\n}"),
  inFunction("const tasks: Promise<string>[] = [];\nemitter.on('item', (item: string) => tasks.push(fetchIt(item)));\nreturn Promise.all(tasks);", "declare const emitter: { on(name: string, listener: (item: string) => void): void };\n"),
  inFunction(
    "const tasks: Promise<string>[] = [];\nfor (const item of items) {\n  await semaphore.acquire();\n  tasks.push(fetchIt(item).finally(() => semaphore.release()));\n}\nreturn Promise.all(tasks);",
    "declare const semaphore: { acquire(): Promise<void>; release(): void };\n",
  ),
  // Real-code shapes that are bounded or run nothing at once (issue #9).
  // A fixed set: the keys of an enum or constant object, arrays of a written length.
  inFunction("return Promise.all(Object.values(Region).map((region) => fetchIt(region)));", 'enum Region { Eu = "eu", Us = "us" }\n'),
  inFunction("return Promise.all(Object.keys(limits).map(fetchIt));", "const limits = { eu: 1, us: 2 } as const;\n"),
  inFunction("return Promise.all([...Array(5)].map(() => fetchIt('x')));"),
  inFunction("return Promise.all(Array(6).fill(undefined).map(() => fetchIt('x')));"),
  inFunction("return Promise.all(Array(Math.min(count, 100)).fill(0).map(() => fetchIt('x')));", "declare const count: number;\n"),
  // A batch: the loop variable of a chunked loop, the parameter of a batch iterator's callback.
  inFunction("for (const batch of chunk(items, 10)) await Promise.all(batch.map(fetchIt));", "declare function chunk<T>(xs: T[], size: number): T[][];\n"),
  inFunction("const batches = chunk(items, 10);\nfor (const batch of batches) await Promise.all(batch.map(fetchIt));", "declare function chunk<T>(xs: T[], size: number): T[][];\n"),
  inFunction(
    "await findAllInBatches({ batchLimit: 100 }, async (rows) => { await Promise.all(rows.map(fetchIt)); });",
    "declare function findAllInBatches(options: { batchLimit: number }, each: (rows: string[]) => Promise<void>): Promise<void>;\n",
  ),
  // A page: the rows of a query given a limit and an offset, also destructured or regrouped.
  inFunction("const rows = await query({ offset, limit: 25 });\nreturn Promise.all(rows.map(fetchIt));", "declare function query(o: { offset: number; limit: number }): Promise<string[]>;\ndeclare const offset: number;\n"),
  inFunction(
    "const [total, rows] = await Promise.all([count(), query({ offset, limit: 25 })]);\nreturn [total, await Promise.all(uniq(rows.filter(Boolean)).map(fetchIt))];",
    "declare function query(o: { offset: number; limit: number }): Promise<string[]>;\ndeclare function count(): Promise<number>;\ndeclare function uniq<T>(xs: T[]): T[];\ndeclare const offset: number;\n",
  ),
  inFunction(
    "const { results } = await search({ offset, limit: 25 });\nconst shown = [...(ok ? ['first'] : []), ...results.filter(Boolean)];\nreturn Promise.all(shown.map(fetchIt));",
    "declare function search(o: { offset: number; limit: number }): Promise<{ results: string[] }>;\ndeclare const offset: number;\ndeclare const ok: boolean;\n",
  ),
  inFunction("const created = await Promise.all(Array(3).fill(0).map(() => fetchIt('x')));\nreturn Promise.all(created.map(fetchIt));"),
  // Tasks that wait on no I/O: an async callback that only collects, a recursive walk in memory.
  inFunction("const entries: string[] = [];\nawait Promise.all(items.map(async (item) => { entries.push(item); }));\nreturn entries;"),
  inFunction(
    "type Node = { id: string; children: Node[] };\nconst strip = async (nodes: Node[]): Promise<Node[]> => Promise.all(nodes.map(async (node) => ({ ...node, children: await strip(node.children) })));\nreturn strip(tree);",
    "declare const tree: { id: string; children: never[] }[];\n",
  ),
  // Tasks queued on one transaction's connection.
  inFunction("return Promise.all(rows.map((row) => row.destroy({ transaction })));", "declare const rows: { destroy(o: { transaction: unknown }): Promise<void> }[];\ndeclare const transaction: unknown;\n"),
  // The object's own resources: its clients, providers or child processes, one task each.
  "declare function fetchIt(item: string): Promise<string>;\ninterface Provider { search(query: string): Promise<string[]> }\nexport class Registry {\n  private providers: Provider[] = [];\n  private getProviders() { return this.providers; }\n  search(query: string) { return Promise.all(this.getProviders().map((provider) => provider.search(query))); }\n  close() { const all: Promise<string>[] = []; for (const provider of this.providers) all.push(fetchIt(String(provider))); return Promise.all(all); }\n}",
  // One resource per element of a collection the object holds (the nodes of its cluster), created
  // or looked up in its own registry by the loop or callback.
  shards(
    "const started: Promise<string>[] = [];\n    for (const [node] of this.slots) {\n      const existing = this.shards.get(node);\n      if (existing) { started.push(existing.start()); continue; }\n      const shard = new Shard(node);\n      this.shards.set(node, shard);\n      started.push(shard.start());\n    }\n    await Promise.all(started);",
  ),
  shards("await Promise.all(this.nodes.map((node) => { const shard = new Shard(node); return shard.start(); }));"),
  // recommended: the rows of one record's relation (a user's sign-ins), usually few.
  inFunction("const logins = await Login.findAll({ where: { userId } });\nreturn Promise.all(logins.map((login) => fetchIt(login.provider)));", loginDeclarations),
  inFunction("const logins = await Login.findAll({ where: { user_id: user.id, active: true } });\nreturn Promise.all(logins.map((login) => fetchIt(login.provider)));", loginDeclarations),
  // recommended: the rows of a query capped with a limit (a page size a schema validates, a task's
  // batch), whatever the tasks reach (issue #14: judged bounded).
  cappedQuery,
  pagedRequests("limit: request.limit"),
  pagedRequests("take: 100"),
  // recommended: tasks that reach no network API, only a client with a pool of its own.
  inFunction("return Promise.all(items.map((id) => db.query(id)));", 'import type { PooledClient } from "./pooled-client.js";\ndeclare const db: PooledClient;\n'),
  // Not a Promise combinator, or not over a collection.
  inFunction("return Promise.resolve(items.map(fetchIt));"),
  inFunction("items.map(async (item) => fetchIt(item));\nreturn Promise.all([]);"),
  // Robustness: odd but valid syntax.
  inFunction("return Promise.all();"),
  inFunction("const lists: Promise<string>[][] = [];\nreturn Promise.all(...lists);"),
  inFunction("outer: for (const item of items) { if (!item) continue outer; await Promise.race([fetchIt(item)]); }"),
  "function* gen() { yield Promise.all([]); }\nexport const generator = gen;",
  "declare function logged(target: unknown, context: ClassMethodDecoratorContext): void;\nexport class Service {\n  #pending = Promise.all([]);\n  @logged async run() { return this.#pending; }\n}",
  { code: "export const View = () => <p>{String(Promise.all([]))}</p>;", filename: "react.tsx" },
  "export const all = Promise.all;\nexport const other = (Promise as PromiseConstructor)['all']([]);",
];

const boundedRace = "start them through an `ErrGroup({ limit })` from @corral/runtime";
/** boundedPushes is the remedy the message names for a loop of pushes. */
function boundedPushes(method: string): string {
  return `start them with \`${method === "all" ? "map" : "mapSettled"}(source, fn, { concurrency })\` from @corral/runtime, not a loop`;
}

/** fix is the remedy the message names for a method over a collection. */
function fix(method: string, collection: string): string {
  if (method === "race" || method === "any") return boundedRace;
  return `use \`${method === "all" ? "map" : "mapSettled"}(${collection}, fn, { concurrency })\` from @corral/runtime`;
}

/** reported is an error without suggestions, with the method, collection and fix the message names. */
function reported(messageId: MessageIds, method: string, collection: string): InvalidTestCase<MessageIds, Options>["errors"][number] {
  return { messageId, data: { method, collection, fix: messageId === "unboundedPushLoop" ? boundedPushes(method) : fix(method, collection) }, suggestions: [] };
}

/** rewritten is `error` with its one rewrite suggestion, which turns the code into `output`. */
function rewritten(
  error: InvalidTestCase<MessageIds, Options>["errors"][number],
  output: string,
  replacement = "map",
  suggestion: MessageIds = "boundWithRuntimeMap",
): InvalidTestCase<MessageIds, Options>["errors"][number] {
  const collection = String((error.data as { collection: string }).collection);
  return { ...error, suggestions: [{ messageId: suggestion, data: { replacement, collection, concurrency: 8 }, output }] };
}

/** suggested is an `unboundedMap` error whose one suggestion rewrites the code to `output`. */
function suggested(collection: string, output: string, replacement = "map", method = "all"): InvalidTestCase<MessageIds, Options>["errors"][number] {
  return {
    messageId: "unboundedMap",
    data: { method, collection, fix: fix(method, collection) },
    suggestions: [{ messageId: "boundWithRuntimeMap", data: { replacement, collection, concurrency: 8 }, output }],
  };
}

const providerFanOut = inFunction(
  "return Promise.all(symbols.map((symbol) => provider.profile(symbol)));",
  "interface Provider { profile(symbol: string): Promise<string> }\nclass HttpProvider implements Provider { async profile(symbol: string) { return (await fetch(`/p/${symbol}`, { signal: AbortSignal.timeout(1000) })).text(); } }\nconst provider: Provider = new HttpProvider();\ndeclare const symbols: string[];\n",
);
const pooledFanOut = inFunction("return Promise.all(items.map((id) => db.query(id)));", pooled);

const signalDeclarations =
  "declare function getProduct(id: string, options?: { signal?: AbortSignal; timeout?: number }): Promise<string>;\n" +
  "declare function getPage(id: string, signal?: AbortSignal): Promise<string>;\n" +
  "declare function send(command: { id: string }, options?: { abortSignal?: AbortSignal; requestTimeout?: number }): Promise<string>;\n" +
  "declare function getRegional(id: string, options?: { signal?: AbortSignal; region: string }): Promise<string>;\n" +
  "declare function retry<T>(task: () => Promise<T>): Promise<T>;\n" +
  "declare const controller: AbortController;\n" +
  "declare const count: number;\n" +
  "declare const request: Request;\n" +
  "declare const init: RequestInit;\n";

/** signalCase is a fan-out whose suggestion writes `to` in place of `from`, importing `names` from the runtime. */
function signalCase(body: string, from: string, to: string, names = ["map"], messageId: MessageIds = "unboundedMap", collection = "items"): InvalidTestCase<MessageIds, Options> {
  const output = `import { ${names.join(", ")} } from "@corral/runtime";\n${inFunction(body.replace(from, to), signalDeclarations)}`;
  return { code: inFunction(body, signalDeclarations), errors: [rewritten(reported(messageId, "all", collection), output, names[0])] };
}

/** callbackCase is `Promise.all(items.map(before))`, whose suggestion is `map(items, after, { concurrency: 8 })`. */
function callbackCase(before: string, after: string, names = ["map"]): InvalidTestCase<MessageIds, Options> {
  return signalCase(`return Promise.all(items.map(${before}));`, `Promise.all(items.map(${before}))`, `map(items, ${after}, { concurrency: 8 })`, names);
}

/** pushLoopCase is a loop of pushes into `tasks` whose suggestion writes `rewrite` with the runtime's `name`. */
function pushLoopCase(loop: string, rewrite: string, name: "map" | "ErrGroup"): InvalidTestCase<MessageIds, Options> {
  const output = `import { ${name} } from "@corral/runtime";\n${inFunction(rewrite, signalDeclarations)}`;
  const code = inFunction(`const tasks: Promise<string>[] = [];\n${loop}\nawait Promise.all(tasks);`, signalDeclarations);
  return { code, errors: [rewritten(reported("unboundedPushLoop", "all", "tasks"), output, name, name === "ErrGroup" ? "boundWithErrGroup" : "boundWithRuntimeMap")] };
}

const signalCases: InvalidTestCase<MessageIds, Options>[] = [
  callbackCase("(id) => getProduct(id)", "(id, _index, signal) => getProduct(id, { signal })"),
  // fetch, into its init (merged into a literal one), from a function expression that takes the index.
  callbackCase(
    "async function (url, index) { const response = await fetch(url, { method: 'POST' }); return `${index}:${response.status}`; }",
    "async function (url, index, signal) { const response = await fetch(url, { method: 'POST', signal }); return `${index}:${response.status}`; }",
  ),
  // The head of a `.then` chain, an unparenthesised parameter, a positional AbortSignal, `undefined` options.
  callbackCase("url => fetch(url).then((response) => response.text())", "(url, _index, signal) => fetch(url, { signal }).then((response) => response.text())"),
  callbackCase("(id) => getPage(id)", "(id, _index, signal) => getPage(id, signal)"),
  callbackCase("(id) => getProduct(id, undefined)", "(id, _index, signal) => getProduct(id, { signal })"),
  // Options with a timeout but no signal get one beside it; the AWS SDK's option is `abortSignal`.
  callbackCase("(id) => getProduct(id, { timeout: 500 })", "(id, _index, signal) => getProduct(id, { timeout: 500, signal })"),
  callbackCase("(id) => send({ id })", "(id, _index, signal) => send({ id }, { abortSignal: signal })"),
  // A callback with no parameters, in `Array.from`.
  signalCase(
    "return Promise.all(Array.from({ length: count }, () => getProduct('x')));",
    "Promise.all(Array.from({ length: count }, () => getProduct('x')))",
    "map(Array.from({ length: count }), (_item, _index, signal) => getProduct('x', { signal }), { concurrency: 8 })",
    ["map"],
    "unboundedArrayFrom",
    "{ length: count }",
  ),
  // A deadline of the call's own, `AbortSignal.timeout(ms)`, is combined with map's signal: timeoutSignal.
  callbackCase("(url) => fetch(url, { signal: AbortSignal.timeout(5_000) })", "(url, _index, signal) => fetch(url, { signal: timeoutSignal(5_000, signal) })", ["map", "timeoutSignal"]),
  callbackCase("(id) => getPage(id, AbortSignal.timeout(100))", "(id, _index, signal) => getPage(id, timeoutSignal(100, signal))", ["map", "timeoutSignal"]),
  // Every direct call gets it; a multi-line options object keeps one property per line as it moves.
  signalCase(
    "const pages = await Promise.all(\n  items.map(async (id) => {\n    const product = await getProduct(id);\n    return fetch(product, {\n      method: 'GET',\n    });\n  }),\n);\nreturn pages;",
    "Promise.all(\n  items.map(async (id) => {\n    const product = await getProduct(id);\n    return fetch(product, {\n      method: 'GET',\n    });\n  }),\n)",
    "map(items, async (id, _index, signal) => {\n  const product = await getProduct(id, { signal });\n  return fetch(product, {\n    method: 'GET',\n    signal,\n  });\n}, { concurrency: 8 })",
  ),
  // The tasks of a `const`, of a `for…of` loop of pushes, and of an ErrGroup.
  signalCase(
    "const tasks = items.map((id) => getProduct(id));\nreturn await Promise.all(tasks);",
    "items.map((id) => getProduct(id));\nreturn await Promise.all(tasks);",
    "map(items, (id, _index, signal) => getProduct(id, { signal }), { concurrency: 8 });\nreturn await tasks;",
  ),
  pushLoopCase("for (const id of items) tasks.push(getProduct(id));", "await map(items, (id, _index, signal) => getProduct(id, { signal }), { concurrency: 8 });", "map"),
  pushLoopCase(
    "items.forEach((id) => tasks.push(getProduct(id)));",
    "const group = new ErrGroup({ limit: 8 });\nitems.forEach((id) => group.go((signal) => getProduct(id, { signal })));\nawait group.wait();",
    "ErrGroup",
  ),
];

/** plainCase is a fan-out whose callback cannot pass map's signal on: the rewrite is `map` around it as it is. */
function plainCase(callback: string): InvalidTestCase<MessageIds, Options> {
  const code = inFunction(`return Promise.all(items.map(${callback}));`, signalDeclarations);
  return { code, errors: [suggested("items", runtimeImport + inFunction(`return map(items, ${callback}, { concurrency: 8 });`, signalDeclarations))] };
}

// Where the signal cannot be passed on, the rewrite is as it always was: a signal the call already
// has (the caller's, or a Request's), options held in a variable (spreading them could lose what
// they hold), options that require more than a signal, a call inside a nested function (it runs
// when someone else decides), a callback that already has a `signal`, and a caller with a signal of
// its own in scope, which is what require-timeout asks the calls to get.
const plainSignalCases: InvalidTestCase<MessageIds, Options>[] = [
  plainCase("(id) => getProduct(id, { signal: controller.signal })"),
  plainCase("(url) => fetch(url, init)"),
  plainCase("() => fetch(request)"),
  plainCase("(id) => getRegional(id)"),
  plainCase("(id) => retry(() => getProduct(id))"),
  plainCase("(signal) => getProduct(signal)"),
  plainCase("(id) => { const signal = controller.signal; return getProduct(id); }"),
  plainCase("(id) => getProduct(id, { signal: AbortSignal.any([controller.signal]) })"),
  {
    code: `${signalDeclarations}declare const items: string[];\nexport async function run(signal: AbortSignal) {\n  return Promise.all(items.map((id) => getProduct(id)));\n}\n`,
    errors: [suggested("items", `${runtimeImport}${signalDeclarations}declare const items: string[];\nexport async function run(signal: AbortSignal) {\n  return map(items, (id) => getProduct(id), { concurrency: 8 });\n}\n`)],
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    // Anchor C03: the report is the collection argument, never the Promise.all call.
    code: inFunction("await Promise.all(items.map(async (item) => fetchIt(item)));"),
    errors: [
      {
        messageId: "unboundedMap",
        data: { method: "all", collection: "items", fix: "use `map(items, fn, { concurrency })` from @corral/runtime" },
        line: 4,
        column: 19,
        endColumn: 59,
        suggestions: [
          {
            messageId: "boundWithRuntimeMap",
            data: { replacement: "map", collection: "items", concurrency: 8 },
            output: runtimeImport + inFunction("await map(items, async (item) => fetchIt(item), { concurrency: 8 });"),
          },
        ],
      },
    ],
  },
  {
    // Anchor C04: allSettled becomes mapSettled.
    code: inFunction("await Promise.allSettled(items.map((item) => fetchIt(item)));"),
    errors: [
      {
        messageId: "unboundedMap",
        data: { method: "allSettled", collection: "items", fix: "use `mapSettled(items, fn, { concurrency })` from @corral/runtime" },
        suggestions: [
          {
            messageId: "boundWithRuntimeMap",
            data: { replacement: "mapSettled", collection: "items", concurrency: 8 },
            output: 'import { mapSettled } from "@corral/runtime";\n' + inFunction("await mapSettled(items, (item) => fetchIt(item), { concurrency: 8 });"),
          },
        ],
      },
    ],
  },
  // The suggestion merges into an existing runtime import, reuses an alias or a namespace, and
  // follows the last import with the file's quote style.
  {
    code: inFunction("await Promise.all(items.map(fetchIt));", 'import { go } from "@corral/runtime";\n'),
    errors: [suggested("items", inFunction("await map(items, fetchIt, { concurrency: 8 });", 'import { go, map } from "@corral/runtime";\n'))],
  },
  {
    code: inFunction("await Promise.all(items.map(fetchIt));", 'import { map as boundedMap } from "@corral/runtime";\n'),
    errors: [suggested("items", inFunction("await boundedMap(items, fetchIt, { concurrency: 8 });", 'import { map as boundedMap } from "@corral/runtime";\n'), "boundedMap")],
  },
  {
    code: inFunction("await Promise.all(items.map(fetchIt));", 'import * as runtime from "@corral/runtime";\n'),
    errors: [suggested("items", inFunction("await runtime.map(items, fetchIt, { concurrency: 8 });", 'import * as runtime from "@corral/runtime";\n'), "runtime.map")],
  },
  {
    code: inFunction("await Promise.all(items.map(fetchIt));", "import type { Clock } from '@corral/runtime';\nimport { strict } from 'node:assert';\n"),
    errors: [
      suggested(
        "items",
        inFunction("await map(items, fetchIt, { concurrency: 8 });", "import type { Clock } from '@corral/runtime';\nimport { strict } from 'node:assert';\nimport { map } from '@corral/runtime';\n"),
      ),
    ],
  },
  {
    // A comment inside the callback survives the rewrite; so does everything around the call.
    code: inFunction("const results = await Promise.all(items.map((item) => /* one request */ fetchIt(item)));\nreturn results;"),
    errors: [
      suggested("items", runtimeImport + inFunction("const results = await map(items, (item) => /* one request */ fetchIt(item), { concurrency: 8 });\nreturn results;")),
    ],
  },
  {
    code: inFunction("await globalThis.Promise.all([...unique].map(fetchIt));", "declare const unique: Set<string>;\n"),
    errors: [
      {
        messageId: "unboundedIterableMap",
        data: { method: "all", collection: "unique", fix: fix("all", "unique") },
        suggestions: [
          {
            messageId: "boundWithRuntimeMap",
            data: { replacement: "map", collection: "unique", concurrency: 8 },
            output: runtimeImport + inFunction("await map([...unique], fetchIt, { concurrency: 8 });", "declare const unique: Set<string>;\n"),
          },
        ],
      },
    ],
  },
  // No suggestion where the rewrite could change behaviour or drop text.
  { code: inFunction("await Promise.all(items.map((item, index, all) => fetchIt(item + all.length)));"), errors: [reported("unboundedMap", "all", "items")] },
  { code: inFunction("await Promise.all(items.map(function () { return fetchIt(arguments[0]); }));"), errors: [reported("unboundedMap", "all", "items")] },
  { code: inFunction("await Promise.all(items.map((...args) => fetchIt(args[0])));"), errors: [reported("unboundedMap", "all", "items")] },
  {
    code: inFunction("await Promise.all(items.map(fetchWithArray));", "declare function fetchWithArray(item: string, index: number, all: string[]): Promise<string>;\n"),
    errors: [reported("unboundedMap", "all", "items")],
  },
  { code: inFunction("await Promise.all(items.map(fetchIt, undefined));"), errors: [reported("unboundedMap", "all", "items")] },
  { code: inFunction("await Promise.all(/* why */ items.map(fetchIt));"), errors: [reported("unboundedMap", "all", "items")] },
  // A name `map` that means something else: the runtime's is imported under another name.
  {
    code: inFunction("const map = new Map<string, string>();\nawait Promise.all(items.map(fetchIt));\nreturn map;"),
    errors: [rewritten(reported("unboundedMap", "all", "items"), `import { map as corralMap } from "@corral/runtime";\n${inFunction("const map = new Map<string, string>();\nawait corralMap(items, fetchIt, { concurrency: 8 });\nreturn map;")}`, "corralMap")],
  },
  {
    code: inFunction("await Promise.all(items.map(fetchIt));\nreturn map;"),
    errors: [rewritten(reported("unboundedMap", "all", "items"), `import { map as corralMap } from "@corral/runtime";\n${inFunction("await corralMap(items, fetchIt, { concurrency: 8 });\nreturn map;")}`, "corralMap")],
  },
  { code: inFunction("await Promise.all(items.flatMap((item) => [fetchIt(item), fetchIt(item)]));"), errors: [reported("unboundedMap", "all", "items")] },
  { code: inFunction("await Promise.all(maybe?.map(fetchIt) ?? []);", "declare const maybe: string[] | undefined;\n"), errors: [reported("unboundedMap", "all", "maybe")] },
  { code: inFunction("await Promise.all(maybe?.map(fetchIt)!);", "declare const maybe: string[] | undefined;\n"), errors: [reported("unboundedMap", "all", "maybe")] },
  { code: inFunction("await Promise.all(items.map(fetchIt) as Promise<string>[]);"), errors: [reported("unboundedMap", "all", "items")] },
  { code: inFunction("await Promise.all?.(items.map(fetchIt));"), errors: [reported("unboundedMap", "all", "items")] },
  // race and any: no runtime equivalent to rewrite to, the message points at ErrGroup and p-limit.
  {
    code: inFunction("return Promise.race(items.map(fetchIt));"),
    errors: [
      {
        messageId: "unboundedMap",
        data: { method: "race", collection: "items", fix: boundedRace },
        suggestions: [],
      },
    ],
  },
  { code: inFunction("return Promise.any(mirrors.map((mirror) => fetchIt(mirror)));", "declare const mirrors: readonly string[];\n"), errors: [reported("unboundedMap", "any", "mirrors")] },
  // Other collection types and forms.
  { code: inFunction("return Promise.all(list.map(fetchIt));", "declare const list: ReadonlyArray<string>;\n"), errors: [suggested("list", runtimeImport + inFunction("return map(list, fetchIt, { concurrency: 8 });", "declare const list: ReadonlyArray<string>;\n"))] },
  {
    code: "declare function fetchIt(item: string): Promise<string>;\nexport function run<T extends string[]>(keys: T) { return Promise.allSettled(keys.map(fetchIt)); }",
    errors: [suggested("keys", 'import { mapSettled } from "@corral/runtime";\ndeclare function fetchIt(item: string): Promise<string>;\nexport function run<T extends string[]>(keys: T) { return mapSettled(keys, fetchIt, { concurrency: 8 }); }', "mapSettled", "allSettled")],
  },
  {
    code: inFunction("return Promise.all(Array.from(lookup.values()).map(fetchIt));", "declare const lookup: Map<string, string>;\n"),
    errors: [
      {
        messageId: "unboundedIterableMap",
        data: { method: "all", collection: "lookup.values()", fix: fix("all", "lookup.values()") },
        suggestions: [
          {
            messageId: "boundWithRuntimeMap",
            data: { replacement: "map", collection: "lookup.values()", concurrency: 8 },
            output: runtimeImport + inFunction("return map(Array.from(lookup.values()), fetchIt, { concurrency: 8 });", "declare const lookup: Map<string, string>;\n"),
          },
        ],
      },
    ],
  },
  { code: inFunction("return Promise.all([...items, ...items].map(fetchIt)).then(() => 1);"), errors: [
      {
        messageId: "unboundedIterableMap",
        data: { method: "all", collection: "[...items, ...items]", fix: fix("all", "[...items, ...items]") },
        suggestions: [
          {
            messageId: "boundWithRuntimeMap",
            data: { replacement: "map", collection: "[...items, ...items]", concurrency: 8 },
            output: runtimeImport + inFunction("return map([...items, ...items], fetchIt, { concurrency: 8 }).then(() => 1);"),
          },
        ],
      },
    ],
  },
  {
    code: inFunction("return Promise.all(Array.from(unique, fetchIt));", "declare const unique: Set<string>;\n"),
    errors: [rewritten(reported("unboundedArrayFrom", "all", "unique"), runtimeImport + inFunction("return map(Array.from(unique), fetchIt, { concurrency: 8 });", "declare const unique: Set<string>;\n"))],
  },
  {
    code: inFunction("return Promise.all(Array.from({ length: count }, () => fetchIt('x')));", "declare const count: number;\n"),
    errors: [rewritten(reported("unboundedArrayFrom", "all", "{ length: count }"), runtimeImport + inFunction("return map(Array.from({ length: count }), () => fetchIt('x'), { concurrency: 8 });", "declare const count: number;\n"))],
  },
  {
    code: inFunction("let workers = 4;\nreturn Promise.all(Array.from({ length: workers }, () => fetchIt('x')));"),
    errors: [rewritten(reported("unboundedArrayFrom", "all", "{ length: workers }"), runtimeImport + inFunction("let workers = 4;\nreturn map(Array.from({ length: workers }), () => fetchIt('x'), { concurrency: 8 });"))],
  },
  // Real-code shapes that do fan out without a bound (issue #9): network requests reached through
  // the project's own functions and implementations, and a run's worth of rows from a capped query.
  {
    code: providerFanOut,
    errors: [suggested("symbols", rewrittenCode(providerFanOut, "Promise.all(symbols.map((symbol) => provider.profile(symbol)))", "map(symbols, (symbol) => provider.profile(symbol), { concurrency: 8 })"))],
  },
  // strict: a run's worth of rows from a query capped with a limit, whatever the tasks reach.
  {
    code: cappedQuery,
    options: [{ checkLimitedQueries: true }],
    errors: [suggested("rows", rewrittenCode(cappedQuery, "Promise.all(rows.map((row) => db.query(row)))", "map(rows, (row) => db.query(row), { concurrency: 8 })"))],
  },
  {
    code: pagedRequests("limit: request.limit"),
    options: [{ checkLimitedQueries: true }],
    errors: [suggested("rows", rewrittenCode(pagedRequests("limit: request.limit"), "Promise.all(rows.map((row) => fetchIt(row)))", "map(rows, (row) => fetchIt(row), { concurrency: 8 })"))],
  },
  // A query with no limit: as many rows as the table has, each a request.
  {
    code: pagedRequests("orderBy: 'id'"),
    errors: [suggested("rows", rewrittenCode(pagedRequests("orderBy: 'id'"), "Promise.all(rows.map((row) => fetchIt(row)))", "map(rows, (row) => fetchIt(row), { concurrency: 8 })"))],
  },
  {
    code: pooledFanOut,
    options: [{ checkPooledTasks: true }],
    errors: [suggested("items", rewrittenCode(pooledFanOut, "Promise.all(items.map((id) => db.query(id)))", "map(items, (id) => db.query(id), { concurrency: 8 })"))],
  },
  // Twins of the own-resource loop: over a parameter, or through a resource the loop neither creates nor looks up.
  ...[
    "for (const node of nodes) { const shard = new Shard(node); started.push(shard.start()); }",
    "for (const [node] of this.slots) { const shard = this.shard; started.push(shard.start().then(() => node)); }",
  ].map((loop) => {
    const code = shards(`const started: Promise<string>[] = [];\n    ${loop}\n    await Promise.all(started);`).replace("refresh(): Promise<void>", "refresh(nodes: string[]): Promise<void>");
    // The results are not used: the loop starts its tasks under a bounded ErrGroup instead.
    const grouped = loop.replace(/started\.push\((.*)\); \}$/, "group.go(() => $1); }");
    const output = `import { ErrGroup } from "@corral/runtime";\n${code
      .replace("const started: Promise<string>[] = [];", "const group = new ErrGroup({ limit: 8 });")
      .replace(loop, grouped)
      .replace("await Promise.all(started);", "await group.wait();")}`;
    return { code, errors: [rewritten({ ...reported("unboundedPushLoop", "all", "started"), line: 14 }, output, "ErrGroup", "boundWithErrGroup")] };
  }),
  // Twins of the relation: strict reports it; an array or an operator pins no one record.
  ...[
    { query: "where: { userId }", options: strictOptions },
    { query: "where: { userId: userIds }" },
    { query: "where: { userId: { in: userIds } }" },
  ].map(({ query, options }) => {
    const code = inFunction(`const logins = await Login.findAll({ ${query} });\nreturn Promise.all(logins.map((login) => fetchIt(login.provider)));`, loginDeclarations);
    const output = rewrittenCode(code, "Promise.all(logins.map((login) => fetchIt(login.provider)))", "map(logins, (login) => fetchIt(login.provider), { concurrency: 8 })");
    return { code, ...(options ? { options } : {}), errors: [suggested("logins", output)] };
  }),
  // A callback that reads a property but also calls, or reads from something other than its item, starts tasks.
  { code: inFunction("return Promise.race(jobs.map((job) => job.start()));", jobDeclarations), errors: [reported("unboundedMap", "race", "jobs")] },
  { code: inFunction("return Promise.race(jobs.map((job) => job.client.fetchIt(job.url)));", jobDeclarations), errors: [reported("unboundedMap", "race", "jobs")] },
  { code: inFunction('const regions = ["eu"];\nregions.push(...items);\nreturn Promise.all(regions.map(fetchIt));'), errors: [suggested("regions", runtimeImport + inFunction('const regions = ["eu"];\nregions.push(...items);\nreturn map(regions, fetchIt, { concurrency: 8 });'))],
  },
  {
    code: inFunction("return Promise.all(veryLongCollectionNameThatKeepsGoingOnAndOn.map(fetchIt));", "declare const veryLongCollectionNameThatKeepsGoingOnAndOn: string[];\n"),
    errors: [
      suggested(
        "veryLongCollectionNameThatKeepsGoingOnA…",
        runtimeImport + inFunction("return map(veryLongCollectionNameThatKeepsGoingOnAndOn, fetchIt, { concurrency: 8 });", "declare const veryLongCollectionNameThatKeepsGoingOnAndOn: string[];\n"),
      ),
    ],
  },
  // The same fan-out through a variable: reported on the variable, named by its source; the tasks
  // start where they did, under `map`, whose one promise the variable then holds.
  {
    code: inFunction("const tasks = items.map(fetchIt);\nreturn Promise.all(tasks);"),
    errors: [rewritten({ ...reported("unboundedMap", "all", "items"), line: 5, column: 20, endColumn: 25 }, runtimeImport + inFunction("const tasks = map(items, fetchIt, { concurrency: 8 });\nreturn tasks;"))],
  },
  {
    code: inFunction("const tasks = Array.from(items, fetchIt);\nreturn Promise.allSettled(tasks);"),
    errors: [
      rewritten(
        reported("unboundedArrayFrom", "allSettled", "items"),
        `import { mapSettled } from "@corral/runtime";\n${inFunction("const tasks = mapSettled(Array.from(items), fetchIt, { concurrency: 8 });\nreturn tasks;")}`,
        "mapSettled",
      ),
    ],
  },
  // Limiter twins of the valid cases: without the limiter, the same code is reported.
  {
    code: inFunction("return Promise.all(items.map((item) => throttle(() => fetchIt(item))));", "declare function throttle<T>(task: () => T): T;\n"),
    errors: [suggested("items", runtimeImport + inFunction("return map(items, (item) => throttle(() => fetchIt(item)), { concurrency: 8 });", "declare function throttle<T>(task: () => T): T;\n"))],
  },
  {
    code: inFunction("return Promise.all(items.map(async (item) => { cache.add(item); return fetchIt(item); }));", "declare const cache: Set<string>;\n"),
    errors: [suggested("items", runtimeImport + inFunction("return map(items, async (item) => { cache.add(item); return fetchIt(item); }, { concurrency: 8 });", "declare const cache: Set<string>;\n"))],
  },
  {
    // `run` is no limiter by name: only a corral Semaphore's `run` is.
    code: inFunction("return Promise.all(items.map((item) => runner.run(() => fetchIt(item))));", "declare const runner: { run<T>(task: () => T): T };\n"),
    errors: [suggested("items", runtimeImport + inFunction("return map(items, (item) => runner.run(() => fetchIt(item)), { concurrency: 8 });", "declare const runner: { run<T>(task: () => T): T };\n"))],
  },
  // Arrays filled by a loop of pushes: a `for…of` that only pushes becomes `map` over its source;
  // other loops whose results nobody uses start each task through an ErrGroup; the rest is manual.
  ...(
    [
      ["for (const item of items) tasks.push(fetchIt(item));", "await map(items, (item) => fetchIt(item), { concurrency: 8 });"],
      [
        "for (let index = 0; index < items.length; index++) { tasks.push(fetchIt(items[index] ?? '')); }",
        "const group = new ErrGroup({ limit: 8 });\nfor (let index = 0; index < items.length; index++) { group.go(() => fetchIt(items[index] ?? '')); }\nawait group.wait();",
      ],
      ["let index = 0;\nwhile (index < items.length) tasks.push(fetchIt(items[index++] ?? ''));", undefined],
      ["do { tasks.unshift(fetchIt('x')); } while (tasks.length < items.length);", undefined],
      ["for (const key in record) tasks.push(fetchIt(key));", "const group = new ErrGroup({ limit: 8 });\nfor (const key in record) group.go(() => fetchIt(key));\nawait group.wait();"],
      ["items.forEach((item) => tasks.push(fetchIt(item)));", "const group = new ErrGroup({ limit: 8 });\nitems.forEach((item) => group.go(() => fetchIt(item)));\nawait group.wait();"],
      [
        "items.forEach(async (item) => { await fetchIt(item); tasks.push(fetchIt(item)); });",
        "const group = new ErrGroup({ limit: 8 });\nitems.forEach(async (item) => { await fetchIt(item); group.go(() => fetchIt(item)); });\nawait group.wait();",
      ],
      // A loop variable named `group` keeps the array's own name for the group.
      [
        "for (const group of groups) for (const item of group) tasks.push(fetchIt(item));",
        "const tasks = new ErrGroup({ limit: 8 });\nfor (const group of groups) for (const item of group) tasks.go(() => fetchIt(item));\nawait tasks.wait();",
      ],
      ["for (const group of groups) tasks.push(...group.map(fetchIt));", undefined],
    ] as const
  ).map(([loop, rewrite]) => {
    const preamble = "declare const record: Record<string, number>;\ndeclare const groups: string[][];\n";
    const code = inFunction(`const tasks: Promise<string>[] = [];\n${loop}\nawait Promise.all(tasks);`, preamble);
    const line = code.split("\n").findIndex((text) => text.startsWith("await Promise.all(tasks)")) + 1;
    const error = { ...reported("unboundedPushLoop", "all", "tasks"), line, column: 19, endColumn: 24 };
    if (rewrite === undefined) return { code, errors: [error] };
    const name = rewrite.includes("ErrGroup") ? "ErrGroup" : "map";
    const output = `import { ${name} } from "@corral/runtime";\n${inFunction(rewrite, preamble)}`;
    return { code, errors: [rewritten(error, output, name, name === "ErrGroup" ? "boundWithErrGroup" : "boundWithRuntimeMap")] };
  }),
  // The rewritten callback takes map's signal, `(item, index, signal)`, and passes it to the calls it
  // makes directly that take one and have none, so the first failure aborts the calls in flight.
  ...signalCases,
  ...plainSignalCases,
  // Loops that await between pushes are paced: reported by the strict options only.
  ...pacedLoops.map((code) => ({ code, options: strictOptions, errors: [reported("unboundedPushLoop", "allSettled", "tasks")] })),
  // TSX twins.
  {
    code: inFunction("const view = <ul>{items.length}</ul>;\nawait Promise.all(items.map(async (item) => fetchIt(item)));\nreturn view;"),
    filename: "react.tsx",
    errors: [suggested("items", runtimeImport + inFunction("const view = <ul>{items.length}</ul>;\nawait map(items, async (item) => fetchIt(item), { concurrency: 8 });\nreturn view;"))],
  },
  {
    code: inFunction("const tasks: Promise<string>[] = [];\nitems.forEach((item) => tasks.push(fetchIt(item)));\nreturn <b>{(await Promise.all(tasks)).length}</b>;"),
    filename: "react.tsx",
    errors: [reported("unboundedPushLoop", "all", "tasks")],
  },
];

// The shared anchor cases: C03 and C04 are the only fan-out, each reported once, on its collection.
const anchorSource = readFileSync(fileURLToPath(new URL("./fixtures/conformance/anchor-cases.ts", import.meta.url)), "utf8");
const anchorLines = anchorSource.split("\n");
const anchorLine = (label: string): number => anchorLines.findIndex((line) => line.includes(`// ${label} `)) + 1;
/** anchorRewrite is the anchor file with one fan-out rewritten and the runtime import added after node:events. */
function anchorRewrite(from: string, to: string, name: string): string {
  const events = "import { EventEmitter } from 'node:events';";
  return anchorSource.replace(from, to).replace(events, `${events}\nimport { ${name} } from '@corral/runtime';`);
}
invalid.push({
  code: anchorSource,
  errors: [
    { messageId: "unboundedMap", line: anchorLine("C03"), suggestions: [{ messageId: "boundWithRuntimeMap", output: anchorRewrite("Promise.all(items.map(async (i) => fetchIt(i)))", "map(items, async (i) => fetchIt(i), { concurrency: 8 })", "map") }] },
    { messageId: "unboundedMap", line: anchorLine("C04"), suggestions: [{ messageId: "boundWithRuntimeMap", output: anchorRewrite("Promise.allSettled(items.map((i) => fetchIt(i)))", "mapSettled(items, (i) => fetchIt(i), { concurrency: 8 })", "mapSettled") }] },
  ],
});

// Node typings: a file fan-out opens one descriptor per item (\`readFile\` takes a signal), but reaches
// no peer: checkPooledTasks (strict) reports it with the other local work (issue #14).
const fileFanOut = inFunction("return Promise.all(items.map((path) => readFile(path)));", 'import { readFile } from "node:fs/promises";\n');
// An interface implemented for production in memory and by a network test double in a spec file
// (fixtures/node/blob-store*.ts): the double never runs in production (issue #14).
const blobStore = 'import type { BlobStore } from "./blob-store.js";\ndeclare const store: BlobStore;\n';
const removeAll = "return Promise.all(items.map((key) => store.remove(key)));";
const httpStore = "class HttpStore implements BlobStore {\n  async remove(key: string) { await fetch(`https://blobs.example/${key}`, { method: 'DELETE' }); }\n}\nexport const stores = [HttpStore];\n";
// Node's hashes and ciphers take a signal through their stream options, and compute in memory.
const nodeValid: (string | ValidTestCase<Options>)[] = [
  inFunction(removeAll, blobStore),
  // A file read per item, and a logger that appends to a file on every query, reach no peer.
  inFunction("return Promise.all(items.map((path) => readFile(path)));", 'import { readFile } from "node:fs/promises";\n'),
  inFunction(
    "return Promise.all(items.map((sql) => runner.query(sql)));",
    'import { appendFile } from "node:fs/promises";\nclass Runner {\n  async query(sql: string) { await appendFile("queries.log", sql); return sql; }\n}\nconst runner = new Runner();\n',
  ),
  inFunction("return Promise.all(items.map((item) => db.query(createHash('sha256').update(item).digest('hex'))));", `import { createHash } from "node:crypto";\n${pooled}`),
];
const nodeInvalid: InvalidTestCase<MessageIds, Options>[] = [
  { code: fileFanOut, options: [{ checkPooledTasks: true }], errors: [suggested("items", rewrittenCode(fileFanOut, "Promise.all(items.map((path) => readFile(path)))", "map(items, (path, _index, signal) => readFile(path, { signal }), { concurrency: 8 })"))] },
  // A production implementation that does reach the network.
  { code: inFunction(removeAll, `${blobStore}${httpStore}`), errors: [suggested("items", rewrittenCode(inFunction(removeAll, `${blobStore}${httpStore}`), "Promise.all(items.map((key) => store.remove(key)))", "map(items, (key) => store.remove(key), { concurrency: 8 })"))] },
];

function runCase(fixture: Fixture): void {
  createRuleTester(fixture).run<MessageIds, Options>(`no-unbounded-concurrency (${fixture})`, rule, {
    valid: fixture === "node" ? [...valid, ...nodeValid] : valid,
    invalid: fixture === "node" ? [...invalid, ...nodeInvalid] : invalid,
  });
}

runCase("node");
runCase("dom");
