// corral codemod, the programmatic entry: decide with one type-checked ESLint run, rewrite each
// file once with jscodeshift, verify with ts-morph (rolling back what adds a type error), write
// atomically, report. The CLI (cli/cli.ts) is a thin shell around runCodemod.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { decide, type FileDecision } from "./decide.js";
import { discoverFiles, findDirtyFiles } from "./discover.js";
import { type CodemodOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { formatRewrite } from "./format.js";
import { findTsconfig } from "./project.js";
import { summarize, toSiteReport, unifiedDiff } from "./report.js";
import { type FilePlan, planFile, settlePlans } from "./settle.js";
import { type CodemodReport, CodemodInputError, type FileReport } from "./types.js";
import { TypeVerifier } from "./verify.js";
import { writeAtomically } from "./write.js";

function undecided(file: string, decision: FileDecision | undefined, tsconfig: string, cwd: string): FileReport | undefined {
  if (decision?.parseError) {
    const { line, column, message } = decision.parseError;
    return { file, status: "error", reason: `does not parse: ${relative(cwd, file)}:${line}:${column}: ${message}`, sites: [] };
  }
  if (!decision || decision.notInProject) return { file, status: "skipped", reason: `not included in ${relative(cwd, tsconfig) || tsconfig}`, sites: [] };
  return undefined;
}

function fileReport(plan: FilePlan, options: ResolvedOptions): FileReport {
  const sites = plan.rewrite.sites.map(toSiteReport).sort((left, right) => left.line - right.line || left.column - right.column);
  const changed = plan.rewrite.output !== plan.original;
  const status = changed ? "changed" : sites.length > 0 ? "manual" : "unchanged";
  const report: FileReport = { file: plan.file, status, sites };
  if (changed && options.diff) report.diff = unifiedDiff(options.cwd, plan.file, plan.original, plan.rewrite.output);
  return report;
}

async function refuseDirtyTree(options: ResolvedOptions, gitRoot: string | undefined): Promise<void> {
  const dirty = await findDirtyFiles(options.paths, options.cwd, gitRoot);
  if (dirty.length === 0) return;
  const listed = dirty.slice(0, 5).map((file) => relative(options.cwd, file)).join(", ");
  const more = dirty.length > 5 ? ` and ${dirty.length - 5} more` : "";
  throw new CodemodInputError(`the git tree has uncommitted changes under the given paths (${listed}${more}); commit or stash them, or pass --force`, dirty[0]);
}

/**
 * runCodemod rewrites what corral's rules report under `options.paths` onto @corral/runtime and
 * returns a report of every file and every finding. Bad input (a missing path or tsconfig, an
 * unknown rule, a dirty git tree without `force`) rejects with a CodemodInputError before anything
 * is written; a file that does not parse is reported as an error and then nothing is written.
 *
 * @example
 * ```ts
 * const report = await runCodemod({ paths: ["src"], dry: true, diff: true });
 * for (const file of report.files) console.log(file.file, file.status);
 * ```
 */
export async function runCodemod(codemodOptions: CodemodOptions = {}): Promise<CodemodReport> {
  const options = resolveOptions(codemodOptions);
  const discovered = await discoverFiles(options.paths, options.cwd);
  const tsconfig = findTsconfig(options.project, options.paths[0] ?? ".", options.cwd);
  const decisions = discovered.files.length > 0 ? await decide(discovered.files, { tsconfig, rules: options.rules, timeout: options.timeout, concurrency: options.concurrency, onProgress: options.onProgress }) : new Map<string, FileDecision>();

  const reports = new Map<string, FileReport>();
  for (const { file, reason } of discovered.skipped) reports.set(file, { file, status: "skipped", reason, sites: [] });
  const plans: FilePlan[] = [];
  for (const [index, file] of discovered.files.entries()) {
    const decision = decisions.get(file);
    const early = undecided(file, decision, tsconfig, options.cwd);
    if (early) reports.set(file, early);
    else if (decision && decision.findings.length === 0) reports.set(file, { file, status: "unchanged", sites: [] });
    else if (decision) {
      try {
        plans.push(planFile(file, await readFile(file, "utf8"), decision.findings));
      } catch (error) {
        reports.set(file, { file, status: "error", reason: `could not be rewritten: ${error instanceof Error ? error.message : String(error)}`, sites: [] });
      }
    }
    options.onProgress?.({ stage: "rewrite", done: index + 1, total: discovered.files.length });
  }

  const changedCount = plans.filter((plan) => plan.rewrite.output !== plan.original).length;
  let checked = 0;
  const settled = changedCount > 0 ? settlePlans(plans, new TypeVerifier(tsconfig), () => options.onProgress?.({ stage: "verify", done: ++checked, total: changedCount })) : plans;
  // Formatting changes layout only, so the type check above holds for the formatted text.
  for (const plan of settled) {
    if (plan.rewrite.output !== plan.original) plan.rewrite.output = await formatRewrite(plan.file, plan.original, plan.rewrite.output);
  }
  for (const plan of settled) reports.set(plan.file, fileReport(plan, options));

  const changed = settled.filter((plan) => plan.rewrite.output !== plan.original);
  const unparsable = [...reports.values()].find((report) => report.status === "error");
  let notWritten = options.check ? "--check writes nothing" : options.dry ? "dry run: nothing written" : undefined;
  if (unparsable && notWritten === undefined) notWritten = `${relative(options.cwd, unparsable.file)} has an error, so nothing was written`;
  if (changed.length > 0 && notWritten === undefined && !options.force) await refuseDirtyTree(options, discovered.gitRoot);
  let attempted = 0;
  let written = 0;
  if (notWritten === undefined) {
    for (const plan of changed) {
      try {
        await writeAtomically(plan.file, plan.rewrite.output);
        written++;
      } catch (error) {
        const report = reports.get(plan.file);
        if (report) Object.assign(report, { status: "error", reason: `could not be written: ${error instanceof Error ? error.message : String(error)}` });
      }
      options.onProgress?.({ stage: "write", done: ++attempted, total: changed.length });
    }
  }
  const files = [...reports.values()]
    .map((report) => ({ ...report, file: relative(options.cwd, report.file) || report.file }))
    .sort((left, right) => left.file.localeCompare(right.file));
  return { files, summary: summarize(files), written: written > 0, ...(notWritten === undefined ? {} : { notWritten }) };
}
