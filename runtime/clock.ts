/**
 * Clock is the source of time for the runtime's timeouts and rate limiters. It exists so tests can
 * drive time deterministically (the p-timeout habit of injectable timers) without patching globals.
 */
export interface Clock {
  /** now returns milliseconds on a monotonic scale; only differences between readings matter. */
  now(): number;
  /**
   * setTimeout schedules `callback` after `ms` milliseconds and returns a handle for clearTimeout.
   * With `keepAlive` false the timer alone does not keep the process running: that is for a
   * deadline on other work (linkSignal, timeoutSignal), as `AbortSignal.timeout`'s. A timer
   * somebody awaits (a rate limiter's wait, withTimeout's deadline) keeps the process alive, as
   * any pending await would.
   */
  setTimeout(callback: () => void, ms: number, keepAlive?: boolean): unknown;
  /** clearTimeout cancels a timer made by this clock's setTimeout; unknown handles are ignored. */
  clearTimeout(handle: unknown): void;
}

/**
 * unrefTimer stops a pending timer from keeping the process alive where the host supports it
 * (Node and Bun timer objects have `unref`; Deno has `Deno.unrefTimer`; browsers have neither and
 * need neither).
 */
export function unrefTimer(handle: unknown): void {
  if (typeof handle === "object" && handle !== null && "unref" in handle) {
    const unref = (handle as { unref?: unknown }).unref;
    if (typeof unref === "function") unref.call(handle);
    return;
  }
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof handle === "number" && typeof deno?.unrefTimer === "function") deno.unrefTimer(handle);
}

// Hosts run a delay above 2^31 - 1 ms (about 24.8 days) after 1 ms instead (Node with a warning,
// browsers silently), which would fire a far deadline at once; such delays are served by a chain
// of shorter timers, one at a time.
const maximumTimerDelay = 2_147_483_647;

/** ChainedTimer is the handle of a delay too long for one host timer; `handle` is the current link. */
class ChainedTimer {
  handle: unknown;
}

function startTimer(callback: () => void, ms: number, keepAlive: boolean): unknown {
  const handle = setTimeout(callback, ms);
  if (!keepAlive) unrefTimer(handle);
  return handle;
}

/**
 * systemClock is the default Clock: `performance.now()` (monotonic, unaffected by wall-clock
 * steps) and the host's timers. A timer made with `keepAlive` false is unref'd where the host
 * allows, and a delay longer than the host's timer limit (about 24.8 days) is honoured rather than
 * cut to 1 ms. Unref'ing every timer was rejected: a program whose only pending work is
 * `await limiter.wait()` would then exit mid-wait (Node's exit code 13, unsettled top-level await).
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout(callback, ms, keepAlive = true) {
    if (ms <= maximumTimerDelay) return startTimer(callback, ms, keepAlive);
    const chained = new ChainedTimer();
    const due = performance.now() + ms;
    const step = (): void => {
      const remaining = due - performance.now();
      chained.handle = remaining > maximumTimerDelay ? startTimer(step, maximumTimerDelay, keepAlive) : startTimer(callback, remaining, keepAlive);
    };
    step();
    return chained;
  },
  clearTimeout(handle) {
    clearTimeout((handle instanceof ChainedTimer ? handle.handle : handle) as ReturnType<typeof setTimeout>);
  },
};
