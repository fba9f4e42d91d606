// typescript-eslint's docs habit: every ```ts block under a "❌ Incorrect" heading of a rule page must
// be reported by that rule, and every block under "✅ Correct" must not, so the docs cannot drift
// from the rule.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TSESLint } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { lintSnippet } from "./lint.js";

const docsDirectory = fileURLToPath(new URL("../../docs/rules/", import.meta.url));
const rulesDirectory = fileURLToPath(new URL("../../rules/", import.meta.url));

interface Example {
  kind: "incorrect" | "correct";
  line: number;
  code: string;
}

/** examples reads the ```ts blocks of a rule page with the verdict their section promises. */
export function examples(markdown: string): Example[] {
  const found: Example[] = [];
  let kind: Example["kind"] | undefined;
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (/^#{1,6} /.test(line)) {
      kind = line.includes("❌") ? "incorrect" : line.includes("✅") ? "correct" : undefined;
    } else if (kind && line.trim() === "```ts") {
      const start = index + 1;
      let end = start;
      while (end < lines.length && (lines[end] ?? "").trim() !== "```") end++;
      found.push({ kind, line: start, code: lines.slice(start, end).join("\n") });
      index = end;
    }
  }
  return found;
}

const ids = readdirSync(docsDirectory)
  .filter((name) => name.endsWith(".md"))
  .map((name) => name.slice(0, -3))
  .filter((id) => existsSync(`${rulesDirectory}${id}.ts`));

for (const id of ids) {
  describe(`docs/rules/${id}.md`, async () => {
    const rule = ((await import(`../../rules/${id}.ts`)) as { default: TSESLint.RuleModule<string, unknown[]> }).default;
    const cases = examples(readFileSync(`${docsDirectory}${id}.md`, "utf8"));

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
