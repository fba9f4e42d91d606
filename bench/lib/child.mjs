// One benchmark process: `node --expose-gc bench/lib/child.mjs <workload> <table> <row>` measures
// one row and prints one `@@result` line of JSON. A process per row keeps one library's JIT
// warm-up, heap and pending work from touching another's figures.
import { setMaxListeners } from "node:events";
import { collectGarbage, measureOperation } from "./measure.mjs";

const marker = "@@result ";
const [workloadId, tableId, rowId] = process.argv.slice(2);

// Workloads hang a thousand tasks on one signal on purpose; Node's leak warning would only add noise.
setMaxListeners(0);

let unhandledRejections = 0;
process.on("unhandledRejection", () => {
  unhandledRejections++;
});

async function measureRow() {
  const { default: workload } = await import(`../workloads/${workloadId}.mjs`);
  const table = workload.tables.find((candidate) => candidate.id === tableId);
  const row = table?.rows.find((candidate) => candidate.id === rowId);
  if (!row) throw new Error(`no row ${workloadId}/${tableId}/${rowId}`);
  if (table.kind !== "throughput") return { metrics: await row.measure() };
  const operation = await row.prepare();
  // A result that is wrong disqualifies the row: a peer must not win by doing less work.
  const started = performance.now();
  (row.verify ?? table.verify)(await operation());
  const firstRunMs = performance.now() - started;
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const timing = await measureOperation(operation, firstRunMs);
  const peakRssGrowth = Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore);
  return { ...timing, units: row.units ?? table.units, peakRssGrowth };
}

// Timers and immediates still pending once the row is done are work the library left behind:
// they would keep a real program alive, or fire after it thought it was finished.
async function leftBehind() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return process.getActiveResourcesInfo().filter((resource) => resource === "Timeout" || resource === "Immediate");
}

let report;
try {
  report = { ok: true, ...(await measureRow()) };
} catch (error) {
  report = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
report.leftTimers = await leftBehind();
report.unhandledRejections = unhandledRejections;
process.stdout.write(`${marker}${JSON.stringify(report)}\n`, () => {
  // A process that would not exit on its own is reported above, then ended here; the unref'd
  // timer ends one kept alive by some other handle, without itself keeping anything alive.
  if (report.leftTimers.length > 0) process.exit(0);
  setTimeout(() => process.exit(0), 2_000).unref();
});
