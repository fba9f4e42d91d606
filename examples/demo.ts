// `npm start`: the tour of corral on examples/service, a small Node service written with the four
// bugs corral finds. It lints the service, rewrites a copy with the codemod and shows the diff,
// then runs both versions side by side against a fake upstream on the loopback interface, so the
// difference is seen at run time, not only read. Offline, bounded in time; exit code 0 when every
// step showed what it should, 1 with the reasons otherwise.

import { rmSync } from "node:fs";
import { join } from "node:path";
import { rewriteCopy, type RewriteOutcome } from "./demo/codemod.js";
import { lintFolder } from "./demo/lint.js";
import { runScenario, type ScenarioResult } from "./demo/scenario.js";
import { type Bounds, summaryRows, unmetExpectations } from "./demo/summary.js";
import { colors, heading, indent, table, terminalWidth, wrap } from "./demo/terminal.js";
import { createWorkspace, findPackageRoot, serviceFolder, transpileService, type Workspace } from "./demo/workspace.js";

const steps = 4;
const bounds: Bounds = { concurrency: 8, timeoutMs: 2_000 };
const records = 200;
// Long enough past the inserted deadline that only a request with no deadline is still waiting.
const hangWaitMs = bounds.timeoutMs + 1_500;
const demoLimitMs = 120_000;

const width = terminalWidth();
const say = (text = ""): void => console.log(text);

/** DemoFailure stops the demo with a message for the person running it. */
class DemoFailure extends Error {}

async function lintStep(serviceDirectory: string): Promise<void> {
  say(heading(1, steps, "Lint: what corral's recommended rules find in examples/service"));
  const started = performance.now();
  const findings = await lintFolder(serviceDirectory);
  for (const finding of findings) {
    say(`  ${colors.red("✖")} ${colors.bold(finding.rule)}  ${colors.cyan(`${join(serviceFolder, finding.file)}:${finding.line}:${finding.column}`)}`);
    say(indent(wrap(finding.message, width - 6), "      "));
    say();
  }
  say(colors.dim(`  ${findings.length} findings in ${new Set(findings.map((finding) => finding.file)).size} files, ${elapsed(started)}`));
  if (findings.length === 0) throw new DemoFailure("the linter found nothing in examples/service, so there is nothing to show");
}

async function codemodStep(workspace: Workspace): Promise<RewriteOutcome> {
  say(heading(2, steps, `Codemod: corral codemod --concurrency ${bounds.concurrency} --timeout ${bounds.timeoutMs} on a temporary copy`));
  const started = performance.now();
  const outcome = await rewriteCopy(workspace, bounds);
  say(indent(wrap("First, the service's maintainer says once where a failed `go` task goes, to its log; without that, `go` would raise it again as the same unhandled rejection, and the codemod leaves such sites to a person. The demo adds these lines to examples/service/main.ts:", width - 2), "  "));
  for (const line of outcome.routing) say(`  ${colors.green(`+${line}`)}`);
  say();
  for (const site of outcome.sites) {
    const where = colors.cyan(`${site.file}:${site.line}`);
    if (site.status === "rewritten") say(`  ${colors.green("✔")} ${where}  ${site.rule}`);
    else say(`  ${colors.yellow("!")} ${where}  ${site.rule}: left for manual work, ${site.reason ?? "no reason given"}`);
  }
  say();
  for (const line of outcome.diff.split("\n")) say(`  ${paintDiffLine(line)}`);
  say(colors.dim(`  ${outcome.sites.filter((site) => site.status === "rewritten").length} sites rewritten, ${elapsed(started)}`));
  if (outcome.diff === "") throw new DemoFailure("the codemod changed nothing in the copy of examples/service");
  return outcome;
}

function paintDiffLine(line: string): string {
  if (line.startsWith("===")) return colors.dim(line);
  if (line.startsWith("+++") || line.startsWith("---")) return colors.bold(line);
  if (line.startsWith("+")) return colors.green(line);
  if (line.startsWith("-")) return colors.red(line);
  if (line.startsWith("@@")) return colors.cyan(line);
  return line;
}

async function runStep(workspace: Workspace): Promise<[ScenarioResult, ScenarioResult]> {
  say(heading(3, steps, "Run both versions, each in its own process, against a fake upstream on 127.0.0.1"));
  say(indent(wrap(`The fake upstream is slow on purpose (it answers record reads in waves, once no new read came in for a moment), never answers /inventory, fails the lookup of user u-404, and refuses one audit write. The demo waits ${hangWaitMs / 1000} s for an answer.`, width - 2), "  "));
  say();
  const started = performance.now();
  const [beforeEntry, afterEntry] = [await transpileService(workspace.before), await transpileService(workspace.after)];
  // One after the other, so neither run competes with the other for the CPU while it is measured.
  const before = await runScenario(beforeEntry, { hangWaitMs, records, onProgress: (line) => say(`  ${colors.red("before │")} ${line}`) });
  const after = await runScenario(afterEntry, { hangWaitMs, records, onProgress: (line) => say(`  ${colors.green("after  │")} ${line}`) });
  say(colors.dim(`  both runs done, ${elapsed(started)}`));
  return [before, after];
}

function summaryStep(before: ScenarioResult, after: ScenarioResult): string[] {
  say(heading(4, steps, "Side by side"));
  const header = [{ text: "scenario" }, { text: "before: examples/service as written", paint: colors.bold }, { text: "after: the codemod's rewrite", paint: colors.bold }];
  say(table(header, summaryRows(before, after, records), width));
  say();
  const evidence = [
    ["before", before.auditFailure.crash?.error],
    ["after", after.auditFailure.supervisorReport],
  ];
  say("  What each process wrote to stderr about the failed audit write:");
  for (const [version, line] of evidence) say(indent(wrap(`${version}: ${line ?? "(nothing)"}`, width - 6), "    "));
  return unmetExpectations(before, after, bounds);
}

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const packageRoot = findPackageRoot(import.meta.url);
  say(colors.bold("corral demo: examples/service, a small Node service with four concurrency bugs"));
  await lintStep(join(packageRoot, serviceFolder));
  const workspace = await createWorkspace(packageRoot);
  // Ctrl+C reaches the services too (same process group); the temporary copies are ours to remove.
  const interrupted = (): void => {
    rmSync(workspace.root, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  try {
    await codemodStep(workspace);
    const [before, after] = await runStep(workspace);
    const unmet = summaryStep(before, after);
    if (unmet.length > 0) throw new DemoFailure(`the runs did not show what they should:\n${unmet.map((line) => `- ${line}`).join("\n")}`);
  } finally {
    process.off("SIGINT", interrupted);
    await workspace.remove();
  }
  say();
  say(`${colors.green(`Done in ${elapsed(started)}.`)} On your own code: npx corral codemod --dry --diff <paths>`);
}

// Every step is bounded on its own; this is the backstop that guarantees the demo ends.
const backstop = setTimeout(() => {
  console.error(colors.red(`\nThe demo did not finish within ${demoLimitMs / 1000} s; stopping.`));
  process.exit(1);
}, demoLimitMs);
backstop.unref();

try {
  await main();
} catch (error) {
  const message = error instanceof DemoFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(colors.red(`\nThe demo did not run as expected: ${message}`));
  process.exitCode = 1;
}
