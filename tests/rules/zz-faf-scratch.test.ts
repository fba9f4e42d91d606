import { readFileSync } from "node:fs";
import { it } from "vitest";
import rule from "../../rules/no-fire-and-forget.js";
import { lintSnippet } from "../../tests/rules/lint.js";

it("anchors", async () => {
  const source = readFileSync("/work/main/tests/rules/fixtures/conformance/anchor-cases.ts", "utf8");
  for (const fixture of ["node", "dom"] as const) {
    const code = fixture === "dom" ? source.replace(/^.*process\..*$/gm, "").replace("import { EventEmitter } from 'node:events';", "declare class EventEmitter { on(e: string, l: (...a: any[]) => void): this }") : source;
    const messages = await lintSnippet(code, { rules: { "no-fire-and-forget": rule as never }, fixture, filename: "snippet.ts" });
    const lines = code.split("\n");
    for (const m of messages) console.log(fixture, m.line, /C\d\d/.exec(lines[m.line - 1] ?? "")?.[0], m.messageId, m.column, m.endColumn, m.suggestions?.map((s) => s.desc.slice(0, 10)).join("|"));
  }
});
