// map and mapSettled are `Promise.all(items.map(fn))` and `Promise.allSettled(items.map(fn))` with
// a concurrency bound, cancellation and a lazily pulled source: the bounded fan-out Go writes as an
// errgroup with SetLimit feeding a results slice by index.
import { MapRun } from "./map-run.js";
import { assertFunction, assertLimit, assertSignal, describe } from "./validate.js";
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
export function map(input, fn, options) {
    return run(input, fn, options, false);
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
export function mapSettled(input, fn, options) {
    return run(input, fn, options, true);
}
function run(input, fn, options = {}, settled) {
    const { concurrency = 16, signal } = options;
    assertIterable("input", input);
    assertFunction("fn", fn);
    assertLimit("concurrency", concurrency);
    assertSignal("signal", signal);
    if (signal?.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        new MapRun(fn, concurrency, settled, resolve, reject).start(input, signal);
    });
}
function assertIterable(name, value) {
    const iterable = value;
    if (typeof iterable?.[Symbol.iterator] === "function")
        return;
    if (typeof iterable?.[Symbol.asyncIterator] === "function")
        return;
    throw new TypeError(`Expected \`${name}\` to be an iterable or async iterable, got ${describe(value)}`);
}
//# sourceMappingURL=map.js.map