import { type Clock, systemClock } from "./clock.js";
import { TimeoutError } from "./errors.js";
import { linkSignal } from "./signals.js";
import { supervise } from "./supervise.js";
import { assertFunction, assertOptions, assertSignal, assertTimeout, describe } from "./validate.js";

/** TimeoutOptions configures withTimeout and withDeadline. */
export interface TimeoutOptions {
  /**
   * signal is a parent: when it aborts first, the work's signal aborts with its reason and the
   * returned promise rejects with it.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * clock supplies the timer, for deterministic tests.
   * @default systemClock
   */
  clock?: Clock | undefined;
}

/**
 * withTimeout runs `fn(signal)` where `signal` aborts with a TimeoutError after `ms` milliseconds
 * or with the parent `signal`'s reason, whichever comes first; the returned promise settles like
 * the work, or rejects with that reason at that moment even if `fn` ignores its signal. The work
 * is cancelled through the signal, not merely abandoned. Go: `context.WithTimeout` and a `select`.
 *
 * The parent listener and the timer are released the moment the work settles, so a long-lived
 * parent signal and a process with nothing else to do are left as they were. An already-aborted
 * parent rejects with its reason, and `ms` of 0 rejects with a TimeoutError, both without calling
 * `fn` (the deadline has passed before the work could start). `ms` of Infinity sets no deadline
 * (as in p-timeout), so one call site can take "no limit" from configuration. The timer keeps the
 * process alive: the returned promise is the deadline, and somebody awaits it.
 *
 * @example
 * ```ts
 * const response = await withTimeout(5_000, (signal) => fetch(url, { signal }), { signal: request.signal });
 * ```
 */
export function withTimeout<T>(
  ms: number,
  fn: (signal: AbortSignal) => T | PromiseLike<T>,
  options: TimeoutOptions = {},
): Promise<T> {
  assertTimeout("ms", ms);
  return runUntil("withTimeout", ms, fn, options);
}

/**
 * withDeadline is withTimeout with an absolute deadline: `date` is a Date or epoch milliseconds,
 * read against the wall clock (`Date.now()`) once, when the call starts; from then on the
 * remaining time is measured on `clock`, so a wall-clock step does not move the deadline. A
 * deadline already past rejects with a TimeoutError without calling `fn`; a `date` of Infinity is
 * no deadline. Go: `context.WithDeadline`.
 *
 * @example
 * ```ts
 * const rows = await withDeadline(request.deadline, (signal) => database.query(sql, { signal }));
 * ```
 */
export function withDeadline<T>(
  date: Date | number,
  fn: (signal: AbortSignal) => T | PromiseLike<T>,
  options: TimeoutOptions = {},
): Promise<T> {
  const time = date instanceof Date ? date.getTime() : date;
  if (typeof time !== "number" || !(Number.isFinite(time) || time === Number.POSITIVE_INFINITY)) {
    throw new TypeError(`Expected \`date\` to be a valid Date, a finite number of epoch milliseconds or Infinity, got ${
      date instanceof Date ? "an invalid Date" : describe(date)
    }`);
  }
  return runUntil("withDeadline", Math.max(0, time - Date.now()), fn, options);
}

function runUntil<T>(owner: string, ms: number, fn: (signal: AbortSignal) => T | PromiseLike<T>, options: TimeoutOptions): Promise<T> {
  assertFunction("fn", fn);
  assertOptions("options", options, { owner, known: ["signal", "clock"] });
  const { signal, clock = systemClock } = options;
  assertSignal("signal", signal);
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms === 0) return Promise.reject(new TimeoutError(0));
  const link = linkSignal(signal, { timeout: ms, clock, keepAlive: true });
  const work = supervise(fn, { signal: link.signal });
  // The release reaction never rejects, and the caller handles `work` itself.
  work.then(link.dispose, link.dispose);
  return work;
}
