import type { InvalidTestCase, ValidTestCase } from "@typescript-eslint/rule-tester";
import rule, { type MessageIds, type Options, strictOptions } from "../../rules/no-fire-and-forget.js";
import { createRuleTester, type Fixture } from "./rule-tester.js";

type Valid = string | ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const header =
  "declare function remote(): Promise<number>; async function doWork(): Promise<number> { return remote(); } async function fetchIt(s: string): Promise<string> { return s + String(await remote()); } declare const items: string[]; declare const ok: boolean;";
const thenable =
  "declare class Task { then(onFulfilled?: () => void, onRejected?: (reason: unknown) => void): Task; catch(onRejected: (reason: unknown) => void): Task }";
const catchHandler = ".catch((error: unknown) => { console.error(error); })";
const testRunner = `${header}\ndeclare function it(name: string, fn: () => Promise<void>): void;\ndeclare function expect(actual: unknown): { rejects: { toThrow(): Promise<void> } };`;
// Async callbacks in the invalid cases do work that may fail: one that cannot reject (an empty
// body, `await Promise.resolve()`) loses nothing when it is dropped and is not reported.
const work = "declare function work(): Promise<void>; ";

const maybePromises = "declare const hooks: { onClose(): void | Promise<void> };\ndeclare const client: { destroy(): void } | { destroy(): Promise<void> };";

/** inAsync puts statements, one a line from line 3, in an async function after the declarations. */
function inAsync(...lines: string[]): string {
  return `${header}\nexport async function run(): Promise<void> {\n  ${lines.join("\n  ")}\n}`;
}

/** inSync is inAsync for a function that cannot await. */
function inSync(...lines: string[]): string {
  return `${header}\nexport function run(): void {\n  ${lines.join("\n  ")}\n}`;
}

/**
 * batchClass is a class that keeps its one result as a deferred promise (`result`, rejected by
 * `fail`), with `flushBody` as the body of the method that hands it out and `members` added.
 */
function batchClass(members: string, flushBody = "this.attempts++;\n    return this.result;"): string {
  return `export class Batch {
  result: Promise<string[]>;
  private fail: (error: Error) => void = () => {};
  private attempts = 0;
  constructor() {
    this.result = new Promise((_resolve, reject) => { this.fail = reject; });
  }
  flush(): Promise<string[]> {
    ${flushBody}
  }
${members}
}`;
}

/**
 * droppedFlush is an invalid case: `statement` (in a synchronous method of batchCode, on `line`)
 * drops `flush()` without handling it. `flush` is not async, so it may throw before its promise
 * exists: `go` would catch that throw, so only the `.catch` is suggested.
 */
function droppedFlush(batchCode: (statement: string) => string, statement: string, line: number, options?: Options): Invalid {
  const appendCatch = { messageId: "suggestCatch" as const, output: batchCode(statement.replace("flush();", `flush()${catchHandler};`)) };
  return { code: batchCode(statement), ...(options ? { options } : {}), errors: [{ messageId: "droppedPromise", line, suggestions: [appendCatch] }] };
}

/** requestBuilder is a request that is itself a promise, with a builder method that returns `this`. */
const requestBuilder = "declare class Request extends Promise<number> {\n  body(value: string): this;\n  send(): Promise<number>;\n}";

/** thenableReply is a thenable reply whose builder methods are declared with its own type, as a library's declarations write it. */
const thenableReply = "interface Reply<T> extends PromiseLike<T> {\n  code(status: number): Reply<T>;\n  send(body: string): Promise<void>;\n}";

/** lazyImport loads the package `name` when first asked, dropping the promise of the import, and runs `more`. */
function lazyImport(name: string, more = ""): string {
  return `export let loaded: unknown;\nexport function load(): void {\n  void import('${name}').then((m) => { loaded = m; });${more}\n}`;
}

/** dropped is an invalid case with one finding on `line` (3 = the first statement of inAsync). */
function dropped(code: string, messageId: MessageIds, extra: Partial<Invalid> = {}, line = 3): Invalid {
  return { code, errors: [{ messageId, line }], ...extra };
}

const goImport = 'import { go } from "@corral/runtime";\n';

/** goSuggestion hands the work to `go`: `output` is the rewritten code, which gets the runtime import on top. */
function goSuggestion(output: string) {
  return { messageId: "superviseWithGo" as const, output: `${goImport}${output}` };
}

/**
 * suggestions are the await, .catch and `go` suggestions for `expression` in `statement`, in
 * inAsync; `supervised` is what `go` makes of the expression, null where it offers nothing.
 */
function suggestions(statement: string, expression: string, wrap: (...lines: string[]) => string = inAsync, supervised: string | null = `go(() => ${expression})`) {
  const edit = (replacement: string) => wrap(statement.replace(expression, replacement));
  const appendCatch = { messageId: "suggestCatch" as const, output: edit(`${expression}${catchHandler}`) };
  const go = supervised === null ? [] : [goSuggestion(edit(supervised))];
  return wrap === inAsync ? [{ messageId: "suggestAwait" as const, output: edit(`await ${expression}`) }, appendCatch, ...go] : [appendCatch, ...go];
}

/** awaitAndCatch is an invalid statement in inAsync with its suggestions on `expression`. */
function awaitAndCatch(statement: string, messageId: MessageIds, expression = statement.replace(/;$/, ""), supervised?: string | null): Invalid {
  return { code: inAsync(statement), errors: [{ messageId, line: 3, suggestions: suggestions(statement, expression, inAsync, supervised) }] };
}

/** callbackDropped is an async callback finding on `line` whose body `go` takes over in `output`. */
function callbackDropped(code: string, line: number, output: string, extra: Partial<Invalid> = {}): Invalid {
  return { code, errors: [{ messageId: "asyncCallbackDropped", line, suggestions: [goSuggestion(output)] }], ...extra };
}

/**
 * emitterCallbackDropped is an `emitter.on('x', async () => { body })` that can reject, reported on
 * line 3, whose `go` suggestion wraps the callback and imports `go` after the fixture's own import.
 */
