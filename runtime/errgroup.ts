// ErrGroup is golang.org/x/sync/errgroup for promises, always in its `WithContext` form: a corral
// group hands every task its signal, so it is done once waited for (Go's zero Group, reusable after
// Wait, has no context to hand out). Departures from Go, each because the work could only be
// thrown away: tasks waiting for a slot when the group fails never start, and `go` after wait()
// returned throws (Go runs both with a cancelled context). And `go` never blocks: a task beyond
// the limit waits in a FIFO ring as a bare function, costing no promise and no closure of ours.
import { Ring } from "./ring.js";
import { onAbort } from "./signals.js";
import { isPromiseLike } from "./supervise.js";
import { assertFunction, assertLimit, assertOptions, assertSignal } from "./validate.js";

/** ErrGroupTask is the work given to ErrGroup.go: it receives the group's signal. */
export type ErrGroupTask = (signal: AbortSignal) => unknown;

/** ErrGroupOptions configures an ErrGroup. */
export interface ErrGroupOptions {
  /**
   * signal is the parent: when it aborts, the group aborts with the same reason.
   * @default undefined (the group is cancelled only by its own failures or disposal)
   */
  signal?: AbortSignal | undefined;
  /**
   * limit is the most tasks that run at once; further tasks wait for a slot, first come first served.
   * @default Infinity
   */
  limit?: number | undefined;
}

/**
 * ErrGroup runs tasks that share one fate. The first task to fail (reject, or throw synchronously)
 * aborts `signal` with its error, drops the tasks still waiting for a slot, and is the error
 * `wait()` rejects with once every started task has settled. Failures after the first are ignored,
 * as in Go: they are usually the cancellation echoing back, and the group never lets them become
 * unhandled rejections. An abort of the parent signal fails the group the same way, with the
 * parent's reason. When `wait()` returns, the signal aborts too (Go's `WithContext` cancels its
 * context then) and the group is done: `go` and `tryGo` then throw. `new ErrGroup()` with no
 * options has no limit and no parent.
 *
 * `await using group = new ErrGroup()` aborts the group's signal on scope exit and waits for its
 * tasks; disposal rethrows a task failure that no `wait()` call has reported.
 *
 * @example
 * ```ts
 * const group = new ErrGroup({ signal: request.signal, limit: 4 });
 * for (const url of urls) group.go((signal) => fetch(url, { signal }));
 * await group.wait(); // rejects with the first failure, after every started fetch settled
 * ```
 */
export class ErrGroup implements AsyncDisposable {
  readonly #controller = new AbortController();
  readonly #parent: AbortSignal | undefined;
  readonly #limit: number;
  // Invariant outside #pump: the ring is non-empty only while #active === #limit.
  readonly #queue = new Ring<ErrGroupTask>();
  #active = 0;
  #pumping = false;
  #failed = false;
  // Set when a wait() finds the group idle: from then on the group is done.
  #waited = false;
  #error: unknown;
  // Only a task's failure must reach someone; an abort reason is already known to whoever aborted.
  #errorFromTask = false;
  #errorDelivered = false;
  #removeParentListener: (() => void) | undefined;
  #idle: { promise: Promise<void>; resolve: () => void } | undefined;

