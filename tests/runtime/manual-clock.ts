// ManualClock is a Clock whose time moves only when a test says so: deterministic deadlines with
// no wall time and no global fake timers. `pending` counts live timers, so tests can prove that a
// settled operation left none behind.
import type { Clock } from "@corral/runtime";

interface ManualTimer {
  readonly due: number;
  readonly callback: () => void;
}

/**
 * ManualClock moves only when told: `advance` fires due timers in order of their due time, `set`
 * jumps (even backwards, firing nothing). It can fire every timer late by up to `lateness` ms
 * (deterministically), to prove a primitive does not drift when its host's timers are late.
 */
export class ManualClock implements Clock {
  #now = 0;
  #seed = 1;
  readonly #timers = new Set<ManualTimer>();
  /** created counts every timer ever set; mostLive is the most that were pending at once. */
  created = 0;
  mostLive = 0;
  /** keepAlive records, per timer set, whether it was to keep the process alive (Clock's default: yes). */
  readonly keepAlive: boolean[] = [];

  constructor(readonly lateness = 0) {}

  now(): number {
    return this.#now;
  }

  set(time: number): void {
    this.#now = time;
  }

  setTimeout(callback: () => void, ms: number, keepAlive = true): unknown {
    this.keepAlive.push(keepAlive);
    // A Lehmer generator: the same lateness sequence on every run, so no test can flake.
    this.#seed = (this.#seed * 48_271) % 2_147_483_647;
    const timer: ManualTimer = { due: this.#now + ms + (this.#seed % (this.lateness + 1)), callback };
    this.#timers.add(timer);
    this.created++;
    this.mostLive = Math.max(this.mostLive, this.#timers.size);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as ManualTimer);
  }

  /** pending is the number of timers set and neither fired nor cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** live is pending, by the name the rate limiter's tests use. */
  get live(): number {
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

// Where the tests observe the host, they go through the harness, which each host implements.
export { abortListenerCount, flushMacrotask } from "./harness.js";