function emitterCallbackDropped(fixture: Fixture, body: string): Invalid {
  const declaration = emitterDeclaration(fixture);
  const code = `${declaration}\n${header}\nemitter.on('x', async () => {\n${body}\n});`;
  const supervised = `${declaration}\n${header}\nemitter.on('x', () => go(async () => {\n${body}\n}));`;
  const nodeImport = "import { EventEmitter } from 'node:events';";
  const output = fixture === "node" ? supervised.replace(nodeImport, `${nodeImport}\nimport { go } from '@corral/runtime';`) : `${goImport}${supervised}`;
  return { code, errors: [{ messageId: "asyncCallbackDropped", line: 3, suggestions: [{ messageId: "superviseWithGo", output }] }] };
}

function emitterDeclaration(fixture: Fixture): string {
  return fixture === "node"
    ? "import { EventEmitter } from 'node:events'; declare const emitter: EventEmitter;"
    : "declare class EventEmitter { on(event: string, listener: (...args: unknown[]) => void): this; } declare const emitter: EventEmitter;";
}

// The anchor cases of tests/rules/fixtures/conformance/anchor-cases.ts, one statement each, so
// that each is seen reported exactly once (or not at all) on its own.
function anchorCases(fixture: Fixture): { valid: Valid[]; invalid: Invalid[] } {
  const nodeOnly = <T>(...cases: T[]): T[] => (fixture === "node" ? cases : []);
  const withEmitter = (statement: string) => `${emitterDeclaration(fixture)}\n${inAsync(statement)}`;
  // The runtime import goes after the file's last import, or on top of a file without one.
  const emitterWithGo = (statement: string) =>
    fixture === "node" ? withEmitter(statement).replace("'node:events';", "'node:events';\nimport { go } from '@corral/runtime';") : `${goImport}${withEmitter(statement)}`;
  return {
    valid: [
      inAsync("const p = doWork();"), // C02
      inAsync("doWork().catch(() => {});"), // C15
      inAsync("console.log(doWork());"), // C18
      inAsync("await doWork().then((x) => x);"), // C21
      inAsync("const p = doWork(); p.then(() => {}, () => {});"), // C22
      inAsync("await new Promise((r) => setTimeout(r, 1000));"), // C23
      inAsync("const r = await fetch('https://x', { signal: AbortSignal.timeout(5000) });"), // C24
      inAsync("const s = 1, r = 2; return void [s, r];"), // the anchors' last line
    ],
    invalid: [
      awaitAndCatch("doWork();", "droppedPromise"), // C01
      awaitAndCatch("doWork().then((x) => x);", "unhandledThen"), // C06
      callbackDropped(inAsync("items.forEach(async (i) => { await fetchIt(i); });"), 3, inAsync("items.forEach((i) => go(async () => { await fetchIt(i); }));")), // C07
      {
        code: withEmitter("emitter.on('x', async () => { await doWork(); });"),
        errors: [{ messageId: "asyncCallbackDropped", line: 4, suggestions: [{ messageId: "superviseWithGo", output: emitterWithGo("emitter.on('x', () => go(async () => { await doWork(); }));") }] }],
      }, // C08
      callbackDropped(inAsync("setTimeout(async () => { await doWork(); }, 10);"), 3, inAsync("setTimeout(() => go(async () => { await doWork(); }), 10);")), // C09
      callbackDropped(inAsync("setInterval(async () => { await doWork(); }, 10);"), 3, inAsync("setInterval(() => go(async () => { await doWork(); }), 10);")), // C10
      callbackDropped(inAsync("queueMicrotask(async () => { await doWork(); });"), 3, inAsync("queueMicrotask(() => go(async () => { await doWork(); }));")), // C11
      ...nodeOnly(callbackDropped(inAsync("process.on('message', async () => { await doWork(); });"), 3, inAsync("process.on('message', () => go(async () => { await doWork(); }));"))), // C12
      awaitAndCatch("new Promise<void>(async (resolve) => { await doWork(); resolve(); });", "droppedPromise"), // C13: the async executor is no-unhandled-rejection's
      {
        code: inAsync("void doWork();"),
        errors: [
          {
            messageId: "voidedPromise",
            line: 3,
            column: 3,
            suggestions: [
              { messageId: "suggestAwait", output: inAsync("await doWork();") },
              { messageId: "suggestCatch", output: inAsync(`void doWork()${catchHandler};`) },
              goSuggestion(inAsync("go(() => doWork());")),
            ],
          },
        ],
      }, // C14
      dropped(inAsync("items.map(async (i) => fetchIt(i));"), "droppedPromiseArray", { errors: [{ messageId: "droppedPromiseArray", suggestions: [] }] }), // C16
      awaitAndCatch("doWork().finally(() => {});", "unhandledThen"), // C17
      ...nodeOnly(callbackDropped(inAsync("process.nextTick(async () => { await doWork(); });"), 3, inAsync("process.nextTick(() => go(async () => { await doWork(); }));"))), // C19
      dropped(`interface Sync { run(): void }\n${inAsync("const s: Sync = { run: async () => { await doWork(); } };")}`, "asyncFunctionToVoid", {}, 4), // C20
    ],
  };
}

