/**
 * AbortFanout tracks which of a primitive's waiters passed which signal. When a signal aborts, it
 * hands all of that signal's waiters, in the order they were added, to the callback at once, so
 * the primitive can drop them all before it wakes anyone else.
 */
export declare class AbortFanout<W> {
    #private;
    constructor(onAbort: (waiters: Iterable<W>, reason: unknown) => void);
    /** add makes `waiter` one of `signal`'s waiters; the caller has checked `signal.aborted`. */
    add(signal: AbortSignal, waiter: W): void;
    /** delete forgets `waiter`; the signal's listener goes with its last waiter. Unknown pairs are ignored. */
    delete(signal: AbortSignal, waiter: W): void;
}
