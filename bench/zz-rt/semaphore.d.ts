/** SemaphoreAcquireOptions configures Semaphore.acquire. */
export interface SemaphoreAcquireOptions {
    /**
     * signal abandons the wait: the acquire rejects with `signal.reason` and takes no permit.
     * @default undefined (wait as long as it takes)
     */
    signal?: AbortSignal | undefined;
}
/** SemaphoreRunOptions configures Semaphore.run. */
export interface SemaphoreRunOptions extends SemaphoreAcquireOptions {
    /**
     * n is the number of permits `fn` holds while it runs.
     * @default 1
     */
    n?: number | undefined;
}
/**
 * Semaphore bounds access to a resource by weight, like Go's `semaphore.Weighted`: `acquire(n)`
 * waits until `n` of its `size` permits are free and takes them, `release(n)` gives them back.
 * Waiters are served first come, first served. Go's Acquire blocks forever on a request larger
 * than the semaphore; here such a request throws a TypeError at once, since it can never succeed.
 *
 * @example
 * ```ts
 * const memory = new Semaphore(1024); // megabytes
 * await memory.run(() => decode(image), { n: image.megabytes });
 * ```
 */
export declare class Semaphore {
    #private;
    /** Semaphore creates a semaphore of `size` permits: a positive integer, or Infinity. */
    constructor(size: number);
    /** size is the total number of permits. */
    get size(): number;
    /** available is the number of permits not held right now. */
    get available(): number;
    /** waiting is the number of acquire calls queued for permits. */
    get waiting(): number;
    /**
     * acquire takes `n` permits, waiting in FIFO order until they are free. When they are free and
     * nobody is queued it takes them synchronously, before returning. It rejects with
     * `signal.reason` if `signal` aborts first, taking nothing, and at once if it already has
     * (unlike Go, which may still succeed). It throws a TypeError if `n` is not an integer from 1
     * up to `size`.
     */
    acquire(n?: number, options?: SemaphoreAcquireOptions): Promise<void>;
    /**
     * tryAcquire takes `n` permits if they are free and nobody is queued, and reports whether it
     * did. It never jumps the queue, like Go's TryAcquire.
     */
    tryAcquire(n?: number): boolean;
    /**
     * release gives back `n` permits and wakes the waiters they satisfy, in order. Releasing more
     * than is held throws a TypeError and changes nothing (Go panics: "semaphore: released more
     * than held").
     */
    release(n?: number): void;
    /**
     * run acquires `n` permits, runs `fn`, and releases them when `fn` settles, whether it returns,
     * throws or rejects. It settles like `fn`, or rejects with `signal.reason` if `signal` aborts
     * before the permits are granted, in which case `fn` never runs.
     */
    run<T>(fn: () => T | PromiseLike<T>, options?: SemaphoreRunOptions): Promise<Awaited<T>>;
}
