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
export declare class SingleFlight<K, V> {
    #private;
    /** size is the number of keys with a call in flight that new callers would join. */
    get size(): number;
    /**
     * do returns the result of `fn(signal)` for `key`, calling `fn` only if no call for `key` is in
     * flight. A synchronous throw from `fn` reaches the callers as a rejection. An already-aborted
     * `signal` rejects at once and neither calls `fn` nor joins a call.
     */
    do(key: K, fn: (signal: AbortSignal) => V | PromiseLike<V>, options?: SingleFlightOptions): Promise<SingleFlightResult<V>>;
    /**
     * forget makes the next `do(key)` call `fn` anew instead of joining the call in flight; callers
     * already waiting still receive that call's result. Go: `Group.Forget`.
     */
    forget(key: K): void;
}
