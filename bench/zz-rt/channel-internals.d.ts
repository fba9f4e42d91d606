import type { Waiter, WaiterList } from "./waiters.js";
/** ChannelClosedError is the error of a send on a closed channel and of closing a channel twice. */
export declare class ChannelClosedError extends Error {
    constructor(message?: string);
}
/** ReceiveResult is the outcome of a receive: `ok` is false once the channel is closed and drained. */
export type ReceiveResult<T> = {
    readonly value: T;
    readonly ok: true;
} | {
    readonly value: undefined;
    readonly ok: false;
};
/** Settleable is anything that `pending` can hand a promise's resolve and reject functions to. */
interface Settleable<R> {
    resolve(value: R): void;
    reject(reason: unknown): void;
}
/** pending returns a new promise whose resolve and reject become `target`'s. */
export declare function pending<R>(target: Settleable<R>): Promise<R>;
/**
 * queues is the key of a channel's blocked receivers and senders, which select enqueues its cases
 * into. A symbol that index.ts does not export keeps them out of the public API.
 */
export declare const queues: unique symbol;
/** ChannelQueues is what a channel exposes to select under the `queues` key. */
export interface ChannelQueues<T> {
    readonly receivers: WaiterList<ReceiveWaiter<T>>;
    readonly senders: WaiterList<SendWaiter<T>>;
    /** take receives a value that is buffered or offered by a waiting sender (tryReceive, minus its result object). */
    readonly take: () => T;
}
export interface Selection extends Settleable<object> {
}
export interface ReceiveWaiter<T> extends Settleable<ReceiveResult<T> | IteratorResult<T, undefined>> {
}
export interface SendWaiter<T> extends Settleable<undefined> {
}
/** Selection is one blocked select: the case whose waiter is matched first settles it. */
export declare class Selection {
    #private;
    readonly signal: AbortSignal | undefined;
    readonly waiters: (ReceiveWaiter<unknown> | SendWaiter<unknown>)[];
    /** removeAbort unsubscribes from the signal (runtime/signals.ts onAbort: one shared listener). */
    removeAbort: (() => void) | undefined;
    constructor(signal: AbortSignal | undefined);
    /** settle completes the select with `result`, withdrawing every case from every queue. */
    settle(result: object): void;
    /** fail rejects the select (a send case's channel was closed), withdrawing every case. */
    fail(error: unknown): void;
    /** abort is called when the signal aborts: the select takes and delivers nothing. */
    abort(): void;
}
/**
 * ReceiveWaiter is a blocked receive: a plain `receive` (resolves with a ReceiveResult), an
 * iterator's `next` (resolves with an IteratorResult) or one receive case of a select.
 */
export declare class ReceiveWaiter<T> implements Waiter {
    readonly list: WaiterList<ReceiveWaiter<T>>;
    readonly signal: AbortSignal | undefined;
    readonly iterate: boolean;
    readonly selection: Selection | undefined;
    readonly index: number;
    removeAbort: (() => void) | undefined;
    previous: Waiter | undefined;
    next: Waiter | undefined;
    queued: boolean | undefined;
    constructor(list: WaiterList<ReceiveWaiter<T>>, signal: AbortSignal | undefined, iterate: boolean, selection?: Selection | undefined, index?: number);
    /** deliver hands over `value`, or reports the channel closed when `ok` is false. */
    deliver(value: T | undefined, ok: boolean): void;
    /** abort is called when the signal aborts a plain receive. */
    abort(): void;
}
/** SendWaiter is a blocked send, plain or one send case of a select, holding the value it offers. */
export declare class SendWaiter<T> implements Waiter {
    readonly list: WaiterList<SendWaiter<T>>;
    readonly value: T;
    readonly signal: AbortSignal | undefined;
    readonly selection: Selection | undefined;
    readonly index: number;
    removeAbort: (() => void) | undefined;
    previous: Waiter | undefined;
    next: Waiter | undefined;
    queued: boolean | undefined;
    constructor(list: WaiterList<SendWaiter<T>>, value: T, signal: AbortSignal | undefined, selection?: Selection | undefined, index?: number);
    /** complete reports that a receiver (or the buffer) took the value. */
    complete(): void;
    /** fail reports that the channel closed while the send waited: Go panics, we reject. */
    fail(error: ChannelClosedError): void;
    /** abort is called when the signal aborts a plain send. */
    abort(): void;
}
export {};
