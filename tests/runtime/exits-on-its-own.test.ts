// No timer left behind: a script that uses every primitive of the BUILT runtime must exit on its
// own with code 0 (an unsettled top-level await exits with 13, an unhandled rejection with 1) and
// leave no timer pending, not even an unref'd one (which would not hold the process but would
// still be a timer left behind). Primitives are feature-detected, so ones added later are exercised
// as soon as they are exported; an export the script does not know fails the test by name.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "corral-exits-"));
const builtRuntime = join(scratch, "runtime/index.js");

const script = String.raw`
import assert from "node:assert/strict";
const outstanding = new Set();
const real = { setTimeout, clearTimeout, setInterval, clearInterval };
globalThis.setTimeout = (callback, ms, ...args) => {
  const handle = real.setTimeout(() => { outstanding.delete(handle); callback(...args); }, ms);
  outstanding.add(handle);
  return handle;
};
globalThis.clearTimeout = (handle) => { outstanding.delete(handle); real.clearTimeout(handle); };
globalThis.setInterval = (...args) => { const handle = real.setInterval(...args); outstanding.add(handle); return handle; };
globalThis.clearInterval = (handle) => { outstanding.delete(handle); real.clearInterval(handle); };

// No keep-alive handle of the script's own: a timer the runtime awaits (a limiter's wait, a
// deadline racing work) must hold the process by itself, or awaiting it at top level would exit
// with 13 mid-wait.
const runtime = await import(process.argv[2]);
const exercised = [];
async function use(name, body) {
  if (runtime[name] === undefined) return;
  await body(runtime[name]);
  exercised.push(name);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const never = (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
const parent = new AbortController();

await use("systemClock", (clock) => {
  assert.equal(typeof clock.now(), "number");
  clock.clearTimeout(clock.setTimeout(() => {}, 60_000));
  clock.clearTimeout(clock.setTimeout(() => {}, 2 ** 32));
});
await use("onAbort", (onAbort) => onAbort(parent.signal, () => {})());
await use("linkSignal", (linkSignal) => linkSignal(parent.signal, { timeout: 60_000 }).dispose());
await use("timeoutSignal", async (timeoutSignal) => {
  const own = new AbortController();
  timeoutSignal(60_000, own.signal);
  own.abort();
  // timeoutSignal's timer is unref'd like AbortSignal.timeout's (nothing can clear it early), so a
  // ref'd sleep of the script's own keeps the process up while the deadline is awaited.
  const signal = timeoutSignal(5);
  await Promise.all([new Promise((resolve) => signal.addEventListener("abort", resolve)), sleep(50)]);
  assert.equal(signal.reason.name, "TimeoutError");
});
await use("abortable", async (abortable) => assert.equal(await abortable(Promise.resolve(1), parent.signal), 1));
await use("supervise", async (supervise) => {
  assert.equal(await supervise(async () => 2, { signal: parent.signal }), 2);
  const own = new AbortController();
  const pending = supervise(never, { signal: own.signal });
  own.abort("stop");
  await assert.rejects(pending, (reason) => reason === "stop");
});
await use("withTimeout", async (withTimeout) => {
  assert.equal(await withTimeout(60_000, async () => 3, { signal: parent.signal }), 3);
  await assert.rejects(withTimeout(5, never), { name: "TimeoutError" });
});
await use("withDeadline", async (withDeadline) => assert.equal(await withDeadline(Date.now() + 60_000, () => 4), 4));
await use("Supervisor", async (Supervisor) => {
  const failures = [];
  const supervisor = new Supervisor({ name: "script", onError: (error) => failures.push(error) });
  supervisor.go(() => sleep(5));
  supervisor.go(never);
  supervisor.go(() => { throw new Error("thrown"); });
  await supervisor.shutdown({ signal: AbortSignal.timeout(5_000) });
  assert.equal(failures.length, 1);
});
await use("reportTaskError", (reportTaskError) => {
  const original = console.error;
  console.error = () => {};
  try { reportTaskError(new Error("quiet"), { name: "quiet", fn: () => {}, supervisor: { name: "script" } }); }
  finally { console.error = original; }
});
await use("raiseUnhandled", async (raiseUnhandled) => {
  const error = new Error("raised");
  const seen = new Promise((resolve) => process.once("unhandledRejection", resolve));
  raiseUnhandled(error);
  assert.equal(await seen, error);
});
await use("defaultSupervisor", async (defaultSupervisor) => {
  const reported = new Promise((resolve) => (defaultSupervisor.onError = resolve));
  runtime.go(() => sleep(5).then(() => Promise.reject(new Error("late failure"))));
  assert.equal((await reported).message, "late failure");
});
await use("go", (go) => go(() => undefined));
await use("SingleFlight", async (SingleFlight) => {
  const flights = new SingleFlight();
  const results = await Promise.all([flights.do("key", () => sleep(5).then(() => 5)), flights.do("key", () => 0)]);
  assert.deepEqual(results.map((result) => result.value), [5, 5]);
});
await use("ErrGroup", async (ErrGroup) => {
  const group = new ErrGroup({ signal: parent.signal, limit: 2 });
  for (let index = 0; index < 4; index++) group.go(() => sleep(2));
  group.tryGo(() => undefined);
  await group.wait();
  const failing = new ErrGroup();
  failing.go(never);
  failing.go(async () => { throw new Error("first"); });
  await assert.rejects(failing.wait(), { message: "first" });
});
await use("map", async (map) => assert.deepEqual(await map([1, 2, 3], async (item) => item * 2, { concurrency: 2 }), [2, 4, 6]));
await use("mapSettled", async (mapSettled) => {
  const outcomes = await mapSettled([1, 2], async (item) => { if (item === 2) throw new Error("two"); return item; });
  assert.deepEqual(outcomes.map((outcome) => outcome.status), ["fulfilled", "rejected"]);
});
await use("Channel", async (Channel) => {
  const channel = new Channel();
  const received = channel.receive();
  await channel.send(1);
  assert.deepEqual(await received, { value: 1, ok: true });
  const own = new AbortController();
  const blocked = channel.send(2, { signal: own.signal });
  own.abort("gone");
  await assert.rejects(blocked, (reason) => reason === "gone");
  const buffered = new Channel(2);
  assert.equal(buffered.trySend(3), true);
  buffered.close();
  for await (const value of buffered) assert.equal(value, 3);
});
await use("select", async (select) => {
  const ready = new runtime.Channel(1);
  ready.trySend(7);
  const idle = new runtime.Channel();
  assert.equal((await select([{ receive: idle }, { receive: ready }])).index, 1);
  assert.equal((await select([{ receive: idle }], { default: true })).index, -1);
  const own = new AbortController();
  const waiting = select([{ receive: idle }, { send: idle, value: 1 }], { signal: own.signal });
  own.abort("done");
  await assert.rejects(waiting, (reason) => reason === "done");
});
await use("Semaphore", async (Semaphore) => {
  const semaphore = new Semaphore(2);
  await semaphore.acquire(2);
  assert.equal(semaphore.tryAcquire(1), false);
  const waiting = semaphore.acquire(1, { signal: parent.signal });
  semaphore.release(2);
  await waiting;
  semaphore.release(1);
});
await use("RateLimiter", async (RateLimiter) => {
  const limiter = new RateLimiter({ rate: 1_000, burst: 1 });
  assert.equal(limiter.allow(), true);
  await limiter.wait(1, { signal: parent.signal });
  limiter.reserve(1).cancel();
  // A limiter whose next token is 1,000 s away, so the wait is certainly pending when it is
  // aborted: at 1,000 tokens/s a slow machine can refill one between the calls.
  const slow = new RateLimiter({ rate: 0.001, burst: 1 });
  assert.equal(slow.allow(), true);
  const own = new AbortController();
  const waiting = slow.wait(1, { signal: own.signal });
  own.abort("no");
  await assert.rejects(waiting, (reason) => reason === "no");
});

async function* count(limit) { for (let value = 1; value <= limit; value++) yield value; }
await use("fanOut", async (fanOut) => {
  const seen = [];
  await fanOut(count(4), [(value) => seen.push(value), async (value) => { await sleep(1); seen.push(value); }]);
  assert.deepEqual(seen.sort(), [1, 2, 3, 4]);
  const branches = fanOut(count(4), 2);
  const taken = await Promise.all(branches.map(async (branch) => { const values = []; for await (const value of branch) values.push(value); return values; }));
  assert.deepEqual(taken.flat().sort(), [1, 2, 3, 4]);
});
await use("fanIn", async (fanIn) => {
  const merged = [];
  for await (const value of fanIn(count(2), count(3))) merged.push(value);
  assert.deepEqual(merged.sort(), [1, 1, 2, 2, 3]);
});
await use("WorkerPool", async (WorkerPool) => {
  const pool = new WorkerPool(async (job) => { await sleep(1); if (job === 2) throw new Error("two"); return job * 10; }, { workers: 2, queueSize: 1 });
  const collected = (async () => { const records = []; for await (const record of pool.results) records.push(record); return records; })();
  for (const job of [1, 2, 3]) await pool.submit(job);
  pool.trySubmit(4);
  await pool.stop({ signal: AbortSignal.timeout(5_000) });
  const records = await collected;
  assert.equal(records.filter((record) => !record.ok).length, 1);
  assert.ok(records.some((record) => record.ok && record.value === 30));
});

process.stdout.write(JSON.stringify({ exports: Object.keys(runtime), exercised, outstanding: outstanding.size }));
`;

