// typescript-eslint's meta-tests: each rule is a triple (implementation, docs page, tests), its docs
// URL points at its page, it declares type checking exactly when it uses type information, its docs
// have the sections users look for, and its messages teach (the Go pattern is named).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import plugin, { rules } from "../../rules/index.js";
import { repositoryUrl } from "../../rules/util/create-rule.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const requiredSections = [
  "## The bug at run time",
  "## The Go pattern",
  "## The fix",
  "## ❌ Incorrect",
  "## ✅ Correct",
  "## Options",
  "## When Not To Use It",
  "## Compared with no-floating-promises and no-misused-promises",
];

describe("plugin", () => {
  it("exports meta, rules and the recommended and strict flat configs", () => {
    expect(plugin.meta.name).toBe("eslint-plugin-corral");
    expect(Object.keys(plugin.configs).sort()).toEqual(["recommended", "strict"]);
    for (const config of Object.values(plugin.configs)) {
      expect(config.plugins?.corral).toBe(plugin);
      expect(Object.keys(config.rules ?? {}).sort()).toEqual(Object.keys(rules).map((id) => `corral/${id}`).sort());
      expect(config.languageOptions?.parserOptions).toMatchObject({ projectService: true });
    }
  });
});

for (const [id, rule] of Object.entries(rules)) {
  describe(`corral/${id}`, () => {
    const source = readFileSync(`${root}rules/${id}.ts`, "utf8");

    it("is a triple: rule, docs page, tests", () => {
      expect(existsSync(`${root}docs/rules/${id}.md`)).toBe(true);
      expect(existsSync(`${root}tests/rules/${id}.test.ts`)).toBe(true);
    });

    it("points its docs URL at its page", () => {
      expect(rule.meta.docs?.url).toBe(`${repositoryUrl}/blob/main/docs/rules/${id}.md`);
    });

    it("declares requiresTypeChecking exactly when it uses type information", () => {
      const usesTypes = /getParserServices|getTypeChecker|isThenable\(/.test(source);
      expect((rule.meta.docs as { requiresTypeChecking?: boolean }).requiresTypeChecking ?? false).toBe(usesTypes);
    });

    it("documents every option in its schema", () => {
      const schemas = Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema];
      for (const schema of schemas) {
        for (const [name, property] of Object.entries((schema as { properties?: Record<string, { description?: string }> }).properties ?? {})) {
          expect(property.description, name).toMatch(/\w/);
        }
      }
    });

    it("has a docs page with the sections users look for", () => {
      const docs = readFileSync(`${root}docs/rules/${id}.md`, "utf8");
      expect(docs.startsWith(`# corral/${id}\n`)).toBe(true);
      for (const section of requiredSections) expect(docs, section).toContain(`\n${section}`);
    });

    it("opens every message with the bug and the fix in one sentence of at most 160 characters", () => {
      // Placeholders filled with stand-ins of a typical length ({{fix}}, a clause, longer).
      const filled = (message: string) => message.replace(/\{\{\s*fix\s*\}\}/g, "x".repeat(60)).replace(/\{\{\s*\w+\s*\}\}/g, "x".repeat(12));
      for (const [messageId, message] of Object.entries(rule.meta.messages)) {
        const text = filled(message);
        const firstSentence = /^[\s\S]*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
        expect(firstSentence.length, `${messageId}: ${firstSentence}`).toBeLessThanOrEqual(160);
      }
    });

    it("teaches in every message: the Go pattern and the fix", () => {
      for (const [messageId, message] of Object.entries(rule.meta.messages)) {
        expect(message, messageId).toMatch(/\bGo\b/);
        expect(message.length, messageId).toBeGreaterThan(80);
      }
    });
  });
}
