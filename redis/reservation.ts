// The reservations RedisRateLimiter.reserve resolves with, and the shape of the per-process
// limiter its `fallback` option takes.

/**
 * RedisReservation is a booking of tokens in Redis (Go's `rate.Reservation`): the holder waits
 * `delay` milliseconds and then acts, or calls `cancel` if it never will.
 *
 * @example
 * ```ts
 * const reservation = await limiter.reserve();
 * if (reservation.delay > budgetMs) await reservation.cancel(); // too late to be useful
 * else { await sleep(reservation.delay); act(); }
 * ```
 */
export interface RedisReservation {
  /** ok is false when the tokens can never be granted (more than `burst`); nothing was booked. */
  readonly ok: boolean;
  /** tokens is the number of tokens booked. */
  readonly tokens: number;
  /** delay is the milliseconds from now until the holder may act: 0 means now, Infinity never. */
  readonly delay: number;
  /**
   * cancel gives the tokens back if nothing was booked after them, by any process, and their time
   * has not come; otherwise they stay spent (Go gives back part of them; across processes only
   * all or nothing can be told honestly). It resolves whether they went back. Calling it again,
   * or on a reservation that is not ok, resolves false.
   */
  cancel(): Promise<boolean>;
}

/**
 * LocalRateLimiter is what the `fallback` option takes: the in-process RateLimiter of
 * @corral/runtime fits, or anything with its allow, wait and reserve.
 */
export interface LocalRateLimiter {
  allow(tokens?: number): boolean;
  wait(tokens?: number, options?: { signal?: AbortSignal | undefined }): Promise<void>;
  reserve(tokens?: number): { readonly ok: boolean; readonly tokens: number; readonly delay: number; cancel(): void };
}

/** Booking is a reservation made in Redis; its time to act is on this process's clock. */
export class Booking implements RedisReservation {
  readonly ok = true;
  readonly tokens: number;
  readonly #timeToAct: number;
  #giveBack: ((booking: Booking) => Promise<boolean>) | undefined;

  constructor(tokens: number, timeToAct: number, giveBack: (booking: Booking) => Promise<boolean>) {
    this.tokens = tokens;
    this.#timeToAct = timeToAct;
    this.#giveBack = giveBack;
  }

  get delay(): number {
    return Math.max(0, this.#timeToAct - performance.now());
  }

  cancel(): Promise<boolean> {
    const giveBack = this.#giveBack;
    this.#giveBack = undefined;
    if (giveBack === undefined || this.delay === 0) return Promise.resolve(false);
    return giveBack(this);
  }
}

/** LocalReservation is a reservation the fallback limiter made while Redis was unavailable. */
export class LocalReservation implements RedisReservation {
  readonly #reservation: ReturnType<LocalRateLimiter["reserve"]>;
  #cancelled = false;

  constructor(reservation: ReturnType<LocalRateLimiter["reserve"]>) {
    this.#reservation = reservation;
  }

  get ok(): boolean {
    return this.#reservation.ok;
  }

  get tokens(): number {
    return this.#reservation.tokens;
  }

  get delay(): number {
    return this.#reservation.delay;
  }

  cancel(): Promise<boolean> {
    const first = !this.#cancelled && this.ok && this.delay > 0;
    this.#cancelled = true;
    if (first) this.#reservation.cancel();
    return Promise.resolve(first);
  }
}

/** refused is the reservation of more tokens than the burst: not ok, nothing booked. */
export function refused(tokens: number): RedisReservation {
  return { ok: false, tokens, delay: Number.POSITIVE_INFINITY, cancel: () => Promise.resolve(false) };
}
