// Every ```ts block in docs/runtime.md is a runnable example: it is written to a scratch module and
// imported, so an example that throws, rejects or no longer compiles against the API fails here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
// A scratch folder of this run's own (inside tests/, so "@corral/runtime" resolves through the
// vitest alias), so that two runs at once cannot delete each other's examples.
const scratch = `${mkdtempSync(fileURLToPath(new URL("./.docs-examples-", import.meta.url)))}/`;

function documents(): string[] {
  return [`${root}docs/runtime.md`];
}

function examples(path: string): { line: number; code: string }[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const found: { line: number; code: string }[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```$/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({ line: text.slice(0, match.index).split("\n").length, code: match[1] ?? "" });
  }
  return found;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const path of documents()) {
  const cases = examples(path);
  if (cases.length === 0) continue;
  describe(path.slice(root.length), () => {
    for (const { line, code } of cases) {
      it(`example at line ${line} runs`, async () => {
        const file = `${scratch}${path.slice(root.length).replaceAll("/", "_")}_${line}.ts`;
        writeFileSync(file, code);
        await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
      });
    }
  });
}

it("docs/runtime.md has runnable examples", () => {
  expect(documents().flatMap(examples).length).toBeGreaterThan(0);
});