function cases(fixture: Fixture): { valid: Valid[]; invalid: Invalid[] } {
  const anchors = anchorCases(fixture);
  return {
    valid: [
      ...anchors.valid,
      // awaited, returned, yielded, assigned, passed on
      // A builder step returns its receiver (`this`): the request the caller holds, and returns, is not dropped.
      `${header}\n${requestBuilder}\nexport function build(request: Request): Request {\n  request.body("x");\n  return request;\n}`,
      // A function that only hands back a promise someone else started and handles, also through
      // `Promise.resolve(p)` (which is `p` itself): dropping what it returns drops a second reference.
      `${header}\nconst running = doWork();\nrunning.then(() => undefined, (error: unknown) => console.error(error));\nconst release = () => Promise.resolve(running);\nexport function stop(): void {\n  release();\n}`,
      // `.finally(release)` with a synchronous `release`: Promise.allSettled never rejects, and the
      // callback returns no promise (synchronous code is trusted not to throw).
      `${header}\ndeclare const release: () => void;\nexport function stop(): void {\n  void Promise.allSettled([doWork()]).finally(release);\n}`,
      // So does one declared to return exactly its receiver's type (a reply object with a `then`).
      `${header}\n${thenableReply}\nexport function respond(reply: Reply<string>): Promise<void> {\n  void reply.code(200);\n  return reply.send("x");\n}`,
      inAsync("await doWork();", "await (ok ? doWork() : fetchIt('a'));"),
      inSync("return void 0;"),
      `${header}\nexport function run(): Promise<number> { return doWork(); }`,
      `${header}\nexport async function* run() { yield doWork(); yield* [await doWork()]; }`,
      inAsync("const saved = { task: doWork() };", "let later: Promise<number>;", "later = doWork();", "await Promise.all([saved.task, later]);"),
      inAsync("items.forEach((i) => console.log(i));", "items.forEach((i) => { void i.length; });"),
      inAsync("await Promise.all(items.map(async (i) => fetchIt(i)));"),
      // handled chains
      inAsync("doWork().catch(console.error);"),
      inAsync("doWork().then((x) => x).catch((error: unknown) => { console.error(error); });"),
      inAsync("doWork().catch((error: unknown) => { console.error(error); }).finally(() => {});"),
      inAsync("doWork().then((x) => x, (error: unknown) => console.error(error));"),
      inAsync("doWork().catch((error: unknown) => { try { throw error; } catch { console.error('handled'); } });"),
      inAsync("doWork().catch(() => { setTimeout(() => { throw new Error('later, elsewhere'); }, 0); });"),
      inAsync("void doWork().catch(console.error);"),
      // parameters that accept a promise, or use the callback's result
      "declare function retry(fn: () => Promise<void>): void;\nretry(async () => {});",
      "declare function onEvent(fn: () => void | Promise<void>): void;\nonEvent(async () => {});",
      "declare const bus: { on(event: string, fn: (data: unknown) => Promise<void> | void): void };\nbus.on('x', async () => {});",
      "declare function register(fn: (data: unknown) => unknown): void;\nregister(async () => {});",
      "declare function register(fn: Function): void;\nregister(async () => {});",
      // assigned where a promise is fine
      `${header}\nconst work = async () => { await doWork(); };\nconst typed: () => Promise<void> = async () => { await doWork(); };\nexport { work, typed };`,
      `${header}\nconst s: { run(): Promise<void> } = { run: async () => { await doWork(); }, async [Symbol.iterator]() {} };\nexport { s };`,
      `${header}\ninterface Sync { run(): void }\nexport class Job implements Sync { async run() { await doWork(); } }`,
      // test runners, owners, the allow-list, allowVoid
      {
        code: "declare function test(name: string, fn: () => void): Promise<void>;\ntest('runs', async () => { await Promise.resolve(); });",
      },
      {
        code: "declare const describe: { each(table: number[]): (name: string, fn: (n: number) => void) => Promise<void> };\ndescribe.each([1])('each', async () => {});",
      },
      `${header}\nimport { go, Supervisor } from "@corral/runtime";\ngo(async () => { await doWork(); });\nnew Supervisor().go(async () => { await doWork(); });`,
      { code: `${header}\ndeclare const supervisor: any;\nsupervisor.go(async () => { await doWork(); });`, options: strictOptions },
      { code: "export const started: Function = async () => {};", options: strictOptions },
      { code: "declare const it: any;\nit.only('runs', async () => {});\nit('runs', async () => {}).then(() => {});", options: strictOptions },
      { code: `${header}\ndeclare function track(): Promise<void>;\ntrack();`, options: [{ allowList: ["track"] }] },
      { code: `${header}\ndeclare const logger: { flush(): Promise<void> };\nlogger.flush();`, options: [{ allowList: ["logger.flush"] }] },
      { code: `${emitterDeclaration(fixture)}\nemitter.on('x', async () => {});`, options: [{ allowList: ["on"] }] },
      { code: inAsync("void doWork();", "void (async () => {})();"), options: [{ allowVoid: true }] },
      // Real-code shapes whose promise cannot reject (issue #9): reported before, now left alone.
      // An async listener whose body catches every error, inline or passed by reference.
      `${emitterDeclaration(fixture)}\n${header}\nemitter.on('x', async () => {\n  try { await doWork(); } catch (error) { console.error(error); }\n});`,
      `${emitterDeclaration(fixture)}\n${header}\nexport class Listener {\n  private handle = async () => {\n    try { await doWork(); } catch (error) { console.error(error); }\n  };\n  start() { emitter.on('x', this.handle); }\n}`,
      // A timer callback that awaits a function which catches its own errors, or only resolves.
      `${header}\nasync function refresh() { try { await doWork(); } catch { /* logged elsewhere */ } }\nsetInterval(async () => { await refresh(); }, 1000);`,
      `${header}\nconst sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\nexport async function shutdown() { void sleep(100).then(() => console.log('force quit')); }`,
      // \`void\` of a chain that already ends in a non-throwing \`.catch\`, also through a function.
      inAsync("const loading = doWork().catch(() => undefined);", "void loading;"),
      `${header}\nfunction preload() { return doWork().then(() => {}).catch(() => {}); }\nexport function start() { void preload(); }`,
      // A handler that returns a function whose \`finally\` ends it (returns, or ends the process).
      `${header}\nasync function finish() { try { await doWork(); } finally { return; } }\nsetTimeout(() => finish(), 1);`,
      // A wrapper of the project's own that runs the callback it is given (a tracer).
      `${header}\nasync function trace<T>(name: string, fn: () => Promise<T>): Promise<T> { console.log(name); return fn(); }\nsetTimeout(async () => { await trace('tick', async () => { try { await doWork(); } catch (error) { console.error(error); } }); }, 10);`,
      // A Node-style callback receives the error: the promise the API also returns is handled.
      `${header}\ndeclare function command(name: string, callback: (error: Error | null, reply?: string) => void): Promise<string>;\nexport function run(): void { command('PING', (error) => console.error(error)); }`,
      // A drop outside async functions of a promise that cannot reject (no-floating-promises reports it; strict too).
      `${header}\nasync function safely() { try { await doWork(); } catch { /* ignored */ } }\nexport function start(): void { safely(); }`,
      // A script's entry point: a module-level \`void main()\` ends the process with the error.
      `${header}\nasync function main() { await doWork(); }\nif (ok) { void main(); }`,
      // A value typed as a promise or a plain value may be no promise at all (issue #14: a plugin's
      // hook, one client of a union whose method returns nothing).
      `${header}\n${maybePromises}\nexport function close(): void {\n  void hooks.onClose();\n  hooks.onClose();\n  client.destroy();\n}`,
      // … and so is its bare call, or an async IIFE, at the top level (issue #14: judged DEBATABLE, the crash being the intended failure).
      `${header}\nasync function bootstrap() { await doWork(); }\nbootstrap();`,
      `${header}\n(async () => { await doWork(); })();`,
      // A callback that hands back a promise someone else started.
      `${emitterDeclaration(fixture)}\ndeclare const state: { ready: Promise<void> };\nemitter.on('x', () => state.ready);`,
      // An async callback that awaits nothing cannot reject.
      "setTimeout(async () => {}, 1);",
      // \`Promise.all\` of a mapped function that cannot reject cannot reject either.
      `${header}\nasync function forget(key: string) { try { await fetchIt(key); } catch { /* logged */ } }\nasync function forgetAll(keys: string[]) { await Promise.all(keys.map((key) => forget(key))); }\nexport function onChange(): void { void forgetAll(items); }`,
      // \`finally\` waits for what its callback returns, and the chain passes a rejection on to its \`.catch\`.
      inAsync(`doWork().finally(async () => { await fetchIt('x'); })${catchHandler};`),
      // Inside a test the runner reports an unhandled rejection as a failure.
      `${testRunner}\nit('observes the pending work', async () => {\n  let done = false;\n  void doWork().then(() => { done = true; });\n  doWork();\n  items.forEach(async (item) => { await fetchIt(item); });\n  await fetchIt(String(done));\n});`,
      // The object re-running its own method that hands back the promise it keeps (a retry): the
      // method's callers hold that promise; through \`this\`, a \`const self = this\`, or a method
      // assigned to the prototype of a class an interface declares it on.
      batchClass("  onRedirect(): void { this.flush(); }\n  onRetry(): void { const self = this; setTimeout(function () { self.flush(); }, 10); }"),
      `export class Batch {
  result = new Promise<string[]>((_resolve, reject) => setTimeout(() => reject(new Error('timed out')), 10));
  onRedirect(): void { this.flush(); }
}
export interface Batch { flush(): Promise<string[]> }
Batch.prototype.flush = function () { return this.result; };`,
      // nothing to find, odd syntax: never throws
      "label: for (const x of [1]) { if (x) continue label; }",
      "function decorate(_t: unknown, _c: ClassMethodDecoratorContext) {}\nexport class A { #n = 1; static s = 2; accessor a = 3; @decorate m() { return this.#n; } static { A.s++; } }",
      "declare const o: { f?: () => void } | undefined;\no?.f?.();\no?.f!();",
      "function* g() { const x: number = yield 1; return x; }\n[...g()];",
      "const tag = (s: TemplateStringsArray) => s.length;\ntag`x`;\nnew.target;",
      "export default async function () {}\nexport const f = function () { return new.target; };",
      "enum E { A }\nnamespace N { export const x = E.A; }\nN.x;",
      "export abstract class Base { abstract run(): void; get value() { return 1; } set value(_v: number) {} }",
      "interface Sync { run(): void }\nexport const s: Sync = { run() {}, get ['x']() { return 1; } } as Sync;",
      "export function over(a: string): void;\nexport function over(a: number): void;\nexport function over(_a: unknown) {}",
      "export async function dispose() { await using handle = { [Symbol.asyncDispose]: async () => {} }; void handle; }",
    ],
    invalid: [
      // Its TRUE neighbours: a builder step on an object nobody else holds, a method that starts new work,
      // and strict, which reports every drop no-floating-promises reports.
      ...[`new Request(() => {}).body("x")`, "request.send()"].map((call): Invalid => {
        const code = (statement: string) => `${header}\n${requestBuilder}\nexport function build(request: Request): void {\n  ${statement};\n}`;
        // No `go`: a declared method may throw before a promise exists.
        const suggestions = [{ messageId: "suggestCatch" as const, output: code(`${call}${catchHandler}`) }];
        return { code: code(call), errors: [{ messageId: "droppedPromise", line: 7, suggestions }] };
      }),
      dropped(`${header}\n${requestBuilder}\nexport function build(request: Request): Request {\n  request.body("x");\n  return request;\n}`, "unawaitedPromise", { options: strictOptions, errors: [{ messageId: "unawaitedPromise", line: 7 }] }, 7),
      // `finally` returns the receiver's type too, but a new promise, which rejects when the held one does.
      awaitAndCatch("const held = doWork(); held.finally(() => {});", "unhandledThen", "held.finally(() => {})"),
      // Its TRUE neighbour: a `finally` callback that returns a promise, whose rejection the chain passes on.
      ((code: string): Invalid => ({
        code,
        errors: [{ messageId: "voidedPromise", line: 4, suggestions: [{ messageId: "suggestCatch", output: code.replace(".finally(release);", `.finally(release)${catchHandler};`) }] }],
      }))(`${header}\ndeclare const release: () => Promise<void>;\nexport function stop(): void {\n  void Promise.allSettled([doWork()]).finally(release);\n}`),
      // Its TRUE neighbour: a function that starts the work it hands back.
      ((code: string): Invalid => ({
        code,
        errors: [{ messageId: "droppedPromise", line: 4, suggestions: [{ messageId: "suggestCatch", output: code.replace("  restart();", `  restart()${catchHandler};`) }] }],
      }))(`${header}\nconst restart = () => Promise.resolve(doWork());\nexport function stop(): void {\n  restart();\n}`),
      ...anchors.invalid,
      // inside a \`new Promise\` executor, its \`reject\` owns the failure: routed there, never to `go`
      {
        code: `${header}\nexport function run(): Promise<void> {\n  return new Promise<void>((resolve, fail) => {\n    void doWork();\n    resolve();\n  });\n}`,
        errors: [
          {
            messageId: "voidedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\nexport function run(): Promise<void> {\n  return new Promise<void>((resolve, fail) => {\n    void doWork()${catchHandler};\n    resolve();\n  });\n}` },
              { messageId: "routeToReject", output: `${header}\nexport function run(): Promise<void> {\n  return new Promise<void>((resolve, fail) => {\n    doWork().catch(fail);\n    resolve();\n  });\n}` },
            ],
          },
        ],
      },
      // through ?:, &&, ||, ??, comma and type assertions; the value of an identifier
      awaitAndCatch("ok ? doWork() : undefined;", "droppedPromise", "doWork()"),
      awaitAndCatch("ok && doWork();", "droppedPromise", "doWork()"),
      awaitAndCatch("doWork() ?? 1;", "droppedPromise", "doWork()", null),
      {
        code: inAsync("(doWork(), fetchIt('a'));"),
        errors: [
          { messageId: "droppedPromise", column: 4, suggestions: suggestions("(doWork(), fetchIt('a'));", "doWork()") },
          { messageId: "droppedPromise", column: 14, suggestions: suggestions("(doWork(), fetchIt('a'));", "fetchIt('a')") },
        ],
      },
      awaitAndCatch("doWork() as unknown;", "droppedPromise", "doWork()"),
      {
        code: `declare const service: { run(): Promise<void> } | undefined;\n${inAsync("service?.run();")}`,
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestAwait", output: `declare const service: { run(): Promise<void> } | undefined;\n${inAsync("await service?.run();")}` },
              { messageId: "suggestCatch", output: `declare const service: { run(): Promise<void> } | undefined;\n${inAsync(`service?.run()${catchHandler};`)}` },
            ],
          },
        ],
      },
      {
        code: inAsync("const p = doWork();", "p;"),
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestAwait", output: inAsync("const p = doWork();", "await p;") },
              { messageId: "suggestCatch", output: inAsync("const p = doWork();", `p${catchHandler};`) },
              goSuggestion(inAsync("const p = doWork();", "go(() => p);")),
            ],
          },
        ],
      },
      // async IIFE, dropped arrays
      awaitAndCatch("(async () => { await doWork(); })();", "droppedAsyncIife", undefined, "go(async () => { await doWork(); })"),
      dropped(inAsync("[doWork(), fetchIt('a')];"), "droppedPromiseArray"),
      // chains
      awaitAndCatch("doWork().catch(() => 0).then((x) => fetchIt(String(x)));", "unhandledThen"),
      awaitAndCatch("doWork().catch((error: unknown) => { throw error; });", "rethrowingCatch"),
      awaitAndCatch("doWork().catch((error: unknown) => Promise.reject(error));", "rethrowingCatch"),
      awaitAndCatch("doWork().then((x) => x, (error: unknown) => { if (ok) throw new Error('wrapped', { cause: error }); });", "rethrowingCatch"),
      awaitAndCatch("doWork().catch((error: unknown) => { try { console.error(error); } finally { throw error; } });", "rethrowingCatch"),
      awaitAndCatch("doWork().catch((error: unknown) => { throw error; }).finally(() => {});", "rethrowingCatch"),
      awaitAndCatch("doWork().catch();", "droppedPromise"),
      awaitAndCatch("doWork().then((x) => x, undefined);", "unhandledThen"),
      // other thenables; `new Task` without arguments needs parentheses before `.catch`
      {
        code: `${thenable}\n${inAsync("new Task;")}`,
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestAwait", output: `${thenable}\n${inAsync("await new Task;")}` },
              { messageId: "suggestCatch", output: `${thenable}\n${inAsync(`(new Task)${catchHandler};`)}` },
            ],
          },
        ],
      },
      // void anywhere
      {
        code: inSync("const later = () => void doWork();"),
        errors: [
          {
            messageId: "voidedPromise",
            line: 3,
            suggestions: [{ messageId: "suggestCatch", output: inSync(`const later = () => void doWork()${catchHandler};`) }, goSuggestion(inSync("const later = () => go(() => doWork());"))],
          },
        ],
      },
      {
        code: inAsync("void (ok ? doWork() : undefined);"),
        errors: [{ messageId: "voidedPromise", suggestions: [{ messageId: "suggestAwait", output: inAsync("await (ok ? doWork() : undefined);") }, goSuggestion(inAsync("go(() => (ok ? doWork() : undefined));"))] }],
      },
      {
        code: inAsync("void doWork().catch(() => { throw new Error('again'); });"),
        errors: [
          {
            messageId: "rethrowingCatch",
            column: 3,
            suggestions: [
              { messageId: "suggestAwait", output: inAsync("await doWork().catch(() => { throw new Error('again'); });") },
              { messageId: "suggestCatch", output: inAsync(`void doWork().catch(() => { throw new Error('again'); })${catchHandler};`) },
              goSuggestion(inAsync("go(() => doWork().catch(() => { throw new Error('again'); }));")),
            ],
          },
        ],
      },
      dropped(inAsync("void [doWork()];"), "voidedPromise", { errors: [{ messageId: "voidedPromise", suggestions: [] }] }),
      // no await outside async functions: only the .catch suggestion
      {
        code: inSync("doWork();"),
        errors: [{ messageId: "droppedPromise", suggestions: [{ messageId: "suggestCatch", output: inSync(`doWork()${catchHandler};`) }, goSuggestion(inSync("go(() => doWork());"))] }],
      },
      {
        code: `${header}\nexport class Starter { started = (() => { doWork(); })(); }`,
        errors: [
          {
            messageId: "droppedPromise",
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\nexport class Starter { started = (() => { doWork()${catchHandler}; })(); }` },
              goSuggestion(`${header}\nexport class Starter { started = (() => { go(() => doWork()); })(); }`),
            ],
          },
        ],
      },
      // callbacks whose promise is dropped: by name, by type, as references
      callbackDropped(inAsync("items.forEach((i) => fetchIt(i));"), 3, inAsync("items.forEach((i) => go(() => fetchIt(i)));")),
      dropped(`${header}\nasync function refresh() { await doWork(); }\nsetTimeout(refresh, 10);`, "asyncCallbackDropped", {}, 3),
      dropped(`${header}\ndeclare const handlers: { save(): Promise<void> };\nqueueMicrotask(handlers.save.bind(handlers));`, "asyncCallbackDropped", {}, 3),
      dropped(`${work}declare function onDone(fn: () => void): void;\nonDone(async () => { await work(); });`, "asyncCallbackDropped", {}, 2),
      dropped(`${work}declare function onDone(fn?: (n: number) => void): void;\nonDone(async function (n) { await work(); });`, "asyncCallbackDropped", {}, 2),
      // assigned where a function returning void is expected
      dropped(`${work}interface Sync { run(): void }\nexport const s: Sync = { async run() { await work(); } };`, "asyncFunctionToVoid", {}, 2),
      dropped(`${header}\nexport const f: () => void = () => doWork();`, "asyncFunctionToVoid", {}, 2),
      dropped(`${work}export function make(): () => void { return async () => { await work(); }; }`, "asyncFunctionToVoid", {}, 1),
      dropped(`${work}export class Job { handler: () => void = async () => { await work(); }; }`, "asyncFunctionToVoid", {}, 1),
      // strict: callbacks to parameters that do not say what they do with the result
      dropped(`${work}declare function register(fn: Function): void;\nregister(async () => { await work(); });`, "asyncCallbackDropped", { options: strictOptions }, 2),
      dropped(`${work}declare const lib: any;\nlib.register(async () => { await work(); });`, "asyncCallbackDropped", { options: strictOptions }, 2),
      dropped(`${work}declare function go(fn: Function): void;\ngo(async () => { await work(); });`, "asyncCallbackDropped", { options: strictOptions }, 2),
      // A kept promise dropped by a caller outside the object (maybe the only one), through a
      // private method (handed to nobody else), or by a method that starts a promise of its own.
      droppedFlush((statement) => `${batchClass("")}\nexport function send(batch: Batch): void {\n  ${statement}\n}`, "batch.flush();", 15),
      droppedFlush((statement) => batchClass(`  onRedirect(): void { ${statement} }`).replace("flush(): Promise", "private flush(): Promise"), "this.flush();", 12),
      droppedFlush((statement) => `${header}\n${batchClass(`  onRedirect(): void { ${statement} }`, "this.result = doWork().then(() => []);\n    return this.result;")}`, "this.flush();", 13),
      droppedFlush((statement) => `${header}\n${batchClass(`  onRedirect(): void { ${statement} }`, "if (this.attempts > 3) return fetchIt('x').then(() => []);\n    return this.result;")}`, "this.flush();", 13),
      // strict: the re-entry is still a drop nobody waits for.
      {
        code: batchClass("  onRedirect(): void { this.flush(); }"),
        options: strictOptions,
        errors: [{ messageId: "unawaitedPromise", line: 12, suggestions: [] }],
      },
      // \`Promise.all\` of a mapped function that may reject, and the test twin under checkTestCallbacks.
      dropped(
        `${header}\nasync function forgetAll(keys: string[]) { await Promise.all(keys.map((key) => fetchIt(key))); }\nexport function onChange(): void { void forgetAll(items); }`,
        "voidedPromise",
        {
          errors: [
            {
              messageId: "voidedPromise",
              line: 3,
              suggestions: [
                { messageId: "suggestCatch", output: `${header}\nasync function forgetAll(keys: string[]) { await Promise.all(keys.map((key) => fetchIt(key))); }\nexport function onChange(): void { void forgetAll(items)${catchHandler}; }` },
                goSuggestion(`${header}\nasync function forgetAll(keys: string[]) { await Promise.all(keys.map((key) => fetchIt(key))); }\nexport function onChange(): void { go(() => forgetAll(items)); }`),
              ],
            },
          ],
        },
      ),
      {
        code: `${testRunner}\nit('drops', async () => {\n  doWork();\n});`,
        options: [{ checkTestCallbacks: true }],
        errors: [{ messageId: "droppedPromise", line: 5, suggestions: [{ messageId: "suggestAwait", output: `${testRunner}\nit('drops', async () => {\n  await doWork();\n});` }, { messageId: "suggestCatch", output: `${testRunner}\nit('drops', async () => {\n  doWork()${catchHandler};\n});` }] }],
      },
      // A dropped assertion that a promise rejects checks nothing: reported in tests too.
      {
        code: `${testRunner}\nit('rejects', async () => {\n  expect(doWork()).rejects.toThrow();\n});`,
        errors: [{ messageId: "droppedPromise", line: 5, suggestions: [{ messageId: "suggestAwait", output: `${testRunner}\nit('rejects', async () => {\n  await expect(doWork()).rejects.toThrow();\n});` }, { messageId: "suggestCatch", output: `${testRunner}\nit('rejects', async () => {\n  expect(doWork()).rejects.toThrow()${catchHandler};\n});` }] }],
      },
      // Real-code shapes that do lose a rejection (issue #9).
      // A listener whose catch throws again, or whose await is outside the try.
      emitterCallbackDropped(fixture, "  try { await doWork(); } catch (error) { throw new Error('failed', { cause: error }); }"),
      emitterCallbackDropped(fixture, "  await doWork();\n  try { await fetchIt('x'); } catch { /* only the second */ }"),
      // \`void\` of a function whose awaits are not all caught, inside a function.
      dropped(`${header}\nasync function notify() { await doWork(); }\nexport function onSave(): void {\n  void notify();\n}`, "voidedPromise", { errors: [{ messageId: "voidedPromise", line: 4, suggestions: [
              { messageId: "suggestCatch", output: `${header}\nasync function notify() { await doWork(); }\nexport function onSave(): void {\n  void notify()${catchHandler};\n}` },
              goSuggestion(`${header}\nasync function notify() { await doWork(); }\nexport function onSave(): void {\n  go(() => notify());\n}`),
            ] }] }),
      // A timer that runs a function awaiting outside its try.
      dropped(`${header}\nasync function check() { await doWork(); try { await fetchIt('x'); } catch { /* */ } }\nsetInterval(check, 1000);`, "asyncCallbackDropped", {}, 3),
      // strict: a module-level \`void main()\`, and a drop of a promise that cannot reject.
      {
        code: `${header}\nasync function bootstrap() { await doWork(); }\nbootstrap();`,
        options: [{ checkTopLevelVoid: true }],
        errors: [
          {
            messageId: "droppedPromise",
            line: 3,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\nasync function bootstrap() { await doWork(); }\nbootstrap()${catchHandler};` },
            ],
          },
        ],
      },
      // strict reports the values that may be promises; an optional call gives a promise whenever it runs.
      // `go` is not offered for a declared function's call, which may throw before a promise exists.
      {
        code: `${header}\n${maybePromises}\nexport function close(): void {\n  hooks.onClose();\n  void client.destroy();\n}`,
        options: [{ checkMaybePromises: true }],
        errors: [
          {
            messageId: "droppedPromise",
            line: 5,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\n${maybePromises}\nexport function close(): void {\n  hooks.onClose()${catchHandler};\n  void client.destroy();\n}` },
            ],
          },
          {
            messageId: "voidedPromise",
            line: 6,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\n${maybePromises}\nexport function close(): void {\n  hooks.onClose();\n  void client.destroy()${catchHandler};\n}` },
            ],
          },
        ],
      },
      {
        code: `${header}\ndeclare const api: { close(): Promise<void> } | undefined;\nexport function close(): void {\n  api?.close();\n}`,
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\ndeclare const api: { close(): Promise<void> } | undefined;\nexport function close(): void {\n  api?.close()${catchHandler};\n}` },
            ],
          },
        ],
      },
      // A drop in a function that the top level calls is still reported: the function may run again.
      // The file is a script (no import or export), whose failures end it: `go` is not offered.
      {
        code: `${header}\nfunction start() { doWork(); }\nstart();`,
        errors: [
          {
            messageId: "droppedPromise",
            line: 2,
            suggestions: [
              { messageId: "suggestCatch", output: `${header}\nfunction start() { doWork()${catchHandler}; }\nstart();` },
            ],
          },
        ],
      },
      dropped(`${header}\nasync function main() { await doWork(); }\nvoid main();`, "voidedPromise", { options: strictOptions, errors: [{ messageId: "voidedPromise", line: 3, suggestions: [{ messageId: "suggestCatch", output: `${header}\nasync function main() { await doWork(); }\nvoid main()${catchHandler};` }] }] }),
      dropped(`${header}\nasync function safely() { try { await doWork(); } catch { /* ignored */ } }\nexport function start(): void { safely(); }`, "unawaitedPromise", { options: strictOptions, errors: [{ messageId: "unawaitedPromise", line: 3, suggestions: [] }] }),
      dropped(`${header}\nasync function safely() { try { await doWork(); } catch { /* ignored */ } }\nexport async function start() { safely(); }`, "unawaitedPromise", { options: strictOptions, errors: [{ messageId: "unawaitedPromise", line: 3, suggestions: [{ messageId: "suggestAwait", output: `${header}\nasync function safely() { try { await doWork(); } catch { /* ignored */ } }\nexport async function start() { await safely(); }` }] }] }),
      // allowList matches names and whole dotted paths only
      {
        code: inSync("const cache = { flush: async () => { await doWork(); } };", "cache.flush();"),
        options: [{ allowList: ["logger.flush"] }],
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestCatch", output: inSync("const cache = { flush: async () => { await doWork(); } };", `cache.flush()${catchHandler};`) },
              goSuggestion(inSync("const cache = { flush: async () => { await doWork(); } };", "go(() => cache.flush());")),
            ],
          },
        ],
      },
      // node:test subtests through the context must be awaited, or the parent test ends first
      {
        code: inSync("const t = { test: async (name: string) => fetchIt(name) };", "t.test('sub');"),
        errors: [
          {
            messageId: "droppedPromise",
            line: 4,
            suggestions: [
              { messageId: "suggestCatch", output: inSync("const t = { test: async (name: string) => fetchIt(name) };", `t.test('sub')${catchHandler};`) },
              goSuggestion(inSync("const t = { test: async (name: string) => fetchIt(name) };", "go(() => t.test('sub'));")),
            ],
          },
        ],
      },
    ],
  };
}

/**
 * withRejectionHandler installs a process-wide `unhandledRejection` handler whose body is `body`,
 * then starts `doWork()` and drops it in `start()`.
 */
function withRejectionHandler(body: string): string {
  return `${header}\nprocess.on("unhandledRejection", (reason) => { ${body} });\nexport function start(): void { void doWork(); }`;
}
/**
 * handlerSuggestions are the suggestions on withRejectionHandler's drop: `.catch` only, since a
 * program that routes unhandled rejections to a handler of its own gets no `go` (the failure
 * already reaches that handler).
 */
function handlerSuggestions(code: string) {
  return [{ messageId: "suggestCatch" as const, output: code.replace("void doWork();", `void doWork()${catchHandler};`) }];
}

const nodeCases = cases("node");
createRuleTester("node").run("no-fire-and-forget (Node typings)", rule, {
  valid: [
    ...nodeCases.valid,
    "import { once } from 'node:events';\nimport { EventEmitter } from 'node:events';\nexport async function run(emitter: EventEmitter) { await once(emitter, 'x'); }",
    // A signal handler whose function ends the process in \`finally\` (\`process.exit\` never returns).
    `${header}\nasync function waitAndExit() { try { await doWork(); } finally { process.exit(0); } }\nprocess.once('SIGTERM', () => waitAndExit());`,
    // A lazy import of what loads on a correct install: a package the fixture's package.json lists
    // under \`dependencies\`, a built-in, a file of the project. It rejects only as a module's top level throws.
    lazyImport("axios", "\n  void import('node:zlib');\n  void import('./blob-store.js');"),
  ],
  invalid: [
    ...nodeCases.invalid,
    // Where the program installs a process-wide handler that carries on, the message says so (issue #14);
    // the file's path is relative to ESLint's working directory, the fixture project here.
    ...[
      {
        body: "console.error('unhandled', reason);",
        fate: "reaches only `process.on(\"unhandledRejection\", …)` at file.ts:2, not this code",
      },
      { body: "console.error(reason); process.exit(1);", fate: "ends the process (its `unhandledRejection` handler at file.ts:2 exits)" },
      { body: "throw reason;", fate: "ends the process (its `unhandledRejection` handler at file.ts:2 exits)" },
      // A handler added with `once` is gone after the first rejection.
      { body: "console.error(reason);", fate: "ends the Node process", once: true },
      // In a test file the runner's handler gets it, whatever the program (or the suite) installs.
      { body: "console.error(reason);", fate: "reaches the test runner's handler (an error of the whole run), not this test", filename: "file.spec.ts" },
    ].map(({ body, fate, once, filename }): Invalid => {
      const code = once ? withRejectionHandler(body).replace("process.on(", "process.once(") : withRejectionHandler(body);
      return { code, ...(filename ? { filename } : {}), errors: [{ messageId: "voidedPromise", line: 3, data: { fate }, suggestions: handlerSuggestions(code) }] };
    }),
    // A module marked "use client" runs in the browser, whose `unhandledrejection` event gets it.
    ((code: string): Invalid => ({
      code,
      errors: [{ messageId: "voidedPromise", line: 4, data: { fate: "reaches only the browser's `unhandledrejection` event (a console error), not this code" }, suggestions: handlerSuggestions(code) }],
    }))(`"use client";\n${withRejectionHandler("console.error(reason);")}`),
    // Its TRUE neighbours: a peer and an optional dependency, which may be missing where the code runs.
    ...["bottleneck", "async"].map((name): Invalid => {
      const code = lazyImport(name);
      const at = code.indexOf("m; })") + "m; })".length;
      return { code, errors: [{ messageId: "voidedPromise", line: 3, suggestions: [{ messageId: "suggestCatch", output: `${code.slice(0, at)}${catchHandler}${code.slice(at)}` }] }] };
    }),
    callbackDropped(`${work}setImmediate(async () => { await work(); });`, 1, `${work}setImmediate(() => go(async () => { await work(); }));`),
    // A handler of a process event on which the process stops: `go` would keep it running.
    dropped(`${work}process.once('exit', async () => { await work(); });`, "asyncCallbackDropped", {}, 1),
    {
      code: `${work}import { EventEmitter } from 'node:events';\nnew EventEmitter().prependListener('x', async () => { await work(); });`,
      errors: [
        {
          messageId: "asyncCallbackDropped",
          line: 2,
          suggestions: [
            {
              messageId: "superviseWithGo",
              output: `${work}import { EventEmitter } from 'node:events';\nimport { go } from '@corral/runtime';\nnew EventEmitter().prependListener('x', () => go(async () => { await work(); }));`,
            },
          ],
        },
      ],
    },
  ],
});

