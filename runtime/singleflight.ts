import { onAbort } from "./signals.js";
import { assertFunction, signalOption } from "./validate.js";
import { type Waiter, WaiterList } from "./waiters.js";

/** SingleFlightResult is what every caller of one shared call receives. */
export interface SingleFlightResult<V> {
  /** value is the call's result. */
  readonly value: V;
  /** shared is true when more than one caller joined the call, as in Go (the first caller included). */
  readonly shared: boolean;
}

/** SingleFlightOptions configures one caller of SingleFlight.do. */
export interface SingleFlightOptions {
  /**
   * signal stops this caller waiting (it rejects with the signal's reason); the shared call goes
   * on for the others, and is aborted only when every caller has gone.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
}

interface FlightWaiter<V> extends Waiter {
  resolve: (result: SingleFlightResult<V>) => void;
  reject: (error: unknown) => void;
  removeListener: (() => void) | undefined;
}

/** Flight is one in-flight call and the callers waiting for it. */
interface Flight<V> {
  readonly controller: AbortController;
  readonly waiters: WaiterList<FlightWaiter<V>>;
  // Callers that ever joined, including those that left: Go's `dups + 1`, the basis of `shared`.
  callers: number;
}

/**
 * SingleFlight deduplicates concurrent calls by key, like golang.org/x/sync/singleflight: while a
 * call for a key is in flight, `do` with the same key joins it instead of calling `fn` again, and
 * every caller receives the same value, or the same error. Keys compare as Map keys do.
 *
 * Cancellation goes further than Go's, which cannot cancel a shared call: each caller may pass a
 * signal and stop waiting alone, and `fn` receives a signal of its own that aborts (with the last
 * caller's reason) only when every caller has aborted — no one is left to use the result, so the
 * work is stopped and the key is freed for a fresh call. A failure nobody waits for any more is
 * observed and dropped, never an unhandled rejection: each caller got its own abort reason.
 *
 * @example
 * ```ts
 * const flights = new SingleFlight<string, User>();
 * const { value: user } = await flights.do(id, (signal) => loadUser(id, { signal }), { signal: request.signal });
 * ```
 */
export class SingleFlight<K, V> {
  readonly #flights = new Map<K, Flight<V>>();

  /** size is the number of keys with a call in flight that new callers would join. */
  get size(): number {
    return this.#flights.size;
  }

  /**
   * do returns the result of `fn(signal)` for `key`, calling `fn` only if no call for `key` is in
   * flight. A synchronous throw from `fn` reaches the callers as a rejection. An already-aborted
   * `signal` rejects at once and neither calls `fn` nor joins a call.
   */
  do(key: K, fn: (signal: AbortSignal) => V | PromiseLike<V>, options: SingleFlightOptions = {}): Promise<SingleFlightResult<V>> {
    assertFunction("fn", fn);
    const signal = signalOption("options", options, { owner: "SingleFlight.do", known: ["signal"] });
    if (signal?.aborted) return Promise.reject(signal.reason);
    let flight = this.#flights.get(key);
    if (flight) flight.callers++;
    else flight = this.#start(key, fn);
    const joined = flight;
    return new Promise<SingleFlightResult<V>>((resolve, reject) => {
      const waiter: FlightWaiter<V> = { resolve, reject, removeListener: undefined };
      joined.waiters.push(waiter);
      if (signal) waiter.removeListener = onAbort(signal, (reason) => this.#leave(key, joined, waiter, reason));
    });
  }

  /**
   * forget makes the next `do(key)` call `fn` anew instead of joining the call in flight; callers
   * already waiting still receive that call's result. Go: `Group.Forget`.
   */
  forget(key: K): void {
    this.#flights.delete(key);
  }

  #start(key: K, fn: (signal: AbortSignal) => V | PromiseLike<V>): Flight<V> {
    const flight: Flight<V> = { controller: new AbortController(), waiters: new WaiterList(), callers: 1 };
    // Registered before fn runs, so a caller fn itself triggers joins rather than starting twice.
    this.#flights.set(key, flight);
    let result: V | PromiseLike<V>;
    try {
      result = fn(flight.controller.signal);
    } catch (error) {
      result = Promise.reject(error);
    }
    // Settling through a reaction even for a plain value lets the first caller queue before anyone
    // is served, whatever fn did synchronously.
    Promise.resolve(result).then(
      (value) => this.#settle(key, flight, { value, shared: flight.callers > 1 }, undefined, false),
      (error: unknown) => this.#settle(key, flight, undefined, error, true),
    );
    return flight;
  }

  #settle(key: K, flight: Flight<V>, result: SingleFlightResult<V> | undefined, error: unknown, failed: boolean): void {
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
    for (let waiter = flight.waiters.shift(); waiter; waiter = flight.waiters.shift()) {
      waiter.removeListener?.();
      if (failed) waiter.reject(error);
      else waiter.resolve(result as SingleFlightResult<V>);
    }
  }

  #leave(key: K, flight: Flight<V>, waiter: FlightWaiter<V>, reason: unknown): void {
    flight.waiters.remove(waiter);
    waiter.reject(reason);
    if (flight.waiters.length > 0) return;
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
    flight.controller.abort(reason);
  }
}
