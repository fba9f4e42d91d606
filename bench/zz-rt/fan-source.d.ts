import { Channel } from "./channel.js";
/** FanSource is what fanIn and fanOut read from: a Channel or any async iterable. */
export type FanSource<T> = Channel<T> | AsyncIterable<T>;
/** FanOptions configures fanIn and fanOut. */
export interface FanOptions {
    /**
     * signal cancels the pipeline: reading from the sources stops, their iterators are closed, and
     * pending `next` calls reject with `signal.reason`.
     * @default undefined
     */
    signal?: AbortSignal | undefined;
}
/** isFanSource tells sources from an options object, which has no async iterator. */
export declare function isFanSource(value: unknown): value is FanSource<unknown>;
/** assertFanSource throws a TypeError naming `name` unless `value` is a Channel or an async iterable. */
export declare function assertFanSource(name: string, value: unknown): asserts value is FanSource<unknown>;
/** assertFanOptions validates an options object and returns its signal. */
export declare function assertFanOptions(options: FanOptions | undefined): AbortSignal | undefined;
/**
 * Puller is one async iterable being read one step at a time. At most one `next` is in flight,
 * and `return` is called only between steps, because an arbitrary iterator need not accept
 * either while a step is pending. `finished` settles once the iterator is done with: it ended,
 * threw, or was closed; a failure of its `return` is handed to `onCleanupError`.
 */
export declare class Puller<T> {
    #private;
    readonly source: AsyncIterable<T>;
    readonly onCleanupError: (error: unknown) => void;
    pulling: boolean;
    done: boolean;
    readonly finished: Promise<void>;
    constructor(source: AsyncIterable<T>, onCleanupError: (error: unknown) => void);
    /** pull starts one step; exactly one of the callbacks runs, asynchronously. */
    pull(onValue: (value: T) => void, onEnd: () => void, onError: (error: unknown) => void): void;
    /** close returns the iterator now, or after the step in flight; an ended iterator is left alone. */
    close(): void;
}
/** combineErrors combines errors raised while closing sources: the only one, or an AggregateError. */
export declare function combineErrors(errors: readonly unknown[]): unknown;
