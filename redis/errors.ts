/**
 * RedisUnavailableError is how every operation of the package fails when Redis cannot answer: the
 * connection is down or refused, the client gave up, no reply came within the `timeout` option,
 * or the server said it cannot serve now (LOADING, BUSY, READONLY, MASTERDOWN, CLUSTERDOWN,
 * TRYAGAIN, OOM, MISCONF). The default policy is to fail closed: nothing is admitted that Redis did
 * not admit. The `fallback` option answers from a per-process limiter instead. `cause` holds the
 * client's own error, if there was one.
 */
export class RedisUnavailableError extends Error {
  /** key is the limiter's or semaphore's key. */
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`${message} (key "${key}")`, options);
    this.name = "RedisUnavailableError";
    this.key = key;
  }
}

/**
 * LeaseLostError is the abort reason of a lease's `signal`: the holder can no longer show that
 * Redis holds its permits, so another process may be granted them. Either Redis answered that the
 * lease is gone (it expired, or the server lost its keys), or no renewal got through for three
 * quarters of `leaseMs`, which leaves the holder a quarter of the lease to stop before the permits
 * can go to anyone else.
 */
export class LeaseLostError extends Error {
  /** key is the semaphore's key. */
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`${message} (semaphore "${key}")`, options);
    this.name = "LeaseLostError";
    this.key = key;
  }
}
