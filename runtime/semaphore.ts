// A weighted semaphore with the semantics of golang.org/x/sync/semaphore: permits are granted in
// strict FIFO order, so a large request at the head of the queue holds back later small ones
// even when they would fit. Letting small requests jump ahead would starve the large one (a
// semaphore of N used as a read-write lock: the writer asking for N never sees N free).
import { AbortFanout } from "./abort-fanout.js";
import { assertFunction, assertInteger, assertLimit, assertOptions, countFirst, signalOption } from "./validate.js";
import { type Waiter, WaiterList } from "./waiters.js";

/** SemaphoreAcquireOptions configures Semaphore.acquire. */
export interface SemaphoreAcquireOptions {
  /**
   * signal abandons the wait: the acquire rejects with `signal.reason` and takes no permit.
   * @default undefined (wait as long as it takes)
   */
  signal?: AbortSignal | undefined;
}

/** SemaphoreRunOptions configures Semaphore.run; the permits it holds are run's `n` argument. */
export type SemaphoreRunOptions = SemaphoreAcquireOptions;

interface PermitWaiter extends Waiter {
  readonly weight: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
}

// One settled promise serves every uncontended acquire: awaiting it costs a microtask and no
// allocation, and a settled promise cannot be changed by whoever holds it.
const granted: Promise<void> = Promise.resolve();
const acquireOptions = { owner: "Semaphore.acquire", known: ["signal"], countCall: "acquire(n, { signal })" };
const runOptions = { owner: "Semaphore.run", known: ["signal"], countCall: "run(n, fn, { signal })" };

/**
 * Semaphore bounds access to a resource by weight, like Go's `semaphore.Weighted`: `acquire(n)`
 * waits until `n` of its `size` permits are free and takes them, `release(n)` gives them back.
 * Waiters are served first come, first served. Go's Acquire blocks forever on a request larger
 * than the semaphore; here such a request throws a TypeError at once, since it can never succeed.
 *
 * @example
 * ```ts
 * const memory = new Semaphore(1024); // megabytes
 * await memory.run(image.megabytes, () => decode(image), { signal });
 * ```
 */
export class Semaphore {
  readonly #size: number;
  #held = 0;
  readonly #waiters = new WaiterList<PermitWaiter>();
  readonly #aborts = new AbortFanout<PermitWaiter>((waiters, reason) => this.#abandon(waiters, reason));

  /** Semaphore creates a semaphore of `size` permits: a positive integer, or Infinity. */
  constructor(size: number) {
    assertLimit("size", size);
    this.#size = size;
  }

  /** size is the total number of permits. */
  get size(): number {
    return this.#size;
  }

  /** available is the number of permits not held right now. */
  get available(): number {
    return this.#size - this.#held;
  }

