// vitest's globalSetup (vitest.config.ts): one folder per test run where the packed tarballs are
// shared, so the three packages are packed once for every test that installs them
// (tests/e2e/packages.ts, `packedOnce`), not once per test file. The folder is removed after the run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** packsDirectory is where `packedOnce` packs the workspaces, once per test run. */
    packsDirectory: string;
  }
}

// Each project of the run calls setup: they share one folder.
let directory: string | undefined;

export function setup(project: TestProject): void {
  directory ??= mkdtempSync(join(tmpdir(), "corral-packs-"));
  project.provide("packsDirectory", directory);
}

export function teardown(): void {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
}
