// The blocked callers of channels and select, shared by channel.ts and select.ts and not part of the
// public API. A blocked plain `send`/`receive` is one waiter in one queue; a blocked `select` is one
// waiter per case, each in its channel's queue, all pointing at one Selection.
//
// Go's select needs a per-select "done" flag because other goroutines may dequeue its sudogs
// concurrently and must skip the ones that lost (runtime/chan.go `selectDone`). Here everything
// runs on one thread, so the Selection does better: when one case wins it unlinks every other case's
// waiter from its queue before returning, in O(cases). Hence the invariant the channel relies on: a
// waiter found in a queue always belongs to an operation that has not completed yet.
import type { Waiter, WaiterList } from "./waiters.js";

/** ChannelClosedError is the error of a send on a closed channel and of closing a channel twice. */
export class ChannelClosedError extends Error {
  constructor(message = "send on closed channel") {
    super(message);
    this.name = "ChannelClosedError";
  }
}

/** ReceiveResult is the outcome of a receive: `ok` is false once the channel is closed and drained. */
export type ReceiveResult<T> =
  | { readonly value: T; readonly ok: true }
  | { readonly value: undefined; readonly ok: false };

/** Settleable is anything that `pending` can hand a promise's resolve and reject functions to. */
interface Settleable<R> {
  resolve(value: R): void;
  reject(reason: unknown): void;
}

// One module-level executor instead of a closure per blocked operation: a Promise executor runs
// synchronously inside the constructor, so `capturing` is always the waiter being built.
let capturing: Settleable<never> | undefined;
function captureResolvers(resolve: (value: never) => void, reject: (reason: unknown) => void): void {
  (capturing as Settleable<never>).resolve = resolve;
  (capturing as Settleable<never>).reject = reject;
  capturing = undefined;
}

/** pending returns a new promise whose resolve and reject become `target`'s. */
export function pending<R>(target: Settleable<R>): Promise<R> {
  capturing = target as Settleable<never>;
  return new Promise<R>(captureResolvers);
}

/**
 * queues is the key of a channel's blocked receivers and senders, which select enqueues its cases
 * into. A symbol that index.ts does not export keeps them out of the public API.
 */
export const queues: unique symbol = Symbol("corral.channel.queues");

/** ChannelQueues is what a channel exposes to select under the `queues` key. */
export interface ChannelQueues<T> {
  readonly receivers: WaiterList<ReceiveWaiter<T>>;
  readonly senders: WaiterList<SendWaiter<T>>;
  /** take receives a value that is buffered or offered by a waiting sender (tryReceive, minus its result object). */
  readonly take: () => T;
}

// The resolve and reject functions of a waiter's promise, set by `pending`. They are declared as
// methods (through interface merging), whose parameters TypeScript checks bivariantly, as it does
// for Array's: as properties they would make Channel<T> invariant, and a Channel<string> could not
// be passed where select's and fanIn's signatures take a Channel<unknown>.
export interface Selection extends Settleable<object> {}
export interface ReceiveWaiter<T> extends Settleable<ReceiveResult<T> | IteratorResult<T, undefined>> {}
export interface SendWaiter<T> extends Settleable<undefined> {}

/** Selection is one blocked select: the case whose waiter is matched first settles it. */
export class Selection {
  readonly waiters: (ReceiveWaiter<unknown> | SendWaiter<unknown>)[] = [];
  /** removers unsubscribe from the signal and the abort cases' signals (onAbort: one shared listener each). */
  readonly removers: (() => void)[] = [];

  constructor(readonly signal: AbortSignal | undefined) {}

  /** settle completes the select with `result`, withdrawing every case from every queue. */
  settle(result: object): void {
    this.#withdraw();
    this.resolve(result);
  }

  /** fail rejects the select (a send case's channel was closed), withdrawing every case. */
  fail(error: unknown): void {
    this.#withdraw();
    this.reject(error);
  }

  /** abort is called when the signal aborts: the select takes and delivers nothing. */
  abort(): void {
    this.fail((this.signal as AbortSignal).reason);
  }

  #withdraw(): void {
    for (const waiter of this.waiters) waiter.list.remove(waiter as never);
    for (const remove of this.removers) remove();
  }
}

/**
 * ReceiveWaiter is a blocked receive: a plain `receive` (resolves with a ReceiveResult), an
 * iterator's `next` (resolves with an IteratorResult) or one receive case of a select.
 */
export class ReceiveWaiter<T> implements Waiter {
  removeAbort: (() => void) | undefined = undefined;
  previous: Waiter | undefined = undefined;
  next: Waiter | undefined = undefined;
  queued: boolean | undefined = undefined;

  constructor(
    readonly list: WaiterList<ReceiveWaiter<T>>,
    readonly signal: AbortSignal | undefined,
    readonly iterate: boolean,
    readonly selection: Selection | undefined = undefined,
    readonly index = 0,
  ) {}

  /** deliver hands over `value`, or reports the channel closed when `ok` is false. */
  deliver(value: T | undefined, ok: boolean): void {
    if (this.selection !== undefined) {
      this.selection.settle({ index: this.index, value, ok });
      return;
    }
    this.removeAbort?.();
    if (this.iterate) this.resolve(ok ? { value: value as T, done: false } : { value: undefined, done: true });
    else this.resolve(ok ? { value: value as T, ok } : { value: undefined, ok });
  }

  /** abort is called when the signal aborts a plain receive. */
  abort(): void {
    this.list.remove(this);
    this.reject((this.signal as AbortSignal).reason);
  }

  /** withdraw takes a still-waiting iterator receive out of its queue and ends it as done. */
  withdraw(): void {
    if (!this.queued) return;
    this.list.remove(this);
    this.removeAbort?.();
    this.resolve({ value: undefined, done: true });
  }
}

/** SendWaiter is a blocked send, plain or one send case of a select, holding the value it offers. */
export class SendWaiter<T> implements Waiter {
  removeAbort: (() => void) | undefined = undefined;
  previous: Waiter | undefined = undefined;
  next: Waiter | undefined = undefined;
  queued: boolean | undefined = undefined;

  constructor(
    readonly list: WaiterList<SendWaiter<T>>,
    readonly value: T,
    readonly signal: AbortSignal | undefined,
    readonly selection: Selection | undefined = undefined,
    readonly index = 0,
  ) {}

  /** complete reports that a receiver (or the buffer) took the value. */
  complete(): void {
    if (this.selection !== undefined) {
      this.selection.settle({ index: this.index });
      return;
    }
    this.removeAbort?.();
    this.resolve(undefined);
  }

  /** fail reports that the channel closed while the send waited: Go panics, we reject. */
  fail(error: ChannelClosedError): void {
    if (this.selection !== undefined) {
      this.selection.fail(error);
      return;
    }
    this.removeAbort?.();
    this.reject(error);
  }

  /** abort is called when the signal aborts a plain send. */
  abort(): void {
    this.list.remove(this);
    this.reject((this.signal as AbortSignal).reason);
  }
}