  // Shared settlement handlers: a running task costs the group no closure.
  readonly #onTaskFulfilled = (): void => this.#taskDone();
  readonly #onTaskRejected = (error: unknown): void => {
    this.#fail(error);
    this.#taskDone();
  };
  readonly #outcome = (): void => {
    if (!this.#failed) return;
    this.#errorDelivered = true;
    throw this.#error;
  };

  constructor(options: ErrGroupOptions = {}) {
    assertOptions("options", options, { owner: "ErrGroup", known: ["limit", "signal"] });
    const { signal, limit = Number.POSITIVE_INFINITY } = options;
    assertSignal("signal", signal);
    assertLimit("limit", limit);
    this.#parent = signal;
    this.#limit = limit;
    // Following the parent from the start matters: code in the scope that made the group uses
    // group.signal too (Go's `g, ctx := errgroup.WithContext(parent)`), not only its tasks.
    if (signal?.aborted) this.#abort(signal.reason);
    else this.#link();
  }

  /** signal aborts on the group's first failure, when the parent aborts, when wait() returns, or on disposal. */
  get signal(): AbortSignal {
    this.#syncParent();
    return this.#controller.signal;
  }

  /**
   * go runs `fn(signal)` in the group, at once if a slot is free, otherwise when one frees up (in
   * call order). If the group has already failed, `fn` is never called: its result could only be
   * discarded, and the failure is already reported by `wait()`. After `wait()` returned it throws.
   */
  go(fn: ErrGroupTask): void {
    assertFunction("fn", fn);
    this.#assertNotWaited("go");
    this.#syncParent();
    if (this.#failed) return;
    if (this.#active < this.#limit && this.#queue.length === 0) this.#start(fn);
    else this.#queue.push(fn);
  }

  /**
   * tryGo runs `fn(signal)` only if a slot is free right now and reports whether it started it;
   * it never queues. It returns false on a failed group, and throws after `wait()` returned.
   */
  tryGo(fn: ErrGroupTask): boolean {
    assertFunction("fn", fn);
    this.#assertNotWaited("tryGo");
    this.#syncParent();
    if (this.#failed || this.#active >= this.#limit || this.#queue.length > 0) return false;
    this.#start(fn);
    return true;
  }

  /**
   * wait settles once no task is running or queued: it resolves if the group never failed and
   * rejects with the first failure (or the parent's abort reason) otherwise. Any number of
   * callers may wait, at any time, and each sees the same outcome. When it settles the group is
   * done: its signal aborts (a DOMException named "AbortError" unless a failure aborted it first)
   * and it no longer listens to the parent signal.
   */
  wait(): Promise<void> {
    this.#syncParent();
    if (!this.#isIdle()) return this.#whenIdle().then(this.#outcome);
    this.#finish();
    try {
      this.#outcome();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * [Symbol.asyncDispose] aborts the group's signal (unless it already aborted), waits for the
   * started tasks, and rejects with the first task failure if no `wait()` call reported it.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.#failed && !this.#waited) this.#abort(new DOMException("The ErrGroup was disposed", "AbortError"));
    if (!this.#isIdle()) await this.#whenIdle();
    this.#unlink();
    if (this.#errorFromTask && !this.#errorDelivered) {
      this.#errorDelivered = true;
      throw this.#error;
    }
  }

  #start(fn: ErrGroupTask): void {
    this.#active++;
    this.#link();
    let result: unknown;
    try {
      result = fn(this.#controller.signal);
    } catch (error) {
      this.#onTaskRejected(error);
      return;
    }
    if (isPromiseLike(result)) Promise.resolve(result).then(this.#onTaskFulfilled, this.#onTaskRejected);
    else this.#taskDone();
  }

  #taskDone(): void {
    this.#active--;
    this.#pump();
    if (this.#idle && this.#isIdle()) {
      // Done at the moment the waiters are released, not a microtask later in #outcome: a `go`
      // squeezed in between would start a task that wait() already claimed had finished.
      this.#finish();
      this.#idle.resolve();
      this.#idle = undefined;
    }
  }

  // A loop rather than recursion: a long queue of synchronous tasks must not grow the stack.
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && this.#active < this.#limit) this.#start(this.#queue.shift());
    } finally {
      this.#pumping = false;
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#errorFromTask = true;
    this.#abort(error);
  }

  #abort(reason: unknown): void {
    this.#failed = true;
    this.#error = reason;
    this.#queue.clear();
    this.#unlink();
    this.#controller.abort(reason);
  }

  #finish(): void {
    this.#waited = true;
    this.#unlink();
    if (!this.#failed) this.#controller.abort(new DOMException("ErrGroup: wait() returned", "AbortError"));
  }

  #assertNotWaited(method: string): void {
    if (this.#waited) {
      throw new Error(`corral: ErrGroup.${method} after wait() returned; the group is done and its signal aborted: make a new ErrGroup`);
    }
  }

  #syncParent(): void {
    if (!this.#failed && !this.#waited && this.#parent?.aborted) this.#abort(this.#parent.reason);
  }

  #link(): void {
    if (this.#parent && !this.#removeParentListener && !this.#failed && !this.#waited) {
      this.#removeParentListener = onAbort(this.#parent, (reason) => this.#abort(reason));
    }
  }

  #unlink(): void {
    this.#removeParentListener?.();
    this.#removeParentListener = undefined;
  }

  #isIdle(): boolean {
    return this.#active === 0 && this.#queue.length === 0;
  }

  #whenIdle(): Promise<void> {
    if (!this.#idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.#idle = { promise, resolve };
    }
    return this.#idle.promise;
  }
}
