import { type FanOptions, type FanSource } from "./fan-source.js";
/** FanOutWorker processes one value; `signal` aborts when another worker fails or on cancellation. */
export type FanOutWorker<T> = (value: T, signal: AbortSignal) => unknown;
/**
 * fanOut spreads the values of `source` over several consumers, each value to exactly one, to
 * whichever asks first (first come, first served), like several Go goroutines ranging over one
 * channel.
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
export declare function fanOut<T>(source: FanSource<T>, count: number, options?: FanOptions): AsyncIterableIterator<T>[];
export declare function fanOut<T>(source: FanSource<T>, workers: readonly FanOutWorker<T>[], options?: FanOptions): Promise<void>;
