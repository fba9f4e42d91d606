// The SVG the docs embed: one group of horizontal bars per table, each bar a row's throughput
// (or a metric, for the tables that name one), scaled to the largest in its group, corral in
// blue, peers in orange, references in grey. Hand-written SVG: no charting dependency.
import { rate } from "./format.mjs";

const width = 960;
const labelWidth = 330;
const valueWidth = 110;
const barHeight = 16;
const gap = 5;
const colors = { corral: "#2563eb", peer: "#ea8a2f", reference: "#9ca3af" };

const escape = (text) => String(text).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("`", "");

/**
 * renderChart draws `groups`: `{ title, rows: [{ label, role, value, text }] }`. Bars are linear
 * on purpose: a log scale would make a 20× gap look like a small one.
 */
export function renderChart(groups) {
  const parts = [];
  let y = 30;
  for (const group of groups) {
    const rows = group.rows.filter((row) => Number.isFinite(row.value));
    if (rows.length === 0) continue;
    parts.push(`<text x="0" y="${y}" class="title">${escape(group.title)}</text>`);
    y += 10;
    const largest = Math.max(...rows.map((row) => row.value));
    for (const row of rows) {
      const length = Math.max(1, ((width - labelWidth - valueWidth) * row.value) / largest);
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" class="label">${escape(row.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" fill="${colors[row.role] ?? colors.peer}"/>`,
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + barHeight - 4}" class="value">${escape(row.text)}</text>`,
      );
      y += barHeight + gap;
    }
    y += 22;
  }
  const legend = Object.entries(colors)
    .map(([role, color], index) => `<rect x="${labelWidth + index * 120}" y="6" width="12" height="12" fill="${color}"/><text x="${labelWidth + index * 120 + 18}" y="16" class="value">${role}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif">
<style>.title{font-size:14px;font-weight:600;fill:#111}.label{font-size:12px;text-anchor:end;fill:#222}.value{font-size:12px;fill:#222}</style>
<rect width="100%" height="100%" fill="#fff"/>
${legend}
${parts.join("\n")}
</svg>
`;
}

/** chartGroups builds the groups from aggregated results: throughput tables and charted metrics. */
export function chartGroups(results, workloads) {
  const groups = [];
  for (const workload of workloads) {
    const aggregated = results[workload.id];
    if (!aggregated) continue;
    for (const table of aggregated.tables) {
      if (table.kind === "throughput") {
        groups.push({
          title: `${workload.number}. ${table.title} (${table.unit}s per second, higher is better)`,
          rows: table.rows.map((row) => ({ label: row.label, role: row.role, value: row.opsPerSecond, text: `${rate(row.opsPerSecond)}/s` })),
        });
        continue;
      }
      const charted = table.columns?.find((column) => column.better === "lower" || column.better === "higher");
      if (!charted) continue;
      const definition = workload.tables.find((candidate) => candidate.id === table.id);
      const format = definition?.columns?.find((column) => column.key === charted.key)?.format ?? String;
      groups.push({
        title: `${workload.number}. ${table.title}: ${charted.label} (${charted.better} is better)`,
        rows: table.rows.map((row) => ({ label: row.label, role: row.role, value: row.metrics?.[charted.key], text: row.metrics ? format(row.metrics[charted.key]) : "" })),
      });
    }
  }
  return groups;
}
