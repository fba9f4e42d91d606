/** ErrGroupTask is the work given to ErrGroup.go: it receives the group's signal. */
export type ErrGroupTask = (signal: AbortSignal) => unknown;
/** ErrGroupOptions configures an ErrGroup. */
export interface ErrGroupOptions {
    /**
     * signal is the parent: when it aborts, the group aborts with the same reason.
     * @default undefined (the group is cancelled only by its own failures or disposal)
     */
    signal?: AbortSignal | undefined;
    /**
     * limit is the most tasks that run at once; further tasks wait for a slot, first come first served.
     * @default Infinity
     */
    limit?: number | undefined;
}
/**
 * ErrGroup runs tasks that share one fate. The first task to fail (reject, or throw synchronously)
 * aborts `signal` with its error, drops the tasks still waiting for a slot, and is the error
 * `wait()` rejects with once every started task has settled. Failures after the first are ignored,
 * as in Go: they are usually the cancellation echoing back, and the group never lets them become
 * unhandled rejections. An abort of the parent signal fails the group the same way, with the
 * parent's reason. `new ErrGroup()` with no options has no limit and no parent, like Go's zero
 * Group, and can be waited on and reused until something fails.
 *
 * `await using group = new ErrGroup()` aborts the group's signal on scope exit and waits for its
 * tasks; disposal rethrows a task failure that no `wait()` call has reported.
 *
 * @example
 * ```ts
 * const group = new ErrGroup({ signal: request.signal, limit: 4 });
 * for (const url of urls) group.go((signal) => fetch(url, { signal }));
 * await group.wait(); // rejects with the first failure, after every started fetch settled
 * ```
 */
export declare class ErrGroup implements AsyncDisposable {
    #private;
    constructor(options?: ErrGroupOptions);
    /** signal aborts on the group's first failure, when the parent aborts, or on disposal. */
    get signal(): AbortSignal;
    /**
     * go runs `fn(signal)` in the group, at once if a slot is free, otherwise when one frees up (in
     * call order). If the group has already failed, `fn` is never called: its result could only be
     * discarded, and the failure is already reported by `wait()`.
     */
    go(fn: ErrGroupTask): void;
    /**
     * tryGo runs `fn(signal)` only if a slot is free right now and reports whether it started it;
     * it never queues. It returns false on a failed group.
     */
    tryGo(fn: ErrGroupTask): boolean;
    /**
     * wait settles once no task is running or queued: it resolves if the group never failed and
     * rejects with the first failure (or the parent's abort reason) otherwise. Any number of
     * callers may wait, at any time, and each sees the same outcome. After it settles the group no
     * longer listens to the parent signal, until it is given more work.
     */
    wait(): Promise<void>;
    /**
     * [Symbol.asyncDispose] aborts the group's signal (unless it already aborted), waits for the
     * started tasks, and rejects with the first task failure if no `wait()` call reported it.
     */
    [Symbol.asyncDispose](): Promise<void>;
}
