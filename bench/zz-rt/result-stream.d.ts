/**
 * ResultStream holds records until they are read. Any number of `for await` loops may read it at
 * once; each record goes to exactly one of them, the longest-waiting first. Once `end()` is called
 * and the buffer is drained, every loop ends.
 */
export declare class ResultStream<T> implements AsyncIterable<T> {
    #private;
    /** length is the number of records waiting to be read. */
    get length(): number;
    /** push hands `record` to the longest-waiting reader, or buffers it. */
    push(record: T): void;
    /** end marks that no record will follow; waiting readers finish, buffered records stay readable. */
    end(): void;
    /** next resolves with the next record, or done once the stream ended and is drained. */
    next(): Promise<IteratorResult<T, undefined>>;
    [Symbol.asyncIterator](): AsyncIterator<T, undefined>;
}
