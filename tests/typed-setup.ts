// Runs around every typed test file (vitest.config.ts): those files share a worker and its loaded
// modules, so what typescript-eslint keeps at module level (its project service, programs and
// tsconfig lookups) is cleared after each file, and the next file starts as in a fresh process.
import { clearCaches } from "@typescript-eslint/parser";
import { afterAll } from "vitest";

afterAll(() => {
  clearCaches();
});
