// The `corral` command line, as a function of its arguments and output streams (cli.ts runs it):
// `corral codemod [paths…]` and `corral explain <rule>`, with the exit codes of docs/codemods.md.
//
// `corral --version` and `corral --help` load commander and nothing else: the rules load
// TypeScript and typescript-eslint, the pipeline ESLint, ts-morph and jscodeshift, more than a
// second of start-up. Each command imports what it needs when it runs.
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { codemodVersion, docsUrl } from "../pipeline/package-info.js";
import { type CodemodProgress, CodemodInputError } from "../pipeline/types.js";

/** exitCodes are the codes `corral` exits with, documented in docs/codemods.md. */
export const exitCodes = { ok: 0, checkFoundChanges: 1, usage: 2, fileErrors: 3 } as const;

/** CommandIo is where the command writes; a progress bar is drawn only when `stderrIsTTY`. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderrIsTTY tells whether stderr is a terminal, where a progress bar may be drawn. @default false */
  stderrIsTTY?: boolean;
  /** stderrStream is the stream the progress bar draws on. @default undefined (no bar) */
  stderrStream?: NodeJS.WritableStream;
  /** cwd is the folder paths are relative to. @default process.cwd() */
  cwd?: string;
  /** columns is the width `corral explain` wraps its text at. @default COLUMNS, else 80 */
  columns?: number;
}

interface CodemodFlags {
  dry?: boolean;
  diff?: boolean;
  json?: boolean;
  only: string[];
  concurrency?: number;
  timeout?: number;
  check?: boolean;
  project?: string;
  config?: "recommended" | "strict";
  force?: boolean;
}

/** presets are the configurations of corral's own that `--config` runs with, in place of the project's. */
export const presets = ["recommended", "strict"] as const;

// A bar appears only on a terminal, for a stage with this many files or more: short runs stay quiet.
const longRun = 10;

async function progressBar(io: CommandIo): Promise<{ onProgress: (progress: CodemodProgress) => void; stop: () => void } | undefined> {
  if (!io.stderrIsTTY || !io.stderrStream) return undefined;
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar({ format: "corral {stage} [{bar}] {value}/{total}", stream: io.stderrStream, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  let stage: string | undefined;
  return {
    onProgress: ({ stage: next, done, total }) => {
      if (total < longRun) return;
      if (next !== stage) {
        if (stage !== undefined) bar.stop();
        stage = next;
        bar.start(total, done, { stage: next });
      } else bar.update(done);
    },
    stop: () => stage !== undefined && bar.stop(),
  };
}

async function codemod(paths: string[], flags: CodemodFlags, io: CommandIo): Promise<number> {
  const [{ runCodemod }, { formatJson, formatText }] = await Promise.all([import("../pipeline/codemod.js"), import("../pipeline/report.js")]);
  const progress = flags.json ? undefined : await progressBar(io);
  try {
    const report = await runCodemod({
      paths,
      cwd: io.cwd ?? process.cwd(),
      only: flags.only,
      dry: flags.dry ?? false,
      check: flags.check ?? false,
      force: flags.force ?? false,
      diff: flags.diff ?? false,
      project: flags.project,
      config: flags.config,
      concurrency: flags.concurrency,
      timeout: flags.timeout,
      onProgress: progress?.onProgress,
    });
    progress?.stop();
    io.stdout(flags.json ? formatJson(report) : formatText(report, { diff: flags.diff ?? false, check: flags.check ?? false }));
    for (const file of report.files) if (file.status === "error") io.stderr(`corral: ${file.file}: ${file.reason ?? "error"}\n`);
    if (report.summary.error > 0) return exitCodes.fileErrors;
    return flags.check && report.summary.changed > 0 ? exitCodes.checkFoundChanges : exitCodes.ok;
  } finally {
    progress?.stop();
  }
}

// An integer as the flag takes it; its range is runCodemod's to check (resolveOptions), so the
// CLI and the programmatic options refuse the same values with the same message.
function integer(flag: "concurrency" | "timeout"): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`--${flag} must be an integer, got ${JSON.stringify(value)}.`);
    return Number(value);
  };
}

function preset(value: string): string {
  if (!(presets as readonly string[]).includes(value)) throw new InvalidArgumentError(`--config must be ${presets.join(" or ")}, got ${JSON.stringify(value)}.`);
  return value;
}

