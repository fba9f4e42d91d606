// Helpers shared by the ErrGroup, map and WorkerPool tests.
import { afterEach, beforeEach, expect, flushMacrotask, onUnhandledRejection } from "./harness.js";

/** Deferred is a promise with its settle functions, for tasks a test finishes by hand. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** deferred makes a Deferred. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** ticks lets `count` rounds of microtasks run. */
export async function ticks(count: number): Promise<void> {
  for (let round = 0; round < count; round++) await Promise.resolve();
}

/** settledState tells, after the pending microtasks and macrotask ran, whether `promise` settled. */
export async function settledState(promise: Promise<unknown>): Promise<"pending" | "fulfilled" | "rejected"> {
  let state: "pending" | "fulfilled" | "rejected" = "pending";
  promise.then(
    () => (state = "fulfilled"),
    () => (state = "rejected"),
  );
  await flushMacrotask();
  return state;
}

/** untilAborted is a task that ignores nothing: it rejects with the reason as soon as `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
}

/**
 * failOnUnhandledRejections makes every test of the file fail if the runtime lets a rejection go
 * unhandled, on top of vitest's own detection (which reports it but cannot name the test).
 */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  let stopWatching: (() => void) | undefined;
  beforeEach(() => {
    unhandled.length = 0;
    stopWatching = onUnhandledRejection((reason) => void unhandled.push(reason));
  });
  afterEach(async () => {
    await flushMacrotask();
    stopWatching?.();
    expect(unhandled).toEqual([]);
  });
}
