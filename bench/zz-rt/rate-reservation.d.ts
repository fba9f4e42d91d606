import type { Clock } from "./clock.js";
/**
 * Reservation is a booking of tokens from a RateLimiter (Go's `rate.Reservation`): the holder
 * waits `delay` milliseconds and then acts, or calls `cancel` if it never will.
 *
 * @example
 * ```ts
 * const reservation = limiter.reserve();
 * if (!reservation.ok) throw new Error("more tokens than the burst");
 * await sleep(reservation.delay);
 * act();
 * ```
 */
export interface Reservation {
    /** ok is false when the tokens can never be granted (more than `burst`); nothing was booked. */
    readonly ok: boolean;
    /** tokens is the number of tokens booked. */
    readonly tokens: number;
    /** delay is the milliseconds from now until the holder may act: 0 means now, Infinity never. */
    readonly delay: number;
    /**
     * cancel gives the tokens back as far as later bookings allow (Go's Reservation.Cancel): all
     * of them when nothing was booked after this one, none once its time to act has passed.
     * Calling it again, or on a reservation that is not ok, does nothing.
     */
    cancel(): void;
}
/** LimiterReservation is the RateLimiter's Reservation; only the limiter creates one. */
export declare class LimiterReservation implements Reservation {
    #private;
    readonly ok: boolean;
    readonly tokens: number;
    /** timeToAct is the clock reading at which the holder may act. */
    readonly timeToAct: number;
    constructor(ok: boolean, tokens: number, timeToAct: number, clock: Clock, giveBack?: (reservation: LimiterReservation) => void);
    get delay(): number;
    cancel(): void;
}
