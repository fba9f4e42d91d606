// DEV-ONLY scratch (no-unhandled-rejection engineer): lints real code with the rule; deleted before hand-off.
import { execSync } from "node:child_process";
import * as parser from "@typescript-eslint/parser";
import { ESLint, type Linter } from "eslint";
import { it } from "vitest";
import rule from "../../rules/no-unhandled-rejection.js";

it("lints the repository", async () => {
  const eslint = new ESLint({
    cwd: process.env.SCRATCH_ROOT ?? "/work/main",
    overrideConfigFile: true,
    overrideConfig: [{
      files: ["**/*.ts", "**/*.tsx"],
      plugins: { corral: { rules: { r: rule } } as unknown as ESLint.Plugin },
      languageOptions: { parser: parser as unknown as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: process.env.SCRATCH_ROOT ?? "/work/main" } },
      rules: { "corral/r": "error" },
    }],
  });
  const files = execSync(process.env.SCRATCH_FIND ?? "find runtime rules codemods bench examples tests -name '*.ts' -not -path '*fixtures*' -not -name '*.d.ts'", { cwd: process.env.SCRATCH_ROOT ?? "/work/main", encoding: "utf8" }).trim().split("\n");
  const results = await eslint.lintFiles(files);
  for (const r of results) for (const m of r.messages) console.log(`${r.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message.slice(0, 120)}`);
  console.log("files", files.length);
}, 300_000);
