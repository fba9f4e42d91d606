// Runs corral's codemod, through its programmatic API, on the `after` copy of the example service,
// and returns what it did to each finding and the unified diff of the copy.

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { runCodemod } from "../../codemods/codemod.js";
import type { CodemodReport } from "../../codemods/types.js";
import type { Bounds } from "./summary.js";
import { serviceFolder, type Workspace } from "./workspace.js";

/** RewrittenSite is one finding of the codemod's run and what became of it. */
export interface RewrittenSite {
  /** file is relative to the service folder. */
  file: string;
  line: number;
  rule: string;
  status: "rewritten" | "manual";
  reason?: string | undefined;
}

/** RewriteOutcome is the codemod's report on the copy, and the diff it made. */
export interface RewriteOutcome {
  report: CodemodReport;
  sites: RewrittenSite[];
  /** diff is the unified diff of the service, `examples/service/…` paths, empty when unchanged. */
  diff: string;
}

async function readSources(directory: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const name of (await readdir(directory)).sort()) {
    if (name.endsWith(".ts")) sources.set(name, await readFile(join(directory, name), "utf8"));
  }
  return sources;
}

/**
 * rewriteCopy runs the codemod on the service in `workspace.after` with the given bounds, type-
 * checked with the service's own tsconfig, and diffs the result against the original.
 */
export async function rewriteCopy(workspace: Workspace, bounds: Bounds): Promise<RewriteOutcome> {
  const directory = join(workspace.after, serviceFolder);
  const original = await readSources(directory);
  const report = await runCodemod({
    paths: [directory],
    cwd: directory,
    project: join(directory, "tsconfig.json"),
    concurrency: bounds.concurrency,
    timeout: bounds.timeoutMs,
  });
  const rewritten = await readSources(directory);
  const patches: string[] = [];
  for (const [name, before] of original) {
    const after = rewritten.get(name) ?? "";
    if (after === before) continue;
    const path = join(serviceFolder, name);
    patches.push(createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 2, headerOptions: FILE_HEADERS_ONLY }).trimEnd());
  }
  const sites = report.files.flatMap((file) =>
    file.sites.map((site) => ({ file: file.file, line: site.line, rule: `corral/${site.rule}`, status: site.status, reason: site.reason })),
  );
  return { report, sites, diff: patches.join("\n") };
}
