/** MapFunction is the work map applies to each item, with its index and the run's signal. */
export type MapFunction<T, R> = (item: T, index: number, signal: AbortSignal) => R;
/**
 * MapRun is one call of map or mapSettled. It settles through `resolve` with the results in input
 * order, or through `reject` with the first failure (a task's, the source's, or the caller's abort
 * reason) once no worker is left running, so nothing it started outlives the returned promise.
 */
export declare class MapRun<T> {
    #private;
    constructor(fn: MapFunction<T, unknown>, concurrency: number, settled: boolean, resolve: (results: unknown[]) => void, reject: (error: unknown) => void);
    /** start opens `input` and starts the first workers; the caller has checked `signal`. */
    start(input: Iterable<T> | AsyncIterable<T>, signal: AbortSignal | undefined): void;
}
/** isAsyncIterable prefers the asynchronous protocol when a source offers both. */
export declare function isAsyncIterable<T>(input: Iterable<T> | AsyncIterable<T>): input is AsyncIterable<T>;
