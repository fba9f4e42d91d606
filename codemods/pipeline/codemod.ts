// corral codemod, the programmatic entry: decide with one type-checked ESLint run under the
// project's own configuration, rewrite each file once with the rules' own rewrites, verify with
// TypeScript in every tsconfig that builds each file (rolling back what adds a type error), format with the
// project's formatter, write atomically, add the runtime to the dependencies, report. The CLI (cli/cli.ts) is a thin shell around runCodemod.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { runtimeModule, unroutedGoReason } from "eslint-plugin-corral";
import { decide, type FileDecision } from "./decide.js";
import { addRuntimeDependency, importsRuntime, nearestPackageJson, planDependency, runtimeRange } from "./dependency.js";
import { BuildConfigs } from "./builds.js";
import { discoverFiles, findDirtyFiles } from "./discover.js";
import type { RuleOptionOverrides } from "./lint-config.js";
import { formatRewrite } from "./format.js";
import { type CodemodOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { collectStageGarbage } from "./memory.js";
import { resolveProject, runtimeLoadProblem, type RuntimeProblem, runtimeProblem } from "./project.js";
import { docsUrl } from "./package-info.js";
import { summarize, toSiteReport, unifiedDiff } from "./report.js";
import { type FilePlan, planFile, settlePlans } from "./settle.js";
import { type CodemodReport, CodemodInputError, type FileReport } from "./types.js";
import { TypeVerifier } from "./verify.js";
import { readOnlyReason, writeAtomically } from "./write.js";

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function undecided(file: string, decision: FileDecision | undefined, cwd: string): FileReport | undefined {
  if (decision?.parseError) {
    const { line, column, message } = decision.parseError;
    return { file, status: "error", reason: `does not parse: ${relative(cwd, file)}:${line}:${column}: ${message}`, sites: [] };
  }
  if (!decision) return { file, status: "skipped", reason: "not linted", sites: [] };
  if (decision.skipped !== undefined) return { file, status: "skipped", reason: decision.skipped, sites: [] };
  if (decision.findings.length === 0) return { file, status: "unchanged", sites: [] };
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

// Before any work: the files the run may write are the TypeScript files it lints and the
// package.json nearest each. A person's uncommitted edit there would be mixed with the rewrite,
// except in a package.json the run only adds the runtime to (the edit stays as it is, beside one
// new line); moving the runtime out of its devDependencies is a change to refuse like any other.
async function refuseDirtyTree(files: readonly string[], options: ResolvedOptions, gitRoot: string | undefined): Promise<void> {
  if (options.force || options.dry || options.check || gitRoot === undefined) return;
  const manifests = new Set(files.map(nearestPackageJson).filter((manifest) => manifest !== undefined));
  const candidates = new Set([...files, ...manifests]);
  const dirty = (await findDirtyFiles([...options.paths, ...manifests], options.cwd, gitRoot)).filter((file) => candidates.has(file));
  const refused: string[] = [];
  for (const file of dirty) {
    const name = relative(options.cwd, file) || file;
    if (!manifests.has(file)) refused.push(name);
    else if (planDependency(await readFile(file, "utf8"))?.change === "moved") refused.push(`${name}, where it would move ${runtimeModule} from devDependencies to dependencies`);
  }
  if (refused.length === 0) return;
  const more = refused.length > 5 ? ` and ${refused.length - 5} more` : "";
  throw new CodemodInputError(`files the codemod would write have uncommitted changes (${refused.slice(0, 5).join("; ")}${more}); commit or stash them, or pass --force`, dirty[0]);
}

// An explicit --timeout or --concurrency is what the rules' rewrites write, in place of the project's.
function ruleOptionsOf(options: ResolvedOptions): RuleOptionOverrides {
  const overrides: RuleOptionOverrides = {};
  if (options.timeout !== undefined) overrides["require-timeout"] = { timeoutMs: options.timeout };
  if (options.concurrency !== undefined) overrides["no-unbounded-concurrency"] = { concurrency: options.concurrency };
  return overrides;
}

// A run that checked nothing must not look like a run that found nothing (a silent pass in CI).
function refuseNothingChecked(reports: readonly FileReport[], planned: number, options: ResolvedOptions, javaScriptFiles: number): void {
  if (planned > 0 || reports.some((report) => report.status !== "skipped")) return;
  const under = options.paths.join(", ");
  if (reports.length === 0) {
    const javaScript = javaScriptFiles === 0 ? "" : ` (${javaScriptFiles === 1 ? "1 JavaScript file" : `${javaScriptFiles} JavaScript files`}: corral's rules and codemod work on TypeScript; JavaScript is not supported yet)`;
    throw new CodemodInputError(`no TypeScript file to check under ${under}${javaScript}`);
  }
  const [first] = reports;
  const name = relative(options.cwd, first?.file ?? "") || first?.file;
  if (reports.length === 1) throw new CodemodInputError(`the one file under ${under} was not checked: ${name}: ${first?.reason ?? "skipped"}`, first?.file);
  throw new CodemodInputError(`none of the ${reports.length} files under ${under} was checked: ${name}: ${first?.reason ?? "skipped"} (and ${reports.length - 1} more skipped)`, first?.file);
}

// Plans are verified in every build of their files (BuildConfigs), one tsconfig's program at a time
// (collected before the next is built), so at most one is alive at once. A roll-back in one build
// changes a file that other builds already accepted, so changed files are checked again in all of
// theirs, until nothing changes; a file that has not settled after a few rounds is left as it was.
const verifyRounds = 3;

async function verifyPlans(plans: readonly FilePlan[], tsconfigs: ReadonlyMap<string, string>, options: ResolvedOptions): Promise<FilePlan[]> {
  const builds = new BuildConfigs();
  const current = new Map(plans.map((plan) => [plan.file, plan]));
  const configsOf = new Map(plans.filter(isChanged).map((plan) => [plan.file, builds.configsOf(plan.file, tsconfigs.get(plan.file) ?? "")]));
  let pending = new Set(configsOf.keys());
  let checked = 0;
  let total = 0;
  let collect = false;
  for (let round = 0; pending.size > 0 && round < verifyRounds; round++) {
    const groups = new Map<string, string[]>();
    for (const file of pending) for (const tsconfig of configsOf.get(file) ?? []) groups.set(tsconfig, [...(groups.get(tsconfig) ?? []), file]);
    total += [...groups.values()].reduce((sum, files) => sum + files.length, 0);
    const changedNow = new Set<string>();
    for (const [tsconfig, files] of groups) {
      const group = files.map((file) => current.get(file) as FilePlan).filter(isChanged);
      if (group.length === 0) continue;
      if (collect) await collectStageGarbage();
      collect = true;
      const build = relative(options.cwd, tsconfig) || tsconfig;
      for (const plan of settlePlans(group, new TypeVerifier(tsconfig), () => options.onProgress?.({ stage: "verify", done: ++checked, total }), build)) {
        if (plan.rewrite.output !== current.get(plan.file)?.rewrite.output) changedNow.add(plan.file);
        current.set(plan.file, plan);
      }
    }
    // A file rolled back in this round is checked again in every build, even those that passed it.
    pending = new Set([...changedNow].filter((file) => isChanged(current.get(file) as FilePlan) && (configsOf.get(file)?.length ?? 0) > 1));
  }
  for (const file of pending) {
    const plan = current.get(file) as FilePlan;
    const excluded = new Map(plan.rewrite.sites.filter((site) => site.status === "rewritten").map((site) => [site.finding, `rolled back: the rewrites of this file did not settle in its builds (${(configsOf.get(file) ?? []).map((tsconfig) => relative(options.cwd, tsconfig)).join(", ")}) after ${verifyRounds} rounds`]));
    current.set(file, planFile(plan.file, plan.original, plan.findings, { ...plan.context, excluded: new Map([...(plan.context.excluded ?? []), ...excluded]) }));
  }
  return plans.map((plan) => current.get(plan.file) ?? plan);
}

function isChanged(plan: FilePlan): boolean {
  return plan.rewrite.output !== plan.original;
}

// The package.json nearest to each file whose new text imports the runtime.
function plannedDependencies(changed: readonly FilePlan[]): string[] {
  const manifests = new Set<string>();
  for (const plan of changed) {
    const manifest = importsRuntime(plan.rewrite.output) ? nearestPackageJson(plan.file) : undefined;
    if (manifest !== undefined) manifests.add(manifest);
  }
  return [...manifests].sort();
}

async function describeDependencies(manifests: readonly string[], options: ResolvedOptions, write: boolean, reports: Map<string, FileReport>): Promise<string[]> {
  const notices: string[] = [];
  for (const manifest of manifests) {
    const name = relative(options.cwd, manifest) || manifest;
    try {
      const change = write ? await addRuntimeDependency(manifest) : planDependency(await readFile(manifest, "utf8"))?.change;
      if (change === "added") notices.push(`${name}: ${write ? "added" : "would add"} ${runtimeModule} ${runtimeRange} to \`dependencies\`, which the rewritten files import${write ? " (run your package manager's install)" : ""}`);
      if (change === "moved") notices.push(`${name}: ${write ? "moved" : "would move"} ${runtimeModule} from \`devDependencies\` to \`dependencies\`: the rewritten files import it at run time`);
    } catch (error) {
      reports.set(manifest, { file: manifest, status: "error", reason: `could not add ${runtimeModule} to its dependencies: ${errorMessage(error)}`, sites: [] });
    }
  }
  return notices;
}

// One line for the sites a single assignment would unlock, rather than a reason to read per site.
function routingNotice(reports: Iterable<FileReport>): string[] {
  let count = 0;
  for (const report of reports) for (const site of report.sites) if (site.reason === unroutedGoReason) count++;
  if (count === 0) return [];
  const sites = count === 1 ? "1 dropped promise stays" : `${count} dropped promises stay`;
  return [`${sites} manual because nothing in the program says where a failed \`go\` task goes: set \`defaultSupervisor.onError\` once at start-up (${docsUrl("codemods.md#no-fire-and-forget")}), then run the codemod again`];
}

// A read-only file or folder is refused before anything is written, as a file that does not parse is.
async function refuseReadOnly(changed: readonly FilePlan[], options: ResolvedOptions, reports: Map<string, FileReport>): Promise<string | undefined> {
  let first: string | undefined;
  for (const plan of changed) {
    const reason = await readOnlyReason(plan.file);
    const report = reports.get(plan.file);
    if (reason === undefined || !report) continue;
    Object.assign(report, { status: "error", reason: `not rewritten: it ${reason}` });
    first ??= relative(options.cwd, plan.file) || plan.file;
  }
  return first === undefined ? undefined : `${first} is read-only, so nothing was written`;
}

interface Planned {
  plans: FilePlan[];
  tsconfigs: Map<string, string>;
  problems: Map<string, RuntimeProblem>;
}

async function planFiles(files: readonly string[], decisions: ReadonlyMap<string, FileDecision>, options: ResolvedOptions, reports: Map<string, FileReport>): Promise<Planned> {
  const planned: Planned = { plans: [], tsconfigs: new Map(), problems: new Map() };
  for (const [index, file] of files.entries()) {
    const decision = decisions.get(file);
    const early = undecided(file, decision, options.cwd);
    if (early) reports.set(file, early);
    else if (decision?.facts?.tsconfig !== undefined) {
      const problem = runtimeProblem(file, decision.facts, options.cwd) ?? runtimeLoadProblem(file, decision.facts, options.cwd);
      if (problem) planned.problems.set(problem.key, problem);
      try {
        planned.plans.push(planFile(file, await readFile(file, "utf8"), decision.findings, { runtimeUnavailable: problem?.reason, aliases: decision.facts.aliases }));
        planned.tsconfigs.set(file, decision.facts.tsconfig);
      } catch (error) {
        reports.set(file, { file, status: "error", reason: `could not be rewritten: ${errorMessage(error)}`, sites: [] });
      }
    }
    options.onProgress?.({ stage: "rewrite", done: index + 1, total: files.length });
  }
  return planned;
}

// A runtime problem is worth a message only where a site was left manual because of it.
function problemNotices(problems: ReadonlyMap<string, RuntimeProblem>, plans: readonly FilePlan[]): string[] {
  return [...problems.values()].filter((problem) => plans.some((plan) => plan.rewrite.sites.some((site) => site.reason === problem.reason))).map((problem) => problem.message);
}

/**
 * runCodemod rewrites what corral's rules, as the project's ESLint configuration sets them, report
 * under `options.paths` onto @corral/runtime, adds the runtime to the dependencies of the nearest
 * package.json of each file that now imports it, and returns a report of every file and finding.
 * Bad input (a missing path or tsconfig, an unknown rule, an out-of-range bound, a configuration
 * without corral's rules or type information, a dirty git tree without `force`, a run in which
 * no file could be checked) rejects with a CodemodInputError before anything is written; a file
 * that does not parse is reported as an error and then nothing is written.
 *
 * @example
 * ```ts
 * const report = await runCodemod({ paths: ["src"], dry: true, diff: true });
 * for (const file of report.files) console.log(file.file, file.status);
 * ```
 */
export async function runCodemod(codemodOptions: CodemodOptions = {}): Promise<CodemodReport> {
  const options = resolveOptions(codemodOptions);
  const project = resolveProject(options.project, options.cwd);
  const discovered = await discoverFiles(options.paths, options.cwd);
  await refuseDirtyTree(discovered.files, options, discovered.gitRoot);
  const decided = discovered.files.length > 0 ? await decide(discovered.files, { cwd: options.cwd, project, preset: options.config, rules: options.rules, ruleOptions: ruleOptionsOf(options), onProgress: options.onProgress }) : { files: new Map<string, FileDecision>(), notices: [] };

  // The lint's programs are unreachable now; so are the rewrites' syntax trees after planning.
  await collectStageGarbage();
  const reports = new Map<string, FileReport>();
  for (const { file, reason } of discovered.skipped) reports.set(file, { file, status: "skipped", reason, sites: [] });
  const planned = await planFiles(discovered.files, decided.files, options, reports);
  refuseNothingChecked([...reports.values()], planned.plans.length, options, discovered.javaScriptFiles);
  if (planned.plans.length > 0) await collectStageGarbage();
  const settled = await verifyPlans(planned.plans, planned.tsconfigs, options);
  // Formatting changes layout only, so the type check above holds for the formatted text.
  for (const plan of settled) {
    if (plan.rewrite.output !== plan.original) plan.rewrite.output = await formatRewrite(plan.file, plan.original, plan.rewrite.output);
  }
  for (const plan of settled) reports.set(plan.file, fileReport(plan, options));

  const changed = settled.filter((plan) => plan.rewrite.output !== plan.original);
  const manifests = plannedDependencies(changed);
  const unparsable = [...reports.values()].find((report) => report.status === "error");
  let notWritten = options.check ? "--check writes nothing" : options.dry ? "dry run: nothing written" : undefined;
  if (unparsable && notWritten === undefined) notWritten = `${relative(options.cwd, unparsable.file)} has an error, so nothing was written`;
  if (notWritten === undefined) notWritten = await refuseReadOnly(changed, options, reports);
  let attempted = 0;
  const written: FilePlan[] = [];
  if (notWritten === undefined) {
    for (const plan of changed) {
      try {
        await writeAtomically(plan.file, plan.rewrite.output);
        written.push(plan);
      } catch (error) {
        const report = reports.get(plan.file);
        if (report) Object.assign(report, { status: "error", reason: `could not be written: ${errorMessage(error)}` });
      }
      options.onProgress?.({ stage: "write", done: ++attempted, total: changed.length });
    }
  }
  const dependencyNotices = notWritten === undefined ? await describeDependencies(plannedDependencies(written), options, true, reports) : await describeDependencies(manifests, options, false, reports);
  const notices = [...decided.notices, ...problemNotices(planned.problems, settled), ...dependencyNotices, ...routingNotice(reports.values())];
  const files = [...reports.values()]
    .map((report) => ({ ...report, file: relative(options.cwd, report.file) || report.file }))
    .sort((left, right) => left.file.localeCompare(right.file));
  return { files, summary: summarize(files), written: written.length > 0, notices, ...(notWritten === undefined ? {} : { notWritten }) };
}
