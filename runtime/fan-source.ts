// What fanIn and fanOut share: their argument shapes, and one pulled async iterator with the
// bookkeeping that lets a pipeline stop without leaking it or losing its errors.
import { Channel } from "./channel.js";
import { describe, signalOption } from "./validate.js";

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
export function isFanSource(value: unknown): value is FanSource<unknown> {
  if (value instanceof Channel) return true;
  if (typeof value !== "object" || value === null) return false;
  return typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function";
}

/** assertFanSource throws a TypeError naming `name` unless `value` is a Channel or an async iterable. */
export function assertFanSource(name: string, value: unknown): asserts value is FanSource<unknown> {
  if (isSyncIterable(value)) {
    throw new TypeError(
      `Expected \`${name}\` to be a Channel or an async iterable, got a synchronous iterable: fanIn merges streams (pass a Set or a generator to fanOut or map)`,
    );
  }
  if (!isFanSource(value)) {
    throw new TypeError(`Expected \`${name}\` to be a Channel or an async iterable, got ${describe(value)}`);
  }
}

/** isSyncIterable is true of an iterable with no async iterator: an array, a Set, a Map, a generator. */
export function isSyncIterable(value: unknown): boolean {
  if (typeof value !== "object" || value === null || isFanSource(value)) return false;
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}

/**
 * asyncSource reads `source` as fanOut does: a Channel or an async iterable as it is, any other
 * iterable (an array, a Set, a generator: what map takes) one step per pull, its values passed on
 * as they are, never awaited. Anything else is a TypeError naming `name`.
 */
export function asyncSource<T>(name: string, source: FanSource<T> | Iterable<T>): FanSource<T> {
  if (isFanSource(source)) return source as FanSource<T>;
  if (typeof (source as Partial<Iterable<T>> | null | undefined)?.[Symbol.iterator] !== "function") {
    throw new TypeError(`Expected \`${name}\` to be a Channel, an iterable or an async iterable, got ${describe(source)}`);
  }
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<T> => {
      const iterator = (source as Iterable<T>)[Symbol.iterator]();
      return {
        // Async, so that a throwing iterator rejects the step instead of throwing.
        next: async () => iterator.next(),
        return: async () => {
          iterator.return?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}

/**
 * Puller is one async iterable being read one step at a time. At most one `next` is in flight,
 * and `return` is called only between steps, because an arbitrary iterator need not accept
 * either while a step is pending. `finished` settles once the iterator is done with: it ended,
 * threw, or was closed; a failure of its `return` is handed to `onCleanupError`.
 */
export class Puller<T> {
  pulling = false;
  done = false;
  #iterator: AsyncIterator<T> | undefined;
  #closeRequested = false;
  #finish!: () => void;
  readonly finished = new Promise<void>((resolve) => {
    this.#finish = resolve;
  });

  constructor(
    readonly source: AsyncIterable<T>,
    readonly onCleanupError: (error: unknown) => void,
  ) {}

  /** pull starts one step; exactly one of the callbacks runs, asynchronously. */
  pull(onValue: (value: T) => void, onEnd: () => void, onError: (error: unknown) => void): void {
    this.pulling = true;
    let step: Promise<IteratorResult<T>>;
    try {
      this.#iterator ??= this.source[Symbol.asyncIterator]();
      step = Promise.resolve(this.#iterator.next());
    } catch (error) {
      step = Promise.reject(error);
    }
    step.then(
      (result) => {
        this.pulling = false;
        if (result.done === true) {
          this.#end();
          onEnd();
          return;
        }
        onValue(result.value);
        if (this.#closeRequested) this.close();
      },
      (error: unknown) => {
        this.pulling = false;
        this.#end();
        onError(error);
      },
    );
  }

  /** close returns the iterator now, or after the step in flight; an ended iterator is left alone. */
  close(): void {
    if (this.done) return;
    if (this.pulling) {
      this.#closeRequested = true;
      return;
    }
    this.done = true;
    let closing: Promise<unknown>;
    try {
      closing = Promise.resolve(this.#iterator?.return?.());
    } catch (error) {
      closing = Promise.reject(error);
    }
    closing.then(this.#finish, (error: unknown) => {
      this.onCleanupError(error);
      this.#finish();
    });
  }

  #end(): void {
    this.done = true;
    this.#finish();
  }
}

/** combineErrors combines errors raised while closing sources: the only one, or an AggregateError. */
export function combineErrors(errors: readonly unknown[]): unknown {
  return errors.length === 1 ? errors[0] : new AggregateError(errors, "fan: closing sources failed");
}
