import type { InvalidTestCase, ValidTestCase } from "@typescript-eslint/rule-tester";
import rule, { type MessageIds, type Options } from "../../rules/no-unhandled-rejection.js";
import { createRuleTester, type Fixture } from "./rule-tester.js";

const header =
  "declare function f(): Promise<number>; declare function g(): Promise<number>; declare function log(error: unknown): void; declare const ok: boolean; declare const xs: number[];";

/** inAsync puts statements, one a line from line 3, in an async function after the declarations. */
function inAsync(...lines: string[]): string {
  return `${header}\nexport async function run() {\n  ${lines.join("\n  ")}\n}`;
}

type Valid = string | ValidTestCase<Options>;

// What the messages say happens to an unhandled rejection where the program installs no handler of its own.
const fate = "ends the Node process";
type Invalid = InvalidTestCase<MessageIds, Options>;

// Anchor cases C02 (a promise handled at C22, after other awaits) and C13 (an async executor) report;
// no other anchor does. The executor's suggestion is asserted on C13's line.
function anchorCases(fixture: Fixture): Invalid {
  const emitter =
    fixture === "node"
      ? "import { EventEmitter } from 'node:events';"
      : "declare class EventEmitter { on(event: string, listener: (...args: unknown[]) => void): this; }";
  const nodeOnly = (line: string) => (fixture === "node" ? [line] : []);
  const before = [
    emitter,
    "declare function doWork(): Promise<number>;",
    "declare const items: string[];",
    "declare function fetchIt(s: string): Promise<string>;",
    "declare const emitter: EventEmitter;",
    "interface Sync { run(): void }",
    "export async function cases(): Promise<void> {",
    "  doWork();",
    "  const p = doWork();",
    "  await Promise.all(items.map(async (i) => fetchIt(i)));",
    "  await Promise.allSettled(items.map((i) => fetchIt(i)));",
    "  await fetch('https://x');",
    "  doWork().then((x) => x);",
    "  items.forEach(async (i) => { await fetchIt(i); });",
    "  emitter.on('x', async () => { await doWork(); });",
    "  setTimeout(async () => { await doWork(); }, 10);",
    "  setInterval(async () => { await doWork(); }, 10);",
    "  queueMicrotask(async () => { await doWork(); });",
    ...nodeOnly("  process.on('message', async () => { await doWork(); });"),
  ];
  const after = [
    "  void doWork();",
    "  doWork().catch(() => {});",
    "  items.map(async (i) => fetchIt(i));",
    "  doWork().finally(() => {});",
    "  console.log(doWork());",
    ...nodeOnly("  process.nextTick(async () => { await doWork(); });"),
    "  const s: Sync = { run: async () => { await doWork(); } };",
    "  await doWork().then((x) => x);",
    "  p.then(() => {}, () => {});",
    "  await new Promise((r) => setTimeout(r, 1000));",
    "  const r = await fetch('https://x', { signal: AbortSignal.timeout(5000) });",
    "  return void [s, r];",
    "}",
  ];
  const source = (executor: string) => [...before, `  new Promise<void>(${executor});`, ...after].join("\n");
  return {
    code: source("async (resolve) => { await doWork(); resolve(); }"),
    errors: [
      { messageId: "handledAfterAwait", line: 9, column: 9, data: { fate, name: "p", suspension: "`await`", line: 10 } },
      {
        messageId: "asyncExecutor",
        line: before.length + 1,
        suggestions: [
          {
            messageId: "suggestRejectFromExecutor",
            output: source("(resolve, reject) => { (async () => { await doWork(); resolve(); })().catch(reject); }"),
          },
        ],
      },
    ],
  };
}

const cache = "declare const cache: Map<string, Promise<number>>;";
const testRunner = `${header}\ndeclare function it(name: string, fn: () => Promise<void>): void;\ndeclare function expect(actual: unknown): { rejects: { toThrow(): Promise<void> } };`;


// A plugin hook may return a promise or nothing: collected only when it is one, and awaited together.
const hooks = "declare const plugins: Array<{ setup(): void | Promise<void> }>;\ndeclare function isPromise(value: unknown): value is Promise<unknown>;";
/** collectHooks calls every plugin's hook, keeps the promises `guard` (on `r`) lets through, then runs `after`. */
function collectHooks(guard: string, after = "await Promise.all(pending);"): string {
  return `${header}\n${hooks}\nexport async function start() {\n  const pending: Promise<unknown>[] = [];\n  for (const plugin of plugins) {\n    const r = plugin.setup();\n    ${guard}\n  }\n  ${after}\n}`;
}

