import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// The typed tests (rules and codemod) load TypeScript, ESLint, typescript-eslint, ts-morph and
// Prettier: about 2 s of CPU per test file when each file gets a fresh module graph, a quarter of
// their run. They keep no global state between files except typescript-eslint's parser caches,
// which tests/typed-setup.ts clears after each file as a fresh process would start, so their
// workers are reused with their modules loaded. The runtime tests spy on console and replace
// timers, and the others spawn processes: they stay isolated.
const typedTests = ["tests/rules/**/*.test.ts", "tests/codemods/**/*.test.ts"];

export default defineConfig({
  resolve: {
    // Tests and docs examples import the packages by their public names, as users do, and see the
    // sources as they are now (the end-to-end and package tests use the built and packed output).
    alias: [
      { find: /^@corral\/runtime$/, replacement: source("./runtime/index.ts") },
      { find: /^@corral\/redis$/, replacement: source("./redis/index.ts") },
      { find: /^eslint-plugin-corral$/, replacement: source("./rules/index.ts") },
      { find: /^corral$/, replacement: source("./codemods/index.ts") },
    ],
  },
  test: {
    reporters: ["default", "./tests/summary-reporter.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ["./tests/e2e/packs-setup.ts"],
    projects: [
      { extends: true, test: { name: "typed", include: typedTests, isolate: false, setupFiles: ["./tests/typed-setup.ts"] } },
      { extends: true, test: { name: "other", include: ["tests/**/*.test.ts"], exclude: typedTests } },
    ],
  },
});
