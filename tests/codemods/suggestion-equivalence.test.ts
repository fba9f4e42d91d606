// One implementation of each rewrite: for every finding in the fixtures, the rule's own suggestion,
// applied the way an editor applies it (ESLint's merged fix), gives the same file as the codemod's
// rewrite of that finding alone. What only the codemod does is left out of the comparison: where the
// runtime import goes (it merges every rewrite's imports into one declaration, below a file header)
// and the project's formatter.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ruleIds } from "eslint-plugin-corral";
import { beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../codemods/pipeline/decide.js";
import { readVerdict, rewriteFile } from "../../codemods/pipeline/rewrite.js";
import type { Finding } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { createProject, fixtureLintConfig, repositoryRoot, listFixtures } from "./project.js";

const fixtures = await listFixtures();

// Drops the runtime import line, and the blank line the codemod puts under a new first import, so
// the two sides compare on everything else.
function withoutRuntimeImport(text: string): string {
  return text.replace(/^import [^\n]*from ["']@corral\/runtime["'];?\n\n?/m, "");
}

interface Compared {
  file: string;
  input: string;
  finding: Finding;
  editor: string;
  codemod: string;
}

describe("the rule's suggestion is the codemod's rewrite", () => {
  const compared: Compared[] = [];

  beforeAll(async () => {
    expect(staleBuildOutputs(repositoryRoot, ["rules"]), "rules/dist is older than its sources (the fixtures' eslint.config.js imports it): run `npm run build`").toEqual([]);
    const directory = await createProject({ ...Object.fromEntries(fixtures.map((fixture) => [fixture.file, fixture.input])), "eslint.config.js": fixtureLintConfig(fixtures) });
    const files = fixtures.map((fixture) => join(directory, fixture.file));
    const decisions = (await decide(files, { cwd: directory, project: join(directory, "tsconfig.json"), rules: ruleIds })).files;
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const finding of decisions.get(file)?.findings ?? []) {
        if (typeof readVerdict(finding) === "string") continue;
        const suggestion = finding.suggestions.find((candidate) => candidate.data.rewrite !== undefined);
        if (!suggestion) continue;
        const { range, text: replacement } = suggestion.fix;
        const editor = text.slice(0, range[0]) + replacement + text.slice(range[1]);
        const rewrite = rewriteFile(file, text, [finding]);
        compared.push({ file, input: text, finding, editor, codemod: rewrite.output });
      }
    }
  }, 240_000);

  it("compares every rewrite the fixtures hold", () => {
    expect(compared.length).toBeGreaterThanOrEqual(40);
    expect(new Set(compared.map(({ finding }) => finding.ruleId))).toEqual(new Set(ruleIds));
  });

  it("gives the same file, finding by finding", () => {
    for (const { file, input, finding, editor, codemod } of compared) {
      const site = `${file}:${finding.line} ${finding.messageId}`;
      expect(codemod, site).not.toBe(input);
      expect(withoutRuntimeImport(codemod), site).toBe(withoutRuntimeImport(editor));
    }
  });
});
