// The runtime ships to Node, Deno, Bun and browsers, so it may import nothing but its own files:
// no `node:` module, no package. The type check of runtime/tsconfig.json (no Node typings) catches
// Node-only globals; this test catches imports, which a type check with skipLibCheck can miss.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const runtimeDirectory = fileURLToPath(new URL("../../runtime/", import.meta.url));
const files = readdirSync(runtimeDirectory).filter((name) => name.endsWith(".ts"));

describe("the runtime is portable", () => {
  for (const name of files) {
    it(`${name} imports only sibling runtime files`, () => {
      const source = readFileSync(`${runtimeDirectory}${name}`, "utf8");
      const specifiers = [...source.matchAll(/(?:import|export)[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
        (match) => match[1] ?? match[2],
      );
      for (const specifier of specifiers) expect(specifier).toMatch(/^\.\/[\w-]+\.js$/);
      expect(source).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b/);
    });
  }

  it("every runtime file stays near the ~200-line budget of one primitive", () => {
    for (const name of files) {
      const lines = readFileSync(`${runtimeDirectory}${name}`, "utf8").split("\n").length;
      expect(lines, name).toBeLessThanOrEqual(250);
    }
  });
});
