/**
 * TimeoutError is the abort reason of every deadline the runtime sets (withTimeout, withDeadline,
 * linkSignal's and timeoutSignal's timeout), so callers can tell "took too long" from "was
 * cancelled" with `instanceof`. Its `name` is "TimeoutError", matching the DOMException that
 * `AbortSignal.timeout` uses, so code that checks `error.name` treats both alike.
 */
export declare class TimeoutError extends Error {
    /** milliseconds is the length of the deadline that expired. */
    readonly milliseconds: number;
    constructor(milliseconds: number, message?: string);
}
