// Waiters usually share a signal (a request's, a server's shutdown signal), and one "abort"
// listener per waiter goes wrong on a shared signal: Node's EventTarget walks its whole listener
// list on every addEventListener (to skip duplicates), so N waiters cost O(N²) time (16,000 take
// seconds to queue), and past 10 listeners Node prints a MaxListenersExceededWarning that looks
// like a leak. AbortFanout gives a primitive one listener per signal however many of its waiters
// passed that signal, and removes it when the last of them leaves.
/**
 * AbortFanout tracks which of a primitive's waiters passed which signal. When a signal aborts, it
 * hands all of that signal's waiters, in the order they were added, to the callback at once, so
 * the primitive can drop them all before it wakes anyone else.
 */
export class AbortFanout {
    #groups = new Map();
    #onAbort;
    constructor(onAbort) {
        this.#onAbort = onAbort;
    }
    /** add makes `waiter` one of `signal`'s waiters; the caller has checked `signal.aborted`. */
    add(signal, waiter) {
        let group = this.#groups.get(signal);
        if (group === undefined) {
            const waiters = new Set();
            const listener = () => {
                this.#groups.delete(signal);
                this.#onAbort(waiters, signal.reason);
            };
            group = { waiters, listener };
            this.#groups.set(signal, group);
            signal.addEventListener("abort", listener, { once: true });
        }
        group.waiters.add(waiter);
    }
    /** delete forgets `waiter`; the signal's listener goes with its last waiter. Unknown pairs are ignored. */
    delete(signal, waiter) {
        const group = this.#groups.get(signal);
        if (group === undefined || !group.waiters.delete(waiter) || group.waiters.size > 0)
            return;
        this.#groups.delete(signal);
        signal.removeEventListener("abort", group.listener);
    }
}
//# sourceMappingURL=abort-fanout.js.map