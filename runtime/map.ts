// map and mapSettled are `Promise.all(items.map(fn))` and `Promise.allSettled(items.map(fn))` with
// a concurrency bound, cancellation and a lazily pulled source: the bounded fan-out Go writes as an
// errgroup with SetLimit feeding a results slice by index.
import { type MapFunction, MapRun } from "./map-run.js";
import { assertFunction, assertLimit, assertOptions, assertSignal, describe } from "./validate.js";

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
 * to calls in flight, starts nothing new, pulls nothing more, closes a half-read source
 * (`return()`, so a generator's `finally` runs), and rejects with that failure once the calls in
 * flight have settled: when the promise settles, no call of `fn` is still running. A pull still
 * waiting is not waited for, so a Channel or an idle async iterator cannot hold the promise
 * pending: a Channel's receive is withdrawn and loses nothing, while a value another async iterator
 * yields for that pull afterwards is dropped. Failures after the first are dropped, as in
 * Promise.all and Go's errgroup, and never surface as unhandled rejections. Invalid arguments throw
 * a TypeError at the call, before anything is pulled, like the rest of the runtime.
 *
 * @example
 * ```ts
 * const pages = await map(urls, (url, index, signal) => fetch(url, { signal }), { concurrency: 8 });
 * ```
 */
export function map<T, R>(
  input: Iterable<T> | AsyncIterable<T>,
  fn: MapFunction<T, R>,
  options?: MapOptions,
): Promise<Awaited<R>[]> {
  return run(input, fn, options, false) as Promise<Awaited<R>[]>;
}

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
export function mapSettled<T, R>(
  input: Iterable<T> | AsyncIterable<T>,
  fn: MapFunction<T, R>,
  options?: MapOptions,
): Promise<PromiseSettledResult<Awaited<R>>[]> {
  return run(input, fn, options, true) as Promise<PromiseSettledResult<Awaited<R>>[]>;
}

const mapOptions = { owner: "map", known: ["concurrency", "signal"] };
const mapSettledOptions = { owner: "mapSettled", known: ["concurrency", "signal"] };

function run<T>(
  input: Iterable<T> | AsyncIterable<T>,
  fn: MapFunction<T, unknown>,
  options: MapOptions = {},
  settled: boolean,
): Promise<unknown[]> {
  assertOptions("options", options, settled ? mapSettledOptions : mapOptions);
  const { concurrency = 16, signal } = options;
  assertIterable("input", input);
  assertFunction("fn", fn);
  assertLimit("concurrency", concurrency);
  assertSignal("signal", signal);
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<unknown[]>((resolve, reject) => {
    new MapRun(fn, concurrency, settled, resolve, reject).start(input, signal);
  });
}

function assertIterable(name: string, value: unknown): asserts value is Iterable<unknown> | AsyncIterable<unknown> {
  const iterable = value as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null | undefined;
  if (typeof iterable?.[Symbol.iterator] === "function") return;
  if (typeof iterable?.[Symbol.asyncIterator] === "function") return;
  throw new TypeError(`Expected \`${name}\` to be an iterable or async iterable, got ${describe(value)}`);
}
