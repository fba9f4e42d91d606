// Workload 8: what corral's rules cost in a real lint run. A seeded corpus of a few hundred
// realistic files is linted once with corral's recommended config and once with
// typescript-eslint's no-floating-promises + no-misused-promises, with the same parser settings;
// the rule times come from ESLint's own `stats`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { version } from "../lib/measure.mjs";
import { writeCorpus } from "../lint/corpus.mjs";

export const corpusFiles = 300;

/** lintCorpus lints a fresh corpus with `config` (flat config entries) and sums ESLint's stats. */
async function lintCorpus(makeConfig) {
  const { ESLint } = await import("eslint");
  const directory = mkdtempSync(join(tmpdir(), "corral-bench-lint-"));
  try {
    const files = writeCorpus(directory, { files: corpusFiles });
    const languageOptions = { parserOptions: { projectService: true, tsconfigRootDir: directory } };
    const eslint = new ESLint({
      cwd: directory,
      overrideConfigFile: true,
      overrideConfig: await makeConfig(languageOptions),
      stats: true,
    });
    const started = performance.now();
    const results = await eslint.lintFiles(["src/**/*.ts"]);
    const wallMs = performance.now() - started;
    const ruleMs = {};
    const findings = {};
    let parseMs = 0;
    for (const result of results) {
      for (const pass of result.stats?.times.passes ?? []) {
        parseMs += pass.parse?.total ?? 0;
        for (const [rule, { total }] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + total;
      }
      for (const message of result.messages) {
        if (message.ruleId === null) throw new Error(`${result.filePath}: ${message.message}`);
        findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
      }
    }
    if (results.length < files.length) throw new Error(`linted ${results.length} of ${files.length} files`);
    const rulesTotal = Object.values(ruleMs).reduce((sum, time) => sum + time, 0);
    const breakdown = Object.entries(ruleMs)
      .sort(([, a], [, b]) => b - a)
      .map(([rule, time]) => `${rule.replace(/^.*\//, "")} ${Math.round(time)} ms (${findings[rule] ?? 0} findings)`)
      .join("; ");
    return { rulesTotal, perFile: rulesTotal / results.length, parseMs, wallMs, files: results.length, breakdown };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const corralConfig = async (languageOptions) => {
  const { default: plugin } = await import("../../rules/dist/index.js");
  const recommended = plugin.configs.recommended;
  return [{ ...recommended, languageOptions: { ...recommended.languageOptions, ...languageOptions, parserOptions: { ...recommended.languageOptions.parserOptions, ...languageOptions.parserOptions } } }];
};

const typescriptEslintConfig = async (languageOptions) => {
  const { default: tseslint } = await import("typescript-eslint");
  return [
    {
      files: ["**/*.ts"],
      plugins: { "@typescript-eslint": tseslint.plugin },
      languageOptions: { parser: tseslint.parser, ...languageOptions },
      rules: { "@typescript-eslint/no-floating-promises": "error", "@typescript-eslint/no-misused-promises": "error" },
    },
  ];
};

const milliseconds = (value) => `${Math.round(value).toLocaleString("en-US")} ms`;

export default {
  id: "lint",
  number: 8,
  title: "Lint cost",
  summary: `A seeded corpus of ${corpusFiles} generated TypeScript files (services, repositories, handlers and jobs over twelve domains, about 34,000 lines, cross-file imports; bench/lint/) written to a temp directory and linted by ESLint's Node API with \`stats: true\`, in a fresh process per configuration: corral's \`recommended\` config (its four typed rules) against typescript-eslint's \`no-floating-promises\` + \`no-misused-promises\`, both with the typescript-eslint parser and \`projectService\`. *Rule time* is the sum of ESLint's per-rule times over all files; parsing and building the type-checked program are the same for both and shown apart. The type checker works lazily, so the type queries a rule makes are counted in that rule's time, for both sides alike.`,
  tables: [
    {
      id: "rules",
      title: "Lint cost",
      kind: "metrics",
      // One lint of the corpus already sums over three hundred files; two rounds bound the noise.
      rounds: 2,
      timeoutMs: 300_000,
      rows: [
        { id: "corral", label: "corral `recommended` (4 rules)", role: "corral", measure: () => lintCorpus(corralConfig) },
        {
          id: "typescript-eslint",
          label: `typescript-eslint ${version("typescript-eslint")} (2 rules)`,
          role: "peer",
          measure: () => lintCorpus(typescriptEslintConfig),
        },
      ],
      columns: [
        { key: "rulesTotal", label: "rule time", format: milliseconds, better: "lower" },
        { key: "perFile", label: "rule time per file", format: (value) => `${value.toFixed(2)} ms` },
        { key: "parseMs", label: "parse + program", format: milliseconds },
        { key: "wallMs", label: "whole lint", format: milliseconds },
        { key: "breakdown", label: "per rule (last round)", format: String },
      ],
    },
  ],
};
