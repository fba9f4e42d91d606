// The line of a WorkerPool: the jobs waiting for room (submits and run calls) and what queues for
// a worker. `run` is the per-job result promise Go writes as a result channel sent along with each
// job, and p-queue's `add` returns: a call's outcome goes to its caller instead of becoming a
// record, so a long-lived pool used through `run` alone keeps nothing once each call settles.
import { type LinkedSignal, linkSignal, onAbort } from "./signals.js";
import type { Waiter } from "./waiters.js";

/**
 * PoolCall is one job submitted through `run`, from the moment it queues for a slot until its
 * handler settles. With a caller's signal, the handler gets a signal of the call's own that
 * follows the pool's and the caller's, so aborting one call cancels its work, not the pool's.
 */
export class PoolCall<J, R> implements Waiter {
  previous: Waiter | undefined = undefined;
  next: Waiter | undefined = undefined;
  queued: boolean | undefined = undefined;
  /** settled is true once the caller has its outcome; a call settled while queued never runs. */
  settled = false;
  /** signal is what the handler receives. */
  readonly signal: AbortSignal;
  /** leaveLine takes the call out of the submit line while it waits there for a slot. */
  leaveLine: ((call: PoolCall<J, R>) => void) | undefined = undefined;
  readonly #link: LinkedSignal | undefined;
  readonly #removeCallerListener: (() => void) | undefined;

  constructor(
    readonly job: J,
    poolSignal: AbortSignal,
    callerSignal: AbortSignal | undefined,
    readonly resolve: (value: Awaited<R>) => void,
    readonly reject: (reason: unknown) => void,
  ) {
    if (callerSignal === undefined) {
      this.signal = poolSignal;
      return;
    }
    this.#link = linkSignal(poolSignal);
    this.signal = this.#link.signal;
    this.#removeCallerListener = onAbort(callerSignal, (reason) => {
      this.#link?.abort(reason);
      this.leaveLine?.(this);
      this.fail(reason);
    });
  }

  /** succeed hands the handler's value to the caller, unless the caller has left. */
  succeed(value: Awaited<R>): void {
    if (this.#settle()) this.resolve(value);
  }

  /** fail hands `error` to the caller, unless the caller has left. */
  fail(error: unknown): void {
    if (this.#settle()) this.reject(error);
  }

  #settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.leaveLine = undefined;
    this.#removeCallerListener?.();
    this.#link?.dispose();
    return true;
  }
}

/** Submitter is a `submit` waiting for room; it resolves once its job is accepted. */
export interface Submitter<J> extends Waiter {
  job: J;
  resolve: () => void;
  reject: (reason: unknown) => void;
  removeAbortListener: (() => void) | undefined;
}

/** Item is what queues for a worker: a submitted job, or a `run` call that carries its own. */
export type Item<J, R> = J | PoolCall<J, R>;

/** admit lets a waiting submitter or call into the pool and returns what it queues. */
export function admit<J, R>(entry: Submitter<J> | PoolCall<J, R>): Item<J, R> {
  if (entry instanceof PoolCall) {
    entry.leaveLine = undefined;
    return entry;
  }
  entry.removeAbortListener?.();
  entry.resolve();
  return entry.job;
}

/** refuse turns a waiting submitter or call away with `reason`. */
export function refuse<J, R>(entry: Submitter<J> | PoolCall<J, R>, reason: unknown): void {
  if (entry instanceof PoolCall) {
    entry.fail(reason);
    return;
  }
  entry.removeAbortListener?.();
  entry.reject(reason);
}
