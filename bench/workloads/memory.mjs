// Workload 2: a generator of 1,000,000 items through a bounded map. What must stay O(concurrency)
// is everything beyond the results: a library that makes a promise or a closure per item up
// front holds all million of them at once.
import { heapUsed, version } from "../lib/measure.mjs";

const items = 1_000_000;
const concurrency = 16;
const checkpoints = 10;

function* source() {
  for (let item = 0; item < items; item++) yield item;
}

/**
 * measureMemory runs one map of the generator and samples the live heap (after a full
 * collection) at ten checkpoints inside the task, then once more when the results are complete.
 * The peak beyond the results is the highest checkpoint minus the final heap holding the results
 * array: the results only grow, so for an O(concurrency) map the final heap is the peak.
 */
async function measureMemory(runMap) {
  const baseline = heapUsed();
  let peak = 0;
  let calls = 0;
  // The forced collections are the sampler's cost, not the library's: their time is taken out.
  let sampling = 0;
  const task = async (item) => {
    if (++calls % (items / checkpoints) === 0) {
      const sampleStarted = performance.now();
      peak = Math.max(peak, heapUsed() - baseline);
      sampling += performance.now() - sampleStarted;
    }
    return item + 1;
  };
  const started = performance.now();
  const results = await runMap(source(), task);
  const milliseconds = performance.now() - started - sampling;
  const final = heapUsed() - baseline;
  if (results.length !== items || results[items - 1] !== items) throw new Error("wrong results");
  peak = Math.max(peak, final);
  return { milliseconds, peak, final, beyond: peak - final, perItem: (peak - final) / items };
}

const rows = [
  {
    id: "corral",
    label: "corral `map`",
    role: "corral",
    measure: async () => {
      const { map } = await import("../lib/runtime.mjs");
      return measureMemory((iterable, task) => map(iterable, task, { concurrency }));
    },
  },
  {
    id: "p-map",
    label: `p-map ${version("p-map")}`,
    role: "peer",
    measure: async () => {
      const { default: pMap } = await import("p-map");
      return measureMemory((iterable, task) => pMap(iterable, task, { concurrency }));
    },
  },
  {
    id: "p-limit",
    label: `p-limit ${version("p-limit")} (\`limit.map\`)`,
    role: "peer",
    measure: async () => {
      const { default: pLimit } = await import("p-limit");
      return measureMemory((iterable, task) => pLimit(concurrency).map(iterable, task));
    },
  },
];

const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export default {
  id: "memory",
  number: 2,
  title: "Memory: a million-item generator",
  summary: `A generator of ${items.toLocaleString("en-US")} numbers mapped at concurrency ${concurrency}. The live heap (after a full collection) is sampled at ${checkpoints} checkpoints inside the tasks; *beyond results* is the peak minus the final heap that holds the results array, so it is what the library itself kept alive.`,
  tables: [
    {
      id: "heap",
      title: "Memory",
      kind: "metrics",
      // Heap figures after full collections barely move between runs; one round saves a minute.
      rounds: 1,
      rows,
      columns: [
        { key: "beyond", label: "peak heap beyond results", format: megabytes, better: "lower" },
        { key: "perItem", label: "bytes per item", format: (value) => value.toFixed(1) },
        { key: "peak", label: "peak live heap", format: megabytes },
        { key: "final", label: "heap holding the results", format: megabytes },
        { key: "milliseconds", label: "time", format: (value) => `${Math.round(value)} ms` },
      ],
    },
  ],
};
