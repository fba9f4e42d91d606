// Turns the raw reports of every round into the figures the tables show. Ratios are taken within
// a round (a row against the fastest peer measured minutes apart in the same round) and then the
// median over rounds, so a load spike between rounds moves both sides of a ratio together.
import { median, spread } from "./stats.mjs";

const opsPerSecond = (report) => (report.ok ? report.units / (report.medianMs / 1000) : Number.NaN);

/** aggregateThroughput summarises a throughput table from `reports[rowId][round]`. */
export function aggregateThroughput(table, reports) {
  const rounds = Math.max(...table.rows.map((row) => reports[row.id]?.length ?? 0));
  const fastestPeerByRound = Array.from({ length: rounds }, (_, round) =>
    Math.max(...table.rows.filter((row) => row.role === "peer").map((row) => opsPerSecond(reports[row.id]?.[round] ?? { ok: false })).filter(Number.isFinite)),
  );
  const rows = table.rows.map((row) => {
    const runs = reports[row.id] ?? [];
    const failed = runs.find((report) => !report.ok);
    const rates = runs.map(opsPerSecond);
    const rate = median(rates);
    return {
      id: row.id,
      label: row.label,
      role: row.role,
      unit: table.unit,
      units: runs.find((report) => report.ok)?.units,
      error: Number.isFinite(rate) ? undefined : (failed?.error ?? "not run"),
      opsPerSecond: rate,
      nsPerUnit: 1e9 / rate,
      spread: spread(rates),
      peakRssGrowth: median(runs.filter((report) => report.ok).map((report) => report.peakRssGrowth)),
      ratioToFastestPeer: median(rates.map((value, round) => value / fastestPeerByRound[round])),
      rounds: runs.filter((report) => report.ok).length,
    };
  });
  const peers = rows.filter((row) => row.role === "peer" && Number.isFinite(row.opsPerSecond));
  const fastestPeer = peers.sort((a, b) => b.opsPerSecond - a.opsPerSecond)[0]?.id;
  return { id: table.id, title: table.title, kind: "throughput", unit: table.unit, rows, fastestPeer, ratioByRound: ratioByRound(table, reports) };
}

// ratioByRound(a, b) is the median over rounds of row a's rate over row b's, for the targets.
function ratioByRound(table, reports) {
  const pairs = {};
  for (const first of table.rows) {
    for (const second of table.rows) {
      const ratios = (reports[first.id] ?? []).map((report, round) => opsPerSecond(report) / opsPerSecond(reports[second.id]?.[round] ?? { ok: false }));
      pairs[`${first.id}/${second.id}`] = median(ratios);
    }
  }
  return pairs;
}

/** aggregateMetrics summarises a metrics table: the median of each numeric metric over rounds. */
export function aggregateMetrics(table, reports) {
  const rows = table.rows.map((row) => {
    const runs = (reports[row.id] ?? []).filter((report) => report.ok);
    const failed = (reports[row.id] ?? []).find((report) => !report.ok);
    if (runs.length === 0) return { id: row.id, label: row.label, role: row.role, error: failed?.error ?? "not run" };
    const metrics = {};
    for (const key of Object.keys(runs[0].metrics)) {
      const values = runs.map((report) => report.metrics[key]);
      metrics[key] = typeof values[0] === "number" ? median(values) : values.at(-1);
      if (typeof values[0] === "number" && values.length > 1) metrics[`${key}Spread`] = spread(values);
    }
    return { id: row.id, label: row.label, role: row.role, metrics, rounds: runs.length };
  });
  return { id: table.id, title: table.title, kind: table.kind, rows, columns: table.columns?.map(({ key, label, better }) => ({ key, label, better })) };
}

/** processHealth totals what every benchmark process reported about itself. */
export function processHealth(allReports) {
  let processes = 0;
  let unhandled = 0;
  const timersLeft = new Map();
  for (const { workload, table, row, role, report } of allReports) {
    processes++;
    unhandled += report.unhandledRejections ?? 0;
    if ((report.leftTimers ?? []).length > 0) timersLeft.set(`${workload}/${table}/${row}`, { role, row, leftTimers: report.leftTimers });
  }
  return { processes, unhandled, timersLeft: [...timersLeft.entries()].map(([where, value]) => ({ where, ...value })) };
}
