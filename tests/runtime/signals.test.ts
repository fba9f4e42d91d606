import {
  TimeoutError,
  abortable,
  linkSignal,
  onAbort,
  supervise,
  systemClock,
  timeoutSignal,
  withTimeout,
} from "@corral/runtime";
import { afterEach, describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { ManualClock, abortListenerCount, flushMacrotask } from "./manual-clock.js";


describe("onAbort", () => {
  it("calls back once with the signal's reason", () => {
    const controller = new AbortController();
    const callback = vi.fn();
    onAbort(controller.signal, callback);
    controller.abort("stop");
    controller.abort("again");
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith("stop");
  });

  it("returns a remover that leaves the signal without its listener", () => {
    const controller = new AbortController();
    const callback = vi.fn();
    const remove = onAbort(controller.signal, callback);
    expect(abortListenerCount(controller.signal)).toBe(1);
    remove();
    expect(abortListenerCount(controller.signal)).toBe(0);
    controller.abort();
    expect(callback).not.toHaveBeenCalled();
  });

  it("shares one listener among many callbacks on one signal and calls them in order", () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const removers = Array.from({ length: 20_000 }, (_, index) => onAbort(controller.signal, () => calls.push(index)));
    expect(abortListenerCount(controller.signal)).toBe(1);
    for (const remove of removers.slice(0, 10_000)) remove();
    expect(abortListenerCount(controller.signal)).toBe(1);
    controller.abort();
    expect(calls).toEqual(Array.from({ length: 10_000 }, (_, index) => index + 10_000));
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it("runs a callback registered twice twice, and removes each registration once", () => {
    const controller = new AbortController();
    const callback = vi.fn();
    const removeFirst = onAbort(controller.signal, callback);
    onAbort(controller.signal, callback);
    removeFirst();
    removeFirst();
    controller.abort();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it("never calls back for a signal that was already aborted", () => {
    const callback = vi.fn();
    onAbort(AbortSignal.abort(), callback);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe("linkSignal", () => {
  it("aborts the child with the parent's reason, and never the parent with the child's", () => {
    const parent = new AbortController();
    const first = linkSignal(parent.signal);
    const second = linkSignal(parent.signal);
    first.abort("child only");
    expect(first.signal.reason).toBe("child only");
    expect(parent.signal.aborted).toBe(false);
    const reason = new Error("parent");
    parent.abort(reason);
    expect(second.signal.reason).toBe(reason);
  });

  it("aborts with a TimeoutError when the timeout elapses on the injected clock", () => {
    const clock = new ManualClock();
    const link = linkSignal(undefined, { timeout: 100, clock });
    clock.advance(99);
    expect(link.signal.aborted).toBe(false);
    clock.advance(1);
    expect(link.signal.reason).toBeInstanceOf(TimeoutError);
    expect((link.signal.reason as TimeoutError).milliseconds).toBe(100);
  });

  it("releases the parent listener and the timer on dispose, and the child stays as it was", () => {
    const parent = new AbortController();
    const clock = new ManualClock();
    const link = linkSignal(parent.signal, { timeout: 100, clock });
    expect(abortListenerCount(parent.signal)).toBe(1);
    expect(clock.pending).toBe(1);
    link.dispose();
    expect(abortListenerCount(parent.signal)).toBe(0);
    expect(clock.pending).toBe(0);
    parent.abort();
    expect(link.signal.aborted).toBe(false);
  });

  it("releases both when the parent aborts or the timeout fires", () => {
    const parent = new AbortController();
    const clock = new ManualClock();
    linkSignal(parent.signal, { timeout: 100, clock });
    linkSignal(parent.signal, { timeout: 50, clock });
    clock.advance(50);
    expect(abortListenerCount(parent.signal)).toBe(1);
    parent.abort();
    expect(abortListenerCount(parent.signal)).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("is aborted at once, holding nothing, when the parent already is", () => {
    const clock = new ManualClock();
    const parent = AbortSignal.abort("already");
    const link = linkSignal(parent, { timeout: 10, clock });
    expect(link.signal.reason).toBe("already");
    expect(abortListenerCount(parent)).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("is released on scope exit by `using`", () => {
    const parent = new AbortController();
    {
      using link = linkSignal(parent.signal);
      expect(link.signal.aborted).toBe(false);
      expect(abortListenerCount(parent.signal)).toBe(1);
    }
    expect(abortListenerCount(parent.signal)).toBe(0);
  });

  it("does not keep the process alive with its timer unless asked, like AbortSignal.timeout", () => {
    const clock = new ManualClock();
    linkSignal(undefined, { timeout: 3_000, clock });
    linkSignal(undefined, { timeout: 3_000, clock, keepAlive: true }).dispose();
    timeoutSignal(3_000, undefined, clock);
    expect(clock.keepAlive).toEqual([false, true, false]);
  });

  it("takes a timeout of Infinity as no timer at all", () => {
    const clock = new ManualClock();
    const parent = new AbortController();
    const link = linkSignal(parent.signal, { timeout: Number.POSITIVE_INFINITY, clock });
    expect(clock.created).toBe(0);
    parent.abort("gone");
    expect(link.signal.reason).toBe("gone");
  });

  it("rejects a parent that is not an AbortSignal and a bad timeout with TypeErrors naming them", () => {
    expect(() => linkSignal({} as AbortSignal)).toThrow(/`parent`/);
    expect(() => linkSignal(undefined, { timeout: -1 })).toThrow(TypeError);
    expect(() => linkSignal(undefined, { timeout: Number.NaN })).toThrow(/`timeout`/);
  });
});

describe("timeoutSignal", () => {

  it("aborts earlier with the parent's reason and leaves no listener once the timer fires", () => {
    const clock = new ManualClock();
    const parent = new AbortController();
    const early = timeoutSignal(100, parent.signal, clock);
    timeoutSignal(10, parent.signal, clock);
    clock.advance(10);
    expect(abortListenerCount(parent.signal)).toBe(1);
    parent.abort("parent first");
    expect(early.reason).toBe("parent first");
    expect(abortListenerCount(parent.signal)).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("rejects bad milliseconds with a TypeError naming them", () => {
    expect(() => timeoutSignal(-5)).toThrow(/`milliseconds`/);
    expect(() => timeoutSignal(Number.NaN)).toThrow(TypeError);
  });

  it("takes Infinity as no deadline: the parent itself, or a signal that never aborts, and no timer or listener", () => {
    const clock = new ManualClock();
    const parent = new AbortController();
    expect(timeoutSignal(Number.POSITIVE_INFINITY, parent.signal, clock)).toBe(parent.signal);
    expect(abortListenerCount(parent.signal)).toBe(0);
    const alone = timeoutSignal(Number.POSITIVE_INFINITY, undefined, clock);
    clock.advance(2 ** 40);
    expect(alone.aborted).toBe(false);
    expect(clock.created).toBe(0);
  });
});

describe("abortable", () => {
  it("settles like the promise when the signal stays quiet, and removes its listener", async () => {
    const controller = new AbortController();
    await expect(abortable(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error("no")), controller.signal)).rejects.toThrow("no");
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it("rejects with the signal's reason as soon as it aborts, and observes the late rejection", async () => {
    const unhandled = vi.fn();
    const stopWatching = onUnhandledRejection(unhandled);
    try {
      const controller = new AbortController();
      let fail!: (error: Error) => void;
      const work = new Promise<number>((_, reject) => (fail = reject));
      const pending = abortable(work, controller.signal);
      controller.abort("gave up");
      await expect(pending).rejects.toBe("gave up");
      fail(new Error("late"));
      await flushMacrotask();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      stopWatching();
    }
  });

  it("rejects at once for an already-aborted signal without adding a listener", async () => {
    const signal = AbortSignal.abort("before");
    await expect(abortable(new Promise(() => {}), signal)).rejects.toBe("before");
    expect(abortListenerCount(signal)).toBe(0);
  });

  it("passes the promise through when there is no signal", async () => {
    await expect(abortable(Promise.resolve("plain"))).resolves.toBe("plain");
  });
});

// The leak the runtime exists to avoid (nodejs/node#54614, #17469): every operation linked to a
// long-lived parent must leave the parent exactly as it found it once the operation settles.
describe("100,000 operations linked to one long-lived parent signal leave its listener count where it started", () => {
  const operations = 100_000;

  it("with linkSignal, disposed after use", () => {
    const parent = new AbortController();
    const clock = new ManualClock();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < operations; index++) linkSignal(parent.signal, { timeout: 1_000, clock }).dispose();
    expect(abortListenerCount(parent.signal)).toBe(before);
    expect(clock.pending).toBe(0);
  });

  it("with withTimeout, and no timer is left pending", async () => {
    const parent = new AbortController();
    const clock = new ManualClock();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < operations; index++) {
      await withTimeout(1_000, async () => index, { signal: parent.signal, clock });
    }
    expect(abortListenerCount(parent.signal)).toBe(before);
    expect(clock.pending).toBe(0);
  });

  it("with supervise", async () => {
    const parent = new AbortController();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < operations; index++) await supervise(async () => index, { signal: parent.signal });
    expect(abortListenerCount(parent.signal)).toBe(before);
  });

  it("with abortable", async () => {
    const parent = new AbortController();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < operations; index++) await abortable(Promise.resolve(index), parent.signal);
    expect(abortListenerCount(parent.signal)).toBe(before);
  });

  it("with abortable even when every promise rejects", async () => {
    const parent = new AbortController();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < operations; index++) {
      await abortable(Promise.reject(new Error(`failure ${index}`)), parent.signal).catch(() => undefined);
    }
    expect(abortListenerCount(parent.signal)).toBe(before);
  });
});
