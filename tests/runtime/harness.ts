// The test API of the runtime's behaviour tests, in Node: vitest itself. The same tests run in
// Bun, Deno and Chromium, where tests/runtime/hosts/run.mjs bundles them with hosts/harness.ts in
// place of this file, so a behaviour test imports its test API from here, never from "vitest".
// Only what every host can provide belongs here: no fake timers, no child processes, no node:.
import { getEventListeners } from "node:events";

export { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";

/** host names where the tests run, for the rare assertion that depends on it. */
export const host = "node";

/** abortListenerCount is the number of "abort" listeners on `signal`. */
export function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, "abort").length;
}

/**
 * flushMacrotask waits until every pending microtask, and Node's unhandled-rejection check, has
 * run. It needs real timers (fake timers also fake setImmediate).
 */
export function flushMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** onUnhandledRejection calls `listener` with the reason of each unhandled rejection until the returned function is called. */
export function onUnhandledRejection(listener: (reason: unknown) => void): () => void {
  const handler = (reason: unknown): void => listener(reason);
  process.on("unhandledRejection", handler);
  return () => void process.off("unhandledRejection", handler);
}
