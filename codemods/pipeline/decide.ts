// Decide: one type-checked ESLint run with the project's own configuration, of which only corral's
// rules run (with the project's options and severities), beside a recording rule of the codemod's.
// Their findings are the only input of the rewrites, so the codemod acts on exactly what the
// project's linter reports; corral's recommended config lints only files no configuration covers.
import { relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import { ruleIds } from "eslint-plugin-corral";
import { FactsRecorder, factsRuleId, type FileFacts } from "./file-facts.js";
import { HeapBudget } from "./memory.js";
import { classifyFile, clearParserCaches, type FileConfig, overrideConfigs, projectParserOptions, recommendedConfig, type RuleOptionOverrides, type RuleSetting } from "./lint-config.js";
import type { CorralPreset } from "./options.js";
import { docsUrl } from "./package-info.js";
import { type CodemodProgress, CodemodInputError, type CorralRuleId, type Finding, type FindingSuggestion } from "./types.js";

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
  /** skipped says why the file was not linted (ignored, no corral rule on, no tsconfig includes it). */
  skipped?: string;
  /** facts are what TypeScript's program says about the file, for a linted file. */
  facts?: FileFacts;
}

/** Decisions are the linter's word on every file, and what a person should know about the run. */
export interface Decisions {
  files: Map<string, FileDecision>;
  notices: string[];
}

/** DecideOptions configures decide. */
export interface DecideOptions {
  /** cwd is where ESLint looks up the project's configuration, and what messages are relative to. */
  cwd: string;
  /** project, when given, is the one tsconfig every file is linted and checked with. */
  project: string | undefined;
  rules: readonly CorralRuleId[];
  /** preset, when given, is corral's own config every file not ignored is linted with, in place of the project's. */
  preset?: CorralPreset | undefined;
  /** ruleOptions are option values given on the command line (`--timeout`), merged into each rule's own. */
  ruleOptions?: RuleOptionOverrides;
  onProgress?: ((progress: CodemodProgress) => void) | undefined;
}

// ESLint reports what typescript-eslint says when no program has the file: "… TSConfig does not
// include this file", "… was not found by the project service", or a parserOptions.project error.
// typescript-eslint's own advice there (allowDefaultProject) does not help the codemod, which
// type-checks each rewrite in the file's tsconfig: it says what does.
function notInProjectReason(message: string): string | undefined {
  if (!/does not include this file|not found by the project service|parserOptions\.project/.test(message)) return undefined;
  return "no tsconfig includes it: add a tsconfig.json whose `include` covers it, or pass --project <tsconfig>";
}

function toFinding(file: string, message: Linter.LintMessage, reportedAs: ReadonlyMap<string, CorralRuleId>): Finding | undefined {
  const ruleId = message.ruleId === null ? undefined : reportedAs.get(message.ruleId);
  if (ruleId === undefined || message.messageId === undefined) return undefined;
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

function toDecision(file: string, messages: readonly Linter.LintMessage[], reportedAs: ReadonlyMap<string, CorralRuleId>, facts: FileFacts | undefined): FileDecision {
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal) {
    const notInProject = notInProjectReason(fatal.message);
    if (notInProject !== undefined) return { findings: [], skipped: notInProject };
    return { findings: [], parseError: { line: fatal.line, column: fatal.column, message: fatal.message.replace(/^Parsing error: /, "") } };
  }
  if (!facts) return { findings: [], skipped: "linted without type information" };
  // typescript-eslint's default project (allowDefaultProject) has no tsconfig to check a rewrite in.
  if (facts.tsconfig === undefined) return { findings: [], skipped: "no tsconfig includes it (typescript-eslint linted it in its default project)" };
  const findings = messages.map((message) => toFinding(file, message, reportedAs)).filter((finding) => finding !== undefined);
  return { findings, facts };
}

// The settings every lint of the codemod adds to the configuration: its recording rule, the
// setting under which corral's rules also say why they refuse a rewrite (rules/util/rewrite.ts), no
// report of directives that look unused because other rules do not run, and no single-run program
// cache (typescript-estree infers it from CI=true and would keep each program for the life of the
// process, while runCodemod may run again in one process after files changed on disk).
function codemodOverrides(recorder: FactsRecorder, project: string | undefined): Linter.Config[] {
  return [
    {
      plugins: { "corral-codemod": recorder.plugin },
      languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true, ...(project === undefined ? {} : projectParserOptions(project)) } },
      linterOptions: { reportUnusedDisableDirectives: "off" },
      settings: { corral: { codemod: true } },
      rules: { [factsRuleId]: "error" },
    },
  ];
}

function describeNoRule(configFiles: ReadonlySet<string>, cwd: string, rules: readonly CorralRuleId[], allRules: boolean): string {
  const names = [...configFiles].map((file) => relative(cwd, file) || file).join(", ");
  const which = allRules ? "none of corral's rules" : `none of ${rules.map((rule) => `corral/${rule}`).join(", ")}`;
  return `${names} turns on ${which} for these files, and the codemod rewrites only what the project's linter reports: add corral's config to it (\`import corral from "eslint-plugin-corral"\`, then \`corral.configs.recommended\` in the exported array; see ${docsUrl("codemods.md#the-lint-configuration")}), or try corral's own config for this run with \`--config recommended\` (or \`--config strict\`)`;
}

