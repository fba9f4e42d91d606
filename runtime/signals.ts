// Leak-free signal plumbing. Everything here exists because the obvious tools leak when the parent
// signal lives long (a server's shutdown signal, a request's signal reused for many calls):
// `AbortSignal.any` in Node 20 keeps every dependent signal reachable from the parent
// (nodejs/node#54614), and `Promise.race([work, parentAborted])` keeps one reaction per call on
// the long-lived promise (nodejs/node#17469). The helpers below attach exactly one listener per
// link and remove it the moment the link is no longer needed.
import { type Clock, systemClock } from "./clock.js";
import { TimeoutError } from "./errors.js";
import { assertOptions, assertSignal, assertTimeout } from "./validate.js";

interface Subscribers {
  readonly callbacks: Set<(reason: unknown) => void>;
  readonly listener: () => void;
}

// One real "abort" listener per signal for the whole runtime, multiplexed here. A listener per
// waiter was rejected: Node's EventTarget walks its whole listener list on every addEventListener
// (to skip duplicates), so N waiters on one shared signal cost O(N^2), and past 10 listeners Node
// warns of a leak that is not one. A WeakMap never keeps a signal alive.
const subscribersBySignal = new WeakMap<AbortSignal, Subscribers>();

/**
 * onAbort runs `callback(reason)` once when `signal` aborts and returns a function that removes
 * it. Callbacks run in the order they were added. Adding and removing are O(1) however many
 * callbacks share the signal, and the signal carries one listener while any are registered, none
 * after. It never calls `callback` synchronously: an already-aborted signal is the caller's to
 * check first, which keeps the caller's control flow in one place.
 */
export function onAbort(signal: AbortSignal, callback: (reason: unknown) => void): () => void {
  let subscribers = subscribersBySignal.get(signal);
  if (subscribers === undefined) {
    const callbacks = new Set<(reason: unknown) => void>();
    const listener = (): void => {
      subscribersBySignal.delete(signal);
      for (const subscriber of callbacks) subscriber(signal.reason);
      callbacks.clear();
    };
    subscribers = { callbacks, listener };
    subscribersBySignal.set(signal, subscribers);
    signal.addEventListener("abort", listener, { once: true });
  }
  // A fresh entry per call, so one callback registered twice runs twice and is removed once.
  const entry = (reason: unknown): void => callback(reason);
  const { callbacks, listener } = subscribers;
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    if (subscribersBySignal.get(signal)?.callbacks === callbacks) subscribersBySignal.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}

/**
 * LinkedSignal is a child signal that follows a parent (and optionally a timeout) until it is
 * disposed. Dispose it when the work it guards settles; `using link = linkSignal(parent)` does so
 * on scope exit.
 */
export interface LinkedSignal extends Disposable {
  /** signal aborts with the parent's reason, the timeout's TimeoutError, or abort's reason. */
  readonly signal: AbortSignal;
  /** abort aborts the child (never the parent) and releases the link. */
  abort(reason?: unknown): void;
  /** dispose removes the parent listener and clears the timer; the signal stays as it is. */
  dispose(): void;
}

/** LinkOptions configures linkSignal. */
export interface LinkOptions {
  /**
   * timeout aborts the child with a TimeoutError after this many milliseconds; Infinity sets no timer.
   * @default undefined (no timeout)
   */
  timeout?: number | undefined;
  /**
   * clock supplies time and timers, for deterministic tests.
   * @default systemClock
   */
  clock?: Clock | undefined;
  /**
   * keepAlive lets the timeout's timer keep the process running while it is pending. Off by
   * default, like `AbortSignal.timeout`'s: a link guards other work, which holds the process
   * itself while it runs, and a link nobody disposed must not hold a finished script for the rest
   * of its timeout. Turn it on when the deadline itself is what the program waits for.
   * @default false
   */
  keepAlive?: boolean | undefined;
}

/**
 * linkSignal makes a child signal that aborts when `parent` aborts (with the parent's reason), when
 * `timeout` elapses (with a TimeoutError) or when `abort` is called, whichever comes first. It holds
 * one listener on the parent and at most one timer, unref'd unless `keepAlive` is set, and releases
 * both on dispose or abort, so 100,000 links to one long-lived parent leave it exactly as they found it.
 *
 * @example
 * ```ts
 * using link = linkSignal(request.signal, { timeout: 5_000 });
 * const response = await fetch(url, { signal: link.signal });
 * ```
 */
export function linkSignal(parent?: AbortSignal, options: LinkOptions = {}): LinkedSignal {
  assertSignal("parent", parent);
  assertOptions("options", options, { owner: "linkSignal", known: ["timeout", "clock", "keepAlive"] });
  const { timeout, clock = systemClock, keepAlive = false } = options;
  if (timeout !== undefined) assertTimeout("timeout", timeout);
  const controller = new AbortController();
  let removeListener: (() => void) | undefined;
  let timer: unknown;
  let linked = true;

  const dispose = (): void => {
    if (!linked) return;
    linked = false;
    removeListener?.();
    if (timer !== undefined) clock.clearTimeout(timer);
  };
  const abort = (reason?: unknown): void => {
    dispose();
    controller.abort(reason);
  };

  if (parent?.aborted) {
    abort(parent.reason);
  } else {
    if (parent) removeListener = onAbort(parent, abort);
    if (timeout !== undefined && timeout !== Number.POSITIVE_INFINITY) {
      timer = clock.setTimeout(() => abort(new TimeoutError(timeout)), timeout, keepAlive);
    }
  }
  return { signal: controller.signal, abort, dispose, [Symbol.dispose]: dispose };
}

/**
 * timeoutSignal returns a signal that aborts with a TimeoutError after `milliseconds`, or earlier
 * with `parent`'s reason. It is the expression form of linkSignal for call sites that cannot
 * dispose (`fetch(url, { signal: timeoutSignal(5_000, signal) })`, which the codemod writes): the
 * parent listener is removed when either the timer fires or the parent aborts, so links never
 * accumulate beyond those started within the last `milliseconds`; its timer is unref'd, like
 * `AbortSignal.timeout`'s, because nothing can clear it when the guarded work finishes early.
 * Infinity is no deadline: the result is `parent` itself, or a signal that never aborts, so no
 * listener is left on a long-lived parent. Prefer withTimeout where the work is a callback: it
 * releases everything as soon as the work settles.
 */
export function timeoutSignal(milliseconds: number, parent?: AbortSignal, clock: Clock = systemClock): AbortSignal {
  assertTimeout("milliseconds", milliseconds);
  assertSignal("parent", parent);
  if (milliseconds === Number.POSITIVE_INFINITY) return parent ?? new AbortController().signal;
  return linkSignal(parent, { timeout: milliseconds, clock }).signal;
}

/**
 * abortable settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts,
 * whichever comes first. The work behind `promise` is not stopped by this: pass the same signal to
 * it. Unlike `Promise.race` with an abort promise, the listener is removed when `promise` settles,
 * and a rejection of `promise` after the abort is observed, so it is never reported as unhandled.
 */
export function abortable<T>(promise: PromiseLike<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return Promise.resolve(promise);
  if (signal.aborted) {
    Promise.resolve(promise).catch(ignore);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const removeListener = onAbort(signal, reject);
    Promise.resolve(promise).then(
      (value) => {
        removeListener();
        resolve(value);
      },
      (error: unknown) => {
        removeListener();
        reject(error);
      },
    );
  });
}

function ignore(): void {}
