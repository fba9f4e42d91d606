// Leak-free signal plumbing. Everything here exists because the obvious tools leak when the parent
// signal lives long (a server's shutdown signal, a request's signal reused for many calls):
// `AbortSignal.any` in Node 20 keeps every dependent signal reachable from the parent
// (nodejs/node#54614), and `Promise.race([work, parentAborted])` keeps one reaction per call on
// the long-lived promise (nodejs/node#17469). The helpers below attach exactly one listener per
// link and remove it the moment the link is no longer needed.
import { systemClock } from "./clock.js";
import { TimeoutError } from "./errors.js";
import { assertNonNegativeNumber, assertSignal } from "./validate.js";
// One real "abort" listener per signal for the whole runtime, multiplexed here. A listener per
// waiter was rejected: Node's EventTarget walks its whole listener list on every addEventListener
// (to skip duplicates), so N waiters on one shared signal cost O(N^2), and past 10 listeners Node
// warns of a leak that is not one. A WeakMap never keeps a signal alive.
const subscribersBySignal = new WeakMap();
/**
 * onAbort runs `callback(reason)` once when `signal` aborts and returns a function that removes
 * it. Callbacks run in the order they were added. Adding and removing are O(1) however many
 * callbacks share the signal, and the signal carries one listener while any are registered, none
 * after. It never calls `callback` synchronously: an already-aborted signal is the caller's to
 * check first, which keeps the caller's control flow in one place.
 */
export function onAbort(signal, callback) {
    let subscribers = subscribersBySignal.get(signal);
    if (subscribers === undefined) {
        const callbacks = new Set();
        const listener = () => {
            subscribersBySignal.delete(signal);
            for (const subscriber of callbacks)
                subscriber(signal.reason);
            callbacks.clear();
        };
        subscribers = { callbacks, listener };
        subscribersBySignal.set(signal, subscribers);
        signal.addEventListener("abort", listener, { once: true });
    }
    // A fresh entry per call, so one callback registered twice runs twice and is removed once.
    const entry = (reason) => callback(reason);
    const { callbacks, listener } = subscribers;
    callbacks.add(entry);
    return () => {
        if (!callbacks.delete(entry) || callbacks.size > 0)
            return;
        if (subscribersBySignal.get(signal)?.callbacks === callbacks)
            subscribersBySignal.delete(signal);
        signal.removeEventListener("abort", listener);
    };
}
/**
 * linkSignal makes a child signal that aborts when `parent` aborts (with the parent's reason), when
 * `timeout` elapses (with a TimeoutError) or when `abort` is called, whichever comes first. It holds
 * one listener on the parent and at most one unref'd timer, and releases both on dispose or abort,
 * so 100,000 links to one long-lived parent leave it exactly as they found it.
 *
 * @example
 * ```ts
 * using link = linkSignal(request.signal, { timeout: 5_000 });
 * const response = await fetch(url, { signal: link.signal });
 * ```
 */
export function linkSignal(parent, options = {}) {
    assertSignal("parent", parent);
    const { timeout, clock = systemClock, keepAlive = true } = options;
    if (timeout !== undefined)
        assertNonNegativeNumber("timeout", timeout);
    const controller = new AbortController();
    let removeListener;
    let timer;
    let linked = true;
    const dispose = () => {
        if (!linked)
            return;
        linked = false;
        removeListener?.();
        if (timer !== undefined)
            clock.clearTimeout(timer);
    };
    const abort = (reason) => {
        dispose();
        controller.abort(reason);
    };
    if (parent?.aborted) {
        abort(parent.reason);
    }
    else {
        if (parent)
            removeListener = onAbort(parent, abort);
        if (timeout !== undefined)
            timer = clock.setTimeout(() => abort(new TimeoutError(timeout)), timeout, keepAlive);
    }
    return { signal: controller.signal, abort, dispose, [Symbol.dispose]: dispose };
}
/**
 * timeoutSignal returns a signal that aborts with a TimeoutError after `milliseconds`, or earlier
 * with `parent`'s reason. It is the expression form of linkSignal for call sites that cannot
 * dispose (`fetch(url, { signal: timeoutSignal(5_000, signal) })`, which the codemod writes): the
 * parent listener is removed when either the timer fires or the parent aborts, so links never
 * accumulate beyond those started within the last `milliseconds`; its timer is unref'd, like
 * `AbortSignal.timeout`'s, because nothing can clear it when the guarded work finishes early.
 * Prefer withTimeout where the work is a callback: it releases everything as soon as the work
 * settles.
 */
export function timeoutSignal(milliseconds, parent, clock = systemClock) {
    assertNonNegativeNumber("milliseconds", milliseconds);
    return linkSignal(parent, { timeout: milliseconds, clock, keepAlive: false }).signal;
}
/**
 * abortable settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts,
 * whichever comes first. The work behind `promise` is not stopped by this: pass the same signal to
 * it. Unlike `Promise.race` with an abort promise, the listener is removed when `promise` settles,
 * and a rejection of `promise` after the abort is observed, so it is never reported as unhandled.
 */
export function abortable(promise, signal) {
    if (!signal)
        return Promise.resolve(promise);
    if (signal.aborted) {
        Promise.resolve(promise).catch(ignore);
        return Promise.reject(signal.reason);
    }
    return new Promise((resolve, reject) => {
        const removeListener = onAbort(signal, reject);
        Promise.resolve(promise).then((value) => {
            removeListener();
            resolve(value);
        }, (error) => {
            removeListener();
            reject(error);
        });
    });
}
function ignore() { }
//# sourceMappingURL=signals.js.map