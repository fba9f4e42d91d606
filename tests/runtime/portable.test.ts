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

  it("every behaviour test runs in Bun, Deno and Chromium too, unless hosts/node-only.json says why not", () => {
    const testsDirectory = fileURLToPath(new URL("./", import.meta.url));
    const nodeOnly = JSON.parse(readFileSync(`${testsDirectory}hosts/node-only.json`, "utf8")) as Record<string, string>;
    const names = readdirSync(testsDirectory);
    for (const name of Object.keys(nodeOnly)) expect(names, "node-only.json names a test file that exists").toContain(name);
    // The portable tests and their helpers reach the test API and the host only through harness.ts,
    // which tests/runtime/hosts/run.mjs swaps for hosts/harness.ts in the other hosts.
    const portable = names.filter((name) => name.endsWith(".ts") && name !== "harness.ts" && !(name in nodeOnly));
    expect(portable.length).toBeGreaterThan(10);
    for (const name of portable) {
      const source = readFileSync(`${testsDirectory}${name}`, "utf8");
      expect(source, name).not.toMatch(/from "vitest"|from "node:|\bprocess\.|\bsetImmediate\b|\bvi\.(useFakeTimers|advanceTimers|setSystemTime)/);
    }
  });

  it("every runtime file stays near the ~200-line budget of one primitive", () => {
    for (const name of files) {
      const lines = readFileSync(`${runtimeDirectory}${name}`, "utf8").split("\n").length;
      expect(lines, name).toBeLessThanOrEqual(250);
    }
  });
});
