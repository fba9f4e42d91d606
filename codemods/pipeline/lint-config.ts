// Which ESLint configuration decides: the project's own, for each file as ESLint itself computes
// it (corral's rules under whatever namespace the project registered the plugin, with the
// project's options and severities), or corral's recommended config where the project has none.
import { dirname, parse, relative, sep } from "node:path";
import * as parser from "@typescript-eslint/parser";
import { ESLint, type Linter } from "eslint";
import plugin, { configs, ruleIds } from "eslint-plugin-corral";
import type { CorralPreset } from "./options.js";
import type { CorralRuleId } from "./types.js";

/** RuleSetting is one corral rule as a file's configuration turns it on. */
export interface RuleSetting {
  ruleId: CorralRuleId;
  /** eslintId is the id ESLint reports it under: `<namespace>/<rule>`. */
  eslintId: string;
  /** severity is 1 (warn) or 2 (error); a rule that is off has no setting. */
  severity: 1 | 2;
  /** options are the rule's options after the severity, as configured. */
  options: readonly unknown[];
}

/** FileConfig is how one file is linted: by the project's configuration, or by corral's recommended. */
export type FileConfig =
  | { kind: "project"; configFile: string; rules: RuleSetting[]; parser: unknown }
  | { kind: "recommended" }
  | { kind: "ignored"; configFile: string }
  | { kind: "no-corral-rule"; configFile: string };

type RuleEntry = Linter.RuleEntry | undefined;

function isCorralPlugin(candidate: unknown): boolean {
  const meta = (candidate as { meta?: { name?: unknown } } | undefined)?.meta;
  return candidate === plugin || meta?.name === plugin.meta.name;
}

function severityOf(entry: RuleEntry): 0 | 1 | 2 {
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === "error" || level === 2) return 2;
  if (level === "warn" || level === 1) return 1;
  return 0;
}

/**
 * corralRulesOf returns the corral rules `config` (a configuration ESLint calculated for a file)
 * turns on, under every namespace the plugin is registered with: `corral/…` as the plugin's own
 * configs name it, or `async/…` if a project registered it so. A rule that is off stays off.
 */
export function corralRulesOf(config: Linter.Config, selected: readonly CorralRuleId[] = ruleIds): RuleSetting[] {
  const namespaces = Object.entries(config.plugins ?? {})
    .filter(([, candidate]) => isCorralPlugin(candidate))
    .map(([namespace]) => namespace);
  const settings: RuleSetting[] = [];
  for (const namespace of namespaces) {
    for (const ruleId of selected) {
      const eslintId = `${namespace}/${ruleId}`;
      const entry = config.rules?.[eslintId];
      const severity = severityOf(entry);
      if (severity === 0) continue;
      settings.push({ ruleId, eslintId, severity, options: Array.isArray(entry) ? entry.slice(1) : [] });
    }
  }
  return settings;
}

/** RuleOptionOverrides are option values given on the command line, merged into a rule's own options. */
export type RuleOptionOverrides = Partial<Record<CorralRuleId, Readonly<Record<string, unknown>>>>;

/**
 * withOverrides returns the rule entries that give `rules` the `overrides` (merged into each
 * rule's first option object, the project's other options kept), for the rules that have some.
 */
export function withOverrides(rules: readonly RuleSetting[], overrides: RuleOptionOverrides): Linter.RulesRecord {
  const entries: Linter.RulesRecord = {};
  for (const rule of rules) {
    const override = overrides[rule.ruleId];
    if (override === undefined) continue;
    const [first, ...rest] = rule.options;
    entries[rule.eslintId] = [rule.severity, { ...(first as object | undefined), ...override }, ...rest];
  }
  return entries;
}

// A path as a flat-config `files` pattern that matches only that file: glob syntax escaped.
function exactPattern(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join("/").replace(/[*?[\]{}()!+@]/g, "\\$&");
}

/**
 * overrideConfigs returns config objects that give each file's corral rules the `overrides`, one
 * object per group of files configured alike, so a folder's own options stay its own.
 */
export function overrideConfigs(cwd: string, files: ReadonlyMap<string, readonly RuleSetting[]>, overrides: RuleOptionOverrides): Linter.Config[] {
  const groups = new Map<string, { rules: Linter.RulesRecord; files: string[] }>();
  for (const [file, rules] of files) {
    const entries = withOverrides(rules, overrides);
    if (Object.keys(entries).length === 0) continue;
    const key = JSON.stringify(entries);
    const group = groups.get(key) ?? { rules: entries, files: [] };
    group.files.push(exactPattern(cwd, file));
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ files: group.files, rules: group.rules }));
}

/**
 * classifyFile asks `eslint` (loaded with the project's configuration lookup) how `file` is
 * linted. ESLint's own lookup answers, so nested and per-folder configs count as in `eslint .`.
 */
export async function classifyFile(eslint: ESLint, file: string, selected: readonly CorralRuleId[]): Promise<FileConfig> {
  let config: Linter.Config | undefined;
  try {
    config = (await eslint.calculateConfigForFile(file)) as Linter.Config | undefined;
  } catch (error) {
    if ((error as { messageTemplate?: string }).messageTemplate === "config-file-missing") return { kind: "recommended" };
    throw error;
  }
  const configFile = (await eslint.findConfigFile(file)) ?? "the ESLint configuration";
  if (config === undefined) return { kind: "ignored", configFile };
  const rules = corralRulesOf(config, selected);
  if (rules.length === 0) return { kind: "no-corral-rule", configFile };
  return { kind: "project", configFile, rules, parser: config.languageOptions?.parser };
}

/**
 * recommendedConfig is corral's recommended config (or `preset`, when `--config` names one) as
 * the codemod lints with it where a project has no ESLint configuration, or in place of the
 * project's with `--config`: the tsconfig of each file is found by typescript-eslint's project
 * service, searching up to the filesystem's root as `tsc` would, not only up to the working folder.
 */
export function recommendedConfig(cwd: string, selected: readonly CorralRuleId[] = ruleIds, overrides: RuleOptionOverrides = {}, preset: CorralPreset = "recommended"): Linter.Config {
  const recommended = configs[preset] as unknown as Linter.Config;
  const rules = corralRulesOf(recommended, selected);
  return {
    ...recommended,
    rules: { ...recommended.rules, ...withOverrides(rules, overrides) },
    languageOptions: {
      ...recommended.languageOptions,
      parser: parser as unknown as Linter.Parser,
      parserOptions: { projectService: true, tsconfigRootDir: parse(cwd).root },
    },
  };
}

/**
 * projectParserOptions are what `--project <tsconfig>` puts in place of the configuration's own
 * program settings: that one tsconfig for every file.
 */
export function projectParserOptions(tsconfig: string): Linter.ParserOptions {
  return { project: tsconfig, projectService: false, tsconfigRootDir: dirname(tsconfig) };
}

/**
 * clearParserCaches lets the programs typescript-eslint built for the lint be collected before
 * the verifier builds its own: `parsers` are those the configurations used (a project's may be
 * another copy of the parser than the codemod's).
 */
export function clearParserCaches(parsers: Iterable<unknown>): void {
  for (const candidate of new Set([parser, ...parsers])) {
    const clear = (candidate as { clearCaches?: unknown } | undefined)?.clearCaches;
    if (typeof clear === "function") clear.call(candidate);
  }
}
