/**
 * Clock is the source of time for the runtime's timeouts and rate limiters. It exists so tests can
 * drive time deterministically (the p-timeout habit of injectable timers) without patching globals.
 */
export interface Clock {
    /** now returns milliseconds on a monotonic scale; only differences between readings matter. */
    now(): number;
    /**
     * setTimeout schedules `callback` after `ms` milliseconds and returns a handle for clearTimeout.
     * With `keepAlive` false the timer alone does not keep the process running: that is for a
     * deadline nobody awaits (timeoutSignal). A timer somebody awaits (a rate limiter's wait, a
     * deadline racing work) keeps the process alive, as any pending await would.
     */
    setTimeout(callback: () => void, ms: number, keepAlive?: boolean): unknown;
    /** clearTimeout cancels a timer made by this clock's setTimeout; unknown handles are ignored. */
    clearTimeout(handle: unknown): void;
}
/**
 * unrefTimer stops a pending timer from keeping the process alive where the host supports it
 * (Node and Bun timer objects have `unref`; Deno has `Deno.unrefTimer`; browsers have neither and
 * need neither).
 */
export declare function unrefTimer(handle: unknown): void;
/**
 * systemClock is the default Clock: `performance.now()` (monotonic, unaffected by wall-clock
 * steps) and the host's timers. A timer made with `keepAlive` false is unref'd where the host
 * allows, and a delay longer than the host's timer limit (about 24.8 days) is honoured rather than
 * cut to 1 ms. Unref'ing every timer was rejected: a program whose only pending work is
 * `await limiter.wait()` would then exit mid-wait (Node's exit code 13, unsettled top-level await).
 */
export declare const systemClock: Clock;
