import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

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
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/summary-reporter.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