const sharedValid: Valid[] = [
  inAsync("const p = f();", "await p;"),
  // Real-code shapes (issue #9): a guard between the promise and the await, taken only when the
  // variable holds no promise; a \`let\` reassigned only while it is empty; promises that cannot reject.
  `${header}\n${cache}\nexport async function get(key: string) {\n  const existing = cache.get(key);\n  if (existing) return existing;\n  const value = await g();\n  return value;\n}`,
  `${header}\n${cache}\nexport async function get(key: string) {\n  const existing = cache.get(key);\n  if (existing !== undefined) {\n    return existing;\n  }\n  return g();\n}`,
  `${header}\n${cache}\nexport function load(key: string) {\n  let pending = cache.get(key);\n  if (!pending) {\n    pending = f().catch(() => 0);\n    cache.set(key, pending);\n  }\n  return pending;\n}`,
  inAsync("return new Promise<void>(async (resolve) => { try { await f(); } catch (error) { log(error); } resolve(); });"),
  inAsync("return new Promise<void>(async (resolve) => { log(1); resolve(); });"),
  inAsync("const p = f().catch(() => 0).then((n) => n + 1);", "await g();", "await p;"),
  inAsync("const p = f();", "return p;"),
  inAsync("const p = f();", "p.catch(log);", "await g();", "await p;"),
  inAsync("const [a, b] = await Promise.all([f(), g()]);", "return a + b;"),
  inAsync("const a = f();", "const b = g();", "return Promise.all([a, b]);"),
  inAsync("const p = f();", "if (ok) await p;", "else await p.catch(log);"),
  inAsync("const p = f();", "try { await p; } catch (error) { log(error); }"),
  inAsync("const p = f();", "const read = () => p;", "await g();", "return read();"),
  inAsync("const p = f();", "await g();", "return read();", "function read() { return p; }"),
  inAsync("const p = f().catch(() => 0);", "await g();", "await p;"),
  inAsync("const p = f().then((x) => x, log);", "await g();", "await p;"),
  inAsync("const settled = Promise.allSettled([f(), g()]);", "await g();", "await settled;"),
  inAsync("const ready = new Promise<void>((resolve) => setTimeout(resolve, 10));", "await g();", "await ready;"),
  inAsync("const n = xs.length;", "await g();", "return n;"),
  inAsync("const first = xs.at(0);", "if (!ok) return;", "log(first);"),
  inAsync("const p = f();", "const all: Promise<number>[] = [];", "all.push(p);", "await g();", "return all;"),
  inAsync("const p = f();", "const q = p;", "await g();", "await q;"),
  inAsync("let p = f();", "while (true) {", "  if (ok) { await p; break; }", "}"),
  inAsync("const p = f();", "do { await p; } while (ok);"),
  inAsync("const p = f();", "do { if (ok) break; } while (true);", "await p;"),
  inAsync("const p = f();", "for (;;) { if (ok) { await p; break; } }"),
  inAsync("const p = f();", "try { return await p; } finally { log(1); }"),
  inAsync("const p = f();", "block: { await p; break block; }"),
  inAsync("const p = f();", "switch (xs.length) {", "  case 0: return p;", "  default: await p;", "}"),
  inAsync("const p = f();", "return ok ? p : g();"),
  inAsync("const p = f();", "void p;"),
  inAsync("const p = f();", "p;"),
  inAsync("const p = f();", "return { p };"),
  inAsync("const p = f();", "throw p;"),
  inAsync("const p = f();", "setTimeout(() => p.catch(log), 0);", "await g();"),
  inAsync("var p = f();", "await g();", "await p;"),
  inAsync("let p: Promise<number> | undefined;", "for (const x of xs) { p = f(); log(x); }", "await p;"),
  inAsync("let p: Promise<number> | undefined;", "const read = () => p;", "p = f();", "await g();", "return read();"),
  inAsync("let p = f();", "p = p.then((x) => x, log);", "await g();", "await p;"),
  inAsync("await new Promise((resolve) => setTimeout(resolve, 10));"),
  inAsync("for (const x of xs) {", "  const p = f();", "  if (x > 1) { await p; continue; }", "  await p;", "}"),
  inAsync("const p = f();", "try { if (!ok) throw new Error('x'); await p; } catch { await p.catch(log); }"),
  `${header}\nexport const p = f();`,
  `${header}\nexport class Holder { p = f(); start() { this.p = f(); } }`,
  { code: inAsync("new Promise<void>(async (resolve) => { await g(); resolve(); });"), options: [{ checkExecutors: false }] },
  {
    code: `${header}\ndeclare const knex: (table: string) => PromiseLike<number[]> & { where(id: number): PromiseLike<number[]> };\n${inAsync("const query = knex('users').where(1);", "if (!ok) return;", "await query;").slice(header.length + 1)}`,
    options: [{ ignoredCallees: ["knex"] }],
  },
  { code: inAsync("const p = f();", "if (!ok) return;", "await p;"), options: [{ ignoredCallees: ["f"] }] },
  // Inside a test the runner reports an unhandled rejection as a failure: listening before the
  // step that triggers the event loses nothing (checkTestCallbacks reports it all the same).
  `${testRunner}\nit('hears the event', async () => {\n  const heard = f();\n  await g();\n  await heard;\n});`,
  `${testRunner}\nit('rejects later', async () => {\n  new Promise<void>(async (resolve) => { await g(); resolve(); });\n});`,
  // Issue #14: a guard that leaves the promise-less value on the other path (14 sites of one shape in an ORM).
  collectHooks("if (r instanceof Promise) pending.push(r);"),
  collectHooks("if (!(r instanceof Promise)) continue;\n    pending.push(r);"),
  collectHooks("if (isPromise(r)) {\n      pending.push(r);\n    }"),
  collectHooks("if (typeof r?.then === 'function') pending.push(r);"),
  // A cached result or a promise of it: where `"rows" in r` holds, r is the result, not a promise.
  `${header}\ninterface Rows { rows: number[] }\ndeclare function load(): Rows | Promise<Rows>;\nexport function rows(): number[] | Promise<number[]> {\n  const r = load();\n  if ("rows" in r) return r.rows;\n  return r.then((o) => o.rows);\n}`,
];

