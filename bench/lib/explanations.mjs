// Why corral loses where it does, written after profiling (`node --cpu-prof`) and shown in
// docs/benchmarks.md only when a run actually misses the target. The figures in the sentences
// come from the run being reported, never from the time these lines were written.
import { plusMinus, rate, ratio } from "./format.mjs";

const row = (results, workload, tableId, rowId) =>
  results[workload]?.tables.find((table) => table.id === tableId)?.rows.find((candidate) => candidate.id === rowId);

const profileHint = (workload, table) =>
  `Profile it with \`node --expose-gc --cpu-prof bench/lib/child.mjs ${workload} ${table} corral\`.`;

// The absolute channel targets: the reference row is the ceiling of the loop on this machine.
function channelRate(table, issueFigure) {
  return (results) => {
    const corral = row(results, "channels", table, "corral");
    const reference = row(results, "channels", table, "minimal");
    if (!corral || !reference) return "";
    return `The figure is the issue's, from its own machine, where the minimal ring-buffer channel (the *reference* row: a ring buffer and a synchronous fast path, nothing else) reached about ${issueFigure}. That channel is the ceiling of this loop on a given machine, every message being an awaited send and an awaited receive (two microtask hops); here it reaches ${rate(reference.opsPerSecond)}/s, and corral ${ratio(corral.opsPerSecond / reference.opsPerSecond)} of it.`;
  };
}

function noiseNote(results, workload, tableId) {
  const corral = row(results, workload, tableId, "corral");
  const table = results[workload]?.tables.find((candidate) => candidate.id === tableId);
  const fastest = row(results, workload, tableId, table?.fastestPeer);
  if (!corral || !fastest) return "";
  return ` This run's rounds spread ${plusMinus(corral.spread)} (corral) and ${plusMinus(fastest.spread)} (${fastest.label}): on a shared machine, separate one-second processes catch different amounts of the other cores' load.`;
}

// The playground's figures are wall times of a browser, a worker and a page on a machine whose other
// work takes its cores; the load average of the round is the first thing to read.
function playgroundNote(results, what) {
  const metrics = row(results, "playground", "page", "corral")?.metrics;
  if (!metrics) return "";
  return `${what} The round began at a one-minute load average of ${metrics.load.toFixed(2)} on ${metrics.cores} cores: Chromium's page, its lint worker and the static server share those cores with everything else running, and the time counted is wall time. Profile it in Chromium's DevTools (Performance, with the worker's thread) on the served site (\`npm run site:serve\`).`;
}

const reasons = {
  "playground-first-findings": (results) =>
    playgroundNote(
      results,
      "Before the first findings, the worker downloads and compiles about 5 MB of JavaScript (TypeScript alone is most of it), parses the lib files and @types/node into a program and type-checks what the rules ask about, all for the first time: no code is warm, nothing is cached.",
    ),
  "playground-relint": (results) =>
    playgroundNote(
      results,
      "Each edit builds a new program (the lib files are reused), so the type checker starts afresh and answers the rules' type queries again; the page then draws the findings.",
    ),
  "map-vs-loop": (results) =>
    "Per item, `map` does what the loop does plus what makes it a library: a stop check so that nothing starts after a failure, a pull through the one engine that serves arrays, iterables and async iterables, the `(item, index, signal)` call, and a `try` around each await that turns a failure into the abort of the rest. A CPU profile of both shows no other cost, and run alternately in one long-lived process the loop led by 1.13× to 1.27× when this was profiled; separate processes of either land in a fast or a slow mode (about 1.5× apart, for the loop too) for reasons outside the code, and this table's three rounds can all land differently." +
    noiseNote(results, "map", "throughput"),
  "unbuffered-vs-peers": (results) =>
    "A CPU profile of the ping-pong shows corral doing, per message, what the minimal channel does plus the bookkeeping of a complete channel: a waiter object in an intrusive list (so that an abort, a `close` or a losing `select` case unlinks it in O(1)), its abort hook and the select check. queueable and async-channel queue a bare resolve function and have no abort, no close-while-blocked semantics and no select. Run back to back in one long-lived process, each library with its own copy of the loop, corral came out ahead of both when this was profiled." +
    noiseNote(results, "channels", "ping-pong"),
  "unbuffered-rate": channelRate("ping-pong", "4 M messages/s"),
  "buffered-rate": channelRate("pipeline", "9 M messages/s"),
  "redis-allow-vs-peers": (results) =>
    "Each `allow()` is one round trip for corral and for rate-limiter-flexible (the latency table counts them), so the difference is the work per trip, on a loop of back-to-back calls where the trip itself is a few tens of microseconds. rate-limiter-flexible's `consume` counts in a fixed window (its script adds to a counter and sets its expiry), which admits up to twice the limit around a window's edge; corral's script is GCRA with Redis `TIME` as the clock (reads the clock and the stored arrival time, computes, writes the new time with its expiry), which keeps the rate smooth and lets `wait` and `reserve` book ahead. Not yet profiled inside Redis (`INFO commandstats`) the way the semaphore was; that is the next step." +
    noiseNote(results, "redis", "allow"),
  "redis-semaphore-vs-peer": (results) =>
    "Both do one round trip to acquire and one to release (the latency table counts them), so the difference is the work per trip, and most of it is inside Redis. Measured side by side with Redis's `INFO commandstats` (issue 16), redis-semaphore's cycle costs about 5 µs there: a ZADD of the caller into one sorted set if it fits, then a ZREM; waiters poll every `retryInterval` (10 ms here), whoever polls first wins, and a restart that loses the set admits anyone at once. corral's costs about 23 µs (49 µs before issue 16, when every call read `INFO server`, itself about 10 µs): some 17 commands in two scripts, each about 1 µs through Lua, to keep a FIFO queue, each holder's weight and the count held, drop the entries of dead holders and keep the keys' TTLs. The client makes a lease (an AbortController and one timer) per acquire, about 5 µs of JavaScript per cycle. That buys FIFO across processes, waiters woken by pub/sub instead of polling, a lease lost that the work can see, and no over-admission after a restart; the cost shows on this uncontended loop of back-to-back cycles, where the round trip itself is a few tens of microseconds." +
    noiseNote(results, "redis", "semaphore"),
  accuracy: () =>
    "corral grants a queued waiter at the moment its tokens accrued, so a late timer delays a grant but loses no token while someone waits; a shortfall means the event loop was blocked for longer than the bucket holds (burst 1: one millisecond) with no waiter queued.",
};

/** explainTarget returns why the target `id` was missed, from what the run measured. */
export function explainTarget(id, results) {
  const reason = reasons[id]?.(results);
  return reason || `No explanation recorded: this target was met when the suite was written.`;
}

/** explainLoss returns why corral lost the table `workload/table` that has no target of its own. */
export function explainLoss(key) {
  const [workload, table] = key.split("/");
  return `No explanation recorded: corral led this table when the suite was written. ${profileHint(workload, table)}`;
}
