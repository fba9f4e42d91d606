import { abortable } from "./signals.js";
import { assertFunction, assertSignal } from "./validate.js";
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
export function supervise(fn, options = {}) {
    assertFunction("fn", fn);
    const { signal } = options;
    assertSignal("signal", signal);
    if (signal?.aborted)
        return Promise.reject(signal.reason);
    let result;
    try {
        // A fresh signal rather than a shared never-aborting one: listeners that fn forgets to remove
        // then die with it instead of piling up on a module-wide signal.
        result = fn(signal ?? new AbortController().signal);
    }
    catch (error) {
        return Promise.reject(error);
    }
    // The synchronous fast path needs no listener: there is nothing left to race the signal against.
    if (!isPromiseLike(result))
        return Promise.resolve(result);
    return abortable(result, signal);
}
/** isPromiseLike reports whether `value` has a callable `then`, the test Promise.resolve applies. */
export function isPromiseLike(value) {
    return ((typeof value === "object" || typeof value === "function") &&
        value !== null &&
        typeof value.then === "function");
}
//# sourceMappingURL=supervise.js.map