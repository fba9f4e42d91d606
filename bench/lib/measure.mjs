// Measurement inside a benchmark process: tinybench times whole operations (one operation is a
// full workload, e.g. 200,000 mapped tasks), and the harness divides by the units it contains.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Bench } from "tinybench";

const require = createRequire(import.meta.url);

const fromEnvironment = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** timeBudget is the milliseconds tinybench measures one row for in one process (BENCH_TIME_MS). */
export function timeBudget() {
  return fromEnvironment("BENCH_TIME_MS", 400);
}

/**
 * warmupBudget is the milliseconds of warm-up before measuring (BENCH_WARMUP_MS). Long enough for
 * the JIT to optimize every library's hot path: the figures describe a long-running process, and
 * a library with more (smaller) functions to optimize would otherwise pay for its first second.
 */
export function warmupBudget() {
  return fromEnvironment("BENCH_WARMUP_MS", 600);
}

/**
 * clockName is what tinybench times with (BENCH_CLOCK): `wall`, performance.now(), by default;
 * `cpu`, the CPU time the process used (user + system, every thread), which a machine shared
 * with other work disturbs far less, since time spent descheduled does not count.
 */
export function clockName() {
  return process.env.BENCH_CLOCK === "cpu" ? "cpu" : "wall";
}

function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * measureOperation runs `operation` under tinybench for the time budget (at least five times,
 * after the warm-up budget and at least two warm-up runs) and returns the median milliseconds per
 * operation. The median rather
 * than the mean: one garbage collection landing in one sample must not move the figure. An
 * operation that took `firstRunMs` over a fifth of the budget gets three samples and one warm-up
 * instead, which keeps the slowest peers from eating the suite's ten minutes.
 */
export async function measureOperation(operation, firstRunMs = 0) {
  const time = timeBudget();
  const slow = firstRunMs > time / 5;
  const bench = new Bench({
    time,
    iterations: slow ? 3 : 5,
    warmupTime: warmupBudget(),
    warmupIterations: slow ? 1 : 2,
    throws: true,
    ...(clockName() === "cpu" ? { now: cpuNow } : {}),
  });
  bench.add("operation", operation);
  await bench.run();
  const { latency } = bench.tasks[0].result;
  return { medianMs: latency.p50, meanMs: latency.mean, rme: latency.rme, samples: latency.samplesCount };
}

/** collectGarbage runs a full collection when the process has --expose-gc (the harness sets it). */
export function collectGarbage() {
  if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc: heap figures need a full collection");
  globalThis.gc();
  globalThis.gc();
}

/** heapUsed is the live heap in bytes after a full collection. */
export function heapUsed() {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** version reads a peer's installed version, for the tables' labels. */
export function version(name) {
  // Not require(`${name}/package.json`): several peers do not export their package.json.
  let directory = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
      if (manifest.name === name) return manifest.version;
    } catch {
      // Not a package root yet: keep climbing.
    }
    const parent = dirname(directory);
    if (parent === directory) return "?";
    directory = parent;
  }
}
