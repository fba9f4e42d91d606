// Helpers shared by the channel, select and fan tests.
import { linkSignal } from "../../runtime/signals.js";
import { abortListenerCount, flushMacrotask } from "./harness.js";

/** Tracked is a promise's settlement, readable synchronously. */
export interface Tracked<T> {
  state: "pending" | "resolved" | "rejected";
  value: T | undefined;
  error: unknown;
}

/** track records how `promise` settles, and marks its rejection as handled. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked: Tracked<T> = { state: "pending", value: undefined, error: undefined };
  promise.then(
    (value) => {
      tracked.state = "resolved";
      tracked.value = value;
    },
    (error: unknown) => {
      tracked.state = "rejected";
      tracked.error = error;
    },
  );
  return tracked;
}

/** flush lets every queued promise reaction run: a macrotask runs only after all microtasks. */
export const flush = flushMacrotask;

/** abortListeners is the number of abort listeners on `signal`. */
export const abortListeners = abortListenerCount;

/** seededRandom is mulberry32: a deterministic Math.random replacement for tests that must not flake. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** collect drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

/**
 * abortLinked starts `count` operations, one after another, each with a child signal of `parent`
 * that is aborted while the operation waits, and returns how many rejected with their own reason.
 */
export async function abortLinked(parent: AbortSignal, count: number, operation: (signal: AbortSignal) => Promise<unknown>): Promise<number> {
  let rejectedWithReason = 0;
  for (let index = 0; index < count; index++) {
    const link = linkSignal(parent);
    const pending = operation(link.signal);
    link.abort(index);
    rejectedWithReason += await pending.then(
      () => 0,
      (error: unknown) => (error === index ? 1 : 0),
    );
  }
  return rejectedWithReason;
}
