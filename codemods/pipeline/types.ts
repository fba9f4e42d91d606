// The shapes the codemod's stages hand each other: findings in, site and file reports out.

import type { RuleId } from "eslint-plugin-corral";

/** CorralRuleId is the id of a corral rule, without the `corral/` namespace: the plugin's. */
export type CorralRuleId = RuleId;

/** FindingSuggestion is one suggestion ESLint attached to a finding: what the rule knew with types. */
export interface FindingSuggestion {
  messageId: string;
  /** data holds the values the rule filled into the suggestion's message (`signal` for passCallerSignal). */
  data: Readonly<Record<string, unknown>>;
  fix: { range: readonly [number, number]; text: string };
}

/**
 * Finding is one report of a corral rule, as ESLint gave it: the only input of the rewrites, so the
 * codemod considers exactly what the linter reports. Lines and columns are ESLint's (1-based).
 */
export interface Finding {
  /** file is the absolute path of the linted file. */
  file: string;
  ruleId: CorralRuleId;
  messageId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions: readonly FindingSuggestion[];
}

/** SiteStatus says whether a finding was rewritten or is left for a person. */
export type SiteStatus = "rewritten" | "manual";

/** SiteReport is what happened to one finding. Every finding gets one: nothing is skipped silently. */
export interface SiteReport {
  line: number;
  column: number;
  /** endLine is the last line of the reported node. */
  endLine: number;
  rule: CorralRuleId;
  messageId: string;
  status: SiteStatus;
  /** reason explains a manual site: why no mechanical rewrite is safe, or the type error it caused. */
  reason?: string;
}

/**
 * FileStatus is the outcome for one file: `changed` (at least one site rewritten), `unchanged` (no
 * finding), `manual` (findings, none rewritten), `skipped` (not a target: git-ignored, ignored by
 * the ESLint configuration or with no corral rule on there, in no tsconfig, not TypeScript) or
 * `error` (it does not parse, or it or its package.json could not be written).
 */
export type FileStatus = "changed" | "unchanged" | "manual" | "skipped" | "error";

/** FileReport is the outcome for one file, with its path relative to the run's working directory. */
export interface FileReport {
  file: string;
  status: FileStatus;
  /** reason explains `skipped` and `error`. */
  reason?: string;
  sites: SiteReport[];
  /** diff is the unified diff of the change, for `changed` files. */
  diff?: string;
}

/** CodemodSummary counts files by status and sites by outcome. */
export interface CodemodSummary {
  changed: number;
  unchanged: number;
  manual: number;
  skipped: number;
  error: number;
  rewrittenSites: number;
  manualSites: number;
}

/** CodemodReport is the result of a run of the codemod. */
export interface CodemodReport {
  files: FileReport[];
  summary: CodemodSummary;
  /** written is true when changed files were written to disk (not with `dry`, `check` or an error). */
  written: boolean;
  /** notWritten says why changes were computed but not written, when there were any. */
  notWritten?: string;
  /**
   * notices are what a person should know about the run as a whole: which configuration linted,
   * why the runtime cannot be imported and what to change, the dependency added to a package.json.
   */
  notices: string[];
}

/** CodemodProgress reports how far a long stage is: linting, then rewriting and verifying. */
export interface CodemodProgress {
  stage: "decide" | "rewrite" | "verify" | "write";
  done: number;
  total: number;
}

/**
 * CodemodInputError is bad input the run refuses before changing anything: a path that does not
 * exist, a missing tsconfig, an unknown rule, an out-of-range bound, an ESLint configuration that
 * turns on no corral rule or gives them no type information, a run in which no file could be
 * checked, a dirty git tree without `force`. `file` names the offending path when there is one.
 */
export class CodemodInputError extends Error {
  override readonly name = "CodemodInputError";
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}
