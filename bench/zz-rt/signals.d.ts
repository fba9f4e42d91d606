import { type Clock } from "./clock.js";
/**
 * onAbort runs `callback(reason)` once when `signal` aborts and returns a function that removes
 * it. Callbacks run in the order they were added. Adding and removing are O(1) however many
 * callbacks share the signal, and the signal carries one listener while any are registered, none
 * after. It never calls `callback` synchronously: an already-aborted signal is the caller's to
 * check first, which keeps the caller's control flow in one place.
 */
export declare function onAbort(signal: AbortSignal, callback: (reason: unknown) => void): () => void;
/**
 * LinkedSignal is a child signal that follows a parent (and optionally a timeout) until it is
 * disposed. Dispose it when the work it guards settles; `using link = linkSignal(parent)` does so
 * on scope exit.
 */
export interface LinkedSignal extends Disposable {
    /** signal aborts with the parent's reason, the timeout's TimeoutError, or abort's reason. */
    readonly signal: AbortSignal;
    /** abort aborts the child (never the parent) and releases the link. */
    abort(reason?: unknown): void;
    /** dispose removes the parent listener and clears the timer; the signal stays as it is. */
    dispose(): void;
}
/** LinkOptions configures linkSignal. */
export interface LinkOptions {
    /**
     * timeout aborts the child with a TimeoutError after this many milliseconds.
     * @default undefined (no timeout)
     */
    timeout?: number | undefined;
    /**
     * clock supplies time and timers, for deterministic tests.
     * @default systemClock
     */
    clock?: Clock | undefined;
    /**
     * keepAlive lets the timeout's timer keep the process running while it is pending. Set it to
     * false only where nobody awaits the deadline itself.
     * @default true
     */
    keepAlive?: boolean | undefined;
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
export declare function linkSignal(parent?: AbortSignal, options?: LinkOptions): LinkedSignal;
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
export declare function timeoutSignal(milliseconds: number, parent?: AbortSignal, clock?: Clock): AbortSignal;
/**
 * abortable settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts,
 * whichever comes first. The work behind `promise` is not stopped by this: pass the same signal to
 * it. Unlike `Promise.race` with an abort promise, the listener is removed when `promise` settles,
 * and a rejection of `promise` after the abort is observed, so it is never reported as unhandled.
 */
export declare function abortable<T>(promise: PromiseLike<T>, signal?: AbortSignal): Promise<T>;
