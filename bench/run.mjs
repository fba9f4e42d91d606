// `npm run bench [-- <workload>…] [--rounds n] [--time ms]`: builds the packages if a source changed,
// measures every row of the chosen workloads in its own process, interleaved over rounds, and
// rewrites docs/benchmarks.md and docs/benchmarks.svg. Figures of workloads not run this time
// are kept from bench/.results/latest.json, the store of the last figures of each workload.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./lib/build.mjs";
import { chartGroups, renderChart } from "./lib/chart.mjs";
import { rate } from "./lib/format.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { renderReport } from "./lib/report.mjs";
import { aggregateMetrics, aggregateThroughput, processHealth } from "./lib/results.mjs";
import { runRow } from "./lib/spawn.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const store = new URL("./.results/latest.json", import.meta.url);
const order = ["checks", "map", "memory", "errgroup", "worker-pool", "channels", "rate-limiter", "semaphore", "lint", "codemod", "playground", "redis"];

function parseArguments(argv) {
  const options = { rounds: 3, timeMs: 400, warmupMs: 600, workloads: [], reportOnly: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--report-only") options.reportOnly = true;
    else if (argument === "--rounds") options.rounds = Number(argv[++index]);
    else if (argument === "--time") options.timeMs = Number(argv[++index]);
    else if (argument === "--warmup") options.warmupMs = Number(argv[++index]);
    else if (argument.startsWith("-")) throw new TypeError(`unknown option ${argument}; use --rounds <n>, --time <ms>, --warmup <ms> or --report-only`);
    else options.workloads.push(argument);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new TypeError("--rounds must be a positive integer");
  if (!(options.timeMs > 0)) throw new TypeError("--time must be a positive number of milliseconds");
  if (!(options.warmupMs > 0)) throw new TypeError("--warmup must be a positive number of milliseconds");
  return options;
}

async function loadWorkloads() {
  return Promise.all(order.map(async (id) => (await import(`./workloads/${id}.mjs`)).default));
}

function select(workloads, names) {
  if (names.length === 0) return workloads;
  return names.map((name) => {
    const found = workloads.find((workload) => workload.id === name || String(workload.number) === name);
    if (!found) throw new TypeError(`unknown workload ${name}; choose from ${workloads.map((workload) => workload.id).join(", ")}`);
    return found;
  });
}

function describe(report, table) {
  if (!report.ok) return `FAILED ${report.error}`;
  if (report.metrics) return "done";
  return `${rate(report.units / (report.medianMs / 1000))} ${table.unit}s/s`;
}

async function measure(selected, options) {
  const reports = {};
  const flat = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const workload of selected) {
      for (const table of workload.tables) {
        if (round >= (table.rounds ?? options.rounds)) continue;
        // Rotating the order each round spreads any drift of the machine over every row.
        const rows = table.rows.map((_, index) => table.rows[(index + round) % table.rows.length]);
        for (const row of rows) {
          const report = await runRow(workload.id, table.id, row.id, { timeoutMs: table.timeoutMs, environment: { BENCH_TIME_MS: String(options.timeMs), BENCH_WARMUP_MS: String(options.warmupMs) } });
          ((reports[workload.id] ??= {})[table.id] ??= {})[row.id] ??= [];
          reports[workload.id][table.id][row.id].push(report);
          flat.push({ workload: workload.id, table: table.id, row: row.id, role: row.role, report });
          console.log(`[round ${round + 1}/${options.rounds}] ${workload.id}/${table.id}/${row.id}: ${describe(report, table)} (${report.seconds.toFixed(1)} s)`);
        }
      }
    }
  }
  return { reports, flat };
}

function aggregate(selected, { reports, flat }, generatedAt, options) {
  const results = {};
  for (const workload of selected) {
    results[workload.id] = {
      id: workload.id,
      measuredAt: generatedAt,
      rounds: options.rounds,
      tables: workload.tables.map((table) => {
        const tableReports = reports[workload.id]?.[table.id] ?? {};
        return table.kind === "throughput" ? aggregateThroughput(table, tableReports) : aggregateMetrics(table, tableReports);
      }),
      health: processHealth(flat.filter((item) => item.workload === workload.id)),
    };
  }
  return results;
}

const options = parseArguments(process.argv.slice(2));
const started = performance.now();
const workloads = await loadWorkloads();
const previous = existsSync(store) ? JSON.parse(readFileSync(store, "utf8")) : { results: {} };
let stored = previous;
if (!options.reportOnly) {
  ensureBuilt(root, (line) => console.log(line));
  // A workload that cannot run here (the Redis rows without redis-server) says so and is skipped;
  // the report keeps its last figures, if any, or says why there are none.
  const selected = select(workloads, options.workloads).filter((workload) => {
    if (workload.unavailable) console.log(`${workload.id}: not run: ${workload.unavailable}`);
    return !workload.unavailable;
  });
  const generatedAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const measured = aggregate(selected, await measure(selected, options), generatedAt, options);
  stored = { machine: describeMachine(), generatedAt, options: { rounds: options.rounds, timeMs: options.timeMs, warmupMs: options.warmupMs }, results: { ...previous.results, ...measured } };
  mkdirSync(new URL(".", store), { recursive: true });
  writeFileSync(store, `${JSON.stringify(stored, null, 1)}\n`);
}
if (!stored.machine) throw new Error("no stored results to report: run the suite first");
const { results, machine, generatedAt } = stored;
writeFileSync(new URL("docs/benchmarks.md", `file://${root}/`), renderReport({ results, workloads, machine, generatedAt, options: stored.options }));
writeFileSync(new URL("docs/benchmarks.svg", `file://${root}/`), renderChart(chartGroups(results, workloads)));
console.log(`wrote docs/benchmarks.md and docs/benchmarks.svg in ${((performance.now() - started) / 1000).toFixed(0)} s`);
