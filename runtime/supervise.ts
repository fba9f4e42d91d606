import { abortable } from "./signals.js";
import { assertFunction, signalOption } from "./validate.js";

/** SuperviseOptions configures supervise. */
export interface SuperviseOptions {
  /**
   * signal cancels the work: `fn` receives it, and the returned promise rejects with its reason
   * the moment it aborts, whether or not `fn` is listening.
   * @default undefined (fn receives a signal that never aborts)
   */
  signal?: AbortSignal | undefined;
}

/**
 * supervise runs `fn(signal)` and settles like its result, or rejects with `signal.reason` as soon
 * as `signal` aborts, even if `fn` ignores the signal. A synchronous throw becomes a rejection, so
 * the caller has one place to handle every failure. It is Go's supervised goroutine: a `recover`
 * that turns a panic into an error, and a `select` on the result and `ctx.Done()`.
 *
 * An already-aborted signal rejects at once without calling `fn`. Work that outlives an abort is
 * told through the signal, never waited for; its late rejection is observed, never unhandled. The
 * one listener on `signal` is removed when the work settles, so a long-lived signal shared by any
 * number of calls keeps no trace of them.
 *
 * @example
 * ```ts
 * const body = await supervise((signal) => fetch(url, { signal }).then((response) => response.text()), {
 *   signal: request.signal,
 * });
 * ```
 */
export function supervise<T>(
  fn: (signal: AbortSignal) => T | PromiseLike<T>,
  options: SuperviseOptions = {},
): Promise<T> {
  assertFunction("fn", fn);
  const signal = signalOption("options", options, { owner: "supervise", known: ["signal"] });
  if (signal?.aborted) return Promise.reject(signal.reason);
  let result: T | PromiseLike<T>;
  try {
    // A fresh signal rather than a shared never-aborting one: listeners that fn forgets to remove
    // then die with it instead of piling up on a module-wide signal.
    result = fn(signal ?? new AbortController().signal);
  } catch (error) {
    return Promise.reject(error);
  }
  // The synchronous fast path needs no listener: there is nothing left to race the signal against.
  if (!isPromiseLike(result)) return Promise.resolve(result);
  return abortable(result, signal);
}

/** isPromiseLike reports whether `value` has a callable `then`, the test Promise.resolve applies. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
