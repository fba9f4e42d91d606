// Workload 5: channels. Ping-pong over unbuffered channels, a producer/consumer pipeline through
// a buffer of 64, and select over four channels, against the JS channel libraries; then the
// fairness of select when every case is ready.
import { version } from "../lib/measure.mjs";
import { chiSquareUniform } from "../lib/stats.mjs";
import { expectedSum, pingPong, pipeline, selectFour } from "../channels/scenarios.mjs";

const roundTrips = 50_000;
const messages = 100_000;
const capacity = 64;
const fairnessSelects = 100_000;
// The p-value below which select is declared unfair: a fair select fails one run in a thousand.
const fairnessAlpha = 0.001;

// `share` divides a scenario's message count for the libraries too slow to run it in full within
// the time budget (Effect's fibers, Repeater's push promises): figures are per message, so they
// stay comparable, and a smaller run only spares the slow library its garbage.
const libraries = [
  { id: "corral", label: "corral `Channel`", role: "corral", select: true },
  { id: "minimal", label: "minimal ring-buffer channel", role: "reference" },
  { id: "ts-chan", label: `ts-chan ${version("ts-chan")}`, role: "peer", select: true },
  { id: "ts-chan-unsafe", module: "ts-chan", export: "unsafe", label: `ts-chan ${version("ts-chan")} (\`setUnsafe\`)`, role: "peer", select: true },
  { id: "async-channel", label: `async-channel ${version("async-channel")}`, role: "peer" },
  { id: "repeater", label: `@repeaterjs/repeater ${version("@repeaterjs/repeater")}`, role: "peer", share: { pingPong: 5, pipeline: 5 } },
  { id: "queueable", label: `queueable ${version("queueable")}`, role: "peer" },
  { id: "effect", label: `effect ${version("effect")} (\`Queue\`)`, role: "peer", select: true, share: { pingPong: 10, pipeline: 2, selectFour: 10 } },
];

async function loadAdapter(library) {
  const module = await import(`../channels/${library.module ?? library.id}.mjs`);
  return module[library.export ?? "default"];
}

const checksum = (expected) => (sum) => {
  if (sum !== expected) throw new Error(`received values add up to ${sum}, expected ${expected}`);
};

/**
 * scenarioTable makes the table of one scenario: `count` is its size in full, `units(count)` the
 * messages it moves, `expected(count)` their checksum and `run(adapter or own, count)` runs it.
 */
function scenarioTable({ id, title, scenario, count, units, expected, run, filter = () => true }) {
  const rows = libraries.filter(filter).map((library) => {
    const share = library.share?.[scenario] ?? 1;
    const size = count / share;
    return {
      id: library.id,
      label: library.id === "corral" && scenario === "selectFour" ? "corral `select`" : library.label,
      role: library.role,
      ...(share === 1 ? {} : { units: units(size), verify: checksum(expected(size)) }),
      prepare: async () => {
        const adapter = await loadAdapter(library);
        // A library with scenarios of its own (Effect) gets the same sizes: count, then capacity.
        return adapter.scenarios ? () => adapter.scenarios[scenario](size, capacity) : () => run(adapter, size);
      },
    };
  });
  return { id, title, kind: "throughput", unit: "message", units: units(count), verify: checksum(expected(count)), rows };
}

const fairnessRow = (library) => ({
  id: library.id,
  label: library.id === "corral" ? "corral `select`" : library.label,
  role: library.role,
  measure: async () => {
    const adapter = await loadAdapter(library);
    const counts = await adapter.fairness(fairnessSelects);
    const { statistic, p } = chiSquareUniform(counts);
    return { counts: counts.join(" / "), statistic, p, fair: p >= fairnessAlpha ? "yes" : "no" };
  },
});

export default {
  id: "channels",
  number: 5,
  title: "Channels",
  summary: `Ping-pong: ${roundTrips.toLocaleString("en-US")} round trips (two messages each) between two tasks over two unbuffered channels. Pipeline: ${messages.toLocaleString("en-US")} messages from a producer to a consumer through a buffer of ${capacity}. Select: four producers on four unbuffered channels, one consumer selecting until it has all ${messages.toLocaleString("en-US")} messages. Every library runs the same loop through a thin adapter (bench/channels/); the received values are checksummed. Fairness: ${fairnessSelects.toLocaleString("en-US")} selects over four channels that are all ready every time, chi-square against uniform (fair when p ≥ ${fairnessAlpha}).`,
  tables: [
    scenarioTable({
      id: "ping-pong",
      title: "Unbuffered ping-pong",
      scenario: "pingPong",
      count: roundTrips,
      units: (count) => count * 2,
      expected: expectedSum,
      run: pingPong,
    }),
    scenarioTable({
      id: "pipeline",
      title: `Buffered pipeline (capacity ${capacity})`,
      scenario: "pipeline",
      count: messages,
      units: (count) => count,
      expected: expectedSum,
      run: (adapter, count) => pipeline(adapter, count, capacity),
    }),
    scenarioTable({
      id: "select",
      title: "Select over four channels",
      scenario: "selectFour",
      count: messages,
      units: (count) => count,
      expected: (count) => 4 * expectedSum(count / 4),
      run: selectFour,
      filter: (library) => library.select,
    }),
    {
      id: "fairness",
      title: "Select fairness",
      kind: "metrics",
      rows: libraries.filter((library) => ["corral", "ts-chan", "ts-chan-unsafe"].includes(library.id)).map(fairnessRow),
      columns: [
        { key: "counts", label: "times each case was chosen", format: String },
        { key: "statistic", label: "chi-square (3 df)", format: (value) => value.toFixed(2) },
        { key: "p", label: "p-value", format: (value) => value.toFixed(3) },
        { key: "fair", label: `fair (p ≥ ${fairnessAlpha})`, format: String },
      ],
    },
  ],
};
