// The codemod's options, their defaults, and the checks that turn bad input into a clear error.
import { ruleIds } from "eslint-plugin-corral";
import { type CodemodProgress, CodemodInputError, type CorralRuleId } from "./types.js";

/** CodemodOptions configures runCodemod. */
export interface CodemodOptions {
  /** paths are the files and folders to rewrite, relative to `cwd`. @default ["."] */
  paths?: readonly string[];
  /** cwd is the folder paths are relative to, and reports name files from. @default process.cwd() */
  cwd?: string;
  /** project is the tsconfig to type-check with. @default the nearest tsconfig.json above the first path */
  project?: string | undefined;
  /** only limits the run to these rules (ids with or without `corral/`). @default every corral rule */
  only?: readonly string[] | undefined;
  /** dry computes everything and writes nothing. @default false */
  dry?: boolean;
  /** check writes nothing; the report says whether anything would change (the CLI exits 1). @default false */
  check?: boolean;
  /** force writes even when files the run would write have uncommitted changes. @default false */
  force?: boolean;
  /**
   * config lints with corral's own `recommended` or `strict` config, in place of the project's
   * ESLint configuration (whose ignores still hold): to try corral before adopting it.
   * @default undefined (the project's configuration decides)
   */
  config?: CorralPreset | undefined;
  /** diff puts each changed file's unified diff in its report. @default false */
  diff?: boolean;
  /**
   * concurrency is the bound written into `map` and `ErrGroup` rewrites, from 1 to 2147483647.
   * @default the project's no-unbounded-concurrency `concurrency`, else 8
   */
  concurrency?: number | undefined;
  /**
   * timeout is the milliseconds written into inserted deadlines, from 1 to 2147483647 (the longest
   * delay Node's timers keep). @default the project's require-timeout `timeoutMs`, else 30000
   */
  timeout?: number | undefined;
  /** onProgress hears how far each stage is, for a progress bar. @default undefined */
  onProgress?: ((progress: CodemodProgress) => void) | undefined;
}

/** ResolvedOptions are CodemodOptions with defaults filled in and checked. */
export interface ResolvedOptions {
  paths: readonly string[];
  cwd: string;
  project: string | undefined;
  rules: CorralRuleId[];
  dry: boolean;
  check: boolean;
  force: boolean;
  diff: boolean;
  config: CorralPreset | undefined;
  /** concurrency is undefined when not given: each file then gets its no-unbounded-concurrency `concurrency`. */
  concurrency: number | undefined;
  /** timeout is undefined when not given: each file then gets its require-timeout `timeoutMs`. */
  timeout: number | undefined;
  onProgress: ((progress: CodemodProgress) => void) | undefined;
}

/**
 * maxTimeoutMs is the longest delay Node's timers (and so `AbortSignal.timeout`) keep: a larger one
 * is clamped to 1 ms with only a warning, so every rewritten call would abort at once.
 */
export const maxTimeoutMs = 2 ** 31 - 1;

// A bound is written into code as a literal: it must be an integer the runtime and Node take as
// given. The same limit keeps a concurrency readable and within what an int32 counter holds.
const limits = {
  concurrency: { maximum: maxTimeoutMs, why: "" },
  timeout: { maximum: maxTimeoutMs, why: " (the longest delay Node's timers keep; a longer one fires after 1 ms)" },
} as const;

/**
 * checkBound returns `value` when it is an integer from 1 to the flag's maximum, and otherwise
 * throws a CodemodInputError naming the flag: the CLI and the programmatic options share it.
 */
export function checkBound(flag: keyof typeof limits, value: unknown): number {
  const { maximum, why } = limits[flag];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > maximum) {
    throw new CodemodInputError(`--${flag} must be an integer from 1 to ${maximum}${why}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
  }
  return value;
}

/** resolveRuleId accepts `no-fire-and-forget` or `corral/no-fire-and-forget`; else a CodemodInputError. */
export function resolveRuleId(id: string): CorralRuleId {
  const bare = id.startsWith("corral/") ? id.slice("corral/".length) : id;
  const rule = ruleIds.find((candidate) => candidate === bare);
  if (!rule) throw new CodemodInputError(`unknown rule \`${id}\`; the rules are ${ruleIds.join(", ")}`);
  return rule;
}

/** CorralPreset names one of corral's own configurations. */
export type CorralPreset = "recommended" | "strict";

function checkPreset(config: unknown): CorralPreset | undefined {
  if (config === undefined || config === "recommended" || config === "strict") return config;
  throw new CodemodInputError(`--config must be recommended or strict, got ${JSON.stringify(config)}`);
}

/** resolveOptions fills in defaults and checks every option, before anything is read. */
export function resolveOptions(options: CodemodOptions): ResolvedOptions {
  const paths = options.paths && options.paths.length > 0 ? options.paths : ["."];
  return {
    paths,
    cwd: options.cwd ?? process.cwd(),
    project: options.project,
    rules: options.only && options.only.length > 0 ? [...new Set(options.only.map(resolveRuleId))] : [...ruleIds],
    dry: options.dry ?? false,
    check: options.check ?? false,
    force: options.force ?? false,
    diff: options.diff ?? false,
    config: checkPreset(options.config),
    concurrency: options.concurrency === undefined ? undefined : checkBound("concurrency", options.concurrency),
    timeout: options.timeout === undefined ? undefined : checkBound("timeout", options.timeout),
    onProgress: options.onProgress,
  };
}
