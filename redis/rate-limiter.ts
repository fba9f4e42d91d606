// RedisRateLimiter is the runtime's RateLimiter shared by every process that uses the same key:
// the same options, the same allow/wait/reserve, each one Lua script and one round trip (see
// gcra.ts for the algorithm). Go's analogue is go-redis/redis_rate beside x/time/rate.
import { Connection, isUnavailable } from "./client.js";
import { gcra } from "./gcra.js";
import { type LocalRateLimiter, type RedisReservation, LocalReservation, Booking, refused } from "./reservation.js";
import { sleep } from "./sleep.js";
import { assertInteger, assertOptions, assertTimeout, countFirst, describe, signalOption } from "../runtime/validate.js";

export type { LocalRateLimiter, RedisReservation } from "./reservation.js";

/** RedisRateLimiterOptions configures a RedisRateLimiter. */
export interface RedisRateLimiterOptions {
  /** client is a connected ioredis or node-redis client; the limiter never closes it. */
  client: unknown;
  /** key is the Redis key of the limiter; every process that uses it shares one bucket. */
  key: string;
  /** rate is the refill rate in tokens per second, as in the runtime's RateLimiter. */
  rate: number;
  /**
   * burst is the bucket's size: the most tokens granted at once. The default of 1 spaces events
   * evenly, fleet-wide.
   * @default 1
   */
  burst?: number | undefined;
  /**
   * timeout is how long a call waits for Redis, in milliseconds, before it counts as unavailable.
   * @default 1000
   */
  timeout?: number | undefined;
  /**
   * fallback answers while Redis is unavailable, instead of a RedisUnavailableError: a per-process
   * limiter, usually `new RateLimiter({ rate: rate / replicas, burst })` from @corral/runtime.
   * @default undefined (fail closed)
   */
  fallback?: LocalRateLimiter | undefined;
}

/** RedisRateLimiterWaitOptions configures RedisRateLimiter.wait. */
export interface RedisRateLimiterWaitOptions {
  /**
   * signal abandons the wait: wait rejects with `signal.reason`, and the tokens go back if nothing
   * was booked after them.
   * @default undefined (wait as long as it takes)
   */
  signal?: AbortSignal | undefined;
}

const limiterOptions = { owner: "RedisRateLimiter", known: ["client", "key", "rate", "burst", "timeout", "fallback"] };
const waitOptions = { owner: "RedisRateLimiter.wait", known: ["signal"], countCall: "wait(tokens, { signal })" };

/**
 * RedisRateLimiter is a token bucket of `burst` tokens refilled at `rate` per second, kept in Redis
 * so that every process using `key` draws from the same bucket. Redis's clock decides, so the
 * processes' clocks never matter; an idle key expires once its bucket is full again.
 *
 * @example
 * ```ts
 * const payments = new RedisRateLimiter({ client: redis, key: "quota:payments", rate: 100, burst: 10 });
 * await payments.wait(1, { signal });
 * await fetch(paymentsUrl, { signal });
 * ```
 */
export class RedisRateLimiter {
  readonly #connection: Connection;
  readonly #rate: number;
  readonly #burst: number;
  readonly #interval: string;
  readonly #fallback: LocalRateLimiter | undefined;

