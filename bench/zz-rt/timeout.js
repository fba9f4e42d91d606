import { systemClock } from "./clock.js";
import { TimeoutError } from "./errors.js";
import { linkSignal } from "./signals.js";
import { supervise } from "./supervise.js";
import { assertFunction, assertNonNegativeNumber, assertSignal, describe } from "./validate.js";
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
export function withTimeout(ms, fn, options = {}) {
    assertNonNegativeNumber("ms", ms);
    return runUntil(ms, fn, options);
}
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
export function withDeadline(date, fn, options = {}) {
    const time = date instanceof Date ? date.getTime() : date;
    if (typeof time !== "number" || !Number.isFinite(time)) {
        throw new TypeError(`Expected \`date\` to be a valid Date or a finite number of epoch milliseconds, got ${date instanceof Date ? "an invalid Date" : describe(date)}`);
    }
    return runUntil(Math.max(0, time - Date.now()), fn, options);
}
function runUntil(ms, fn, options) {
    assertFunction("fn", fn);
    const { signal, clock = systemClock } = options;
    assertSignal("signal", signal);
    if (signal?.aborted)
        return Promise.reject(signal.reason);
    if (ms === 0)
        return Promise.reject(new TimeoutError(0));
    const link = linkSignal(signal, { timeout: ms, clock });
    const work = supervise(fn, { signal: link.signal });
    // The release reaction never rejects, and the caller handles `work` itself.
    work.then(link.dispose, link.dispose);
    return work;
}
//# sourceMappingURL=timeout.js.map