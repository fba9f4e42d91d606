// Why corral loses where it does: written after profiling (`node --cpu-prof`), and shown in
// docs/benchmarks.md only when this run actually shows the loss or the missed target.

const lossReasons = {};

const targetReasons = {};

/** explainLoss returns the reason recorded for a lost table, keyed `workload/table`. */
export function explainLoss(key) {
  return lossReasons[key] ?? "Not yet profiled.";
}

/** explainTarget returns the reason recorded for a missed target, keyed by its text. */
export function explainTarget(target) {
  return targetReasons[target] ?? "Not yet profiled.";
}
