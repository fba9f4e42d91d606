// fanIn: Go's merge pattern (one goroutine per input channel, all sending to one output) as one
// async iterator, without its goroutines: channel sources are read by a single select that runs
// only while the consumer waits, so no channel value is ever taken that is not delivered, and
// async-iterable sources are pulled one step at a time, only on demand.
import { Channel } from "./channel.js";
import {
  assertFanSource,
  combineErrors,
  type FanOptions,
  type FanSource,
  isFanSource,
  isSyncIterable,
  Puller,
} from "./fan-source.js";
import { Ring } from "./ring.js";
import { type ReceiveCase, select } from "./select.js";
import { onAbort } from "./signals.js";
import { signalOption } from "./validate.js";

export { type FanOptions, type FanSource };
export { fanOut, type FanOutSource, type FanOutWorker } from "./fan-out.js";

interface Consumer<T> {
  resolve(result: IteratorResult<T>): void;
  reject(reason: unknown): void;
}

/** FanElement is the type of the values a FanSource yields. */
export type FanElement<Source> = Source extends AsyncIterable<infer T> ? T : never;

const doneResult: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

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
export function fanIn<Sources extends readonly FanSource<unknown>[]>(
  ...sources: Sources
): AsyncIterableIterator<FanElement<Sources[number]>>;
export function fanIn<Sources extends readonly FanSource<unknown>[]>(
  ...sourcesThenOptions: [...Sources, FanOptions]
): AsyncIterableIterator<FanElement<Sources[number]>>;
export function fanIn<T>(...sourcesThenOptions: (FanSource<T> | FanOptions | undefined)[]): AsyncIterableIterator<T> {
  // An array is never a source here (it is no stream to merge), and taken for the options it
  // would merge nothing: fanIn([a, b]) is a forgotten spread.
  const array = sourcesThenOptions.findIndex((argument) => Array.isArray(argument));
  if (array >= 0) {
    throw new TypeError(`Expected \`sources[${array}]\` to be a Channel or an async iterable, got an array: spread it, fanIn(...sources)`);
  }
  const last = sourcesThenOptions.at(-1);
  // A Set or a generator has no async iterator either, but it is a source in the wrong shape, not
  // the options: taken for them, fanIn(a, new Set([1, 2])) would merge nothing of it, silently.
  const hasOptions = sourcesThenOptions.length > 0 && !isFanSource(last) && !isSyncIterable(last);
  const sources = hasOptions ? sourcesThenOptions.slice(0, -1) : sourcesThenOptions;
  sources.forEach((source, index) => assertFanSource(`sources[${index}]`, source));
  const signal = signalOption("options", hasOptions ? (last as FanOptions | undefined) : undefined, { owner: "fanIn", known: ["signal"] });
  return new Merge(sources as FanSource<T>[], signal);
}

