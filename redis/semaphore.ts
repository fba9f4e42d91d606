// RedisSemaphore is the runtime's Semaphore shared by every process that uses the same key:
// weighted, first come first served across processes (a queue in Redis, not whoever polls first),
// with leases that lapse when their holder dies and a signal that tells the holder's work when its
// lease is lost. The algorithm is in semaphore-script.ts, a waiter's side in waiter.ts, a holder's
// in lease.ts.
import { Connection, isUnavailable } from "./client.js";
import { HeldLease, LocalLease, type RedisLease } from "./lease.js";
import { granted, semaphoreScript } from "./semaphore-script.js";
import { QueuedAcquire } from "./waiter.js";
import { Wakeups } from "./wakeups.js";
import { assertFunction, assertInteger, assertOptions, assertTimeout, countFirst, describe, signalOption } from "../runtime/validate.js";

export type { RedisLease } from "./lease.js";

/** RedisSemaphoreOptions configures a RedisSemaphore. */
export interface RedisSemaphoreOptions {
  /** client is a connected ioredis or node-redis client; the semaphore never closes it. */
  client: unknown;
  /** key names the semaphore in Redis; every process that uses it shares its permits. */
  key: string;
  /** size is the number of permits, fleet-wide. Every process must use the same size. */
  size: number;
  /**
   * leaseMs is how long a holder's permits outlive its last renewal: a holder that dies returns
   * them within leaseMs. Renewals come every quarter of it. Every process must use the same value.
   * @default 10000
   */
  leaseMs?: number | undefined;
  /**
   * timeout is how long a call waits for Redis, in milliseconds, before it counts as unavailable.
   * @default 1000
   */
  timeout?: number | undefined;
  /**
   * fallback grants permits while Redis is unavailable, instead of a RedisUnavailableError: a
   * per-process semaphore, usually `new Semaphore(Math.max(1, Math.floor(size / replicas)))` from
   * @corral/runtime. Its leases never report a loss.
   * @default undefined (fail closed)
   */
  fallback?: LocalSemaphore | undefined;
}

/** RedisSemaphoreAcquireOptions configures RedisSemaphore.acquire and run. */
export interface RedisSemaphoreAcquireOptions {
  /**
   * signal abandons the wait: the acquire rejects with `signal.reason` and leaves the queue. In
   * run, it is also passed on to `fn`.
   * @default undefined (wait as long as it takes)
   */
  signal?: AbortSignal | undefined;
}

/** LocalSemaphore is what the `fallback` option takes: the runtime's Semaphore fits. */
export interface LocalSemaphore {
  acquire(n?: number, options?: { signal?: AbortSignal | undefined }): Promise<void>;
  tryAcquire(n?: number): boolean;
  release(n?: number): void;
}

const semaphoreOptions = { owner: "RedisSemaphore", known: ["client", "key", "size", "leaseMs", "timeout", "fallback"] };
const acquireOptions = { owner: "RedisSemaphore.acquire", known: ["signal"], countCall: "acquire(n, { signal })" };
const runOptions = { owner: "RedisSemaphore.run", known: ["signal"], countCall: "run(n, fn, { signal })" };

/**
 * RedisSemaphore bounds how much runs at once across every process that uses `key`, like Go's
 * `semaphore.Weighted` for a fleet: `acquire(n)` waits in FIFO order until `n` of the `size`
 * permits are free and resolves with a RedisLease; a large request at the head of the queue is
 * not overtaken by later small ones.
 *
 * @example
 * ```ts
 * const exports = new RedisSemaphore({ client: redis, key: "exports", size: 4 });
 * await exports.run(1, (signal) => writeExport(rows, { signal }), { signal });
 * ```
 */
export class RedisSemaphore {
  readonly #connection: Connection;
  readonly #size: number;
  readonly #leaseMs: number;
  readonly #keys: string[];
  readonly #channel: string;
  readonly #fallback: LocalSemaphore | undefined;
  readonly #waiters = new Map<string, QueuedAcquire | "sent">();
  readonly #wakeups: Wakeups;
  readonly #early = new Set<string>();

