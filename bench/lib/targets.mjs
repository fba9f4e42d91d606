// The targets, judged from the aggregated figures of this run (or of the last run of a
// workload, when only some were run). A target whose workload has no figures is "not measured".

const table = (results, workload, id) => results[workload]?.tables.find((candidate) => candidate.id === id);
const row = (aggregated, id) => aggregated?.rows.find((candidate) => candidate.id === id);
// Three decimals near 1, where two would print a narrow win or loss as a tie.
const times = (value) => `${value.toFixed(Math.abs(value - 1) < 0.01 ? 3 : 2)}×`;
const rate = (value) => `${(value / 1e6).toFixed(2)} M/s`;

function aheadOfPeers(results, workload, tableId) {
  const aggregated = table(results, workload, tableId);
  const corral = row(aggregated, "corral");
  if (!corral || !Number.isFinite(corral.ratioToFastestPeer)) return undefined;
  const fastest = row(aggregated, aggregated.fastestPeer);
  return { met: corral.ratioToFastestPeer > 1, table: `${workload}/${tableId}`, measured: `${times(corral.ratioToFastestPeer)} the fastest peer (${fastest?.label ?? "none"})` };
}

function minimumRate(aggregated, minimum) {
  const corral = row(aggregated, "corral");
  if (!corral || !Number.isFinite(corral.opsPerSecond)) return undefined;
  const reference = row(aggregated, "minimal");
  const context = reference && Number.isFinite(reference.opsPerSecond) ? `; the minimal ring-buffer channel reaches ${rate(reference.opsPerSecond)} on this machine` : "";
  return { met: corral.opsPerSecond >= minimum, measured: `${rate(corral.opsPerSecond)}${context}` };
}

function metric(results, workload, tableId, rowId, judge) {
  const found = row(table(results, workload, tableId), rowId);
  return found?.metrics ? judge(found.metrics) : undefined;
}

