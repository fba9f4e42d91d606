// The `corral` command line, as a function of its arguments and output streams (cli.ts runs it):
// `corral codemod [paths…]` and `corral explain <rule>`, with the exit codes of docs/codemods.md.
import cliProgress from "cli-progress";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { defaultConcurrency, defaultTimeoutMs } from "eslint-plugin-corral";
import { runCodemod } from "../pipeline/codemod.js";
import { codemodVersion } from "../pipeline/dependency.js";
import { checkBound } from "../pipeline/options.js";
import { explainRule } from "./explain.js";
import { formatJson, formatText } from "../pipeline/report.js";
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
  force?: boolean;
}

// A bar appears only on a terminal, for a stage with this many files or more: short runs stay quiet.
const longRun = 10;

// The range check is the programmatic options' own, so both refuse the same values the same way.
function bound(flag: "concurrency" | "timeout"): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`--${flag} must be an integer, got ${JSON.stringify(value)}.`);
    try {
      return checkBound(flag, Number(value));
    } catch (error) {
      throw new InvalidArgumentError(`${error instanceof Error ? error.message : String(error)}.`);
    }
  };
}

function progressBar(io: CommandIo): { onProgress: (progress: CodemodProgress) => void; stop: () => void } | undefined {
  if (!io.stderrIsTTY || !io.stderrStream) return undefined;
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
  const progress = flags.json ? undefined : progressBar(io);
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

function createProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command("corral")
    .description("Go's structured-concurrency discipline for TypeScript: rewrite what corral's rules report onto @corral/runtime.")
    .version(codemodVersion)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program
    .command("codemod")
    .description("rewrite what corral's rules report onto @corral/runtime, safely (see docs/codemods.md)")
    .argument("[paths...]", "files and folders to rewrite", ["."])
    .option("--dry", "compute everything, write nothing")
    .option("--diff", "print a unified diff of each changed file")
    .option("--json", "print the report as JSON: per file changed, unchanged, manual, skipped or error, with reasons")
    .option("--only <rule>", "run only this rule's rewrites (repeatable)", (rule: string, rules: string[]) => [...rules, rule], [] as string[])
    .option("--concurrency <n>", `bound written into map and ErrGroup rewrites (default: the project's no-unbounded-concurrency concurrency, else ${defaultConcurrency})`, bound("concurrency"))
    .option("--timeout <ms>", `milliseconds written into inserted deadlines (default: the project's require-timeout timeoutMs, else ${defaultTimeoutMs})`, bound("timeout"))
    .option("--check", "write nothing; exit 1 if anything would change (for CI)")
    .option("--project <tsconfig>", "one tsconfig to lint and type-check every file with (default: each file's own, as typescript-eslint's project service finds it)")
    .option("--force", "write even if the git tree has uncommitted changes under the paths")
    .action(async (paths: string[], flags: CodemodFlags) => setExit(await codemod(paths, flags, io)));
  program
    .command("explain")
    .description("print a rule's lesson: the bug, the Go pattern, the fix")
    .argument("<rule>", "a corral rule, e.g. no-fire-and-forget")
    .action((rule: string) => {
      io.stdout(`${explainRule(rule)}\n`);
      setExit(exitCodes.ok);
    });
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
