// Report: per-file outcomes as text (with colours on a terminal), JSON, or unified diffs, and the
// summary that ends every run.
import { relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import type { SiteOutcome } from "./rewrite.js";
import type { CodemodReport, CodemodSummary, FileReport, FileStatus, SiteReport } from "./types.js";

/** toSiteReport turns a rewrite's outcome for one finding into its report line. */
export function toSiteReport(outcome: SiteOutcome): SiteReport {
  const { finding, status, reason } = outcome;
  return { line: finding.line, column: finding.column, endLine: finding.endLine, rule: finding.ruleId, messageId: finding.messageId, status, ...(reason === undefined ? {} : { reason }) };
}

/** unifiedDiff returns the diff of one file, with paths relative to `cwd`. */
export function unifiedDiff(cwd: string, file: string, before: string, after: string): string {
  const name = relative(cwd, file);
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}

/**
 * summarize counts files by status and sites by outcome. The rewritten sites of a file that ended
 * in an error (one that could not be written) are not counted: only what was, or would be, written.
 */
export function summarize(files: readonly FileReport[]): CodemodSummary {
  const summary: CodemodSummary = { changed: 0, unchanged: 0, manual: 0, skipped: 0, error: 0, rewrittenSites: 0, manualSites: 0 };
  for (const file of files) {
    summary[file.status]++;
    for (const site of file.sites) {
      if (site.status !== "rewritten") summary.manualSites++;
      else if (file.status !== "error") summary.rewrittenSites++;
    }
  }
  return summary;
}

const statusColors: Record<FileStatus, (text: string) => string> = {
  changed: pc.green,
  unchanged: pc.dim,
  manual: pc.yellow,
  skipped: pc.dim,
  error: pc.red,
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** formatSummary is the last line of a run: what changed, what is left, and whether it was written. */
export function formatSummary(report: CodemodReport, check: boolean): string {
  const { summary } = report;
  const files = `${plural(summary.changed, "file")} ${report.written ? "changed" : check ? "would change" : "to change"}, ${summary.manual} with manual work only, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${plural(summary.error, "error")}`;
  const sites = `${plural(summary.rewrittenSites, "site")} rewritten, ${summary.manualSites} left for manual work`;
  const note = report.notWritten && summary.changed > 0 ? ` (${report.notWritten})` : "";
  return `${pc.bold("corral codemod:")} ${files}; ${sites}${note}.`;
}

/** formatText lists every file that has something to say, then the run's notices and the summary. */
export function formatText(report: CodemodReport, options: { diff: boolean; check: boolean }): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.status === "unchanged") continue;
    const rewritten = file.sites.filter((site) => site.status === "rewritten").length;
    const detail = file.reason ?? (file.sites.length > 0 ? `${rewritten} rewritten, ${file.sites.length - rewritten} manual` : "");
    lines.push(`${pc.bold(file.file)} ${statusColors[file.status](file.status)}${detail ? pc.dim(` (${detail})`) : ""}`);
    for (const site of file.sites) {
      if (site.status !== "manual") continue;
      lines.push(`  ${file.file}:${site.line}:${site.column}  ${pc.yellow("manual")}  ${pc.dim(`corral/${site.rule}`)}  ${site.reason ?? ""}`);
    }
    if (options.diff && file.diff) lines.push(file.diff.trimEnd());
  }
  for (const notice of report.notices) lines.push(`${pc.cyan("note:")} ${notice}`);
  lines.push(formatSummary(report, options.check));
  return `${lines.join("\n")}\n`;
}

/** formatJson is the report as JSON: per file its status, reason, sites (and diff with `--diff`). */
export function formatJson(report: CodemodReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
