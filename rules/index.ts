// eslint-plugin-corral: `import corral from "eslint-plugin-corral"` gives `{ meta, rules, configs }`,
// with flat configs that register the plugin under the `corral` namespace and turn on its typed
// rules. The named exports beyond those are what the codemod (the `corral` package) builds on, so
// that rule ids, defaults and runtime names exist once.
import { createRequire } from "node:module";
import type { TSESLint } from "@typescript-eslint/utils";
import * as parser from "@typescript-eslint/parser";
import noFireAndForget, { strictOptions as noFireAndForgetStrict } from "./no-fire-and-forget.js";
import noUnboundedConcurrency, { defaultConcurrency, strictOptions as noUnboundedConcurrencyStrict } from "./no-unbounded-concurrency.js";
import noUnhandledRejection, { strictOptions as noUnhandledRejectionStrict } from "./no-unhandled-rejection.js";
import requireTimeout, { defaultTimeoutMs, strictOptions as requireTimeoutStrict } from "./require-timeout.js";

export { defaultConcurrency, defaultTimeoutMs };
export { type RuntimeExport, runtimeModule, runtimeRewriteExports } from "./util/runtime.js";
export { unroutedGoReason } from "./util/supervisor-routing.js";
export { manualMessageId, type PlainRewrite, type RewriteData, type RuntimeImportNeed, type TextEdit } from "./util/rewrite.js";
export { type ImportSite, pathAliases, placeRuntimeImport, type RuntimeImportPlacement } from "./util/runtime-import-placement.js";
export { type LessonSection, lessonSections, type RulePageExample, rulePageExamples, rulePageLesson, rulePageSection } from "./rule-page.js";

// Resolved through the package's own name (its `exports` lists package.json), so the same line
// works from the TypeScript sources under test and from the compiled plugin in dist/.
const { name, version } = createRequire(import.meta.url)("eslint-plugin-corral/package.json") as { name: string; version: string };

/** rules maps each rule id (without the `corral/` prefix) to its implementation. */
export const rules = {
  "no-fire-and-forget": noFireAndForget,
  "no-unhandled-rejection": noUnhandledRejection,
  "no-unbounded-concurrency": noUnboundedConcurrency,
  "require-timeout": requireTimeout,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

/** RuleId is the id of a corral rule without its namespace. */
export type RuleId = keyof typeof rules;

/** ruleIds lists every rule id, in the order reports and configs list them. */
export const ruleIds = Object.keys(rules) as RuleId[];

type Config = TSESLint.FlatConfig.Config;

const plugin = {
  meta: { name, version, namespace: "corral" },
  rules: rules as unknown as Record<string, TSESLint.LooseRuleDefinition>,
  configs: {} as { recommended: Config; strict: Config },
};

// The typed rules need type information, so each config brings the parser and turns on the
// project service (the tsconfig nearest each file); users only add `tsconfigRootDir`.
const base = {
  files: ["**/*.{ts,tsx,mts,cts}"],
  plugins: { corral: plugin },
  languageOptions: {
    parser: parser as unknown as TSESLint.FlatConfig.Parser,
    parserOptions: { projectService: true },
  },
} satisfies Config;

plugin.configs.recommended = {
  ...base,
  name: "corral/recommended",
  rules: {
    "corral/no-fire-and-forget": "error",
    "corral/no-unhandled-rejection": "error",
    "corral/no-unbounded-concurrency": "error",
    "corral/require-timeout": "error",
  },
};

// strict adds what is too noisy for recommended on an existing codebase: each rule's strict
// options are declared beside the rule, where their reasons are documented.
plugin.configs.strict = {
  ...base,
  name: "corral/strict",
  rules: {
    "corral/no-fire-and-forget": ["error", ...noFireAndForgetStrict],
    "corral/no-unhandled-rejection": ["error", ...noUnhandledRejectionStrict],
    "corral/no-unbounded-concurrency": ["error", ...noUnboundedConcurrencyStrict],
    "corral/require-timeout": ["error", ...requireTimeoutStrict],
  },
};

export const configs = plugin.configs;
export const meta = plugin.meta;
export default plugin;
