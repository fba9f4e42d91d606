import type { Clock } from "./clock.js";
import { LimiterReservation } from "./rate-reservation.js";
/**
 * TokenBucket holds `burst` tokens, refilled at `rate` per second by arithmetic on the clock at
 * each call, never by a ticker. Requests that must wait queue in FIFO order and take their tokens
 * only when granted, so one that aborts leaves in O(1) and hands everything to those behind it.
 */
export declare class TokenBucket {
    #private;
    constructor(rate: number, burst: number, clock: Clock);
    /** waiting is the number of queued requests. */
    get waiting(): number;
    /** level is the number of tokens now, after serving whoever is due. */
    level(now: number): number;
    /** take takes `tokens` if they are there and nobody is queued. */
    take(tokens: number, now: number): boolean;
    /** wait queues for `tokens` behind everyone; the caller has tried `take` at `now`. */
    wait(tokens: number, signal: AbortSignal | undefined, now: number): Promise<void>;
    /** book books `tokens` now, or behind the queue if anyone waits (Go's reserveN). */
    book(tokens: number, now: number): LimiterReservation;
}