beforeAll(async () => {
  // The runtime is compiled into this test's own folder, never into runtime/dist: other test files read
  // it while this one runs, and a rebuild under their feet fails them at random. Type errors are
  // the type check's to report; tsc emits regardless, and fresh JavaScript is what this test needs.
  await run(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", "runtime/tsconfig.json", "--composite", "false", "--tsBuildInfoFile", "null", "--outDir", join(scratch, "runtime")],
    { cwd: root },
  ).catch(() => undefined);
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(scratch, "uses-everything.mjs"), script);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The issue-11 hole: an undisposed link used to hold a finished script for its whole timeout.
const forgotten = String.raw`
const { linkSignal, timeoutSignal } = await import(process.argv[2]);
linkSignal(undefined, { timeout: 60_000 });
timeoutSignal(60_000, new AbortController().signal);
`;

it("a script that forgets to dispose a linkSignal or a timeoutSignal still exits at once", async () => {
  writeFileSync(join(scratch, "forgets.mjs"), forgotten);
  // 15 s against a 60 s deadline: a hang detector, not a speed measurement.
  await expect(
    run(process.execPath, [join(scratch, "forgets.mjs"), pathToFileURL(builtRuntime).href], { cwd: scratch, timeout: 15_000 }),
  ).resolves.toBeDefined();
}, 30_000);

it("a script using every primitive of the built runtime exits on its own with code 0, leaving no timer", async () => {
  expect(existsSync(builtRuntime), "tsc wrote the runtime into the scratch folder").toBe(true);
  // The kill is a hang detector, not a speed measurement: a healthy run takes well under a second.
  const { stdout } = await run(process.execPath, [join(scratch, "uses-everything.mjs"), pathToFileURL(builtRuntime).href], {
    cwd: scratch,
    timeout: 15_000,
  }).catch((failure: { code?: unknown; signal?: unknown; stderr?: unknown }) => {
    throw new Error(`The script did not exit with code 0 (code ${failure.code}, signal ${failure.signal}):\n${failure.stderr}`);
  });
  const report = JSON.parse(stdout) as { exports: string[]; exercised: string[]; outstanding: number };
  expect(report.outstanding, "timers still pending when the script ended").toBe(0);
  const primitives = report.exports.filter((name) => !name.endsWith("Error"));
  expect(primitives.filter((name) => !report.exercised.includes(name)), "exports the script does not use yet").toEqual([]);
  expect(report.exercised).toEqual(expect.arrayContaining(["supervise", "Supervisor", "go", "withTimeout", "SingleFlight"]));
}, 30_000);
