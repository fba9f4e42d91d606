// Workload 11: @corral/redis against the Redis-backed peers users have today, each row on its own
// local redis-server (same settings) through ioredis: `allow()` against rate-limiter-flexible's
// RateLimiterRedis and bottleneck's clustering, acquire/release against redis-semaphore; then the
// latency of one call (p50, p99) and the round trips it costs, counted with MONITOR.
import { version } from "../lib/measure.mjs";
import { redisUnavailable, roundTrips, startRedis } from "../lib/redis-server.mjs";

const calls = 2_000;
const cycles = 1_000;
const samples = 3_000;
const plenty = 1e9;
const key = () => `bench:${Math.random().toString(36).slice(2)}`;

const corral = () => import("../../redis/dist/redis/index.js");

// Each maker resolves with one call: a grant of one token, or an acquire and its release.
const allowers = {
  corral: async (client) => {
    const { RedisRateLimiter } = await corral();
    const limiter = new RedisRateLimiter({ client, key: key(), rate: plenty, burst: plenty });
    return async () => {
      if (!(await limiter.allow())) throw new Error("refused");
    };
  },
  "rate-limiter-flexible": async (client) => {
    const { RateLimiterRedis } = await import("rate-limiter-flexible");
    const limiter = new RateLimiterRedis({ storeClient: client, keyPrefix: key(), points: plenty, duration: 1 });
    return () => limiter.consume("key");
  },
  bottleneck: async (client) => {
    const { default: Bottleneck } = await import("bottleneck");
    const limiter = new Bottleneck({ id: key(), datastore: "ioredis", clearDatastore: true, connection: new Bottleneck.IORedisConnection({ client }) });
    await limiter.ready();
    return () => limiter.schedule(async () => undefined);
  },
};

const cyclers = {
  corral: async (client) => {
    const { RedisSemaphore } = await corral();
    // A fresh server quarantines new semaphores for leaseMs after its start (docs/runtime.md).
    const semaphore = new RedisSemaphore({ client, key: key(), size: 4, leaseMs: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    return async () => (await semaphore.acquire()).release();
  },
  "redis-semaphore": async (client) => {
    const { Semaphore } = await import("redis-semaphore");
    const semaphore = new Semaphore(client, key(), 4, { lockTimeout: 10_000, acquireTimeout: 10_000, retryInterval: 10 });
    return async () => {
      await semaphore.acquire();
      await semaphore.release();
    };
  },
};

const labels = {
  corral: "corral `RedisRateLimiter.allow()`",
  "rate-limiter-flexible": `rate-limiter-flexible ${version("rate-limiter-flexible")} (\`RateLimiterRedis.consume\`)`,
  bottleneck: `bottleneck ${version("bottleneck")} (clustering, \`schedule\`)`,
};
const cycleLabels = { corral: "corral `RedisSemaphore` acquire/release", "redis-semaphore": `redis-semaphore ${version("redis-semaphore")} (\`Semaphore\` acquire/release)` };

const loop = (count) => (call) => async () => {
  for (let index = 0; index < count; index++) await call();
  return count;
};

const throughputRows = (makers, names, count) =>
  Object.entries(makers).map(([id, make]) => ({
    id,
    label: names[id],
    role: id === "corral" ? "corral" : "peer",
    // bottleneck dispatches each job through its own timers: fewer calls keep it in the budget.
    units: id === "bottleneck" ? 200 : undefined,
    prepare: async () => {
      const { client } = await startRedis();
      return loop(id === "bottleneck" ? 200 : count)(await make(client));
    },
  }));

/** latency times `samples` calls one by one, then counts the round trips of 100 more. */
const latency = (make, count) => async () => {
  const { client } = await startRedis();
  const call = await make(client);
  for (let index = 0; index < 200; index++) await call();
  const times = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await call();
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  const trips = await roundTrips(client, 100, async () => {
    for (let index = 0; index < 100; index++) await call();
  });
  return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], roundTrips: trips };
};

const micro = (value) => `${value.toFixed(0)} µs`;

export default {
  id: "redis",
  number: 11,
  title: "Redis: RedisRateLimiter and RedisSemaphore",
  unavailable: redisUnavailable,
  summary: `Every row runs against its own local redis-server (no persistence, same settings) through one ioredis connection, calls awaited one at a time, as a request handler makes them. \`allow()\` with tokens to spare, ${calls.toLocaleString("en-US")} calls, against rate-limiter-flexible's \`RateLimiterRedis.consume\` and bottleneck's Redis clustering (\`schedule\` of an empty job; 200 calls, per call figures); acquire then release, ${cycles.toLocaleString("en-US")} cycles, against redis-semaphore. Latency: ${samples.toLocaleString("en-US")} single calls timed after a warm-up, and the round trips of one call, counted with MONITOR (commands a Lua script runs inside Redis are not trips).`,
  tables: [
    { id: "allow", title: "`allow()` through Redis", kind: "throughput", unit: "call", units: calls, verify: (count) => count > 0 || (() => { throw new Error("no calls"); })(), rows: throughputRows(allowers, labels, calls) },
    { id: "semaphore", title: "acquire/release through Redis", kind: "throughput", unit: "cycle", units: cycles, verify: (count) => count > 0 || (() => { throw new Error("no cycles"); })(), rows: throughputRows(cyclers, cycleLabels, cycles) },
    {
      id: "latency",
      title: "One call: latency and round trips",
      kind: "metrics",
      rounds: 1,
      rows: [
        ...Object.entries(allowers).map(([id, make]) => ({ id: `allow-${id}`, label: labels[id], role: id === "corral" ? "corral" : "peer", measure: latency(make, id === "bottleneck" ? 300 : samples) })),
        ...Object.entries(cyclers).map(([id, make]) => ({ id: `cycle-${id}`, label: cycleLabels[id], role: id === "corral" ? "corral" : "peer", measure: latency(make, samples) })),
      ],
      columns: [
        { key: "p50", label: "p50", format: micro },
        { key: "p99", label: "p99", format: micro },
        { key: "roundTrips", label: "round trips per call", format: (value) => value.toFixed(2) },
      ],
    },
  ],
};
