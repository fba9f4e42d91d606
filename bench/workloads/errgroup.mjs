// Workload 3: ErrGroup with a limit against what people write with p-limit to get the same
// semantics (a shared AbortController, tasks that skip once it aborted, wait for all), and how
// long the first error takes to cancel the rest.
import { version } from "../lib/measure.mjs";

const tasks = 100_000;
const limit = 16;
const latencyRepetitions = 200;
const queuedBehind = 1_000;
const trivialTask = async () => {};

// The p-limit equivalent of an ErrGroup: first failure aborts the shared signal, queued tasks
// see it and return without working, and the caller gets the first error once all settled.
function pLimitGroup(pLimit) {
  const run = pLimit(limit);
  const controller = new AbortController();
  const running = [];
  let failure;
  return {
    signal: controller.signal,
    go(fn) {
      const started = run(() => (controller.signal.aborted ? undefined : fn(controller.signal)));
      running.push(
        started.catch((error) => {
          if (failure) return;
          failure = { error };
          controller.abort(error);
        }),
      );
    },
    async wait() {
      await Promise.all(running);
      if (failure) throw failure.error;
    },
  };
}

async function corralGroup() {
  const { ErrGroup } = await import("../lib/runtime.mjs");
  return () => new ErrGroup({ limit });
}

async function pLimitGroupFactory() {
  const { default: pLimit } = await import("p-limit");
  return () => pLimitGroup(pLimit);
}

const throughputRow = (makeFactory) => async () => {
  const newGroup = await makeFactory();
  return async () => {
    const group = newGroup();
    let done = 0;
    const counted = async () => {
      await trivialTask();
      done++;
    };
    for (let count = 0; count < tasks; count++) group.go(counted);
    await group.wait();
    return done;
  };
};

const untilAborted = (signal) =>
  new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));

/**
 * cancellationLatency fills the group's 16 slots with tasks that run until cancelled and queues
 * 1,000 more behind them; one running task then throws. The latency runs from that throw to
 * `wait()` rejecting, by which time every started task has settled. Queued tasks that start after
 * the failure are counted: there must be none.
 */
const latencyRow = (makeFactory) => async () => {
  const newGroup = await makeFactory();
  const latencies = [];
  let startedAfterFailure = 0;
  for (let repetition = 0; repetition < latencyRepetitions; repetition++) {
    const group = newGroup();
    let failedAt = 0;
    let release;
    const trigger = new Promise((resolve) => (release = resolve));
    group.go(async () => {
      await trigger;
      failedAt = performance.now();
      throw new Error("first failure");
    });
    for (let count = 1; count < limit; count++) group.go(untilAborted);
    for (let count = 0; count < queuedBehind; count++) {
      group.go((signal) => {
        if (failedAt > 0) startedAfterFailure++;
        return untilAborted(signal);
      });
    }
    release();
    const outcome = await group.wait().then(
      () => "resolved",
      (error) => error.message,
    );
    if (outcome !== "first failure") throw new Error(`wait() settled with ${outcome}`);
    latencies.push((performance.now() - failedAt) * 1000);
  }
  latencies.sort((a, b) => a - b);
  const at = (quantile) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
  return { median: at(0.5), p99: at(0.99), startedAfterFailure };
};

const microseconds = (value) => `${value.toFixed(1)} µs`;

export default {
  id: "errgroup",
  number: 3,
  title: "ErrGroup",
  summary: `${tasks.toLocaleString("en-US")} trivial tasks through a group with limit ${limit}, against the p-limit construction that gives the same semantics (a shared AbortController, queued tasks that skip once it aborted, and a wait for all started tasks). Then the first-error cancellation latency: ${limit} tasks running until cancelled plus ${queuedBehind.toLocaleString("en-US")} queued, one throws; measured from the throw to \`wait()\` rejecting, ${latencyRepetitions} times.`,
  tables: [
    {
      id: "throughput",
      title: "ErrGroup with a limit",
      kind: "throughput",
      unit: "task",
      units: tasks,
      verify: (done) => {
        if (done !== tasks) throw new Error(`${done} of ${tasks} tasks ran`);
      },
      rows: [
        { id: "corral", label: "corral `ErrGroup`", role: "corral", prepare: throughputRow(corralGroup) },
        { id: "p-limit", label: `p-limit ${version("p-limit")} + AbortController`, role: "peer", prepare: throughputRow(pLimitGroupFactory) },
      ],
    },
    {
      id: "cancellation",
      title: "First-error cancellation latency",
      kind: "metrics",
      rows: [
        { id: "corral", label: "corral `ErrGroup`", role: "corral", measure: latencyRow(corralGroup) },
        { id: "p-limit", label: `p-limit ${version("p-limit")} + AbortController`, role: "peer", measure: latencyRow(pLimitGroupFactory) },
      ],
      columns: [
        { key: "median", label: "median latency", format: microseconds, better: "lower" },
        { key: "p99", label: "p99 latency", format: microseconds },
        { key: "startedAfterFailure", label: "queued tasks started after the failure", format: String },
      ],
    },
  ],
};
