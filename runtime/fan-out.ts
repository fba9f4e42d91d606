// fanOut: Go's fan-out, several goroutines receiving from one channel so that each value goes to
// whichever is free. A Channel already works that way; an async iterable does not (two `for await`
// loops over one generator end it for both at the first `break`), so fanOut gives it branches that
// share one iterator, pulled one step at a time and only when a branch asks.
import { Channel } from "./channel.js";
import { asyncSource, combineErrors, type FanOptions, type FanSource, Puller } from "./fan-source.js";
import { Ring } from "./ring.js";
import { linkSignal, onAbort } from "./signals.js";
import { assertFunction, assertInteger, signalOption } from "./validate.js";
import { type Waiter, WaiterList } from "./waiters.js";

/** FanOutSource is what fanOut reads: a Channel, or any iterable or async iterable, as map takes. */
export type FanOutSource<T> = FanSource<T> | Iterable<T>;

/** FanOutWorker processes one value; `signal` aborts when another worker fails or on cancellation. */
export type FanOutWorker<T> = (value: T, signal: AbortSignal) => unknown;

const doneResult: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * fanOut spreads the values of `source` over several consumers, each value to exactly one, to
 * whichever asks first (first come, first served), like several Go goroutines ranging over one
 * channel. `source` is a Channel or anything map takes: an array or other iterable (read one
 * value per request, never awaited), or an async iterable.
 *
 * - `fanOut(source, count)` returns `count` async iterators (branches). A branch that stops early
 *   leaves the others running; the source is closed when every branch has stopped. An error from
 *   the source is thrown to every branch once; an abort rejects every branch's `next` with
 *   `signal.reason`. A value pulled for a branch that left meanwhile goes to the next one that asks.
 * - `fanOut(source, workers)` runs each worker on its own branch until the source ends, and
 *   resolves then. Like errgroup, the first failure aborts the signal given to the workers, starts
 *   no further work and is what the promise rejects with, once every worker has returned.
 *
 * @example
 * ```ts
 * await fanOut(urls, [download, download, download], { signal }); // three downloads at a time
 * ```
 */
export function fanOut<T>(source: FanOutSource<T>, count: number, options?: FanOptions): AsyncIterableIterator<T>[];
export function fanOut<T>(source: FanOutSource<T>, workers: readonly FanOutWorker<T>[], options?: FanOptions): Promise<void>;
export function fanOut<T>(
  input: FanOutSource<T>,
  countOrWorkers: number | readonly FanOutWorker<T>[],
  options?: FanOptions,
): AsyncIterableIterator<T>[] | Promise<void> {
  const source = asyncSource("source", input);
  const signal = signalOption("options", options, { owner: "fanOut", known: ["signal"] });
  if (Array.isArray(countOrWorkers)) {
    const workers: readonly FanOutWorker<T>[] = countOrWorkers;
    assertInteger("workers.length", workers.length, 1);
    workers.forEach((worker, index) => assertFunction(`workers[${index}]`, worker));
    return runWorkers(source, workers, signal);
  }
  const count = countOrWorkers;
  assertInteger("count", count, 1);
  if (source instanceof Channel) return Array.from({ length: count }, () => source.values({ signal }));
  const distributor = new Distributor(source, count, signal);
  return Array.from({ length: count }, () => new Branch(distributor));
}

async function runWorkers<T>(source: FanSource<T>, workers: readonly FanOutWorker<T>[], signal?: AbortSignal): Promise<void> {
  const link = linkSignal(signal);
  const branches = fanOut(source, workers.length, { signal: link.signal });
  let failure: { error: unknown } | undefined;
  await Promise.all(
    // eslint-disable-next-line corral/no-unbounded-concurrency -- one loop per worker function: the caller's `workers` array is the concurrency bound itself
    workers.map(async (worker, index) => {
      try {
        for await (const value of branches[index] as AsyncIterableIterator<T>) {
          if (link.signal.aborted) break;
          await worker(value, link.signal);
        }
      } catch (error) {
        failure ??= { error };
        link.abort(error);
      }
    }),
  );
  link.dispose();
  if (failure !== undefined) throw failure.error;
}

