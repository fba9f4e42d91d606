// A holder's side of the semaphore: the lease it renews while it holds the permits, and the
// signal that tells its work when it can no longer show that it does.
import { LeaseLostError, RedisUnavailableError } from "./errors.js";
import { granted, lost } from "./semaphore-script.js";

/**
 * RedisLease is a holding of permits of a RedisSemaphore, renewed in the background until it is
 * released. `signal` aborts, with a LeaseLostError, when the lease is lost: work that honours it
 * stops before another process can be granted the permits (Go: the context is cancelled).
 *
 * @example
 * ```ts
 * await using lease = await exports.acquire(1, { signal });
 * await writeExport(rows, { signal: lease.signal });
 * ```
 */
export interface RedisLease extends AsyncDisposable {
  /** permits is the number of permits held. */
  readonly permits: number;
  /** signal aborts with a LeaseLostError when the lease is lost; never after release. */
  readonly signal: AbortSignal;
  /** released is true once release was called. */
  readonly released: boolean;
  /**
   * release gives the permits back and stops the renewals. Calling it again does nothing. If
   * Redis cannot be reached it rejects with a RedisUnavailableError; the permits then come back
   * when the lease lapses, within `leaseMs`.
   */
  release(): Promise<void>;
}

/** LeaseCalls are the two operations a lease sends for itself. */
export interface LeaseCalls {
  renew(): Promise<number>;
  release(): Promise<number>;
}

/** HeldLease is a lease granted by Redis, renewed every quarter of `leaseMs`. */
export class HeldLease implements RedisLease {
  readonly permits: number;
  readonly #key: string;
  readonly #leaseMs: number;
  readonly #calls: LeaseCalls;
  readonly #controller = new AbortController();
  // The send time of the last request that Redis answered with the lease held: the lease runs
  // until at least that moment plus leaseMs, whatever the delay of the request on its way.
  #confirmedAt: number;
  #renewal: ReturnType<typeof setTimeout> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #released = false;

  constructor(key: string, permits: number, leaseMs: number, confirmedAt: number, calls: LeaseCalls) {
    this.#key = key;
    this.permits = permits;
    this.#leaseMs = leaseMs;
    this.#calls = calls;
    this.#confirmedAt = confirmedAt;
    this.#schedule(confirmedAt + leaseMs / 4);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get released(): boolean {
    return this.#released;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    this.#stop();
    try {
      await this.#calls.release();
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      throw new RedisUnavailableError(this.#key, `Could not release ${this.permits} permit(s): they come back when the lease lapses, within ${this.#leaseMs} ms`, { cause: error });
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }

  // Renewals come every quarter of the lease; the deadline, three quarters after the last
  // confirmation, leaves the holder a quarter of the lease to stop before Redis lets it lapse.
  // The deadline's timer is armed when a renewal goes out, not at every grant: until then the
  // renewal's own timer, due earlier, stands for it, and a lease released within a quarter of
  // leaseMs (most are) costs one timer, not two (issue 16).
  #schedule(renewAt: number): void {
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    this.#renewal = unref(setTimeout(() => void this.#renew(), Math.max(0, renewAt - performance.now())));
  }

  async #renew(): Promise<void> {
    const sentAt = performance.now();
    // A renewal timer that fired late (a blocked event loop) may find the deadline passed.
    const left = this.#confirmedAt + (this.#leaseMs * 3) / 4 - sentAt;
    if (left <= 0) return this.#lose("no renewal got through in time");
    this.#deadline ??= unref(setTimeout(() => this.#lose("no renewal got through in time"), left));
    let status: number;
    try {
      status = await this.#calls.renew();
    } catch (error) {
      if (this.#done()) return;
      // Unreachable for now: try again soon, until the deadline gives up.
      if (error instanceof RedisUnavailableError) this.#renewal = unref(setTimeout(() => void this.#renew(), this.#leaseMs / 16));
      else this.#lose("renewing it failed", error);
      return;
    }
    if (this.#done()) return;
    if (status === granted) {
      this.#confirmedAt = sentAt;
      this.#schedule(sentAt + this.#leaseMs / 4);
    } else if (status === lost) this.#lose("Redis no longer holds it (it lapsed, or the server lost its keys)");
  }

  #done(): boolean {
    return this.#released || this.#controller.signal.aborted;
  }

  #lose(why: string, cause?: unknown): void {
    if (this.#done()) return;
    this.#stop();
    this.#controller.abort(new LeaseLostError(this.#key, `Lease of ${this.permits} permit(s) lost: ${why}`, cause === undefined ? undefined : { cause }));
  }

  #stop(): void {
    clearTimeout(this.#renewal);
    clearTimeout(this.#deadline);
  }
}

/** LocalLease is a lease the fallback semaphore granted while Redis was unavailable. */
export class LocalLease implements RedisLease {
  readonly permits: number;
  readonly signal = new AbortController().signal;
  readonly #release: () => void;
  #released = false;

  constructor(permits: number, release: () => void) {
    this.permits = permits;
    this.#release = release;
  }

  get released(): boolean {
    return this.#released;
  }

  release(): Promise<void> {
    if (!this.#released) {
      this.#released = true;
      this.#release();
    }
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }
}

// A lease's timers must not keep a process alive by themselves: the work holding it does.
function unref(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
