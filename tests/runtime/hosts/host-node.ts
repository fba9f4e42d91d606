// Node, the oldest version @corral/runtime supports (engines.node): each test goes to node:test,
// which reports it by name; unhandled rejections arrive on `process`. This host runs the runtime's
// CommonJS build, what `require` and `import` both load in Node.
import { test } from "node:test";
import type { HostTest } from "./host.js";

export const hostName = "node";

export function register(entry: HostTest): void {
  // The harness enforces the test's own timeout; node:test's is a backstop beyond it.
  test(entry.name, { timeout: entry.timeout + 10_000 }, entry.run);
}

export function onUnhandledRejection(listener: (reason: unknown) => void): () => void {
  const handler = (reason: unknown): void => listener(reason);
  process.on("unhandledRejection", handler);
  return () => process.off("unhandledRejection", handler);
}