/** evaluateTargets returns `{ id, workload, target, met, measured }` for every target of the issue. */
export function evaluateTargets(results) {
  const map = table(results, "map", "throughput");
  const lint = table(results, "lint", "rules");
  const targets = [
    [
      "map-vs-loop",
      "map",
      "`map` within 1.25× of the hand-written 16-worker loop",
      map?.ratioByRound && Number.isFinite(map.ratioByRound["hand-written/corral"])
        ? { met: map.ratioByRound["hand-written/corral"] <= 1.25, measured: `the loop is ${times(map.ratioByRound["hand-written/corral"])} as fast as \`map\`` }
        : undefined,
    ],
    ["map-vs-peers", "map", "`map` faster than every peer", aheadOfPeers(results, "map", "throughput")],
    [
      "memory",
      "memory",
      "`map` over a 1,000,000-item generator: peak heap beyond the results O(concurrency) (under 1 MB at concurrency 16)",
      metric(results, "memory", "heap", "corral", (metrics) => ({ met: metrics.beyond < 2 ** 20, measured: `${(metrics.beyond / 1024).toFixed(0)} KB beyond the results` })),
    ],
    ["errgroup-vs-peer", "errgroup", "`ErrGroup` with a limit faster than the p-limit equivalent", aheadOfPeers(results, "errgroup", "throughput")],
    [
      "errgroup-cancellation",
      "errgroup",
      "`ErrGroup`: no queued task starts after the first failure",
      metric(results, "errgroup", "cancellation", "corral", (metrics) => ({ met: metrics.startedAfterFailure === 0, measured: `${metrics.startedAfterFailure} started; median cancellation latency ${metrics.median.toFixed(1)} µs` })),
    ],
    ["worker-pool-vs-peer", "worker-pool", "`WorkerPool` faster than p-queue", aheadOfPeers(results, "worker-pool", "throughput")],
    ["unbuffered-rate", "channels", "unbuffered channel ≥ 4 M messages/s", minimumRate(table(results, "channels", "ping-pong"), 4e6)],
    ["unbuffered-vs-peers", "channels", "unbuffered channel ahead of every peer", aheadOfPeers(results, "channels", "ping-pong")],
    ["buffered-rate", "channels", "capacity-64 channel ≥ 8 M messages/s", minimumRate(table(results, "channels", "pipeline"), 8e6)],
    ["buffered-vs-peers", "channels", "capacity-64 channel ahead of every peer", aheadOfPeers(results, "channels", "pipeline")],
    ["select-vs-peers", "channels", "`select` ahead of every peer", aheadOfPeers(results, "channels", "select")],
    [
      "select-fair",
      "channels",
      "`select` fair (chi-square over 100,000 all-ready selects, p ≥ 0.001)",
      metric(results, "channels", "fairness", "corral", (metrics) => ({ met: metrics.fair === "yes", measured: `χ² = ${metrics.statistic.toFixed(2)}, p = ${metrics.p.toFixed(3)}` })),
    ],
    ["allow-granted-vs-peer", "rate-limiter", "`allow()` faster than limiter (tokens to spare)", aheadOfPeers(results, "rate-limiter", "allow-granted")],
    ["allow-refused-vs-peer", "rate-limiter", "`allow()` faster than limiter (mostly refused)", aheadOfPeers(results, "rate-limiter", "allow-refused")],
    [
      "accuracy",
      "rate-limiter",
      "RateLimiter grants within 1% of the configured rate over two seconds",
      metric(results, "rate-limiter", "accuracy", "corral", (metrics) => ({ met: metrics.within === "yes", measured: `${metrics.granted} of ${metrics.expected} owed (${(metrics.error * 100).toFixed(2)}%)` })),
    ],
    ["semaphore-uncontended", "semaphore", "`Semaphore` faster than async-sema and async-mutex (uncontended)", aheadOfPeers(results, "semaphore", "uncontended")],
    ["semaphore-contended", "semaphore", "`Semaphore` faster than async-sema and async-mutex (contended)", aheadOfPeers(results, "semaphore", "contended")],
    ["redis-allow-vs-peers", "redis", "`RedisRateLimiter.allow()` ahead of rate-limiter-flexible and bottleneck, same server, same client", aheadOfPeers(results, "redis", "allow")],
    ["redis-semaphore-vs-peer", "redis", "`RedisSemaphore` acquire/release ahead of redis-semaphore", aheadOfPeers(results, "redis", "semaphore")],
    [
      "redis-round-trips",
      "redis",
      "one round trip per `allow()`",
      metric(results, "redis", "latency", "allow-corral", (metrics) => ({ met: metrics.roundTrips === 1, measured: `${metrics.roundTrips.toFixed(2)} per call; p99 ${metrics.p99.toFixed(0)} µs` })),
    ],
    [
      "lint-cost",
      "lint",
      "corral's four rules together cost no more than no-floating-promises + no-misused-promises",
      (() => {
        const corral = row(lint, "corral")?.metrics;
        const peer = row(lint, "typescript-eslint")?.metrics;
        if (!corral || !peer) return undefined;
        return { met: corral.rulesTotal <= peer.rulesTotal, measured: `${Math.round(corral.rulesTotal)} ms against ${Math.round(peer.rulesTotal)} ms (${times(corral.rulesTotal / peer.rulesTotal)})` };
      })(),
    ],
    [
      "playground-first-findings",
      "playground",
      "playground: first findings within 3 s of opening the page (headless Chromium, nothing cached)",
      metric(results, "playground", "page", "corral", (metrics) => ({
        met: metrics.firstFindingsMs <= 3_000,
        measured: `${Math.round(metrics.firstFindingsMs).toLocaleString("en-US")} ms (load average ${metrics.load.toFixed(2)})`,
      })),
    ],
    [
      "playground-relint",
      "playground",
      "playground: a re-lint after an edit of a 200-line file within 300 ms",
      metric(results, "playground", "page", "corral", (metrics) => ({
        met: metrics.relintMs <= 300,
        measured: `${Math.round(metrics.relintMs)} ms median, of which the worker ${Math.round(metrics.relintWorkerMs)} ms (load average ${metrics.load.toFixed(2)})`,
      })),
    ],
  ];
  return targets.map(([id, workload, target, outcome]) => ({ id, workload, target, table: outcome?.table, met: outcome?.met, measured: outcome?.measured ?? "not measured" }));
}

/**
 * losses lists every throughput table where a peer beat corral, with the ratio, for the
 * "what still loses" section.
 */
export function losses(results) {
  const found = [];
  for (const workload of Object.values(results)) {
    for (const aggregated of workload.tables) {
      if (aggregated.kind !== "throughput") continue;
      const corral = row(aggregated, "corral");
      if (!corral || !(corral.ratioToFastestPeer < 1)) continue;
      found.push({ workload: workload.id, table: aggregated.id, title: aggregated.title, peer: row(aggregated, aggregated.fastestPeer)?.label, ratio: corral.ratioToFastestPeer });
    }
  }
  return found;
}
