// ManualClock is a Clock whose time moves only when a test says so: deterministic deadlines with
// no wall time and no global fake timers. `pending` counts live timers, so tests can prove that a
// settled operation left none behind.
import { getEventListeners } from "node:events";
import type { Clock } from "corral/runtime";

interface ManualTimer {
  readonly due: number;
  readonly callback: () => void;
}

export class ManualClock implements Clock {
  #now = 0;
  readonly #timers = new Set<ManualTimer>();

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer: ManualTimer = { due: this.#now + ms, callback };
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as ManualTimer);
  }

  /** pending is the number of timers set and neither fired nor cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** advance moves time forward by `ms`, firing due timers in order of their due time. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let next = this.#earliest(target); next; next = this.#earliest(target)) {
      this.#timers.delete(next);
      this.#now = next.due;
      next.callback();
    }
    this.#now = target;
  }

  #earliest(target: number): ManualTimer | undefined {
    let earliest: ManualTimer | undefined;
    for (const timer of this.#timers) if (timer.due <= target && (!earliest || timer.due < earliest.due)) earliest = timer;
    return earliest;
  }
}

/** abortListenerCount is the number of "abort" listeners on `signal`. */
export function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, "abort").length;
}

/**
 * flushMacrotask waits until every pending microtask, and Node's unhandled-rejection check, has
 * run. It needs real timers (fake timers also fake setImmediate).
 */
export function flushMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
