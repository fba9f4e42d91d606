// Number formatting shared by the Markdown report and the chart.

/** rate formats operations per second with three significant digits and a k/M suffix. */
export function rate(value) {
  if (!Number.isFinite(value)) return "–";
  if (value >= 1e6) return `${(value / 1e6).toPrecision(3)} M`;
  if (value >= 1e3) return `${(value / 1e3).toPrecision(3)} k`;
  return value.toPrecision(3);
}

/** nanoseconds formats a duration per operation, in ns below 10 µs and µs or ms above. */
export function nanoseconds(value) {
  if (!Number.isFinite(value)) return "–";
  if (value < 1e4) return `${Math.round(value).toLocaleString("en-US")} ns`;
  if (value < 1e6) return `${(value / 1e3).toPrecision(3)} µs`;
  return `${(value / 1e6).toFixed(1)} ms`;
}

/** bytes formats a size in KB or MB. */
export function bytes(value) {
  if (!Number.isFinite(value)) return "–";
  if (value < 2 ** 20) return `${Math.round(value / 1024)} KB`;
  return `${(value / 2 ** 20).toFixed(1)} MB`;
}

/** percent formats a fraction as ±n%. */
export function plusMinus(value) {
  return Number.isFinite(value) ? `±${(value * 100).toFixed(1)}%` : "–";
}

/** ratio formats a ratio as n.nn×, with two significant digits below 0.1 so none shows as 0.00×. */
export function ratio(value) {
  if (!Number.isFinite(value)) return "–";
  return `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}×`;
}

/** plural names a unit in the plural, for column headers. */
export function plural(unit) {
  return unit.endsWith("s") ? unit : `${unit}s`;
}

/** escapeCell keeps a table cell on one line and its pipes literal. */
export function escapeCell(text) {
  return String(text).replaceAll("|", "\\|").replaceAll("\n", " ");
}
