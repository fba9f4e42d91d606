import {
  type ChannelQueues,
  ChannelClosedError,
  pending,
  queues,
  type ReceiveResult,
  ReceiveWaiter,
  SendWaiter,
} from "./channel-internals.js";
import { Ring } from "./ring.js";
import { assertInteger, signalOption } from "./validate.js";
import { WaiterList } from "./waiters.js";
import { onAbort } from "./signals.js";

export { ChannelClosedError, type ReceiveResult };

/** ChannelOperationOptions configures one blocking channel operation. */
export interface ChannelOperationOptions {
  /**
   * signal abandons the operation: it rejects with `signal.reason` and takes or delivers nothing.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
}

// Shared settled results: the fast paths return these instead of allocating a promise per call.
const sent: Promise<void> = Promise.resolve();
const sendOptions = { owner: "Channel.send", known: ["signal"] };
const receiveOptions = { owner: "Channel.receive", known: ["signal"] };
const valuesOptions = { owner: "Channel.values", known: ["signal"] };
const closedResult: ReceiveResult<never> = Object.freeze({ value: undefined, ok: false });
const closedResultPromise = Promise.resolve(closedResult);
const doneResult: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
const donePromise = Promise.resolve(doneResult);

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
export class Channel<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #buffer: Ring<T>;
  // Invariant: receivers wait only while the buffer is empty and no sender waits; senders wait
  // only while the buffer is full. So at most one of the two queues is non-empty, except for a
  // select waiting to both send to and receive from this channel.
  readonly #receivers = new WaiterList<ReceiveWaiter<T>>();
  readonly #senders = new WaiterList<SendWaiter<T>>();
  #closed = false;

  /** Channel makes a channel holding up to `capacity` values (0: unbuffered, like Go's `make(chan T)`). */
  constructor(capacity = 0) {
    assertInteger("capacity", capacity, 0);
    this.#capacity = capacity;
    this.#buffer = new Ring<T>(Math.min(Math.max(capacity, 1), 64));
  }

  /** capacity is the size of the buffer, Go's `cap(ch)`. */
  get capacity(): number {
    return this.#capacity;
  }

  /** length is the number of values in the buffer, Go's `len(ch)`. */
  get length(): number {
    return this.#buffer.length;
  }

  /** closed is true once `close` was called (buffered values may still be waiting to be received). */
  get closed(): boolean {
    return this.#closed;
  }

