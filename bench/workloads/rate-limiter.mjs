// Workload 6: RateLimiter. The cost of asking (allow() when tokens are plentiful and when they
// are not, and an awaited wait()), against limiter and bottleneck; then accuracy: how many
// grants two seconds of waiting yield at 1,000 per second with a burst of 1.
import { version } from "../lib/measure.mjs";

const calls = 1_000_000;
const waits = 50_000;
const plenty = 1e9;
const accuracyRate = 1_000;
const accuracyWindowMs = 2_000;
const tolerance = 0.01;

const countGranted = (expected) => (granted) => {
  if (typeof granted !== "number" || !(expected(granted))) throw new Error(`unexpected grant count ${granted}`);
};

// Both allow() tables loop the same way: `calls` synchronous asks, counting the grants.
const allowLoop = (ask) => () => {
  let granted = 0;
  for (let count = 0; count < calls; count++) if (ask()) granted++;
  return granted;
};

const corralLimiter = async (rate, burst) => {
  const { RateLimiter } = await import("../lib/runtime.mjs");
  return new RateLimiter({ rate, burst });
};
const limiterPackage = async (tokensPerInterval, interval) => {
  const { RateLimiter } = await import("limiter");
  return new RateLimiter({ tokensPerInterval, interval });
};
const bottleneck = async (options) => new (await import("bottleneck")).default(options);

const allowRows = (rate, burst, interval) => [
  { id: "corral", label: "corral `allow()`", role: "corral", prepare: async () => allowLoop(((limiter) => () => limiter.allow())(await corralLimiter(rate, burst))) },
  {
    id: "limiter",
    label: `limiter ${version("limiter")} (\`tryRemoveTokens\`)`,
    role: "peer",
    prepare: async () => allowLoop(((limiter) => () => limiter.tryRemoveTokens(1))(await limiterPackage(burst, interval))),
  },
];

const waitLoop = (wait, times = waits) => async () => {
  for (let count = 0; count < times; count++) await wait();
  return times;
};
// bottleneck dispatches each job through a timer (about 5 ms apiece here): 100 calls keep its
// row inside the time budget, and the figures are per call.
const bottleneckWaits = 100;

/**
 * accuracy keeps four loops waiting for one token each for two seconds, so demand never lets up,
 * and counts the grants that came within the window. A token bucket that starts full owes
 * `rate × seconds + burst` of them; a limiter that loses time to late timers grants fewer.
 */
const accuracy = (makeWait, burst) => async () => {
  const wait = await makeWait();
  const end = performance.now() + accuracyWindowMs;
  let granted = 0;
  const loop = async () => {
    for (;;) {
      await wait();
      if (performance.now() > end) return;
      granted++;
    }
  };
  await Promise.all([loop(), loop(), loop(), loop()]);
  const expected = (accuracyRate * accuracyWindowMs) / 1000 + burst;
  const error = (granted - expected) / expected;
  return { granted, expected, error, within: Math.abs(error) <= tolerance ? "yes" : "no" };
};

export default {
  id: "rate-limiter",
  number: 6,
  title: "RateLimiter",
  summary: `\`allow()\` called ${calls.toLocaleString("en-US")} times in a loop, once with tokens to spare (rate and burst ${plenty.toExponential()}) and once at 1,000/s with a burst of 1 (nearly every call refused); an awaited \`wait()\` ${waits.toLocaleString("en-US")} times with tokens to spare. limiter's nearest call is \`tryRemoveTokens(1)\` / \`removeTokens(1)\`; bottleneck has no synchronous ask, so it appears in the \`wait()\` table with \`schedule()\` of an empty job. Accuracy: four loops each awaiting one token at a time (so demand never lets up) for ${accuracyWindowMs / 1000} s at ${accuracyRate.toLocaleString("en-US")}/s, burst 1 (limiter: 1 token per 1 ms interval; bottleneck: \`minTime: 1\`); within ${tolerance * 100}% of rate × time + burst.`,
  tables: [
    {
      id: "allow-granted",
      title: "`allow()` with tokens to spare",
      kind: "throughput",
      unit: "call",
      units: calls,
      verify: countGranted((granted) => granted === calls),
      rows: allowRows(plenty, plenty, "second"),
    },
    {
      id: "allow-refused",
      title: "`allow()` at 1,000/s (mostly refused)",
      kind: "throughput",
      unit: "call",
      units: calls,
      verify: countGranted((granted) => granted >= 1 && granted < calls / 10),
      rows: allowRows(accuracyRate, 1, 1),
    },
    {
      id: "wait",
      title: "awaited `wait()` with tokens to spare",
      kind: "throughput",
      unit: "call",
      units: waits,
      verify: countGranted((granted) => granted === waits),
      rows: [
        { id: "corral", label: "corral `wait()`", role: "corral", prepare: async () => waitLoop(((limiter) => () => limiter.wait())(await corralLimiter(plenty, plenty))) },
        { id: "limiter", label: `limiter ${version("limiter")} (\`removeTokens\`)`, role: "peer", prepare: async () => waitLoop(((limiter) => () => limiter.removeTokens(1))(await limiterPackage(plenty, "second"))) },
        {
          id: "bottleneck",
          label: `bottleneck ${version("bottleneck")} (\`schedule\`)`,
          role: "peer",
          units: bottleneckWaits,
          verify: countGranted((granted) => granted === bottleneckWaits),
          prepare: async () => waitLoop(((limiter) => () => limiter.schedule(async () => {}))(await bottleneck({})), bottleneckWaits),
        },
      ],
    },
    {
      id: "accuracy",
      title: "Accuracy over two seconds",
      kind: "metrics",
      rows: [
        { id: "corral", label: "corral `wait()`", role: "corral", measure: accuracy(async () => ((limiter) => () => limiter.wait())(await corralLimiter(accuracyRate, 1)), 1) },
        { id: "limiter", label: `limiter ${version("limiter")} (\`removeTokens\`)`, role: "peer", measure: accuracy(async () => ((limiter) => () => limiter.removeTokens(1))(await limiterPackage(1, 1)), 1) },
        { id: "bottleneck", label: `bottleneck ${version("bottleneck")} (\`schedule\`)`, role: "peer", measure: accuracy(async () => ((limiter) => () => limiter.schedule(async () => {}))(await bottleneck({ minTime: 1 })), 1) },
      ],
      columns: [
        { key: "granted", label: "granted in 2 s", format: String },
        { key: "expected", label: "owed", format: String },
        { key: "error", label: "error", format: (value) => `${(value * 100).toFixed(2)}%` },
        { key: "within", label: `within ${tolerance * 100}%`, format: String },
      ],
    },
  ],
};