interface Request<T> extends Waiter {
  readonly branch: Branch<T>;
  resolve(result: IteratorResult<T>): void;
  reject(reason: unknown): void;
}

class Distributor<T> {
  readonly puller: Puller<T>;
  // Values pulled for a request that was withdrawn before they arrived: the next request gets them.
  readonly taken = new Ring<T>();
  readonly requests = new WaiterList<Request<T>>();
  state: "running" | "ended" | "failed" | "aborted" | "closed" = "running";
  error: unknown;
  readonly cleanupErrors: unknown[] = [];
  #openBranches: number;
  readonly #removeAbortListener: (() => void) | undefined;
  readonly #onValue = (value: T): void => {
    const request = this.requests.shift();
    if (request === undefined) this.taken.push(value);
    else request.resolve({ value, done: false });
    this.pump();
  };
  readonly #onEnd = (): void => this.#finish("ended", undefined);
  readonly #onError = (error: unknown): void => {
    if (this.state === "running") this.#finish("failed", error);
    else this.cleanupErrors.push(error);
  };

  constructor(source: AsyncIterable<T>, branches: number, signal: AbortSignal | undefined) {
    this.puller = new Puller(source, (error) => this.cleanupErrors.push(error));
    this.#openBranches = branches;
    if (signal?.aborted) this.#finish("aborted", signal.reason);
    else if (signal !== undefined) this.#removeAbortListener = onAbort(signal, (reason) => this.#finish("aborted", reason));
  }

  pump(): void {
    if (this.state === "running" && !this.puller.pulling && this.requests.length > 0) {
      this.puller.pull(this.#onValue, this.#onEnd, this.#onError);
    }
  }

  /** branchClosed records that a branch stopped, and returns true when it was the last one. */
  branchClosed(): boolean {
    if (--this.#openBranches > 0) return false;
    this.#finish("closed", undefined);
    return true;
  }

  #finish(state: "ended" | "failed" | "aborted" | "closed", error: unknown): void {
    if (this.state !== "running") return;
    this.state = state;
    this.error = error;
    this.#removeAbortListener?.();
    this.puller.close();
    for (let request = this.requests.shift(); request; request = this.requests.shift()) {
      if (state === "ended" || state === "closed") request.resolve(doneResult);
      else {
        request.branch.sawError = true;
        request.reject(error);
      }
    }
  }
}

class Branch<T> implements AsyncIterableIterator<T> {
  returned = false;
  sawError = false;

  constructor(readonly distributor: Distributor<T>) {}

  next(): Promise<IteratorResult<T>> {
    const distributor = this.distributor;
    if (this.returned) return Promise.resolve(doneResult);
    if (distributor.taken.length > 0) return Promise.resolve({ value: distributor.taken.shift(), done: false });
    if (distributor.state === "aborted" || (distributor.state === "failed" && !this.sawError)) {
      this.sawError = true;
      return Promise.reject(distributor.error);
    }
    if (distributor.state !== "running") return Promise.resolve(doneResult);
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      distributor.requests.push({ branch: this, resolve, reject });
      distributor.pump();
    });
  }

  async return(): Promise<IteratorResult<T>> {
    const distributor = this.distributor;
    if (this.returned) return doneResult;
    this.returned = true;
    for (let request = distributor.requests.first; request; ) {
      const following = request.next as Request<T> | undefined;
      if (request.branch === this) {
        distributor.requests.remove(request);
        request.resolve(doneResult);
      }
      request = following;
    }
    const unseenError = distributor.state === "failed" && !this.sawError;
    this.sawError = true;
    const last = distributor.branchClosed();
    if (unseenError) throw distributor.error;
    if (!last) return doneResult;
    // The last branch out waits for the source to be closed, so that `break` is a clean stop.
    await distributor.puller.finished;
    if (distributor.cleanupErrors.length > 0) throw combineErrors(distributor.cleanupErrors.splice(0));
    return doneResult;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