  /** RedisSemaphore creates a semaphore; see RedisSemaphoreOptions. Nothing is sent to Redis yet. */
  constructor(options: RedisSemaphoreOptions) {
    assertOptions("options", options, semaphoreOptions);
    const { client, key, size, leaseMs = 10_000, timeout = 1_000, fallback } = options ?? ({} as Partial<RedisSemaphoreOptions>);
    if (typeof key !== "string" || key === "") throw new TypeError(`Expected \`key\` to be a non-empty string, got ${describe(key)}`);
    assertInteger("size", size, 1);
    assertInteger("leaseMs", leaseMs, 100);
    assertTimeout("timeout", timeout);
    if (fallback !== undefined) assertFallback(fallback);
    this.#connection = new Connection(client, key, timeout);
    this.#size = size;
    this.#leaseMs = leaseMs;
    this.#fallback = fallback;
    // One hash tag for every key, so a Redis Cluster keeps the whole semaphore on one node.
    const base = /\{[^}]+\}/.test(key) ? key : `{${key}}`;
    this.#keys = ["expiries", "queue", "meta"].map((part) => `${base}:${part}`);
    this.#channel = `${base}:grants`;
    this.#wakeups = new Wakeups(this.#connection.client, this.#channel, (message) => this.#onGrants(message));
  }

  /** size is the number of permits. */
  get size(): number {
    return this.#size;
  }

  /** leaseMs is the lease's length. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  /** key is the semaphore's key. */
  get key(): string {
    return this.#connection.key;
  }

  /**
   * acquire takes `n` permits, waiting behind every earlier request of every process, and
   * resolves with the lease. Uncontended, it is one round trip. It rejects with `signal.reason` if
   * `signal` aborts first, leaving the queue, and throws a TypeError if `n` is not an integer from
   * 1 up to `size`. Called with the options alone, `acquire({ signal })`, it takes one permit.
   */
  acquire(n?: number, options?: RedisSemaphoreAcquireOptions): Promise<RedisLease>;
  acquire(options: RedisSemaphoreAcquireOptions): Promise<RedisLease>;
  acquire(nOrOptions: number | RedisSemaphoreAcquireOptions = 1, lastOptions?: RedisSemaphoreAcquireOptions): Promise<RedisLease> {
    const [n, options] = countFirst(nOrOptions, lastOptions);
    this.#assertWeight(n);
    const signal = signalOption("options", options, acquireOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return this.#acquire(n, signal);
  }

  /**
   * tryAcquire takes `n` permits if they are free and nobody is queued, resolving with the lease,
   * or with undefined, in one round trip. It never joins the queue.
   */
  async tryAcquire(n = 1): Promise<RedisLease | undefined> {
    this.#assertWeight(n);
    const id = crypto.randomUUID();
    const sentAt = performance.now();
    try {
      const [status] = await this.#call("try", id, n);
      return status === granted ? this.#lease(id, n, sentAt) : undefined;
    } catch (error) {
      if (!this.#fallback || !isUnavailable(error)) throw error;
      return this.#fallback.tryAcquire(n) ? this.#localLease(n) : undefined;
    }
  }

  /**
   * run acquires `n` permits (1 when `n` is left out, as in `run(fn)`), calls `fn(signal)` and
   * releases them when `fn` settles; it settles like `fn`. `signal` aborts when the lease is lost
   * or the caller's signal aborts (Go: the context is cancelled). The release is best effort: if
   * Redis cannot be reached then, the permits come back when the lease lapses.
   */
  run<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: RedisSemaphoreAcquireOptions): Promise<Awaited<T>>;
  run<T>(n: number, fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: RedisSemaphoreAcquireOptions): Promise<Awaited<T>>;
  async run<T>(
    nOrFn: number | ((signal: AbortSignal) => T | PromiseLike<T>),
    fnOrOptions?: ((signal: AbortSignal) => T | PromiseLike<T>) | RedisSemaphoreAcquireOptions,
    lastOptions?: RedisSemaphoreAcquireOptions,
  ): Promise<Awaited<T>> {
    const counted = typeof nOrFn !== "function";
    const n = counted ? nOrFn : 1;
    const fn = (counted ? fnOrOptions : nOrFn) as (signal: AbortSignal) => T | PromiseLike<T>;
    const options = (counted ? lastOptions : fnOrOptions) as RedisSemaphoreAcquireOptions | undefined;
    assertFunction("fn", fn);
    const signal = signalOption("options", options, runOptions);
    const lease = await this.acquire(n, signal ? { signal } : undefined);
    const controller = new AbortController();
    const follow = (source: AbortSignal): (() => void) => {
      const abort = (): void => controller.abort(source.reason);
      if (source.aborted) abort();
      else source.addEventListener("abort", abort, { once: true });
      return () => source.removeEventListener("abort", abort);
    };
    const unfollow = [follow(lease.signal), ...(signal ? [follow(signal)] : [])];
    try {
      return await fn(controller.signal);
    } finally {
      for (const remove of unfollow) remove();
      await lease.release().catch(() => undefined);
    }
  }

  async #acquire(n: number, signal: AbortSignal | undefined): Promise<RedisLease> {
    const id = crypto.randomUUID();
    // Registered before the request goes out: the grant's message may overtake the reply.
    this.#waiters.set(id, "sent");
    const sentAt = performance.now();
    let status: number;
    let wake: number;
    try {
      [status, wake] = await this.#call("acquire", id, n);
    } catch (error) {
      this.#waiters.delete(id);
      this.#early.delete(id);
      if (!this.#fallback || !isUnavailable(error)) throw error;
      await this.#fallback.acquire(n, signal ? { signal } : undefined);
      return this.#localLease(n);
    }
    const early = this.#early.delete(id);
    if (status === granted || early) {
      this.#waiters.delete(id);
      return this.#lease(id, n, sentAt);
    }
    if (signal?.aborted) {
      this.#waiters.delete(id);
      this.#call("release", id, n).catch(() => undefined);
      throw signal.reason;
    }
    const waiter = new QueuedAcquire(this.key, this.#leaseMs, sentAt, {
      poll: () => this.#call("poll", id, n),
      abandon: () => void this.#call("release", id, n).catch(() => undefined),
      settled: () => {
        this.#waiters.delete(id);
        this.#wakeups.leave();
      },
    }, signal);
    this.#waiters.set(id, waiter);
    waiter.look(wake);
    // A grant published before the subscription was active went unheard: look once it is.
    this.#wakeups.join().then(() => waiter.look(0), () => undefined);
    const confirmedAt = await waiter.promise;
    return this.#lease(id, n, confirmedAt);
  }

  #onGrants(message: string): void {
    for (const id of message.split(",")) {
      const waiter = this.#waiters.get(id);
      if (waiter === "sent") this.#early.add(id);
      else waiter?.granted();
    }
  }

  #lease(id: string, n: number, confirmedAt: number): RedisLease {
    return new HeldLease(this.key, n, this.#leaseMs, confirmedAt, {
      renew: async () => (await this.#call("renew", id, n))[0],
      release: async () => (await this.#call("release", id, n))[0],
    });
  }

  #localLease(n: number): RedisLease {
    const fallback = this.#fallback as LocalSemaphore;
    return new LocalLease(n, () => fallback.release(n));
  }

  async #call(operation: string, id: string, n: number): Promise<[number, number]> {
    const reply = await this.#connection.evaluate(semaphoreScript, this.#keys, [operation, id, n, this.#size, this.#leaseMs, this.#channel]);
    return reply as [number, number];
  }

  #assertWeight(n: unknown): asserts n is number {
    assertInteger("n", n, 1);
    if (n > this.#size) throw new TypeError(`Expected \`n\` to be at most the semaphore's size ${this.#size}, got ${n}`);
  }
}

function assertFallback(fallback: unknown): asserts fallback is LocalSemaphore {
  const candidate = fallback as Partial<LocalSemaphore> | null;
  if (typeof candidate?.acquire !== "function" || typeof candidate.tryAcquire !== "function" || typeof candidate.release !== "function") {
    throw new TypeError(`Expected \`fallback\` to be a semaphore with acquire, tryAcquire and release (a Semaphore of @corral/runtime), got ${describe(fallback)}`);
  }
}
