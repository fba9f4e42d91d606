import { type MapFunction } from "./map-run.js";
export type { MapFunction } from "./map-run.js";
/** MapOptions configures map and mapSettled. */
export interface MapOptions {
    /**
     * concurrency is the most calls of `fn` in flight at once (a positive integer, or Infinity).
     * Bounded by default because an unbounded map over a large generator would pull all of it at
     * once; ask for Infinity explicitly.
     * @default 16
     */
    concurrency?: number | undefined;
    /**
     * signal cancels the run: calls in flight see it through their own signal, nothing new starts,
     * and the result rejects with `signal.reason`.
     * @default undefined
     */
    signal?: AbortSignal | undefined;
}
/**
 * map calls `fn(item, index, signal)` for every item of `input` (an array, any iterable or async
 * iterable), at most `concurrency` at a time, and resolves with the results in input order.
 *
 * The source is pulled only when a call can start, so at most `concurrency` items are taken
 * ahead of their completion and memory beyond the results stays O(concurrency). The first failure
 * (a call rejecting or throwing, the source throwing, or `signal` aborting) aborts the signal given
 * to calls in flight, starts nothing new, closes a half-read source (`return()`, so a generator's
 * `finally` runs), and rejects with that failure once the calls in flight have settled: when the
 * promise settles, nothing map started is still running. Failures after the first are dropped, as
 * in Promise.all and Go's errgroup, and never surface as unhandled rejections. Invalid arguments
 * throw a TypeError at the call, before anything is pulled, like the rest of the runtime.
 *
 * @example
 * ```ts
 * const pages = await map(urls, (url, index, signal) => fetch(url, { signal }), { concurrency: 8 });
 * ```
 */
export declare function map<T, R>(input: Iterable<T> | AsyncIterable<T>, fn: MapFunction<T, R>, options?: MapOptions): Promise<Awaited<R>[]>;
/**
 * mapSettled is map that records each call's outcome instead of stopping at the first failure:
 * it resolves with `{ status: "fulfilled", value }` or `{ status: "rejected", reason }` per item,
 * in input order, the very type of `Promise.allSettled`. It rejects only when the source throws
 * or `signal` aborts (with `signal.reason`), after the calls in flight have settled.
 *
 * @example
 * ```ts
 * const outcomes = await mapSettled(files, (file) => upload(file), { concurrency: 4 });
 * const failed = outcomes.filter((outcome) => outcome.status === "rejected");
 * ```
 */
export declare function mapSettled<T, R>(input: Iterable<T> | AsyncIterable<T>, fn: MapFunction<T, R>, options?: MapOptions): Promise<PromiseSettledResult<Awaited<R>>[]>;
