// A token bucket with the semantics of golang.org/x/time/rate. The bucket is refilled by
// arithmetic on the clock at each call, never by a ticker, so an idle limiter holds no timer and
// cannot keep a process alive. Blocked callers wait in one FIFO queue and take their tokens only
// when granted: an aborted waiter leaves in O(1) and hands everything back to the ones behind it.
// (Go books every Wait as a reservation up front, so a cancelled waiter in the middle of the
// queue returns almost nothing, and 100,000 waiters cancelled head first leave 100,000 tokens
// of debt behind.)
import { type Clock, systemClock } from "./clock.js";
import { type Reservation, LimiterReservation } from "./rate-reservation.js";
import { onAbort } from "./signals.js";
import { assertFunction, assertInteger, assertSignal, describe } from "./validate.js";
import { type Waiter, WaiterList } from "./waiters.js";

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

interface TokenRequest extends Waiter {
  readonly tokens: number;
  // A wait() has callbacks; a reservation made behind waiters has none: it only holds its place.
  readonly resolve: (() => void) | undefined;
  readonly reject: ((reason: unknown) => void) | undefined;
  removeAbortListener: (() => void) | undefined;
}

const granted: Promise<void> = Promise.resolve();

/**
 * RateLimiter is a token bucket of `burst` tokens, initially full and refilled at `rate` tokens
 * per second, like Go's `rate.Limiter`: `allow` takes tokens if they are there, `wait` waits for
 * them in FIFO order, `reserve` books them and says how long to wait.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ rate: 10, burst: 5 });
 * for (const url of urls) {
 *   await limiter.wait({ signal });
 *   void fetch(url, { signal });
 * }
 * ```
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #clock: Clock;
  // The bucket's level as of #last; negative while reservations are booked ahead of time.
  #tokens: number;
  #last: number;
  // The time to act of the latest reservation, which Reservation.cancel needs (Go's lastEvent).
  #lastEvent: number;
  readonly #requests = new WaiterList<TokenRequest>();
  #queuedTokens = 0;
  // At most one timer, for the head of the queue; #timerFor is undefined exactly when none is set.
  #timer: unknown;
  #timerFor: TokenRequest | undefined;

  /** RateLimiter creates a limiter; see RateLimiterOptions. */
  constructor(options: RateLimiterOptions) {
    const { rate, burst = 1, clock = systemClock } = options ?? ({} as Partial<RateLimiterOptions>);
    if (rate !== Number.POSITIVE_INFINITY && (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0)) {
      throw new TypeError(`Expected \`rate\` to be tokens per second greater than 0, or Infinity, got ${describe(rate)}`);
    }
    assertInteger("burst", burst, 1);
    assertFunction("clock.now", clock?.now);
    assertFunction("clock.setTimeout", clock.setTimeout);
    assertFunction("clock.clearTimeout", clock.clearTimeout);
    this.#rate = rate;
    this.#burst = burst;
    this.#clock = clock;
    this.#tokens = burst;
    this.#last = this.#lastEvent = clock.now();
  }

  /** rate is the refill rate in tokens per second. */
  get rate(): number {
    return this.#rate;
  }

  /** burst is the bucket's size. */
  get burst(): number {
    return this.#burst;
  }

  /** tokens is the bucket's level now: negative while reservations are booked ahead. */
  get tokens(): number {
    if (this.#rate === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    this.#serve(this.#clock.now());
    return this.#tokens;
  }

  /** waiting is the number of queued requests: wait calls and reservations made behind them. */
  get waiting(): number {
    return this.#requests.length;
  }

  /**
   * allow takes `tokens` tokens if the bucket holds them and nobody is waiting, and reports
   * whether it did. A request larger than `burst` is never allowed (Go's AllowN).
   */
  allow(tokens = 1): boolean {
    assertInteger("tokens", tokens, 0);
    if (this.#rate === Number.POSITIVE_INFINITY) return true;
    return tokens <= this.#burst && this.#take(tokens, this.#clock.now());
  }

  /**
   * wait resolves once `tokens` tokens are granted, behind every earlier waiter; it takes them
   * synchronously when they are there and nobody waits. It rejects with `signal.reason` if
   * `signal` aborts first, taking nothing. A request larger than `burst` can never be granted and
   * throws a TypeError (Go's WaitN returns an error), except at an infinite rate.
   */
  wait(options?: RateLimiterWaitOptions): Promise<void> {
    const tokens = options?.tokens ?? 1;
    const signal = options?.signal;
    assertInteger("tokens", tokens, 0);
    if (tokens > this.#burst && this.#rate !== Number.POSITIVE_INFINITY) {
      throw new TypeError(`Expected \`tokens\` to be at most the limiter's burst ${this.#burst}, got ${tokens}`);
    }
    assertSignal("signal", signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#rate === Number.POSITIVE_INFINITY) return granted;
    const now = this.#clock.now();
    if (this.#take(tokens, now)) return granted;
    return new Promise<void>((resolve, reject) => {
      const request = newRequest(tokens, resolve, reject);
      if (signal) request.removeAbortListener = onAbort(signal, (reason) => this.#abandon(request, reason));
      this.#enqueue(request, now);
    });
  }

  /**
   * reserve books `tokens` tokens and returns a Reservation saying how long to wait before
   * acting (Go's ReserveN). The reservation is not ok, and changes nothing, when `tokens` exceeds
   * `burst`. Made while others wait, it queues behind them rather than overtaking them.
   */
  reserve(tokens = 1): Reservation {
    assertInteger("tokens", tokens, 0);
    const now = this.#clock.now();
    if (this.#rate === Number.POSITIVE_INFINITY) return new LimiterReservation(true, tokens, now, this.#clock);
    if (tokens > this.#burst) return new LimiterReservation(false, tokens, Number.POSITIVE_INFINITY, this.#clock);
    this.#serve(now);
    let request: TokenRequest | undefined;
    if (this.#requests.length === 0) {
      this.#tokens -= tokens;
      this.#lastEvent = now + (Math.max(0, -this.#tokens) * 1000) / this.#rate;
    } else {
      // Its turn comes once the bucket has paid for everyone ahead of it, if none of them aborts.
      this.#lastEvent = now + ((this.#queuedTokens + tokens - this.#tokens) * 1000) / this.#rate;
      request = newRequest(tokens, undefined, undefined);
      this.#enqueue(request, now);
    }
    return new LimiterReservation(true, tokens, this.#lastEvent, this.#clock, (reservation) =>
      this.#cancel(reservation, request),
    );
  }

  #take(tokens: number, now: number): boolean {
    this.#serve(now);
    if (this.#requests.length > 0 || this.#tokens < tokens) return false;
    this.#tokens -= tokens;
    return true;
  }

  #serve(now: number): void {
    if (this.#requests.length > 0) this.#grantDue(now);
    if (now < this.#last) {
      // A clock that steps back counts as no time passing (Go's TestLimiterJumpBackwards).
      this.#last = now;
      return;
    }
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) * this.#rate) / 1000);
    this.#last = now;
  }

  // grantDue grants each due request at the moment its tokens accrued, not at `now`: a late timer
  // then delays a grant but loses no tokens to the burst cap, so the long-run rate stays exact.
  #grantDue(now: number): void {
    for (let head = this.#requests.first; head; head = this.#requests.first) {
      const missing = head.tokens - this.#tokens;
      if (missing > 0) {
        const due = this.#last + (missing * 1000) / this.#rate;
        if (due > now) break;
        this.#last = due;
        this.#tokens = 0;
      } else {
        this.#tokens -= head.tokens;
      }
      this.#requests.remove(head);
      this.#queuedTokens -= head.tokens;
      head.removeAbortListener?.();
      head.resolve?.();
    }
    this.#schedule(now);
  }

  #schedule(now: number): void {
    const head = this.#requests.first;
    if (head === this.#timerFor) return;
    if (this.#timerFor) this.#clock.clearTimeout(this.#timer);
    this.#timerFor = head;
    if (!head) return;
    const due = this.#last + (Math.max(0, head.tokens - this.#tokens) * 1000) / this.#rate;
    this.#timer = this.#clock.setTimeout(this.#onTimer, Math.max(0, Math.ceil(due - now)));
  }

  readonly #onTimer = (): void => {
    // A host timer may fire a fraction of a millisecond early; #grantDue then sets a new one.
    this.#timerFor = undefined;
    this.#serve(this.#clock.now());
  };

  #enqueue(request: TokenRequest, now: number): void {
    this.#requests.push(request);
    this.#queuedTokens += request.tokens;
    if (this.#requests.length === 1) this.#schedule(now);
  }

  #dequeue(request: TokenRequest, now: number): void {
    const wasHead = this.#requests.first === request;
    this.#requests.remove(request);
    this.#queuedTokens -= request.tokens;
    if (wasHead) this.#grantDue(now);
  }

  #abandon(request: TokenRequest, reason: unknown): void {
    if (!request.queued) return;
    this.#dequeue(request, this.#clock.now());
    request.reject?.(reason);
  }

  // cancel is Go's Reservation.CancelAt: it returns the tokens that no later reservation was
  // counted against, which is all of them for a reservation still queued (it took nothing yet).
  #cancel(reservation: LimiterReservation, request: TokenRequest | undefined): void {
    const now = this.#clock.now();
    const { tokens, timeToAct } = reservation;
    if (request?.queued) {
      this.#forgetEvent(timeToAct, tokens, now);
      this.#dequeue(request, now);
      return;
    }
    if (tokens === 0 || timeToAct < now) return;
    this.#serve(now);
    const restored = tokens - ((this.#lastEvent - timeToAct) * this.#rate) / 1000;
    if (restored <= 0) return;
    this.#tokens = Math.min(this.#burst, this.#tokens + restored);
    this.#forgetEvent(timeToAct, tokens, now);
    if (this.#timerFor) {
      // The head's tokens may have arrived early: drop its timer and grant or re-time it.
      this.#clock.clearTimeout(this.#timer);
      this.#timerFor = undefined;
      this.#grantDue(now);
    }
  }

  #forgetEvent(timeToAct: number, tokens: number, now: number): void {
    if (timeToAct !== this.#lastEvent) return;
    const previousEvent = timeToAct - (tokens * 1000) / this.#rate;
    if (previousEvent >= now) this.#lastEvent = previousEvent;
  }
}

function newRequest(
  tokens: number,
  resolve: (() => void) | undefined,
  reject: ((reason: unknown) => void) | undefined,
): TokenRequest {
  return { tokens, resolve, reject, removeAbortListener: undefined, previous: undefined, next: undefined, queued: false };
}
