// Deno: each test goes to Deno.test. Its op and resource sanitizers are off: a test may leave a
// timer of its own pending by design (the Node-only exit test is where leaks are checked).
import type { HostTest } from "./host.js";
import { onWindowUnhandledRejection } from "./window-rejections.js";

interface DenoTest {
  test(definition: { name: string; fn: () => Promise<void>; sanitizeOps: boolean; sanitizeResources: boolean }): void;
}

export const hostName = "deno";

export function register(entry: HostTest): void {
  const deno = (globalThis as unknown as { Deno: DenoTest }).Deno;
  deno.test({ name: entry.name, fn: entry.run, sanitizeOps: false, sanitizeResources: false });
}

export const onUnhandledRejection = onWindowUnhandledRejection;
