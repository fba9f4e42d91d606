import { type ChannelQueues, ChannelClosedError, queues, type ReceiveResult } from "./channel-internals.js";
export { ChannelClosedError, type ReceiveResult };
/** ChannelOperationOptions configures one blocking channel operation. */
export interface ChannelOperationOptions {
    /**
     * signal abandons the operation: it rejects with `signal.reason` and takes or delivers nothing.
     * @default undefined
     */
    signal?: AbortSignal | undefined;
}
/**
 * Channel is Go's `chan T`: a typed conduit between concurrent tasks, with Go's semantics exactly.
 * Capacity 0 (the default) is a rendezvous: `send` completes only when a receiver takes the value.
 * A buffered channel holds up to `capacity` values in FIFO order. Blocked senders and receivers
 * are served first come, first served. After `close`, sends reject with ChannelClosedError (so do
 * the sends blocked at that moment) and receives drain the buffer, then report `ok: false`.
 *
 * Every operation that can complete at once does so synchronously (the returned promise is
 * already settled), handing the value straight to a waiting receiver or sender; only a caller
 * that must wait costs a promise.
 *
 * @example
 * ```ts
 * const jobs = new Channel<number>(8);
 * go(async () => {
 *   for (let job = 1; job <= 3; job++) await jobs.send(job);
 *   jobs.close();
 * });
 * for await (const job of jobs) console.log(job); // 1, 2, 3
 * ```
 */
export declare class Channel<T> implements AsyncIterable<T> {
    #private;
    /** Channel makes a channel holding up to `capacity` values (0: unbuffered, like Go's `make(chan T)`). */
    constructor(capacity?: number);
    /** capacity is the size of the buffer, Go's `cap(ch)`. */
    get capacity(): number;
    /** length is the number of values in the buffer, Go's `len(ch)`. */
    get length(): number;
    /** closed is true once `close` was called (buffered values may still be waiting to be received). */
    get closed(): boolean;
    /** [queues] lets select enqueue its cases; it is not part of the public API. */
    readonly [queues]: ChannelQueues<T>;
    /**
     * send delivers `value`: to a waiting receiver, into the buffer, or by waiting for room or a
     * receiver. It rejects with ChannelClosedError if the channel is or becomes closed before the
     * value is taken, and with `signal.reason` on abort (the value is then never delivered).
     */
    send(value: T, options?: ChannelOperationOptions): Promise<void>;
    /**
     * trySend delivers `value` if that needs no waiting and returns whether it did, like a Go
     * `select` with a `default` case. It throws ChannelClosedError on a closed channel, as Go panics.
     */
    trySend(value: T): boolean;
    /**
     * receive takes the next value: `{ value, ok: true }`, or `{ value: undefined, ok: false }` once
     * the channel is closed and its buffer drained (Go's `value, ok := <-ch`). On abort it rejects
     * with `signal.reason` and takes nothing.
     */
    receive(options?: ChannelOperationOptions): Promise<ReceiveResult<T>>;
    /**
     * tryReceive takes a value if that needs no waiting: `{ value, ok: true }`; `{ value: undefined,
     * ok: false }` when the channel is closed and drained; `undefined` when a receive would wait.
     */
    tryReceive(): ReceiveResult<T> | undefined;
    /**
     * close records that no more values will be sent, like Go's `close(ch)`: waiting receivers get
     * `ok: false`, waiting senders reject with ChannelClosedError, buffered values stay receivable.
     * Closing a closed channel throws ChannelClosedError, as Go panics.
     */
    close(): void;
    /**
     * values iterates the channel until it is closed and drained, like Go's `for v := range ch`.
     * Leaving the loop early (`break`, `return`, a throw) neither closes the channel nor takes a
     * value it does not deliver; an abort of `signal` rejects the pending `next` with its reason.
     */
    values(options?: ChannelOperationOptions): AsyncIterableIterator<T>;
    /** [Symbol.asyncIterator] makes `for await (const value of channel)` the same as `channel.values()`. */
    [Symbol.asyncIterator](): AsyncIterableIterator<T>;
}
