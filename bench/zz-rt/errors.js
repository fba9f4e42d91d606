/**
 * TimeoutError is the abort reason of every deadline the runtime sets (withTimeout, withDeadline,
 * linkSignal's and timeoutSignal's timeout), so callers can tell "took too long" from "was
 * cancelled" with `instanceof`. Its `name` is "TimeoutError", matching the DOMException that
 * `AbortSignal.timeout` uses, so code that checks `error.name` treats both alike.
 */
export class TimeoutError extends Error {
    /** milliseconds is the length of the deadline that expired. */
    milliseconds;
    constructor(milliseconds, message = `Operation timed out after ${milliseconds} ms`) {
        super(message);
        this.name = "TimeoutError";
        this.milliseconds = milliseconds;
    }
}
//# sourceMappingURL=errors.js.map