const concurrencyHelp = (fallback: string) => `bound written into map and ErrGroup rewrites (default: the project's no-unbounded-concurrency concurrency, else ${fallback})`;
const timeoutHelp = (fallback: string) => `milliseconds written into inserted deadlines (default: the project's require-timeout timeoutMs, else ${fallback})`;

function addCodemodOptions(command: Command): Command {
  return command
    .option("--dry", "compute everything, write nothing")
    .option("--diff", "print a unified diff of each changed file")
    .option("--json", "print the report as JSON: per file changed, unchanged, manual, skipped or error, with reasons")
    .option("--only <rule>", "run only this rule's rewrites (repeatable)", (rule: string, rules: string[]) => [...rules, rule], [] as string[])
    .option("--concurrency <n>", concurrencyHelp("the rule's default"), integer("concurrency"))
    .option("--timeout <ms>", timeoutHelp("the rule's default"), integer("timeout"))
    .option("--check", "write nothing; exit 1 if anything would change (for CI)")
    .option("--project <tsconfig>", "one tsconfig to lint and type-check every file with (default: each file's own, as typescript-eslint's project service finds it)")
    .option("--config <preset>", "lint with corral's own recommended or strict config for this run, in place of the project's ESLint configuration (to try corral before adopting it)", preset)
    .option("--force", "write even if files the codemod would write have uncommitted changes");
}

// The rules' defaults, named in the codemod's help, come from the plugin, which loads TypeScript:
// read only when the codemod command runs (or shows its help), never for `corral --help`.
async function nameDefaults(command: Command): Promise<void> {
  const { defaultConcurrency, defaultTimeoutMs } = await import("eslint-plugin-corral");
  for (const option of command.options) {
    if (option.long === "--concurrency") option.description = concurrencyHelp(String(defaultConcurrency));
    if (option.long === "--timeout") option.description = timeoutHelp(String(defaultTimeoutMs));
  }
}

// Commander suggests an option within three edits of the unknown one; `--dry-run` is four from
// `--dry`. A known option that the unknown one extends at a word boundary is suggested too.
function suggestExtended(message: string, known: readonly string[]): string {
  const flag = /^error: unknown option '(--[^'=]+)/.exec(message)?.[1];
  if (flag === undefined || message.includes("Did you mean")) return message;
  const extended = known.filter((option) => flag.startsWith(`${option}-`)).sort((left, right) => right.length - left.length)[0];
  return extended === undefined ? message : `${message.trimEnd()}\n(Did you mean ${extended}?)\n`;
}

function createProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command("corral")
    .description("Go's structured-concurrency discipline for TypeScript: rewrite what corral's rules report onto @corral/runtime.")
    .version(codemodVersion)
    .exitOverride();
  const codemodCommand = addCodemodOptions(program.command("codemod"))
    .description(`rewrite what corral's rules report onto @corral/runtime, safely (see ${docsUrl("codemods.md")})`)
    .argument("[paths...]", "files and folders to rewrite", ["."])
    .action(async (paths: string[], flags: CodemodFlags) => setExit(await codemod(paths, flags, io)));
  program
    .command("explain")
    .description("print a rule's lesson: the bug, the Go pattern, the fix")
    .argument("<rule>", "a corral rule, e.g. no-fire-and-forget")
    .action(async (rule: string) => {
      const { explainRule } = await import("./explain.js");
      io.stdout(`${explainRule(rule, { columns: io.columns })}\n`);
      setExit(exitCodes.ok);
    });
  program.hook("preSubcommand", async (_program, command) => {
    if (command === codemodCommand) await nameDefaults(codemodCommand);
  });
  const knownOptions = () => [program, ...program.commands].flatMap((command) => command.options.map((option) => option.long ?? "")).filter((long) => long !== "");
  for (const command of [program, ...program.commands]) {
    command.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(suggestExtended(text, knownOptions())) });
  }
  return program;
}

/** runCommand runs `corral` with `argv` (without node and the script) and returns its exit code. */
export async function runCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = createProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `--help` and `--version` succeed; help shown because no command was given is a usage error.
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof CodemodInputError) {
      io.stderr(`corral: ${error.message}\n`);
      return exitCodes.usage;
    }
    io.stderr(`corral: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodes.fileErrors;
  }
}
