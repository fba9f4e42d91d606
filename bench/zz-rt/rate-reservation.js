/** LimiterReservation is the RateLimiter's Reservation; only the limiter creates one. */
export class LimiterReservation {
    ok;
    tokens;
    /** timeToAct is the clock reading at which the holder may act. */
    timeToAct;
    #clock;
    #giveBack;
    constructor(ok, tokens, timeToAct, clock, giveBack) {
        this.ok = ok;
        this.tokens = tokens;
        this.timeToAct = timeToAct;
        this.#clock = clock;
        this.#giveBack = giveBack;
    }
    get delay() {
        if (!this.ok)
            return Number.POSITIVE_INFINITY;
        return Math.max(0, this.timeToAct - this.#clock.now());
    }
    cancel() {
        const giveBack = this.#giveBack;
        this.#giveBack = undefined;
        giveBack?.(this);
    }
}
//# sourceMappingURL=rate-reservation.js.map