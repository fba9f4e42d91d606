// Lints a copy of the example service the way a project adopting corral would: ESLint's API with
// corral's recommended flat config, type information from the tsconfig nearest each file.

import { relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import plugin from "eslint-plugin-corral";

/** LintFinding is one report of a corral rule. */
export interface LintFinding {
  /** rule is the full rule id, `corral/…`. */
  rule: string;
  /** file is relative to the folder that was linted. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * lintFolder lints the TypeScript files of `directory` with `corral/recommended` and returns the
 * findings, in file and line order. A file that does not parse throws, naming it.
 */
export async function lintFolder(directory: string): Promise<LintFinding[]> {
  const recommended = plugin.configs.recommended;
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...recommended,
        languageOptions: {
          ...recommended.languageOptions,
          // The demo lints again after the codemod in the same process: no "single run" program cache.
          parserOptions: { projectService: true, tsconfigRootDir: directory, disallowAutomaticSingleRunInference: true },
        },
      } as Linter.Config,
    ],
  });
  const results = await eslint.lintFiles(["**/*.ts"]);
  const findings: LintFinding[] = [];
  for (const result of results) {
    const file = relative(directory, result.filePath);
    for (const message of result.messages) {
      if (message.fatal === true || message.ruleId === null) throw new Error(`${file}:${message.line}: ${message.message}`);
      findings.push({ rule: message.ruleId, file, line: message.line, column: message.column, message: message.message });
    }
  }
  return findings.sort((left, right) => left.file.localeCompare(right.file) || left.line - right.line);
}
