import { type FanOptions, type FanSource } from "./fan-source.js";
export { type FanOptions, type FanSource };
export { fanOut, type FanOutWorker } from "./fan-out.js";
/** FanElement is the type of the values a FanSource yields. */
export type FanElement<Source> = Source extends AsyncIterable<infer T> ? T : never;
/**
 * fanIn merges `sources` (channels and async iterables) into one async iterator that yields each
 * value as soon as any source produces it and ends when every source has ended, like Go's merge
 * pattern. Pass a FanOptions object as the last argument to cancel it with a signal.
 *
 * - An error thrown by a source stops the merge: the other sources are closed, values already
 *   received are still yielded, then `next` rejects with the error.
 * - Abort stops reading at once: pending and later `next` calls reject with `signal.reason`, after
 *   yielding any value a source produced for a pull already in flight (nothing taken is lost).
 * - `break` (which calls `return`) closes every source iterator and waits for them to close; it
 *   rejects with an error a source threw while closing, or one the consumer has not seen yet.
 * - Channels are never read ahead, so a channel value is left for other receivers unless it is
 *   delivered here; an async iterable is read at most one value ahead.
 *
 * @example
 * ```ts
 * for await (const event of fanIn(clicks, keys, timerTicks, { signal })) handle(event);
 * ```
 */
export declare function fanIn<Sources extends readonly FanSource<unknown>[]>(...sources: Sources): AsyncIterableIterator<FanElement<Sources[number]>>;
export declare function fanIn<Sources extends readonly FanSource<unknown>[]>(...sourcesThenOptions: [...Sources, FanOptions]): AsyncIterableIterator<FanElement<Sources[number]>>;
