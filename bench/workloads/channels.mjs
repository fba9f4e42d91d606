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

const libraries = [
  { id: "corral", label: "corral `Channel`", role: "corral", select: true },
  { id: "minimal", label: "minimal ring-buffer channel", role: "reference" },
  { id: "ts-chan", label: `ts-chan ${version("ts-chan")}`, role: "peer", select: true },
  { id: "ts-chan-unsafe", module: "ts-chan", export: "unsafe", label: `ts-chan ${version("ts-chan")} (\`setUnsafe\`)`, role: "peer", select: true },
  { id: "async-channel", label: `async-channel ${version("async-channel")}`, role: "peer" },
  { id: "repeater", label: `@repeaterjs/repeater ${version("@repeaterjs/repeater")}`, role: "peer" },
  { id: "queueable", label: `queueable ${version("queueable")}`, role: "peer" },
  // Effect's race of takes runs about 10,000 selects a second here: a tenth of the messages keeps
  // its row within the time budget (figures are per message, so they stay comparable).
  { id: "effect", label: `effect ${version("effect")} (\`Queue\`)`, role: "peer", select: true, selectShare: 10 },
];

async function loadAdapter(library) {
  const module = await import(`../channels/${library.module ?? library.id}.mjs`);
  return module[library.export ?? "default"];
}

function scenarioRows(scenario, run, filter = () => true) {
  return libraries.filter(filter).map((library) => ({
    id: library.id,
    label: library.id === "corral" && scenario === "selectFour" ? "corral `select`" : library.label,
    role: library.role,
    ...run.override?.(library),
    prepare: async () => {
      const adapter = await loadAdapter(library);
      return adapter.scenarios ? () => run.own(adapter.scenarios[scenario], library) : () => run.shared(adapter);
    },
  }));
}

const checksum = (expected) => (sum) => {
  if (sum !== expected) throw new Error(`received values add up to ${sum}, expected ${expected}`);
};

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
    {
      id: "ping-pong",
      title: "Unbuffered ping-pong",
      kind: "throughput",
      unit: "message",
      units: roundTrips * 2,
      verify: checksum(expectedSum(roundTrips)),
      rows: scenarioRows("pingPong", {
        shared: (adapter) => pingPong(adapter, roundTrips),
        own: (scenario) => scenario(roundTrips),
      }),
    },
    {
      id: "pipeline",
      title: `Buffered pipeline (capacity ${capacity})`,
      kind: "throughput",
      unit: "message",
      units: messages,
      verify: checksum(expectedSum(messages)),
      rows: scenarioRows("pipeline", {
        shared: (adapter) => pipeline(adapter, messages, capacity),
        own: (scenario) => scenario(messages, capacity),
      }),
    },
    {
      id: "select",
      title: "Select over four channels",
      kind: "throughput",
      unit: "message",
      units: messages,
      verify: checksum(4 * expectedSum(messages / 4)),
      rows: scenarioRows(
        "selectFour",
        {
          shared: (adapter) => selectFour(adapter, messages),
          own: (scenario, library) => scenario(messages / (library.selectShare ?? 1)),
          override: (library) =>
            library.selectShare === undefined
              ? {}
              : {
                  units: messages / library.selectShare,
                  verify: checksum(4 * expectedSum(messages / library.selectShare / 4)),
                },
        },
        (library) => library.select,
      ),
    },
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