function typeInformationError(error: unknown, file: string, config: FileConfig | undefined, cwd: string): CodemodInputError | undefined {
  if (!(error instanceof Error) || !/requires type information|parserOptions\.(?:project|projectService)/.test(error.message)) return undefined;
  const source = config?.kind === "project" ? relative(cwd, config.configFile) || config.configFile : "the ESLint configuration";
  return new CodemodInputError(
    `${source} gives corral's rules no type information for ${relative(cwd, file) || file}: set \`languageOptions.parserOptions.projectService: true\` (with \`tsconfigRootDir\`) for TypeScript files, as corral.configs.recommended does (https://typescript-eslint.io/getting-started/typed-linting)`,
    file,
  );
}

/**
 * decide lints `files` with corral's rules as the project's ESLint configuration sets them (its
 * namespace, options and severities; corral's recommended config where no configuration is found),
 * one file at a time so a long run can show progress (typescript-eslint keeps the program between
 * files), and returns each file's findings and facts, or why it has none. A configuration that
 * turns on no corral rule for any file, or gives the rules no type information, is a
 * CodemodInputError.
 */
export async function decide(files: readonly string[], options: DecideOptions): Promise<Decisions> {
  const recorder = new FactsRecorder();
  const overrides = codemodOverrides(recorder, options.project);
  const wanted = new Set<string>([factsRuleId]);
  const ruleFilter = ({ ruleId }: { ruleId: string }) => wanted.has(ruleId);
  const lookup = new ESLint({ cwd: options.cwd });
  const decisions = new Map<string, FileDecision>();
  const configs = new Map<string, FileConfig>();
  const noRuleConfigs = new Set<string>();
  for (const file of files) {
    const classified = await classifyFile(lookup, file, options.rules);
    // --config: corral's own config in place of the project's, whose ignores still hold.
    const config: FileConfig = options.preset !== undefined && classified.kind !== "ignored" ? { kind: "recommended" } : classified;
    configs.set(file, config);
    if (config.kind === "project") for (const rule of config.rules) wanted.add(rule.eslintId);
    if (config.kind === "ignored") decisions.set(file, { findings: [], skipped: `ignored by ${relative(options.cwd, config.configFile) || config.configFile}` });
    if (config.kind === "no-corral-rule") {
      noRuleConfigs.add(config.configFile);
      decisions.set(file, { findings: [], skipped: `${relative(options.cwd, config.configFile) || config.configFile} turns on none of corral's rules for it` });
    }
  }
  const linted = files.filter((file) => configs.get(file)?.kind === "project" || configs.get(file)?.kind === "recommended");
  if (linted.length === 0 && noRuleConfigs.size > 0) {
    throw new CodemodInputError(describeNoRule(noRuleConfigs, options.cwd, options.rules, options.rules.length === ruleIds.length));
  }

  const configured = new Map<string, readonly RuleSetting[]>();
  for (const file of linted) {
    const config = configs.get(file);
    if (config?.kind === "project") configured.set(file, config.rules);
  }
  const projectLint = new ESLint({ cwd: options.cwd, overrideConfig: [...overrides, ...overrideConfigs(options.cwd, configured, options.ruleOptions ?? {})], ruleFilter });
  const notices: string[] = [];
  const fallbackCount = files.filter((file) => configs.get(file)?.kind === "recommended").length;
  let fallbackLint: ESLint | undefined;
  if (fallbackCount > 0) {
    for (const rule of options.rules) wanted.add(`corral/${rule}`);
    const recommended = recommendedConfig(options.cwd, options.rules, options.ruleOptions, options.preset);
    fallbackLint = new ESLint({ cwd: options.cwd, overrideConfigFile: true, overrideConfig: [recommended, ...overrides], ruleFilter });
    if (options.preset !== undefined) notices.push(`linted with corral's ${options.preset} config (--config ${options.preset}), in place of the project's ESLint configuration`);
    else notices.push(`no ESLint configuration found for ${fallbackCount === files.length ? "these files" : `${fallbackCount} of the files`}: linted with corral's recommended config`);
  }
  const reportedAs = new Map<string, CorralRuleId>();
  for (const config of configs.values()) if (config.kind === "project") for (const rule of config.rules) reportedAs.set(rule.eslintId, rule.ruleId);
  if (fallbackLint) for (const rule of options.rules) reportedAs.set(`corral/${rule}`, rule);

  // A type-checked lint of a big project grows the heap with garbage far past what is alive.
  const budget = new HeapBudget();
  try {
    for (const [index, file] of linted.entries()) {
      const config = configs.get(file);
      const eslint = config?.kind === "project" ? projectLint : fallbackLint;
      let result: ESLint.LintResult | undefined;
      try {
        [result] = (await eslint?.lintFiles([file])) ?? [];
      } catch (error) {
        throw typeInformationError(error, file, config, options.cwd) ?? error;
      }
      if (recorder.untyped.has(file) && !result?.messages.some((message) => message.fatal)) {
        throw typeInformationError(new Error("requires type information"), file, config, options.cwd) as CodemodInputError;
      }
      decisions.set(file, toDecision(file, result?.messages ?? [], reportedAs, recorder.facts.get(file)));
      options.onProgress?.({ stage: "decide", done: index + 1, total: linted.length });
      await budget.check();
    }
  } finally {
    clearParserCaches([...configs.values()].map((config) => (config.kind === "project" ? config.parser : undefined)));
  }
  return { files: decisions, notices };
}
