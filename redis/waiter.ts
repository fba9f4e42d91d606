// An acquire that Redis queued: its place is an entry in the semaphore's queue, kept alive by a
// poll every quarter of the lease. Grants are made by the script of whichever process frees the
// permits, in queue order, and announced on the semaphore's pub/sub channel; the poll also looks
// for a grant (the message may be lost) and, when an entry ahead may lapse sooner, looks then.
import { RedisUnavailableError } from "./errors.js";
import { granted, queued } from "./semaphore-script.js";

/** WaiterCalls connects a queued acquire to its semaphore. */
export interface WaiterCalls {
  poll(): Promise<[number, number]>;
  /** abandon takes the id out of the queue (or out of the holders, if granted meanwhile). */
  abandon(): void;
  /** settled tells the semaphore this waiter is done, granted or not. */
  settled(): void;
}

/**
 * QueuedAcquire resolves with the send time of the last request Redis answered while the id was
 * queued or held (the lease's start for its renewals), or rejects with the signal's reason, or
 * with a RedisUnavailableError once Redis has been unreachable for longer than the queue entry
 * lives, so that the place is surely lost.
 */
export class QueuedAcquire {
  readonly promise: Promise<number>;
  readonly #key: string;
  readonly #leaseMs: number;
  readonly #calls: WaiterCalls;
  readonly #signal: AbortSignal | undefined;
  #resolve!: (confirmedAt: number) => void;
  #reject!: (reason: unknown) => void;
  #confirmedAt: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;
  #done = false;

  constructor(key: string, leaseMs: number, confirmedAt: number, calls: WaiterCalls, signal: AbortSignal | undefined) {
    this.#key = key;
    this.#leaseMs = leaseMs;
    this.#confirmedAt = confirmedAt;
    this.#calls = calls;
    this.#signal = signal;
    this.promise = new Promise<number>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** look polls now (after the wake-up connection is ready), or at `wake` ms, whichever the caller says. */
  look(afterMs: number): void {
    if (this.#done) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(), Math.max(0, Math.min(afterMs, this.#leaseMs / 4)));
  }

  /** granted is called when the semaphore's channel names this waiter. */
  granted(): void {
    if (this.#done) return;
    this.#finish();
    this.#resolve(this.#confirmedAt);
  }

  async #poll(): Promise<void> {
    if (this.#done || this.#polling) return;
    this.#polling = true;
    const sentAt = performance.now();
    let reply: [number, number];
    try {
      reply = await this.#calls.poll();
    } catch (error) {
      this.#polling = false;
      if (this.#done) return;
      if (!(error instanceof RedisUnavailableError) || performance.now() > this.#confirmedAt + this.#leaseMs) this.#fail(error);
      else this.look(this.#leaseMs / 16);
      return;
    }
    this.#polling = false;
    if (this.#done) return;
    const [status, wake] = reply;
    this.#confirmedAt = sentAt;
    if (status === granted) {
      this.#finish();
      this.#resolve(sentAt);
    } else if (status === queued) this.look(wake);
  }

  readonly #onAbort = (): void => {
    if (this.#done) return;
    this.#finish();
    this.#calls.abandon();
    this.#reject(this.#signal?.reason);
  };

  #fail(error: unknown): void {
    this.#finish();
    this.#calls.abandon();
    this.#reject(error instanceof RedisUnavailableError ? new RedisUnavailableError(this.#key, "Lost the place in the queue: Redis was unreachable for longer than the lease", { cause: error }) : error);
  }

  #finish(): void {
    this.#done = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#calls.settled();
  }
}