  /** [queues] lets select enqueue its cases; it is not part of the public API. */
  readonly [queues]: ChannelQueues<T> = { receivers: this.#receivers, senders: this.#senders, take: () => this.#take() };

  /**
   * send delivers `value`: to a waiting receiver, into the buffer, or by waiting for room or a
   * receiver. It rejects with ChannelClosedError if the channel is or becomes closed before the
   * value is taken, and with `signal.reason` on abort (the value is then never delivered).
   */
  send(value: T, options?: ChannelOperationOptions): Promise<void> {
    const signal = signalOption("options", options, sendOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(new ChannelClosedError());
    if (this.#offer(value)) return sent;
    const waiter = new SendWaiter(this.#senders, value, signal);
    this.#senders.push(waiter);
    if (signal !== undefined) waiter.removeAbort = onAbort(signal, () => waiter.abort());
    return pending(waiter);
  }

  /**
   * trySend delivers `value` if that needs no waiting and returns whether it did, like a Go
   * `select` with a `default` case. It throws ChannelClosedError on a closed channel, as Go panics.
   */
  trySend(value: T): boolean {
    if (this.#closed) throw new ChannelClosedError();
    return this.#offer(value);
  }

  /**
   * receive takes the next value: `{ value, ok: true }`, or `{ value: undefined, ok: false }` once
   * the channel is closed and its buffer drained (Go's `value, ok := <-ch`). On abort it rejects
   * with `signal.reason` and takes nothing.
   */
  receive(options?: ChannelOperationOptions): Promise<ReceiveResult<T>> {
    const signal = signalOption("options", options, receiveOptions);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#buffer.length > 0 || this.#senders.length > 0) return Promise.resolve({ value: this.#take(), ok: true });
    if (this.#closed) return closedResultPromise;
    return this.#wait(signal, false) as Promise<ReceiveResult<T>>;
  }

  /**
   * tryReceive takes a value if that needs no waiting: `{ value, ok: true }`; `{ value: undefined,
   * ok: false }` when the channel is closed and drained; `undefined` when a receive would wait.
   */
  tryReceive(): ReceiveResult<T> | undefined {
    if (this.#buffer.length > 0 || this.#senders.length > 0) return { value: this.#take(), ok: true };
    return this.#closed ? closedResult : undefined;
  }

  /**
   * close records that no more values will be sent, like Go's `close(ch)`: waiting receivers get
   * `ok: false`, waiting senders reject with ChannelClosedError, buffered values stay receivable.
   * Closing a closed channel throws ChannelClosedError, as Go panics.
   */
  close(): void {
    if (this.#closed) throw new ChannelClosedError("close of closed channel");
    this.#closed = true;
    // Receivers first, as Go's closechan does, so a select waiting to both send to and receive
    // from this channel completes its receive case rather than failing.
    for (let receiver = this.#receivers.shift(); receiver; receiver = this.#receivers.shift()) {
      receiver.deliver(undefined, false);
    }
    for (let sender = this.#senders.shift(); sender; sender = this.#senders.shift()) {
      sender.fail(new ChannelClosedError());
    }
  }

  /**
   * values iterates the channel until it is closed and drained, like Go's `for v := range ch`.
   * Leaving the loop early (`break`, `return`, a throw) neither closes the channel nor takes a
   * value it does not deliver: `return()` withdraws a receive still waiting in `next`, which then
   * resolves as done. An abort of `signal` rejects the pending `next` with its reason.
   */
  values(options?: ChannelOperationOptions): AsyncIterableIterator<T> {
    const signal = signalOption("options", options, valuesOptions);
    let finished = false;
    // The receives this iterator queued that may still wait. Go needs no such list, as nothing can
    // leave a `range` loop while its receive blocks; here `return()` can (map stopping, a consumer
    // racing next against something else), and a receive left queued would take a value nobody reads.
    const waiting: ReceiveWaiter<T>[] = [];
    const iterator: AsyncIterableIterator<T> = {
      next: (): Promise<IteratorResult<T>> => {
        if (finished) return donePromise;
        if (signal?.aborted) return Promise.reject(signal.reason);
        if (this.#buffer.length > 0 || this.#senders.length > 0) {
          return Promise.resolve({ value: this.#take(), done: false });
        }
        if (this.#closed) return donePromise;
        // Forget the receives already served, in place: a long loop keeps this list at one entry.
        let kept = 0;
        for (const waiter of waiting) if (waiter.queued) waiting[kept++] = waiter;
        waiting.length = kept;
        return this.#wait(signal, true, waiting) as Promise<IteratorResult<T>>;
      },
      return: (): Promise<IteratorResult<T>> => {
        finished = true;
        for (const waiter of waiting.splice(0)) waiter.withdraw();
        return donePromise;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** [Symbol.asyncIterator] makes `for await (const value of channel)` the same as `channel.values()`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this.values();
  }

  // Hand-off to a waiting receiver, else into the buffer if there is room.
  #offer(value: T): boolean {
    const receiver = this.#receivers.shift();
    if (receiver !== undefined) {
      receiver.deliver(value, true);
      return true;
    }
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(value);
      return true;
    }
    return false;
  }

  // Precondition: a value is buffered or a sender waits. A waiting sender of a full buffer moves its
  // value into the freed slot, which keeps the buffer FIFO across blocked senders.
  #take(): T {
    const sender = this.#senders.shift();
    if (this.#buffer.length === 0) {
      (sender as SendWaiter<T>).complete();
      return (sender as SendWaiter<T>).value;
    }
    const value = this.#buffer.shift();
    if (sender !== undefined) {
      this.#buffer.push(sender.value);
      sender.complete();
    }
    return value;
  }

  #wait(
    signal: AbortSignal | undefined,
    iterate: boolean,
    waiting?: ReceiveWaiter<T>[],
  ): Promise<ReceiveResult<T> | IteratorResult<T, undefined>> {
    const waiter = new ReceiveWaiter(this.#receivers, signal, iterate);
    this.#receivers.push(waiter);
    waiting?.push(waiter);
    if (signal !== undefined) waiter.removeAbort = onAbort(signal, () => waiter.abort());
    return pending(waiter);
  }
}
