import { type Clock } from "./clock.js";
import { type Reservation } from "./rate-reservation.js";
export type { Reservation } from "./rate-reservation.js";
/** RateLimiterOptions configures a RateLimiter. */
export interface RateLimiterOptions {
    /** rate is the refill rate in tokens per second; `Infinity` allows everything (Go's rate.Inf). */
    rate: number;
    /**
     * burst is the bucket's size: the most tokens granted at once. The default of 1 spaces events
     * evenly, so no window of a second ever sees more than `rate` + 1 of them (an API quota's
     * reading of "N per second"); raise it to let idle time be spent in bursts.
     * @default 1
     */
    burst?: number | undefined;
    /**
     * clock supplies time and timers, for deterministic tests.
     * @default systemClock
     */
    clock?: Clock | undefined;
}
/** RateLimiterWaitOptions configures RateLimiter.wait. */
export interface RateLimiterWaitOptions {
    /**
     * signal abandons the wait: wait rejects with `signal.reason` and takes no token.
     * @default undefined (wait as long as it takes)
     */
    signal?: AbortSignal | undefined;
    /**
     * tokens is the number of tokens to take, from 0 up to `burst`.
     * @default 1
     */
    tokens?: number | undefined;
}
/**
 * RateLimiter is a token bucket of `burst` tokens, initially full and refilled at `rate` tokens
 * per second, like Go's `rate.Limiter`: `allow` takes tokens if they are there, `wait` waits for
 * them in FIFO order, `reserve` books them and says how long to wait.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ rate: 10, burst: 5 }); // the API's quota
 * for (const url of urls) {
 *   await limiter.wait({ signal });
 *   pages.push(await fetch(url, { signal }));
 * }
 * ```
 */
export declare class RateLimiter {
    #private;
    /** RateLimiter creates a limiter; see RateLimiterOptions. */
    constructor(options: RateLimiterOptions);
    /** rate is the refill rate in tokens per second. */
    get rate(): number;
    /** burst is the bucket's size. */
    get burst(): number;
    /** tokens is the bucket's level now: negative while reservations are booked ahead. */
    get tokens(): number;
    /** waiting is the number of queued requests: wait calls and reservations made behind them. */
    get waiting(): number;
    /**
     * allow takes `tokens` tokens if the bucket holds them and nobody is waiting, and reports
     * whether it did. A request larger than `burst` is never allowed (Go's AllowN).
     */
    allow(tokens?: number): boolean;
    /**
     * wait resolves once `tokens` tokens are granted, behind every earlier waiter; it takes them
     * synchronously when they are there and nobody waits. It rejects with `signal.reason` if
     * `signal` aborts first, taking nothing. A request larger than `burst` can never be granted and
     * throws a TypeError (Go's WaitN returns an error), except at an infinite rate.
     */
    wait(options?: RateLimiterWaitOptions): Promise<void>;
    /**
     * reserve books `tokens` tokens and returns a Reservation saying how long to wait before
     * acting (Go's ReserveN). The reservation is not ok, and changes nothing, when `tokens` exceeds
     * `burst`. Made while others wait, it queues behind them rather than overtaking them.
     */
    reserve(tokens?: number): Reservation;
}