  /** RedisRateLimiter creates a limiter; see RedisRateLimiterOptions. Nothing is sent to Redis yet. */
  constructor(options: RedisRateLimiterOptions) {
    assertOptions("options", options, limiterOptions);
    const { client, key, rate, burst = 1, timeout = 1_000, fallback } = options ?? ({} as Partial<RedisRateLimiterOptions>);
    if (typeof key !== "string" || key === "") throw new TypeError(`Expected \`key\` to be a non-empty string, got ${describe(key)}`);
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
      throw new TypeError(`Expected \`rate\` to be tokens per second greater than 0, got ${describe(rate)}`);
    }
    assertInteger("burst", burst, 1);
    assertTimeout("timeout", timeout);
    if (fallback !== undefined) assertFallback(fallback);
    this.#connection = new Connection(client, key, timeout);
    this.#rate = rate;
    this.#burst = burst;
    this.#interval = String(1e6 / rate);
    this.#fallback = fallback;
  }

  /** rate is the refill rate in tokens per second. */
  get rate(): number {
    return this.#rate;
  }

  /** burst is the bucket's size. */
  get burst(): number {
    return this.#burst;
  }

  /** key is the Redis key. */
  get key(): string {
    return this.#connection.key;
  }

  /**
   * allow takes `tokens` tokens if the bucket holds them now and no booking is ahead, and
   * resolves whether it did, in one round trip. A request larger than `burst` is never allowed.
   */
  async allow(tokens = 1): Promise<boolean> {
    assertInteger("tokens", tokens, 0);
    if (tokens > this.#burst) return false;
    try {
      const [taken] = (await this.#call(tokens, "allow")) as [number];
      return taken === 1;
    } catch (error) {
      if (this.#fallback && isUnavailable(error)) return this.#fallback.allow(tokens);
      throw error;
    }
  }

  /**
   * wait resolves once `tokens` tokens are granted. It books them in one round trip, in the order
   * the bookings reach Redis from every process, and sleeps until their time: no polling. It
   * rejects with `signal.reason` if `signal` aborts first; the tokens then go back if nothing was
   * booked after them (Go's Reservation.Cancel). A request larger than `burst` throws a TypeError.
   * Called with the options alone, `wait({ signal })`, it waits for one token.
   */
  wait(tokens?: number, options?: RedisRateLimiterWaitOptions): Promise<void>;
  wait(options: RedisRateLimiterWaitOptions): Promise<void>;
  wait(tokensOrOptions: number | RedisRateLimiterWaitOptions = 1, lastOptions?: RedisRateLimiterWaitOptions): Promise<void> {
    const [tokens, options] = countFirst(tokensOrOptions, lastOptions);
    assertInteger("tokens", tokens, 0);
    if (tokens > this.#burst) throw new TypeError(`Expected \`tokens\` to be at most the limiter's burst ${this.#burst}, got ${tokens}`);
    const signal = signalOption("options", options, waitOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return this.#wait(tokens, signal);
  }

  /**
   * reserve books `tokens` tokens and resolves with a RedisReservation saying how long to wait
   * before acting (Go's ReserveN); the reservation is not ok, and nothing is sent, when `tokens`
   * exceeds `burst`.
   */
  async reserve(tokens = 1): Promise<RedisReservation> {
    assertInteger("tokens", tokens, 0);
    if (tokens > this.#burst) return refused(tokens);
    try {
      return await this.#book(tokens);
    } catch (error) {
      if (this.#fallback && isUnavailable(error)) return new LocalReservation(this.#fallback.reserve(tokens));
      throw error;
    }
  }

  async #wait(tokens: number, signal: AbortSignal | undefined): Promise<void> {
    let booking: Booking;
    try {
      booking = await this.#book(tokens);
    } catch (error) {
      if (this.#fallback && isUnavailable(error)) return this.#fallback.wait(tokens, signal ? { signal } : undefined);
      throw error;
    }
    if (signal?.aborted) {
      booking.cancel().catch(() => undefined);
      throw signal.reason;
    }
    if (booking.delay === 0) return;
    try {
      await sleep(booking.delay, signal);
    } catch (reason) {
      // The booking is given back in the background; a failure there only leaves it spent.
      booking.cancel().catch(() => undefined);
      throw reason;
    }
  }

  async #book(tokens: number): Promise<Booking> {
    const [, waitMicroseconds, after] = (await this.#call(tokens, "book")) as [number, number, string];
    return new Booking(tokens, performance.now() + waitMicroseconds / 1000, (cancelled) => this.#cancel(cancelled, after));
  }

  async #cancel(booking: Booking, after: string): Promise<boolean> {
    const [restored] = (await this.#connection.evaluate(gcra, [this.key], [this.#interval, this.#burst, booking.tokens, "cancel", after])) as [number];
    return restored === 1;
  }

  #call(tokens: number, mode: "allow" | "book"): Promise<unknown> {
    return this.#connection.evaluate(gcra, [this.key], [this.#interval, this.#burst, tokens, mode]);
  }
}

function assertFallback(fallback: unknown): asserts fallback is LocalRateLimiter {
  const candidate = fallback as Partial<LocalRateLimiter> | null;
  if (typeof candidate?.allow !== "function" || typeof candidate.wait !== "function" || typeof candidate.reserve !== "function") {
    throw new TypeError(`Expected \`fallback\` to be a rate limiter with allow, wait and reserve (a RateLimiter of @corral/runtime), got ${describe(fallback)}`);
  }
}
