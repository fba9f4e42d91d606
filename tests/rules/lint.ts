// Lints a snippet the way a user's editor would: the real ESLint class, flat config, the
// typescript-eslint parser with the project service, in one of the rule fixture projects.
import { join } from "node:path";
import * as parser from "@typescript-eslint/parser";
import type { TSESLint } from "@typescript-eslint/utils";
import { ESLint, type Linter } from "eslint";
import { type Fixture, fixtureDirectory } from "./rule-tester.js";

/** LintOptions selects the rules and the fixture project a snippet is linted in. */
export interface LintOptions {
  /** rules maps rule ids without the `corral/` prefix to their implementations. */
  rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
  /** settings are the rule entries, e.g. `{ "corral/require-timeout": "error" }`; default: all on. */
  settings?: Linter.RulesRecord;
  fixture?: Fixture;
  /** filename inside the fixture folder; defaults to file.ts. */
  filename?: string;
  /** directory overrides the fixture folder (for fixtures that are not rule-tester projects). */
  directory?: string;
}

/** lintSnippet returns ESLint's messages for `code`; a parse error fails loudly. */
export async function lintSnippet(code: string, options: LintOptions): Promise<Linter.LintMessage[]> {
  const directory = options.directory ?? fixtureDirectory(options.fixture ?? "node");
  const settings =
    options.settings ?? Object.fromEntries(Object.keys(options.rules).map((id) => [`corral/${id}`, "error" as const]));
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.ts", "**/*.tsx"],
        plugins: { corral: { rules: options.rules } as unknown as ESLint.Plugin },
        languageOptions: {
          parser: parser as unknown as Linter.Parser,
          parserOptions: {
            projectService: true,
            tsconfigRootDir: directory,
            // Many snippets are linted at one path in one process: typescript-estree's "single
            // run" (inferred from CI=true) would cache the first program for all of them.
            disallowAutomaticSingleRunInference: true,
          },
        },
        rules: settings,
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: join(directory, options.filename ?? "file.ts") });
  const messages = result?.messages ?? [];
  const fatal = messages.find((message) => message.fatal === true || message.ruleId === null);
  if (fatal) throw new Error(`Snippet did not parse: ${fatal.message} at line ${fatal.line}\n${code}`);
  return messages;
}
