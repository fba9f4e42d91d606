import { type Clock, RateLimiter, TimeoutError, linkSignal } from "@corral/runtime";
import { describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { ManualClock, abortListenerCount, flushMacrotask } from "./manual-clock.js";

// Go's rate_test.go steps time in units of d = 100 ms: t0, t1, ... t9.
const d = 100;

function limiter(rate: number, burst: number, clock = new ManualClock()): { limiter: RateLimiter; clock: ManualClock } {
  return { limiter: new RateLimiter({ rate, burst, clock }), clock };
}

/** allows is Go's run(): AllowN at each [time in d, tokens], returning what each call said. */
function allows(clock: ManualClock, subject: RateLimiter, steps: [number, number][]): boolean[] {
  return steps.map(([time, tokens]) => (clock.set(time * d), subject.allow(tokens)));
}

/** reserves is Go's runReserve: ReserveN at each [time in d, tokens], returning when each may act, in d. */
function reserves(clock: ManualClock, subject: RateLimiter, steps: [number, number][]): (number | false)[] {
  return steps.map(([time, tokens]) => {
    clock.set(time * d);
    const reservation = subject.reserve(tokens);
    return reservation.ok && Math.round((time * d + reservation.delay) / d);
  });
}

function cancelAt(clock: ManualClock, time: number, reservation: { cancel(): void }): void {
  clock.set(time * d);
  reservation.cancel();
}

function watch(promise: Promise<unknown>): { readonly state: string; readonly reason: unknown } {
  const watched = { state: "pending", reason: undefined as unknown };
  promise.then(
    () => (watched.state = "fulfilled"),
    (reason: unknown) => Object.assign(watched, { state: "rejected", reason }),
  );
  return watched;
}

describe("RateLimiter.allow", () => {
  it("like Go's TestLimiterBurst1: one token at a time, and a request above the burst never passes", () => {
    const { limiter: subject, clock } = limiter(10, 1);
    const steps: [number, number][] = [[0, 1], [0, 1], [0, 1], [1, 1], [1, 1], [1, 1], [2, 2], [2, 1], [2, 1]];
    expect(allows(clock, subject, steps)).toEqual([true, false, false, true, false, false, false, true, false]);
  });

  it("like Go's TestLimiterBurst3: bursts of up to three, refilled one per 100 ms", () => {
    const { limiter: subject, clock } = limiter(10, 3);
    const steps: [number, number][] = [[0, 2], [0, 2], [0, 1], [0, 1], [1, 4], [2, 1], [3, 1], [4, 1], [4, 1], [4, 1], [4, 1], [9, 3], [9, 0]];
    const expected = [true, false, true, false, false, true, true, true, true, false, false, true, true];
    expect(allows(clock, subject, steps)).toEqual(expected);
  });

  it("like Go's TestLimiterJumpBackwards: a clock stepping back counts as no time passing", () => {
    const { limiter: subject, clock } = limiter(10, 3);
    const steps: [number, number][] = [[1, 1], [0, 1], [0, 1], [0, 1], [0, 1], [1, 1], [1, 1], [1, 1], [2, 1], [2, 1], [2, 1]];
    const expected = [true, true, true, false, false, true, false, false, true, false, false];
    expect(allows(clock, subject, steps)).toEqual(expected);
  });

  it("like Go's TestLimiter_noTruncationErrors: a fractional rate allows its first event", () => {
    expect(limiter(0.7692307692307693, 1).limiter.allow()).toBe(true);
  });

  it("like Go's TestSimultaneousRequests: fifteen callers at once on a slow bucket get exactly the burst", async () => {
    const { limiter: subject } = limiter(1, 5);
    const results = await Promise.all(Array.from({ length: 15 }, async () => subject.allow()));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("like Go's TestLongRunningQPS: calls every 2 ms for 5 s are allowed at the rate, within 0.1%", () => {
    const { limiter: subject, clock } = limiter(100, 100);
    let allowed = 0;
    for (let time = 0; time <= 5_000; time += 2) {
      clock.set(time);
      if (subject.allow()) allowed++;
    }
    const ideal = 100 + (100 * clock.now()) / 1000;
    expect(allowed).toBeLessThanOrEqual(ideal + 1);
    expect(allowed).toBeGreaterThanOrEqual(0.999 * ideal);
  });

  it("an infinite rate allows everything, whatever the burst (Go's rate.Inf)", () => {
    const { limiter: subject } = limiter(Number.POSITIVE_INFINITY, 1);
    expect(Array.from({ length: 1000 }, () => subject.allow(50)).every(Boolean)).toBe(true);
    expect(subject.tokens).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("RateLimiter.reserve", () => {
  it("like Go's TestSimpleReserve and TestMix: reservations book tokens ahead and say when to act", () => {
    const { limiter: subject, clock } = limiter(10, 2);
    expect(reserves(clock, subject, [[0, 2], [0, 2], [3, 2]])).toEqual([0, 2, 4]);
    const mixed = limiter(10, 2);
    expect(reserves(mixed.clock, mixed.limiter, [[0, 3], [0, 2]])).toEqual([false, 0]);
    expect(allows(mixed.clock, mixed.limiter, [[1, 2]])).toEqual([false]);
    expect(reserves(mixed.clock, mixed.limiter, [[1, 2]])).toEqual([2]);
    expect(allows(mixed.clock, mixed.limiter, [[1, 1], [3, 1]])).toEqual([false, true]);
  });

  it("like Go's TestCancelInvalid: a reservation above the burst is not ok, waits forever, and cancelling it gives nothing", () => {
    const { limiter: subject, clock } = limiter(10, 2);
    reserves(clock, subject, [[0, 2]]);
    const invalid = subject.reserve(3);
    expect([invalid.ok, invalid.delay]).toEqual([false, Number.POSITIVE_INFINITY]);
    cancelAt(clock, 0, invalid);
    expect(reserves(clock, subject, [[0, 2]])).toEqual([2]);
  });

  it("like Go's TestCancelLast and TestCancelTooLate: cancelling the last booking returns its tokens, unless its time passed", () => {
    const { limiter: subject, clock } = limiter(10, 2);
    reserves(clock, subject, [[0, 2]]);
    cancelAt(clock, 1, subject.reserve(2));
    expect(reserves(clock, subject, [[1, 2]])).toEqual([2]);
    const late = limiter(10, 2);
    reserves(late.clock, late.limiter, [[0, 2]]);
    const reservation = late.limiter.reserve(2);
    cancelAt(late.clock, 3, reservation);
    expect(reserves(late.clock, late.limiter, [[3, 2]])).toEqual([4]);
  });

  it("like Go's TestCancel0Tokens, TestCancel1Token and TestCancelMulti: tokens counted by later bookings stay booked", () => {
    const zero = limiter(10, 2);
    reserves(zero.clock, zero.limiter, [[0, 2]]);
    const first = zero.limiter.reserve(1);
    reserves(zero.clock, zero.limiter, [[0, 1]]);
    cancelAt(zero.clock, 0, first);
    expect(reserves(zero.clock, zero.limiter, [[0, 1]])).toEqual([3]);

    const one = limiter(10, 2);
    reserves(one.clock, one.limiter, [[0, 2]]);
    const second = one.limiter.reserve(2);
    reserves(one.clock, one.limiter, [[0, 1]]);
    cancelAt(one.clock, 2, second);
    expect(reserves(one.clock, one.limiter, [[2, 2]])).toEqual([4]);

    const multi = limiter(10, 4);
    reserves(multi.clock, multi.limiter, [[0, 4]]);
    const a = multi.limiter.reserve(3);
    reserves(multi.clock, multi.limiter, [[0, 1]]);
    const c = multi.limiter.reserve(1);
    cancelAt(multi.clock, 1, c);
    cancelAt(multi.clock, 1, a);
    expect(reserves(multi.clock, multi.limiter, [[1, 3]])).toEqual([5]);
  });

  it("like Go's TestReserveJumpBack and TestReserveJumpBackCancel: a clock stepping back still books consistently", () => {
    const { limiter: subject, clock } = limiter(10, 2);
    expect(reserves(clock, subject, [[1, 2], [0, 1], [2, 2]])).toEqual([1, 1, 3]);
    const cancel = limiter(10, 2);
    reserves(cancel.clock, cancel.limiter, [[1, 2]]);
    const booked = cancel.limiter.reserve(2);
    reserves(cancel.clock, cancel.limiter, [[1, 1]]);
    cancelAt(cancel.clock, 0, booked);
    expect(reserves(cancel.clock, cancel.limiter, [[1, 2]])).toEqual([4]);
  });

  it("cancelling twice gives back once; the tokens level shows bookings as debt", () => {
    const { limiter: subject, clock } = limiter(10, 2);
    expect(subject.tokens).toBe(2);
    subject.reserve(2);
    const booked = subject.reserve(2);
    expect(subject.tokens).toBe(-2);
    cancelAt(clock, 0, booked);
    cancelAt(clock, 0, booked);
    expect(subject.tokens).toBe(0);
  });

  it("a reservation made while others wait queues behind them, and cancelling it there returns everything", async () => {
    const { limiter: subject, clock } = limiter(10, 2);
    subject.allow(2);
    const head = watch(subject.wait(2));
    clock.advance(50);
    const booked = subject.reserve(1);
    expect(booked.delay).toBe(250);
    const tail = watch(subject.wait());
    booked.cancel();
    clock.advance(150);
    await flushMacrotask();
    expect([head.state, tail.state]).toEqual(["fulfilled", "pending"]);
    clock.advance(100);
    await flushMacrotask();
    expect(tail.state).toBe("fulfilled");
    expect(subject.waiting).toBe(0);
  });
});

describe("RateLimiter.wait", () => {
  it("like Go's TestWaitSimple: an aborted signal rejects, a request above the burst throws, others wait their delay", async () => {
    const { limiter: subject, clock } = limiter(10, 3);
    const reason = new Error("cancelled");
    await expect(subject.wait(1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(() => subject.wait(4)).toThrow(/`tokens`.*at most the limiter's burst 3, got 4/);
    await expect(subject.wait(2)).resolves.toBeUndefined();
    const later = watch(subject.wait(3));
    clock.advance(2 * d - 1);
    await flushMacrotask();
    expect(later.state).toBe("pending");
    clock.advance(1);
    await flushMacrotask();
    expect(later.state).toBe("fulfilled");
  });

  it("like Go's TestWaitCancel: an aborted waiter rejects with the signal's reason and returns its tokens", async () => {
    const { limiter: subject, clock } = limiter(10, 3);
    await subject.wait(2);
    const controller = new AbortController();
    const cancelled = subject.wait(3, { signal: controller.signal });
    clock.advance(d);
    const reason = new Error("gone");
    controller.abort(reason);
    await expect(cancelled).rejects.toBe(reason);
    expect(subject.tokens).toBe(2);
    expect(subject.allow(2)).toBe(true);
  });

  it("like Go's TestWaitTimeout, but the deadline is a signal: the wait rejects with the TimeoutError when it fires", async () => {
    const { limiter: subject, clock } = limiter(10, 3);
    await subject.wait(2);
    using link = linkSignal(undefined, { timeout: d, clock });
    const waiting = watch(subject.wait(3, { signal: link.signal }));
    clock.advance(d);
    await flushMacrotask();
    expect(waiting.state).toBe("rejected");
    expect(waiting.reason).toBeInstanceOf(TimeoutError);
    expect(clock.live).toBe(0);
  });

  it("like Go's TestWaitInf: at an infinite rate the burst does not bound a wait", async () => {
    await expect(limiter(Number.POSITIVE_INFINITY, 1).limiter.wait(3)).resolves.toBeUndefined();
  });

  it("serves waiters first come, first served: a waiter for many tokens is not overtaken by small ones", async () => {
    const { limiter: subject, clock } = limiter(10, 3);
    subject.allow(3);
    const large = watch(subject.wait(3));
    const small = watch(subject.wait(1));
    const states: string[] = [];
    for (let time = 1; time <= 4; time++) {
      clock.advance(d);
      if (time === 1) expect(subject.allow(1)).toBe(false);
      await flushMacrotask();
      states.push(`${large.state}/${small.state}`);
    }
    expect(states).toEqual(["pending/pending", "pending/pending", "fulfilled/pending", "fulfilled/fulfilled"]);
  });

  it("when an aborted head leaves, the waiter behind it goes at once if its tokens are there", async () => {
    const { limiter: subject, clock } = limiter(10, 3);
    subject.allow(3);
    const controller = new AbortController();
    const head = watch(subject.wait(3, { signal: controller.signal }));
    const next = watch(subject.wait(1));
    clock.advance(d);
    await flushMacrotask();
    expect(next.state).toBe("pending");
    controller.abort();
    await flushMacrotask();
    expect([head.state, next.state]).toEqual(["rejected", "fulfilled"]);
    expect(clock.live).toBe(0);
  });
});

describe("RateLimiter timers and accuracy", () => {
  it("an idle limiter holds no timer: allow, reserve, cancel and immediate waits set none", async () => {
    const { limiter: subject, clock } = limiter(100, 5);
    for (let time = 0; time < 1_000; time += 3) {
      clock.set(time);
      subject.allow();
      subject.reserve(2).cancel();
    }
    clock.set(10_000);
    await subject.wait(5);
    expect(clock.created).toBe(0);
  });

  it("waiters share exactly one timer, for the head, and leave none once served or aborted", async () => {
    const { limiter: subject, clock } = limiter(100, 1);
    subject.allow();
    const served = Array.from({ length: 50 }, () => subject.wait());
    expect(clock.live).toBe(1);
    clock.advance(500);
    await Promise.all(served);
    const controller = new AbortController();
    const aborted = Array.from({ length: 50 }, () => subject.wait(1, { signal: controller.signal }).catch(() => "aborted"));
    controller.abort();
    expect(await Promise.all(aborted)).toEqual(Array(50).fill("aborted"));
    expect([clock.mostLive, clock.live, subject.waiting]).toEqual([1, 0, 0]);
    // A waiter awaits that timer, so it keeps the process alive, as any pending await would.
    expect(clock.keepAlive.length).toBeGreaterThan(0);
    expect(clock.keepAlive.every(Boolean)).toBe(true);
  });

  it("grants waiters tokens over two seconds within 1% of the rate, even when every timer fires late", async () => {
    const clock = new ManualClock(7);
    const subject = new RateLimiter({ rate: 100, burst: 1, clock });
    let granted = 0;
    let running = true;
    const consumers = Array.from({ length: 4 }, async () => {
      while (running) {
        await subject.wait();
        if (clock.now() <= 2_000) granted++;
      }
    });
    for (let time = 0; time < 2_000; time++) {
      clock.advance(1);
      await flushMacrotask();
    }
    running = false;
    clock.advance(1_000);
    await Promise.all(consumers);
    const ideal = 1 + 100 * 2;
    expect(Math.abs(granted - ideal)).toBeLessThanOrEqual(ideal / 100);
  });
});

describe("RateLimiter leaks and bad input", () => {
  it("leak-free: 100,000 waiters on one long-lived signal hold one listener, and when it aborts leave no queue, timer or debt", async () => {
    const unhandled = vi.fn();
    const stopWatching = onUnhandledRejection(unhandled);
    try {
      const { limiter: subject, clock } = limiter(1_000, 1);
      const longLived = new AbortController();
      const before = abortListenerCount(longLived.signal);
      subject.allow();
      const served = Array.from({ length: 100_000 }, () => subject.wait(1, { signal: longLived.signal }));
      expect(abortListenerCount(longLived.signal)).toBe(before + 1);
      clock.advance(100_000);
      await Promise.all(served);
      expect(abortListenerCount(longLived.signal)).toBe(before);

      subject.allow();
      const aborted = Array.from({ length: 100_000 }, () => subject.wait(1, { signal: longLived.signal }).catch(() => "aborted"));
      longLived.abort();
      expect([subject.waiting, clock.live, abortListenerCount(longLived.signal)]).toEqual([0, 0, 0]);
      expect(new Set(await Promise.all(aborted))).toEqual(new Set(["aborted"]));
      clock.advance(1);
      expect(subject.allow()).toBe(true);
      await flushMacrotask();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      stopWatching();
    }
  });

  it.each([Number.NaN, -1, 0, Number.NEGATIVE_INFINITY, "10", undefined])("rejects rate %s with a TypeError naming `rate` (Go allows a zero rate; we do not)", (rate) => {
    expect(() => new RateLimiter({ rate: rate as number })).toThrow(TypeError);
    expect(() => new RateLimiter({ rate: rate as number })).toThrow(/`rate`/);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects burst %s with a TypeError naming `burst`", (burst) => {
    expect(() => new RateLimiter({ rate: 1, burst })).toThrow(/`burst`/);
  });

  it("rejects bad tokens, signals and clocks with a TypeError naming each, and defaults the burst to 1", () => {
    const subject = new RateLimiter({ rate: 5 });
    expect(subject.burst).toBe(1);
    for (const tokens of [-1, 1.5, Number.NaN, "1"]) {
      expect(() => subject.allow(tokens as number)).toThrow(/`tokens`/);
      expect(() => subject.reserve(tokens as number)).toThrow(/`tokens`/);
      expect(() => subject.wait(tokens as number)).toThrow(/`tokens`/);
    }
    expect(() => subject.wait(1, { signal: {} as AbortSignal })).toThrow(/`signal`/);
    expect(() => new RateLimiter({ rate: 1, clock: {} as Clock })).toThrow(/`clock.now`/);
    expect(subject.allow()).toBe(true);
  });
});
