// typescript-eslint's docs habit: every ```ts block under a "❌ Incorrect" heading of a rule page must
// be reported by that rule, and every block under "✅ Correct" must not, so the docs cannot drift
// from the rule.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TSESLint } from "@typescript-eslint/utils";
import { rulePageExamples } from "eslint-plugin-corral";
import { describe, expect, it } from "vitest";
import { lintSnippet } from "./lint.js";

const docsDirectory = fileURLToPath(new URL("../../docs/rules/", import.meta.url));
const rulesDirectory = fileURLToPath(new URL("../../rules/", import.meta.url));

const ids = readdirSync(docsDirectory)
  .filter((name) => name.endsWith(".md"))
  .map((name) => name.slice(0, -3))
  .filter((id) => existsSync(`${rulesDirectory}${id}.ts`));

for (const id of ids) {
  describe(`docs/rules/${id}.md`, async () => {
    const rule = ((await import(`../../rules/${id}.ts`)) as { default: TSESLint.RuleModule<string, unknown[]> }).default;
    const cases = rulePageExamples(readFileSync(`${docsDirectory}${id}.md`, "utf8"));

    it("has ❌ and ✅ examples", () => {
      expect(cases.some((example) => example.kind === "incorrect")).toBe(true);
      expect(cases.some((example) => example.kind === "correct")).toBe(true);
    });

    for (const example of cases) {
      it(`${example.kind} example at line ${example.line}`, async () => {
        const messages = await lintSnippet(example.code, { rules: { [id]: rule } });
        const reported = messages.filter((message) => message.ruleId === `corral/${id}`);
        if (example.kind === "incorrect") expect(reported.length).toBeGreaterThan(0);
        else expect(reported).toEqual([]);
      });
    }
  });
}
