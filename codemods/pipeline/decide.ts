// Decide: one type-checked ESLint run with corral's own rules. Its findings are the only input of
// the rewrites, so the codemod considers exactly what the linter reports.
import { dirname, relative, sep } from "node:path";
import * as parser from "@typescript-eslint/parser";
import { ESLint, type Linter } from "eslint";
import plugin, { ruleIds } from "eslint-plugin-corral";
import type { CodemodProgress, CorralRuleId, Finding, FindingSuggestion } from "./types.js";

/** ParseFailure is where a file stops parsing, as the parser reported it. */
export interface ParseFailure {
  line: number;
  column: number;
  message: string;
}

/** FileDecision is what the linter said about one file. */
export interface FileDecision {
  findings: Finding[];
  /** parseError is set when the file does not parse; it then has no findings. */
  parseError?: ParseFailure;
  /** notInProject is set when the tsconfig does not include the file, so it has no types. */
  notInProject?: boolean;
}

/** DecideOptions configures decide. */
export interface DecideOptions {
  tsconfig: string;
  rules: readonly CorralRuleId[];
  /** timeout is passed to require-timeout, whose rewrite writes it into `AbortSignal.timeout(ms)`. */
  timeout: number;
  /** concurrency is passed to no-unbounded-concurrency, whose rewrite writes it into `map(…, { concurrency })`. */
  concurrency: number;
  onProgress?: ((progress: CodemodProgress) => void) | undefined;
}

function commonDirectory(paths: readonly string[]): string {
  let common = dirname(paths[0] ?? ".");
  for (const path of paths) {
    for (let up = relative(common, path); up === ".." || up.startsWith(`..${sep}`); up = relative(common, path)) common = dirname(common);
  }
  return common;
}

function toFinding(file: string, message: Linter.LintMessage): Finding | undefined {
  const ruleId = message.ruleId?.startsWith("corral/") ? (message.ruleId.slice("corral/".length) as CorralRuleId) : undefined;
  if (ruleId === undefined || !ruleIds.includes(ruleId) || message.messageId === undefined) return undefined;
  const suggestions: FindingSuggestion[] = (message.suggestions ?? []).map((suggestion) => ({
    messageId: suggestion.messageId ?? "",
    data: (suggestion as { data?: Record<string, unknown> }).data ?? {},
    fix: { range: [suggestion.fix.range[0], suggestion.fix.range[1]], text: suggestion.fix.text },
  }));
  return {
    file,
    ruleId,
    messageId: message.messageId,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine ?? message.line,
    endColumn: message.endColumn ?? message.column,
    suggestions,
  };
}

// typescript-eslint words it "… that TSConfig does not include this file"; any parserOptions.project
// complaint means the same: no program has the file, so nothing typed can be said about it.
function isNotInProject(message: string): boolean {
  return /does not include this file|parserOptions\.project/.test(message);
}

function toDecision(file: string, messages: readonly Linter.LintMessage[]): FileDecision {
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal) {
    if (isNotInProject(fatal.message)) return { findings: [], notInProject: true };
    return { findings: [], parseError: { line: fatal.line, column: fatal.column, message: fatal.message.replace(/^Parsing error: /, "") } };
  }
  const findings = messages.map((message) => toFinding(file, message)).filter((finding) => finding !== undefined);
  return { findings };
}

/**
 * decide lints `files` with the selected corral rules in the program of `tsconfig`, one file at a
 * time so a long run can show progress (typescript-eslint keeps the program between files), and
 * returns each file's findings, or why it has none.
 */
export async function decide(files: readonly string[], options: DecideOptions): Promise<Map<string, FileDecision>> {
  const rules: Linter.RulesRecord = {};
  const ruleOptions: Partial<Record<CorralRuleId, Record<string, unknown>>> = {
    "require-timeout": { timeoutMs: options.timeout },
    "no-unbounded-concurrency": { concurrency: options.concurrency },
  };
  for (const id of options.rules) rules[`corral/${id}`] = ruleOptions[id] ? ["error", ruleOptions[id]] : "error";
  const eslint = new ESLint({
    cwd: commonDirectory([...files, options.tsconfig]),
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      {
        files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
        plugins: { corral: plugin as unknown as ESLint.Plugin },
        languageOptions: {
          parser: parser as unknown as Linter.Parser,
          // Not typescript-estree's "single run" (inferred from CI=true): it caches each program for
          // the life of the process, and runCodemod runs again in one process (the idempotency
          // check, the demo, the benchmarks) after files changed on disk.
          parserOptions: { project: options.tsconfig, tsconfigRootDir: dirname(options.tsconfig), disallowAutomaticSingleRunInference: true },
        },
        linterOptions: { reportUnusedDisableDirectives: "off" },
        // The rules then also say why they refuse a rewrite, for the report (rules/util/rewrite.ts).
        settings: { corral: { codemod: true } },
        rules,
      },
    ],
  });
  const decisions = new Map<string, FileDecision>();
  for (const [index, file] of files.entries()) {
    const [result] = await eslint.lintFiles([file]);
    decisions.set(file, toDecision(file, result?.messages ?? []));
    options.onProgress?.({ stage: "decide", done: index + 1, total: files.length });
  }
  return decisions;
}
