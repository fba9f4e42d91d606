// Checks that no task outlives the call that started it: after a failure or an abort, by the time
// map, ErrGroup.wait, WorkerPool.stop or Supervisor.shutdown settles, every task it started has
// settled too. Each task counts itself in and out; the count must be zero at that moment.
import { ErrGroup, Supervisor, WorkerPool, map } from "../lib/runtime.mjs";

// A task that works for `ms` unless its signal aborts first, then settles promptly like real
// cancellable I/O; `live.running` counts the tasks between start and settle.
function cancellable(live, ms) {
  return (signal) =>
    new Promise((resolve, reject) => {
      live.running++;
      live.started++;
      const finish = (settle, value) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        // A macrotask later: cancellation in real I/O is never synchronous.
        setImmediate(() => {
          live.running--;
          settle(value);
        });
      };
      const onAbort = () => finish(reject, signal.reason);
      const timer = setTimeout(() => finish(resolve, undefined), ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
}

const newLive = () => ({ running: 0, started: 0 });
const failure = new Error("task failed");

async function mapAfterFailure() {
  const live = newLive();
  const work = cancellable(live, 5);
  const outcome = await map(
    Array.from({ length: 1_000 }, (_, index) => index),
    (item, index, signal) => (index === 40 ? Promise.reject(failure) : work(signal)),
    { concurrency: 16 },
  ).then(() => "resolved", (error) => error);
  return { pass: outcome === failure && live.running === 0, detail: `${live.running} of ${live.started} started calls still running when map rejected` };
}

async function mapAfterAbort() {
  const live = newLive();
  const work = cancellable(live, 5);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("caller gave up")), 15);
  const outcome = await map(Array.from({ length: 10_000 }, (_, index) => index), (item, index, signal) => work(signal), {
    concurrency: 16,
    signal: controller.signal,
  }).then(() => "resolved", (error) => error.message);
  return { pass: outcome === "caller gave up" && live.running === 0, detail: `${live.running} of ${live.started} started calls still running when map rejected` };
}

async function errGroupAfterFailure() {
  const live = newLive();
  const work = cancellable(live, 5);
  const group = new ErrGroup({ limit: 16 });
  for (let count = 0; count < 1_000; count++) group.go(count === 40 ? () => Promise.reject(failure) : work);
  const outcome = await group.wait().then(() => "resolved", (error) => error);
  return {
    pass: outcome === failure && live.running === 0 && live.started < 1_000,
    detail: `${live.running} of ${live.started} started tasks still running when wait() rejected; ${999 - live.started} queued tasks never started`,
  };
}

async function workerPoolAfterAbort() {
  const live = newLive();
  const work = cancellable(live, 5);
  const controller = new AbortController();
  const pool = new WorkerPool((job, signal) => work(signal), { workers: 8, queueSize: 32, signal: controller.signal });
  let records = 0;
  const reader = (async () => {
    for await (const record of pool.results) records++;
  })();
  let accepted = 0;
  setTimeout(() => controller.abort(new Error("pool cancelled")), 15);
  for (let job = 0; job < 10_000; job++) {
    try {
      await pool.submit(job);
      accepted++;
    } catch {
      break;
    }
  }
  await pool.stop();
  const runningAtStop = live.running;
  await reader;
  return {
    pass: runningAtStop === 0 && records === accepted,
    detail: `${runningAtStop} jobs running when stop() resolved; ${records} records for ${accepted} accepted jobs`,
  };
}

async function supervisorShutdown() {
  const live = newLive();
  const work = cancellable(live, 60_000);
  let reported = 0;
  const supervisor = new Supervisor({ onError: () => reported++ });
  for (let count = 0; count < 1_000; count++) supervisor.go(work);
  await supervisor.shutdown();
  return { pass: live.running === 0, detail: `${live.running} of ${live.started} tasks still running when shutdown() resolved (${reported} reported to onError)` };
}

/** cancellationChecks run one after another, each returning `{ pass, detail }`. */
export const cancellationChecks = [
  ["`map`: no call left running after a call fails", mapAfterFailure],
  ["`map`: no call left running after the caller aborts", mapAfterAbort],
  ["`ErrGroup`: no task left running after the first failure, queued tasks never start", errGroupAfterFailure],
  ["`WorkerPool`: no job left running after the pool is aborted, one record per accepted job", workerPoolAfterAbort],
  ["`Supervisor`: no task left running after `shutdown()`", supervisorShutdown],
];
