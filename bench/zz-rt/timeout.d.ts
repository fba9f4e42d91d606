import { type Clock } from "./clock.js";
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
 * `fn` (the deadline has passed before the work could start).
 *
 * @example
 * ```ts
 * const response = await withTimeout(5_000, (signal) => fetch(url, { signal }), { signal: request.signal });
 * ```
 */
export declare function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: TimeoutOptions): Promise<T>;
/**
 * withDeadline is withTimeout with an absolute deadline: `date` is a Date or epoch milliseconds,
 * read against the wall clock (`Date.now()`) once, when the call starts; from then on the
 * remaining time is measured on `clock`, so a wall-clock step does not move the deadline. A
 * deadline already past rejects with a TimeoutError without calling `fn`. Go: `context.WithDeadline`.
 *
 * @example
 * ```ts
 * const rows = await withDeadline(request.deadline, (signal) => database.query(sql, { signal }));
 * ```
 */
export declare function withDeadline<T>(date: Date | number, fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: TimeoutOptions): Promise<T>;
