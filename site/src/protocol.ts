// The messages between the page and the lint worker. The worker owns TypeScript and ESLint (tens of
// megabytes of parsing and type-checking) so that typing in the editor never waits for a lint.

/** Preset names the plugin config the playground lints with. */
export type Preset = "recommended" | "strict";

/**
 * Purpose says what a lint is for: the editor's code ("editor"), or the code a suggestion would make,
 * linted before it is applied ("preview"); each has its own ids.
 */
export type Purpose = "editor" | "preview";

/** LintRequest asks the worker to lint `code` as /file.ts; `purpose` and `id` pair it with its answer. */
export interface LintRequest {
  readonly type: "lint";
  readonly purpose: Purpose;
  readonly id: number;
  readonly code: string;
  readonly preset: Preset;
}

/**
 * TypingsRequest hands the worker typings.json (the virtual project's files, path → text), which the
 * page downloads while the worker's script downloads and compiles; lints wait for it.
 */
export interface TypingsRequest {
  readonly type: "typings";
  readonly files: ArrayBuffer;
}

/** WorkerRequest is a message the page sends the worker. */
export type WorkerRequest = TypingsRequest | LintRequest;

/** Suggestion is an ESLint suggestion: a description and the one edit that applies it. */
export interface Suggestion {
  readonly desc: string;
  /** range is the [start, end) offsets the text replaces. */
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Finding is a corral rule's report (kind "rule"), a parse error or a TypeScript error in the file. */
export interface Finding {
  readonly kind: "rule" | "parse-error" | "type-error";
  /** ruleId is the rule's id without `corral/` for kind "rule", "" otherwise. */
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  /** from and to are offsets into the linted code; line and column count from 1. */
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
  readonly suggestions: readonly Suggestion[];
}

/** Timings are the worker's own milliseconds for the rules' part of one lint. */
export interface Timings {
  /** program is building the TypeScript program (the first one parses every lib file). */
  readonly program: number;
  /** lint is ESLint's verify: parsing to ESTree and running the rules. */
  readonly lint: number;
}

/**
 * Startup says when the worker got through its start, in milliseconds since the Unix epoch
 * (performance.timeOrigin + performance.now(), comparable across the page and the worker).
 */
export interface Startup {
  /** evaluated is when the worker's script began to run (it was downloaded and compiled). */
  readonly evaluated: number;
  /** typings is when the worker had typings.json from the page, before parsing it. */
  readonly typings: number;
}

/**
 * LintResult answers the LintRequest with the same purpose and id, twice: "result" with the rules'
 * findings (or the parse error), then "types" with TypeScript's errors in the file, which an editor
 * lint skips when a newer one was asked for meanwhile; or "failure".
 */
export type LintResult =
  | { readonly type: "result"; readonly purpose: Purpose; readonly id: number; readonly findings: readonly Finding[]; readonly timings: Timings; readonly startup: Startup }
  | { readonly type: "types"; readonly purpose: Purpose; readonly id: number; readonly findings: readonly Finding[]; readonly ms: number }
  | { readonly type: "failure"; readonly purpose: Purpose; readonly id: number; readonly message: string };