  /** waiting is the number of acquire calls queued for permits. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * acquire takes `n` permits, waiting in FIFO order until they are free. When they are free and
   * nobody is queued it takes them synchronously, before returning. It rejects with
   * `signal.reason` if `signal` aborts first, taking nothing, and at once if it already has
   * (unlike Go, which may still succeed). It throws a TypeError if `n` is not an integer from 1
   * up to `size`. Called with the options alone, `acquire({ signal })`, it takes one permit.
   */
  acquire(n?: number, options?: SemaphoreAcquireOptions): Promise<void>;
  acquire(options: SemaphoreAcquireOptions): Promise<void>;
  acquire(nOrOptions: number | SemaphoreAcquireOptions = 1, lastOptions?: SemaphoreAcquireOptions): Promise<void> {
    const [n, options] = countFirst(nOrOptions, lastOptions);
    this.#assertWeight(n);
    const signal = signalOption("options", options, acquireOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#waiters.length === 0 && this.#size - this.#held >= n) {
      this.#held += n;
      return granted;
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: PermitWaiter = { weight: n, resolve, reject, signal, previous: undefined, next: undefined, queued: false };
      if (signal) this.#aborts.add(signal, waiter);
      this.#waiters.push(waiter);
    });
  }

  /**
   * tryAcquire takes `n` permits if they are free and nobody is queued, and reports whether it
   * did. It never jumps the queue, like Go's TryAcquire.
   */
  tryAcquire(n = 1): boolean {
    this.#assertWeight(n);
    if (this.#waiters.length > 0 || this.#size - this.#held < n) return false;
    this.#held += n;
    return true;
  }

  /**
   * release gives back `n` permits and wakes the waiters they satisfy, in order. Releasing more
   * than is held throws a TypeError and changes nothing (Go panics: "semaphore: released more
   * than held").
   */
  release(n = 1): void {
    assertInteger("n", n, 1);
    if (n > this.#held) {
      throw new TypeError(
        `Expected \`n\` to be at most the ${this.#held} permits held, got ${n} (semaphore: released more than held)`,
      );
    }
    this.#held -= n;
    if (this.#waiters.length > 0) this.#grant();
  }

  /**
   * run acquires `n` permits (1 when `n` is left out, as in `run(fn)`), runs `fn`, and releases
   * them when `fn` settles, whether it returns, throws or rejects. It settles like `fn`, or rejects
   * with `signal.reason` if `signal` aborts before the permits are granted, in which case `fn`
   * never runs. The count comes first, as in acquire, tryAcquire and release.
   */
  run<T>(fn: () => T | PromiseLike<T>, options?: SemaphoreRunOptions): Promise<Awaited<T>>;
  run<T>(n: number, fn: () => T | PromiseLike<T>, options?: SemaphoreRunOptions): Promise<Awaited<T>>;
  run<T>(
    nOrFn: number | (() => T | PromiseLike<T>),
    fnOrOptions?: (() => T | PromiseLike<T>) | SemaphoreRunOptions,
    lastOptions?: SemaphoreRunOptions,
  ): Promise<Awaited<T>> {
    const counted = typeof nOrFn !== "function";
    const n = counted ? nOrFn : 1;
    const fn = (counted ? fnOrOptions : nOrFn) as () => T | PromiseLike<T>;
    const options = (counted ? lastOptions : fnOrOptions) as SemaphoreRunOptions | undefined;
    assertFunction("fn", fn);
    assertOptions("options", options, runOptions);
    const acquired = this.acquire(n, options);
    // An uncontended acquire starts `fn` synchronously, as p-limit does, instead of a tick later.
    return acquired === granted ? this.#runHolding(fn, n) : acquired.then(() => this.#runHolding(fn, n));
  }

  async #runHolding<T>(fn: () => T | PromiseLike<T>, n: number): Promise<Awaited<T>> {
    try {
      return await fn();
    } finally {
      this.release(n);
    }
  }

  #assertWeight(n: unknown): asserts n is number {
    assertInteger("n", n, 1);
    if (n > this.#size) {
      throw new TypeError(`Expected \`n\` to be at most the semaphore's size ${this.#size}, got ${n}`);
    }
  }

  // grant is Go's notifyWaiters: it stops at the first waiter that does not fit, rather than
  // looking past it for a smaller one, which is what keeps large requests from starving.
  #grant(): void {
    for (let head = this.#waiters.first; head; head = this.#waiters.first) {
      if (this.#size - this.#held < head.weight) return;
      this.#held += head.weight;
      this.#waiters.remove(head);
      if (head.signal) this.#aborts.delete(head.signal, head);
      head.resolve();
    }
  }

  // abandon drops every waiter of an aborted signal before granting anyone, so none of them is
  // handed permits on its way out.
  #abandon(waiters: Iterable<PermitWaiter>, reason: unknown): void {
    const head = this.#waiters.first;
    for (const waiter of waiters) {
      this.#waiters.remove(waiter);
      waiter.reject(reason);
    }
    // Go's Acquire calls notifyWaiters when the head gives up: the ones behind it may fit now.
    if (this.#waiters.first !== head) this.#grant();
  }
}
