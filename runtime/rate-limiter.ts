// A token bucket with the semantics of golang.org/x/time/rate. The bucket is refilled by
// arithmetic on the clock at each call, never by a ticker, so an idle limiter holds no timer and
// cannot keep a process alive. Blocked callers wait in one FIFO queue and take their tokens only
// when granted, so an aborted waiter hands everything back to the ones behind it. (Go books
// every Wait as a reservation up front: a cancelled waiter in the middle of the queue returns
// almost nothing, and 100,000 waiters cancelled head first leave 100,000 tokens of debt.)
import { type Clock, systemClock } from "./clock.js";
import { type Reservation, LimiterReservation } from "./rate-reservation.js";
import { TokenBucket } from "./token-bucket.js";
import { assertFunction, assertInteger, assertOptions, countFirst, describe, signalOption } from "./validate.js";

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

/** RateLimiterWaitOptions configures RateLimiter.wait; the number of tokens is wait's first argument. */
export interface RateLimiterWaitOptions {
  /**
   * signal abandons the wait: wait rejects with `signal.reason` and takes no token.
   * @default undefined (wait as long as it takes)
   */
  signal?: AbortSignal | undefined;
}

const granted: Promise<void> = Promise.resolve();
const waitOptions = { owner: "RateLimiter.wait", known: ["signal"], countCall: "wait(tokens, { signal })" };

/**
 * RateLimiter is a token bucket of `burst` tokens, initially full and refilled at `rate` tokens
 * per second, like Go's `rate.Limiter`: `allow` takes tokens if they are there, `wait` waits for
 * them in FIFO order, `reserve` books them and says how long to wait.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ rate: 10, burst: 5 }); // the API's quota
 * for (const url of urls) {
 *   await limiter.wait(1, { signal });
 *   pages.push(await fetch(url, { signal }));
 * }
 * ```
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #clock: Clock;
  // Undefined at an infinite rate, where there is nothing to count.
  readonly #bucket: TokenBucket | undefined;

  /** RateLimiter creates a limiter; see RateLimiterOptions. */
  constructor(options: RateLimiterOptions) {
    assertOptions("options", options, { owner: "RateLimiter", known: ["rate", "burst", "clock"] });
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
    this.#bucket = rate === Number.POSITIVE_INFINITY ? undefined : new TokenBucket(rate, burst, clock);
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
    return this.#bucket ? this.#bucket.level(this.#clock.now()) : Number.POSITIVE_INFINITY;
  }

  /** waiting is the number of queued requests: wait calls and reservations made behind them. */
  get waiting(): number {
    return this.#bucket ? this.#bucket.waiting : 0;
  }

  /**
   * allow takes `tokens` tokens if the bucket holds them and nobody is waiting, and reports
   * whether it did. A request larger than `burst` is never allowed (Go's AllowN).
   */
  allow(tokens = 1): boolean {
    assertInteger("tokens", tokens, 0);
    if (!this.#bucket) return true;
    return tokens <= this.#burst && this.#bucket.take(tokens, this.#clock.now());
  }

  /**
   * wait resolves once `tokens` tokens are granted, behind every earlier waiter; it takes them
   * synchronously when they are there and nobody waits. It rejects with `signal.reason` if
   * `signal` aborts first, taking nothing. A request larger than `burst` can never be granted and
   * throws a TypeError (Go's WaitN returns an error), except at an infinite rate. The count comes
   * first, as in allow and reserve and in Go's `WaitN(ctx, n)`: `wait(1, { signal })`; called
   * with the options alone, `wait({ signal })` (p-queue's and fetch's shape), it waits for one.
   */
  wait(tokens?: number, options?: RateLimiterWaitOptions): Promise<void>;
  wait(options: RateLimiterWaitOptions): Promise<void>;
  wait(tokensOrOptions: number | RateLimiterWaitOptions = 1, lastOptions?: RateLimiterWaitOptions): Promise<void> {
    const [tokens, options] = countFirst(tokensOrOptions, lastOptions);
    assertInteger("tokens", tokens, 0);
    if (tokens > this.#burst && this.#bucket) {
      throw new TypeError(`Expected \`tokens\` to be at most the limiter's burst ${this.#burst}, got ${tokens}`);
    }
    const signal = signalOption("options", options, waitOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.#bucket) return granted;
    const now = this.#clock.now();
    return this.#bucket.take(tokens, now) ? granted : this.#bucket.wait(tokens, signal, now);
  }

  /**
   * reserve books `tokens` tokens and returns a Reservation saying how long to wait before
   * acting (Go's ReserveN). The reservation is not ok, and changes nothing, when `tokens` exceeds
   * `burst`. Made while others wait, it queues behind them rather than overtaking them.
   */
  reserve(tokens = 1): Reservation {
    assertInteger("tokens", tokens, 0);
    const now = this.#clock.now();
    if (!this.#bucket) return new LimiterReservation(true, tokens, now, this.#clock);
    if (tokens > this.#burst) return new LimiterReservation(false, tokens, Number.POSITIVE_INFINITY, this.#clock);
    return this.#bucket.book(tokens, now);
  }
}