class Merge<T> implements AsyncIterableIterator<T> {
  // Invariant: consumers wait only while the buffer is empty.
  readonly #buffer = new Ring<T>();
  readonly #consumers = new Ring<Consumer<T>>();
  readonly #pullers: Puller<T>[] = [];
  #cases: ReceiveCase<T>[];
  #selecting: AbortController | undefined;
  #state: "running" | "ended" | "failed" | "aborted" | "returned" = "running";
  #error: unknown;
  #errorReported = false;
  readonly #cleanupErrors: unknown[] = [];
  readonly #removeAbortListener: (() => void) | undefined;
  readonly #onValue = (value: T): void => {
    this.#deliver(value);
    this.#demand();
  };
  readonly #onEnd = (): void => {
    this.#endIfExhausted();
    this.#demand();
  };
  readonly #onError = (error: unknown): void => this.#fail(error);

  constructor(sources: readonly FanSource<T>[], signal: AbortSignal | undefined) {
    const channels: Channel<T>[] = [];
    const recordCleanupError = (error: unknown): void => void this.#cleanupErrors.push(error);
    for (const source of sources) {
      if (source instanceof Channel) channels.push(source);
      else this.#pullers.push(new Puller(source, recordCleanupError));
    }
    this.#cases = channels.map((channel) => ({ receive: channel }));
    if (signal?.aborted) this.#abort(signal.reason);
    else if (signal !== undefined) this.#removeAbortListener = onAbort(signal, (reason) => this.#abort(reason));
    this.#endIfExhausted();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift(), done: false });
    if (this.#state === "aborted") return Promise.reject(this.#error);
    if (this.#state === "failed" && !this.#errorReported) {
      this.#errorReported = true;
      return Promise.reject(this.#error);
    }
    if (this.#state !== "running") return Promise.resolve(doneResult);
    const result = new Promise<IteratorResult<T>>((resolve, reject) => this.#consumers.push({ resolve, reject }));
    this.#demand();
    return result;
  }

  async return(): Promise<IteratorResult<T>> {
    const unreported = this.#state === "failed" && !this.#errorReported;
    if (this.#state === "running") this.#stop();
    this.#state = "returned";
    this.#errorReported = true;
    this.#buffer.clear();
    this.#endConsumers();
    await Promise.all(this.#pullers.map((puller) => puller.finished));
    if (unreported) throw this.#error;
    if (this.#cleanupErrors.length > 0) throw combineErrors(this.#cleanupErrors.splice(0));
    return doneResult;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #demand(): void {
    if (this.#state !== "running" || this.#consumers.length === 0) return;
    for (const puller of this.#pullers) {
      if (!puller.pulling && !puller.done) puller.pull(this.#onValue, this.#onEnd, this.#onError);
    }
    if (this.#selecting === undefined && this.#cases.length > 0) this.#select();
  }

  #select(): void {
    const controller = new AbortController();
    const cases = this.#cases;
    this.#selecting = controller;
    select(cases, { signal: controller.signal }).then(
      (result) => {
        if (this.#selecting === controller) this.#selecting = undefined;
        if (result.ok) this.#deliver(result.value);
        else this.#cases = this.#cases.filter((candidate) => candidate !== cases[result.index]);
        this.#endIfExhausted();
        this.#demand();
      },
      (error: unknown) => {
        if (this.#selecting === controller) this.#selecting = undefined;
        // Our own cancellation took nothing; anything else must not be lost.
        if (!controller.signal.aborted) this.#fail(error);
      },
    );
  }

  #cancelSelect(): void {
    const controller = this.#selecting;
    this.#selecting = undefined;
    controller?.abort();
  }

  #deliver(value: T): void {
    if (this.#state === "returned") return;
    const consumer = this.#consumers.length > 0 ? this.#consumers.shift() : undefined;
    if (consumer === undefined) this.#buffer.push(value);
    else consumer.resolve({ value, done: false });
    // With nobody waiting, a running select would take a channel value that nobody asked for.
    if (this.#consumers.length === 0) this.#cancelSelect();
  }

  #endIfExhausted(): void {
    if (this.#state !== "running" || this.#cases.length > 0 || this.#pullers.some((puller) => !puller.done)) return;
    this.#state = "ended";
    this.#removeAbortListener?.();
    this.#endConsumers();
  }

  #fail(error: unknown): void {
    if (this.#state !== "running") {
      this.#cleanupErrors.push(error);
      return;
    }
    this.#state = "failed";
    this.#error = error;
    this.#stop();
    const consumer = this.#consumers.length > 0 ? this.#consumers.shift() : undefined;
    if (consumer !== undefined) {
      this.#errorReported = true;
      consumer.reject(error);
    }
    this.#endConsumers();
  }

  #abort(reason: unknown): void {
    if (this.#state !== "running") return;
    this.#state = "aborted";
    this.#error = reason;
    this.#stop();
    this.#rejectConsumers(reason);
  }

  #stop(): void {
    this.#removeAbortListener?.();
    this.#cancelSelect();
    for (const puller of this.#pullers) puller.close();
  }

  #endConsumers(): void {
    while (this.#consumers.length > 0) this.#consumers.shift().resolve(doneResult);
  }

  #rejectConsumers(reason: unknown): void {
    while (this.#consumers.length > 0) this.#consumers.shift().reject(reason);
  }
}
