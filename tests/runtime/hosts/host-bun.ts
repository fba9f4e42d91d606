// Bun: each test goes to bun:test, which reports it by name; unhandled rejections arrive on
// Bun's Node-compatible `process` events.
// @ts-expect-error bun:test exists only in Bun (run.mjs marks it external)
import { test } from "bun:test";
import type { HostTest } from "./host.js";

export const hostName = "bun";

export function register(entry: HostTest): void {
  // The harness enforces the test's own timeout; Bun's is a backstop beyond it.
  (test as (name: string, fn: () => Promise<void>, timeout: number) => void)(entry.name, entry.run, entry.timeout + 10_000);
}

export function onUnhandledRejection(listener: (reason: unknown) => void): () => void {
  const host = globalThis as unknown as { process: { on: (event: string, fn: (reason: unknown) => void) => void; off: (event: string, fn: (reason: unknown) => void) => void } };
  const handler = (reason: unknown): void => listener(reason);
  host.process.on("unhandledRejection", handler);
  return () => host.process.off("unhandledRejection", handler);
}