const domCases = cases("dom");
const buttonProps =
  "export {};\ndeclare global { namespace JSX { interface Element {} interface IntrinsicElements { button: { onClick?: () => void } } } }";
createRuleTester("dom").run("no-fire-and-forget (lib.dom typings)", rule, {
  valid: [
    ...domCases.valid,
    { code: `${header}\ndoWork();`, filename: "react.tsx" },
    { code: `${buttonProps}\nconst view = <button onClick={async () => { await Promise.resolve(); }} />;`, filename: "react.tsx" },
    { code: `${buttonProps}\ndeclare const ok: boolean;\nconst view = <><button onClick={ok ? async () => {} : undefined} /></>;`, filename: "react.tsx" },
  ],
  invalid: [
    ...domCases.invalid,
    callbackDropped(`${work}window.addEventListener('load', async () => { await work(); });`, 1, `${work}window.addEventListener('load', () => go(async () => { await work(); }));`),
    callbackDropped(
      `${work}document.body.onclick = () => {}; document.body.addEventListener('click', async () => { await work(); });`,
      1,
      `${work}document.body.onclick = () => {}; document.body.addEventListener('click', () => go(async () => { await work(); }));`,
    ),
    dropped(`${buttonProps}\n${work}\nconst view = <button onClick={async () => { await work(); }} />;`, "asyncFunctionToVoid", { filename: "react.tsx", options: strictOptions }, 4),
    dropped(`${header}\ndoWork();`, "droppedPromise", {
      filename: "react.tsx",
      // At the top level the call starts the program, as \`void main()\` does: checkTopLevelVoid reports both.
      options: [{ checkTopLevelVoid: true }],
      errors: [{ messageId: "droppedPromise", suggestions: [{ messageId: "suggestCatch", output: `${header}\ndoWork()${catchHandler};` }] }],
    }),
    callbackDropped(`${header}\nitems.forEach(async (i) => { await fetchIt(i); });`, 2, `${header}\nitems.forEach((i) => go(async () => { await fetchIt(i); }));`, { filename: "react.tsx" }),
  ],
});
