// The machinery behind RateLimiter at a finite rate: the bucket's arithmetic, its FIFO queue of
// requests and the one timer that serves the queue's head. Arguments arrive validated.
import { AbortFanout } from "./abort-fanout.js";
import { LimiterReservation } from "./rate-reservation.js";
import { WaiterList } from "./waiters.js";
/**
 * TokenBucket holds `burst` tokens, refilled at `rate` per second by arithmetic on the clock at
 * each call, never by a ticker. Requests that must wait queue in FIFO order and take their tokens
 * only when granted, so one that aborts leaves in O(1) and hands everything to those behind it.
 */
export class TokenBucket {
    #rate;
    #burst;
    #clock;
    // The bucket's level as of #last; negative while reservations are booked ahead of time. Only
    // taking tokens moves this anchor, never a look or a refusal (Go's reserveN keeps `last` when
    // it refuses): refilling at every call would add up float errors, and 100 calls of 0.1 token
    // each would fall just short of the token a single reading 10 ms later finds whole.
    #tokens;
    #last;
    // The time to act of the latest reservation, which a reservation's cancel needs (Go's lastEvent).
    #lastEvent;
    #requests = new WaiterList();
    #aborts = new AbortFanout((requests, reason) => this.#abandon(requests, reason));
    #queuedTokens = 0;
    // At most one timer, for the head of the queue; #timerFor is undefined exactly when none is set.
    #timer;
    #timerFor;
    constructor(rate, burst, clock) {
        this.#rate = rate;
        this.#burst = burst;
        this.#clock = clock;
        this.#tokens = burst;
        this.#last = this.#lastEvent = clock.now();
    }
    /** waiting is the number of queued requests. */
    get waiting() {
        return this.#requests.length;
    }
    /** level is the number of tokens now, after serving whoever is due. */
    level(now) {
        if (this.#requests.length > 0)
            this.#grantDue(now);
        return this.#levelAt(now);
    }
    /** take takes `tokens` if they are there and nobody is queued. */
    take(tokens, now) {
        if (this.#requests.length > 0) {
            this.#grantDue(now);
            if (this.#requests.length > 0)
                return false;
        }
        if (this.#levelAt(now) < tokens)
            return false;
        this.#refill(now);
        this.#tokens -= tokens;
        return true;
    }
    /** wait queues for `tokens` behind everyone; the caller has tried `take` at `now`. */
    wait(tokens, signal, now) {
        return new Promise((resolve, reject) => {
            const request = newRequest(tokens, resolve, reject, signal);
            if (signal)
                this.#aborts.add(signal, request);
            this.#enqueue(request, now);
        });
    }
    /** book books `tokens` now, or behind the queue if anyone waits (Go's reserveN). */
    book(tokens, now) {
        if (this.#requests.length > 0)
            this.#grantDue(now);
        let request;
        if (this.#requests.length === 0) {
            this.#refill(now);
            this.#tokens -= tokens;
            this.#lastEvent = now + (Math.max(0, -this.#tokens) * 1000) / this.#rate;
        }
        else {
            // Its turn comes once the bucket has paid for everyone ahead of it, if none of them aborts.
            this.#lastEvent = this.#last + ((this.#queuedTokens + tokens - this.#tokens) * 1000) / this.#rate;
            request = newRequest(tokens, undefined, undefined, undefined);
            this.#enqueue(request, now);
        }
        return new LimiterReservation(true, tokens, this.#lastEvent, this.#clock, (reservation) => this.#cancel(reservation, request));
    }
    #levelAt(now) {
        // A clock that steps back counts as no time passing (Go's TestLimiterJumpBackwards).
        if (now <= this.#last)
            return this.#tokens;
        return Math.min(this.#burst, this.#tokens + ((now - this.#last) * this.#rate) / 1000);
    }
    #refill(now) {
        this.#tokens = this.#levelAt(now);
        this.#last = now;
    }
    // grantDue grants each due request at the moment its tokens accrued, not at `now`: a late timer
    // then delays a grant but loses no tokens to the burst cap, so the long-run rate stays exact.
    #grantDue(now) {
        for (let head = this.#requests.first; head; head = this.#requests.first) {
            const missing = head.tokens - this.#tokens;
            if (missing > 0) {
                const due = this.#last + (missing * 1000) / this.#rate;
                if (due > now)
                    break;
                this.#last = due;
                this.#tokens = 0;
            }
            else {
                this.#tokens -= head.tokens;
            }
            this.#requests.remove(head);
            this.#queuedTokens -= head.tokens;
            if (head.signal)
                this.#aborts.delete(head.signal, head);
            head.resolve?.();
        }
        this.#schedule(now);
    }
    #schedule(now) {
        const head = this.#requests.first;
        if (head === this.#timerFor)
            return;
        if (this.#timerFor)
            this.#clock.clearTimeout(this.#timer);
        this.#timerFor = head;
        if (!head)
            return;
        const due = this.#last + (Math.max(0, head.tokens - this.#tokens) * 1000) / this.#rate;
        this.#timer = this.#clock.setTimeout(this.#onTimer, Math.max(0, Math.ceil(due - now)));
    }
    #onTimer = () => {
        // A host timer may fire a fraction of a millisecond early; #grantDue then sets a new one.
        this.#timerFor = undefined;
        this.#grantDue(this.#clock.now());
    };
    #enqueue(request, now) {
        this.#requests.push(request);
        this.#queuedTokens += request.tokens;
        if (this.#requests.length === 1)
            this.#schedule(now);
    }
    #dequeue(requests, now) {
        const head = this.#requests.first;
        for (const request of requests) {
            this.#requests.remove(request);
            this.#queuedTokens -= request.tokens;
        }
        // Those behind a departed head may be due already; and the head's timer must go or move.
        if (this.#requests.first !== head)
            this.#grantDue(now);
    }
    #abandon(requests, reason) {
        this.#dequeue(requests, this.#clock.now());
        for (const request of requests)
            request.reject?.(reason);
    }
    // cancel is Go's Reservation.CancelAt: it returns the tokens that no later reservation was
    // counted against, which is all of them for a reservation still queued (it took nothing yet).
    #cancel(reservation, request) {
        const now = this.#clock.now();
        const { tokens, timeToAct } = reservation;
        if (request?.queued) {
            this.#forgetEvent(timeToAct, tokens, now);
            this.#dequeue([request], now);
            return;
        }
        if (tokens === 0 || timeToAct < now)
            return;
        if (this.#requests.length > 0)
            this.#grantDue(now);
        this.#refill(now);
        const restored = tokens - ((this.#lastEvent - timeToAct) * this.#rate) / 1000;
        if (restored <= 0)
            return;
        this.#tokens = Math.min(this.#burst, this.#tokens + restored);
        this.#forgetEvent(timeToAct, tokens, now);
        if (this.#timerFor) {
            // The head's tokens may have arrived early: drop its timer and grant or re-time it.
            this.#clock.clearTimeout(this.#timer);
            this.#timerFor = undefined;
            this.#grantDue(now);
        }
    }
    #forgetEvent(timeToAct, tokens, now) {
        if (timeToAct !== this.#lastEvent)
            return;
        const previousEvent = timeToAct - (tokens * 1000) / this.#rate;
        if (previousEvent >= now)
            this.#lastEvent = previousEvent;
    }
}
function newRequest(tokens, resolve, reject, signal) {
    return { tokens, resolve, reject, signal, previous: undefined, next: undefined, queued: false };
}
//# sourceMappingURL=token-bucket.js.map