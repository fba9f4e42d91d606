// What no speed figure shows, checked on every run: no task left running after a failure or an
// abort, no unhandled rejection, heap back to baseline after aborting 100,000 waiters, no timer
// left behind. Runs in its own process like every workload.
import { cancellationChecks } from "../checks/cancellation.mjs";
import { leakChecks } from "../checks/leaks.mjs";

async function runChecks() {
  let unhandled = 0;
  const countUnhandled = () => unhandled++;
  process.on("unhandledRejection", countUnhandled);
  const results = [];
  for (const [name, check] of [...cancellationChecks, ...leakChecks]) {
    try {
      results.push({ name, ...(await check()) });
    } catch (error) {
      results.push({ name, pass: false, detail: `threw ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  // Unhandled rejections are reported a macrotask after the promise is dropped.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off("unhandledRejection", countUnhandled);
  results.push({ name: "No unhandled rejection during the checks above", pass: unhandled === 0, detail: `${unhandled} unhandled rejections` });
  const timers = process.getActiveResourcesInfo().filter((resource) => resource === "Timeout" || resource === "Immediate");
  results.push({ name: "No timer left behind by the checks above", pass: timers.length === 0, detail: timers.length === 0 ? "no timer or immediate pending" : `pending: ${timers.join(", ")}` });
  return { checks: results };
}

export default {
  id: "checks",
  number: 0,
  title: "Checks",
  summary: "Run in one process with `--expose-gc`; every heap figure is taken after a full collection.",
  tables: [{ id: "checks", title: "Checks", kind: "checks", rounds: 1, rows: [{ id: "corral", label: "corral", role: "corral", measure: runChecks }] }],
};