const sharedInvalid: Invalid[] = [
  // The test twins: checkTestCallbacks (on in strict) reports inside tests too.
  {
    code: `${testRunner}\nit('hears the event', async () => {\n  const heard = f();\n  await g();\n  await heard;\n});`,
    options: [{ checkTestCallbacks: true }],
    errors: [{ messageId: "handledAfterAwait", line: 5, suggestions: [{ messageId: "suggestPromiseAll", output: `${testRunner}\nit('hears the event', async () => {\n  await Promise.all([f(), g()]);\n});` }] }],
  },
  // A promise the test expects to reject must not reject before its assertion: the runner would fail a passing test.
  {
    code: `${testRunner}\nit('times out', async () => {\n  const request = f();\n  await g();\n  await expect(request).rejects.toThrow();\n});`,
    errors: [{ messageId: "handledAfterAwait", line: 5, suggestions: [] }],
  },
  {
    code: `${testRunner}\nit('times out', async () => {\n  const assertion = expect(f()).rejects.toThrow();\n  await g();\n  await assertion;\n});`,
    errors: [
      {
        messageId: "handledAfterAwait",
        line: 5,
        suggestions: [{ messageId: "suggestPromiseAll", output: `${testRunner}\nit('times out', async () => {\n  await Promise.all([expect(f()).rejects.toThrow(), g()]);\n});` }],
      },
    ],
  },
  // The guard's neighbours: a promise that passes it and then waits behind another step, a guard on
  // something else, and a test that does not tell a promise from a plain value.
  { code: collectHooks("if (r instanceof Promise) {\n      await g();\n      pending.push(r);\n    }"), errors: [{ messageId: "handledAfterAwait", line: 7 }] },
  { code: collectHooks("if (ok instanceof Promise) pending.push(r);"), errors: [{ messageId: "unhandledOnSomePath", line: 7 }] },
  { code: collectHooks("if (ok) pending.push(r);"), errors: [{ messageId: "unhandledOnSomePath", line: 7 }] },
  // A guard on something else does not empty the variable.
  {
    code: `${header}\n${cache}\nexport async function get(key: string) {\n  const existing = cache.get(key);\n  if (ok) return existing;\n  await g();\n  return existing;\n}`,
    errors: [{ messageId: "handledAfterAwait", line: 4 }],
  },
  {
    code: inAsync("const p = f();"),
    errors: [{ messageId: "neverHandled", line: 3, data: { fate, name: "p" }, suggestions: [{ messageId: "suggestAwaitInitializer", output: inAsync("const p = await f();") }] }],
  },
  { code: inAsync("const p = f();", "log(typeof p);"), errors: [{ messageId: "neverHandled", line: 3 }] },
  {
    code: inAsync("const a = f();", "const b = await g();", "await a;", "return b;"),
    errors: [
      {
        messageId: "handledAfterAwait",
        line: 3,
        data: { fate, name: "a", suspension: "`await`", line: 4 },
        suggestions: [{ messageId: "suggestPromiseAll", output: inAsync("const [, b] = await Promise.all([f(), g()]);", "return b;") }],
      },
    ],
  },
  {
    code: inAsync("const a = f();", "const b = await g();", "log(b);", "const x = await a;", "return x + b;"),
    errors: [
      {
        messageId: "handledAfterAwait",
        suggestions: [{ messageId: "suggestPromiseAll", output: inAsync("const [x, b] = await Promise.all([f(), g()]);", "log(b);", "return x + b;") }],
      },
    ],
  },
  {
    code: inAsync("const a = f();", "let b = await g();", "const x = await a;", "return x + b;"),
    errors: [{ messageId: "handledAfterAwait", suggestions: [{ messageId: "suggestPromiseAll", output: inAsync("let [x, b] = await Promise.all([f(), g()]);", "return x + b;") }] }],
  },
  // A promise started over several lines stays where it is; only the next step changes.
  {
    code: inAsync("const a = new Promise<number>((resolve, reject) => {", "  g().then(resolve, reject);", "});", "const b = await g();", "const x = await a;", "return x + b;"),
    errors: [
      {
        messageId: "handledAfterAwait",
        line: 3,
        suggestions: [
          {
            messageId: "suggestPromiseAll",
            output: inAsync("const a = new Promise<number>((resolve, reject) => {", "  g().then(resolve, reject);", "});", "const [x, b] = await Promise.all([a, g()]);", "return x + b;"),
          },
        ],
      },
    ],
  },
  { code: inAsync("const a = f(); // started early", "const b = await g();", "await a;", "return b;"), errors: [{ messageId: "handledAfterAwait", suggestions: [] }] },
  { code: inAsync("const a = f();", "const b = await g();", "await a;", "await a;", "return b;"), errors: [{ messageId: "handledAfterAwait", suggestions: [] }] },
  { code: inAsync("const a = f();", "log(await g());", "await a;"), errors: [{ messageId: "handledAfterAwait", suggestions: [] }] },
  {
    code: `${header}
const p = f();
await g();
export const value = await p;`,
    errors: [
      {
        messageId: "handledAfterAwait",
        line: 2,
        data: { fate, name: "p", suspension: "`await`", line: 3 },
        suggestions: [{ messageId: "suggestPromiseAll", output: `${header}\nconst [p] = await Promise.all([f(), g()]);\nexport const value = p;` }],
      },
    ],
  },
  {
    code: inAsync("const a = f();", "const b = g();", "await a;", "await b;"),
    errors: [
      {
        messageId: "handledAfterAwait",
        line: 4,
        data: { fate, name: "b", suspension: "`await`", line: 5 },
        suggestions: [{ messageId: "suggestPromiseAll", output: inAsync("const a = f();", "await Promise.all([g(), a]);") }],
      },
    ],
  },
  { code: inAsync("const p = f();", "if (!ok) return;", "await p;"), errors: [{ messageId: "skippedByExit", line: 3, data: { fate, name: "p", exit: "`return`", line: 4 } }] },
  // Its TRUE neighbour: a property the promise has too (`then`) says nothing about which one it holds.
  {
    code: `${header}\ninterface Rows { rows: number[]; then?: undefined }\ndeclare function load(): Rows | Promise<Rows>;\nexport function rows(): number[] | Promise<number[]> {\n  const r = load();\n  if ("then" in r) return [];\n  return Promise.resolve(r).then((o) => o.rows);\n}`,
    errors: [{ messageId: "skippedByExit", line: 5 }],
  },
  { code: inAsync("const p = f();", "if (!ok) throw new Error('x');", "await p;"), errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`throw`", line: 4 } }] },
  { code: inAsync("const p = f();", "if (ok) { await p; }"), errors: [{ messageId: "unhandledOnSomePath", data: { fate, name: "p", path: "a path through the `if` on line 4" } }] },
  {
    code: inAsync("const p = f();", "switch (xs.length) {", "  case 1: await p; break;", "  case 2: return p;", "}"),
    errors: [{ messageId: "unhandledOnSomePath", data: { fate, name: "p", path: "a path through the `switch` on line 4" } }],
  },
  {
    code: inAsync("const p = f();", "for (const x of xs) { log(x); await p; }"),
    errors: [{ messageId: "unhandledOnSomePath", data: { fate, name: "p", path: "a path through the loop (which may run no iteration) on line 4" } }],
  },
  {
    code: inAsync("const p = f();", "for await (const x of xs) { log(x); }", "await p;"),
    errors: [{ messageId: "handledAfterAwait", data: { fate, name: "p", suspension: "`for await` loop", line: 4 } }],
  },
  { code: inAsync("const p = f();", "await g();", "setTimeout(() => p.catch(log), 0);"), errors: [{ messageId: "handledAfterAwait", line: 3 }] },
  { code: inAsync("const p = f();", "log(await g(), p);"), errors: [{ messageId: "handledAfterAwait", data: { fate, name: "p", suspension: "`await`", line: 4 } }] },
  { code: inAsync("const p = f();", "try { await g(); } finally { await p; }"), errors: [{ messageId: "handledAfterAwait" }] },
  { code: inAsync("const p = f();", "for (;;) {", "  if (ok) { await p; break; }", "  await g();", "}"), errors: [{ messageId: "handledAfterAwait", data: { fate, name: "p", suspension: "`await`", line: 6 } }] },
  {
    code: inAsync("const p = f();", "outer: { if (ok) break outer; await p; }"),
    errors: [{ messageId: "unhandledOnSomePath", data: { fate, name: "p", path: "a path through the labeled statement on line 4" } }],
  },
  {
    code: inAsync("const p = f();", "try { if (!ok) throw new Error('x'); await p; } catch {", "  return;", "}"),
    errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`return`", line: 5 } }],
  },
  { code: inAsync("let p = f();", "p = g();", "await p;"), errors: [{ messageId: "skippedByExit", line: 3, data: { fate, name: "p", exit: "reassignment", line: 4 } }] },
  {
    code: inAsync("let p: Promise<number> | undefined;", "if (ok) {", "  p = f();", "}", "await g();", "await p;"),
    errors: [{ messageId: "handledAfterAwait", line: 5, column: 5, data: { fate, name: "p", suspension: "`await`", line: 7 } }],
  },
  { code: inAsync("let p = f();", "p = p.then((x) => x);"), errors: [{ messageId: "neverHandled", line: 4 }] },
  {
    code: inAsync("for (const x of xs) {", "  const p = f();", "  if (x > 1) break;", "  await p;", "}"),
    errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`break`", line: 5 } }],
  },
  {
    code: inAsync("for (const x of xs) {", "  const p = f();", "  if (x > 1) continue;", "  await p;", "}"),
    errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`continue`", line: 5 } }],
  },
  {
    code: inAsync("const p = f(), q = await g();", "await p;", "return q;"),
    errors: [{ messageId: "handledAfterAwait", data: { fate, name: "p", suspension: "`await`", line: 3 } }],
  },
  {
    code: `${header}\ninterface Thenable { then(onFulfilled: (value: number) => void, onRejected?: (error: unknown) => void): void }\ndeclare function lazy(): Thenable;\nexport function run() {\n  const t = lazy();\n  return ok;\n}`,
    errors: [{ messageId: "neverHandled", line: 5 }],
  },
  {
    code: `${header}\ndeclare const knex: (table: string) => PromiseLike<number[]> & { where(id: number): PromiseLike<number[]> };\n${inAsync("const query = knex('users').where(1);", "if (!ok) return;", "await query;").slice(header.length + 1)}`,
    errors: [{ messageId: "skippedByExit", line: 4 }],
  },
  {
    code: inAsync("return new Promise<number>(async function (resolve, reject) { resolve(await f()); });"),
    errors: [
      {
        messageId: "asyncExecutor",
        suggestions: [
          {
            messageId: "suggestRejectFromExecutor",
            output: inAsync("return new Promise<number>(function (resolve, reject) { (async () => { resolve(await f()); })().catch(reject); });"),
          },
        ],
      },
    ],
  },
  {
    code: inAsync("return new Promise<number>(async (resolve) => resolve(await f()));"),
    errors: [
      {
        messageId: "asyncExecutor",
        suggestions: [
          {
            messageId: "suggestRejectFromExecutor",
            output: inAsync("return new Promise<number>((resolve, reject) => { (async () => resolve(await f()))().catch(reject); });"),
          },
        ],
      },
    ],
  },
  { code: inAsync("return new Promise<void>(async ({ length }: number[]) => { log(await f() + length); });"), errors: [{ messageId: "asyncExecutor", suggestions: [] }] },
];

const generatorAndOddSyntax: Valid[] = [
  "declare function f(): Promise<number>;\nexport function* gen() { const p = f(); yield p; }",
  "declare const api: { load?: () => Promise<number> } | undefined;\nexport async function run() { const p = api?.load?.(); await p; }",
  "declare const deco: ClassDecorator;\n@deco\nexport class Service { static { const n = 1; void n; } value = 1; }",
  "declare function f(): Promise<number>;\nexport async function run() { outer: for (const x of [1]) { inner: for (const y of [x]) { const p = f(); if (y) { await p; continue outer; } await p; break inner; } } }",
  "declare function f(): Promise<number>;\nexport async function run() { for (let p = f(); ; ) { await p; break; } }",
  "declare function f(): Promise<number>;\nexport async function run(k: number) { switch (k) { case 1: { const p = f(); await p; } } }",
  "declare function f(): Promise<number>;\nexport async function run() { await using stack = new AsyncDisposableStack(); const p = f(); await p; void stack; }",
  "declare function f(): Promise<number>;\nnamespace Space { export const p = f(); }\nexport { Space };",
  "declare function f(): Promise<number>;\nexport const run = async () => { let p; p = f(); return p; };",
];

const oddSyntaxInvalid: Invalid[] = [
  {
    code: "declare function f(): Promise<number>;\nexport async function run() { outer: for (const x of [1]) { for (const y of [x]) { const p = f(); if (y) continue outer; await p; } } }",
    errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`continue`", line: 2 } }],
  },
  {
    code: "declare function f(): Promise<number>;\nexport async function* gen() { const p = f(); yield 1; await p; }",
    errors: [{ messageId: "handledAfterAwait", data: { fate, name: "p", suspension: "`yield`", line: 2 } }],
  },
  {
    code: "declare function f(): Promise<number>;\nexport async function run(k: number) { switch (k) { case 1: const p = f(); if (k) break; await p; } }",
    errors: [{ messageId: "skippedByExit", data: { fate, name: "p", exit: "`break`", line: 2 } }],
  },
  {
    code: "declare function f(): Promise<number>;\nexport class Service { static { const p = f(); } }",
    errors: [{ messageId: "neverHandled", suggestions: [] }],
  },
];

const tsxCases = {
  valid: [
    {
      code: "declare function f(): Promise<number>;\ndeclare function View(props: { data: Promise<number> }): null;\nexport function Page() { const data = f(); return <View data={data} />; }",
      filename: "react.tsx",
    },
  ],
  invalid: [
    {
      code: "declare function f(): Promise<number>;\ndeclare function g(): Promise<number>;\nexport async function Page() { const a = f(); const b = await g(); return <p>{await a}{b}</p>; }",
      filename: "react.tsx",
      errors: [
        {
          messageId: "handledAfterAwait" as const,
          line: 3,
          suggestions: [
            {
              messageId: "suggestPromiseAll" as const,
              output: "declare function f(): Promise<number>;\ndeclare function g(): Promise<number>;\nexport async function Page() { const [a, b] = await Promise.all([f(), g()]); return <p>{a}{b}</p>; }",
            },
          ],
        },
      ],
    },
  ],
};

for (const fixture of ["node", "dom"] as const) {
  createRuleTester(fixture).run(`no-unhandled-rejection (${fixture})`, rule, {
    valid: [...sharedValid, ...generatorAndOddSyntax, ...tsxCases.valid],
    invalid: [anchorCases(fixture), ...sharedInvalid, ...oddSyntaxInvalid, ...tsxCases.invalid],
  });
}
