// Runs corral's codemod through its programmatic API on the `after` copy of the example service,
// as `corral codemod --diff --concurrency <n> --timeout <ms> examples/service` would from the copy.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CodemodReport, runCodemod } from "corral";
import type { Bounds } from "./summary.js";
import { serviceFolder, type Workspace } from "./workspace.js";

/** RewrittenSite is one finding of the codemod's run and what became of it. */
export interface RewrittenSite {
  /** file is relative to the copy, `examples/service/…`. */
  file: string;
  line: number;
  rule: string;
  status: "rewritten" | "manual";
  reason?: string | undefined;
}

/** RewriteOutcome is the codemod's report on the copy, its findings, and the diffs it wrote. */
export interface RewriteOutcome {
  report: CodemodReport;
  sites: RewrittenSite[];
  /** diff is the unified diff of every changed file, empty when nothing changed. */
  diff: string;
  /** routing is the lines added to the entry point by hand, before the codemod (routeGoFailures). */
  routing: string[];
}

// Without a routing, `go` raises a failure again as the unhandled rejection it was, so handing
// dropped work to it would change nothing, and the codemod leaves those sites to a person. A service
// that adopts `go` routes its failures once, in its entry point, to its log (docs/runtime.md); this
// service logs to stderr, so the runtime's console handler is the one it picks.
const routing = ['import { defaultSupervisor, reportTaskError } from "@corral/runtime";', "defaultSupervisor.onError = reportTaskError;"];

/**
 * routeGoFailures adds, as the service's maintainer does before running the codemod, the two lines
 * that send the failures of `go` to the service's log (stderr) instead of ending the process, at the
 * top of the entry point of the service in `workspace.after`, and returns them.
 */
async function routeGoFailures(workspace: Workspace): Promise<string[]> {
  const entry = join(workspace.after, serviceFolder, "main.ts");
  const text = await readFile(entry, "utf8");
  const lines = text.split("\n");
  // After the file's opening comment, before its first import.
  const first = lines.findIndex((line) => line.startsWith("import "));
  lines.splice(first === -1 ? 0 : first, 0, ...routing);
  await writeFile(entry, lines.join("\n"));
  return routing;
}

/**
 * rewriteCopy routes the failures of `go` in the service in `workspace.after` (routeGoFailures),
 * then runs the codemod on it with the given bounds, type-checked with the service's own tsconfig,
 * and writes the result. A run that reports an error or does not write its changes throws, with
 * the codemod's reason.
 */
export async function rewriteCopy(workspace: Workspace, bounds: Bounds): Promise<RewriteOutcome> {
  const routing = await routeGoFailures(workspace);
  const report = await runCodemod({
    paths: [serviceFolder],
    cwd: workspace.after,
    project: join(serviceFolder, "tsconfig.json"),
    concurrency: bounds.concurrency,
    timeout: bounds.timeoutMs,
    diff: true,
  });
  const failed = report.files.filter((file) => file.status === "error");
  if (failed.length > 0) throw new Error(`the codemod failed on ${failed.map((file) => `${file.file}: ${file.reason}`).join("; ")}`);
  if (report.summary.changed > 0 && !report.written) throw new Error(`the codemod did not write its changes: ${report.notWritten ?? "no reason given"}`);
  const sites = report.files.flatMap((file) =>
    file.sites.map((site) => ({ file: file.file, line: site.line, rule: `corral/${site.rule}`, status: site.status, reason: site.reason })),
  );
  const diff = report.files.flatMap((file) => (file.diff === undefined ? [] : [file.diff.trimEnd()])).join("\n");
  return { report, sites, diff, routing };
}
