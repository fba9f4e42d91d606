import { TimeoutError, withDeadline, withTimeout } from "@corral/runtime";
import { afterEach, describe, expect, it, vi } from "./harness.js";
import { ManualClock, abortListenerCount } from "./manual-clock.js";


/** never returns work that ignores its signal and never settles, recording the signal it got. */
function never(received: AbortSignal[]): (signal: AbortSignal) => Promise<never> {
  return (signal) => {
    received.push(signal);
    return new Promise<never>(() => {});
  };
}

describe("withTimeout", () => {
  it("settles with the work's value before the deadline and releases the timer and the parent listener", async () => {
    const clock = new ManualClock();
    const parent = new AbortController();
    await expect(withTimeout(100, async () => "done", { signal: parent.signal, clock })).resolves.toBe("done");
    expect(clock.pending).toBe(0);
    expect(abortListenerCount(parent.signal)).toBe(0);
  });

  it("like Go's context TestTimeout: rejects with a TimeoutError at the deadline even if the work ignores its signal, and aborts that signal", async () => {
    const clock = new ManualClock();
    const received: AbortSignal[] = [];
    const result = withTimeout(100, never(received), { clock });
    clock.advance(99);
    expect(received[0]?.aborted).toBe(false);
    clock.advance(1);
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    expect(received[0]?.reason).toBeInstanceOf(TimeoutError);
    expect((received[0]?.reason as TimeoutError).milliseconds).toBe(100);
  });

  it("the work is cancelled, not abandoned: a signal-aware task stops at the deadline", async () => {
    const clock = new ManualClock();
    const stopped = vi.fn();
    const result = withTimeout(
      50,
      (signal) =>
        new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => {
            stopped();
            reject(signal.reason);
          }),
        ),
      { clock },
    );
    clock.advance(50);
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it("like Go's context TestCanceledTimeout: rejects with the parent's reason when the parent aborts first, and clears the timer", async () => {
    const clock = new ManualClock();
    const parent = new AbortController();
    const received: AbortSignal[] = [];
    const result = withTimeout(1_000, never(received), { signal: parent.signal, clock });
    parent.abort("shutdown");
    await expect(result).rejects.toBe("shutdown");
    expect(received[0]?.reason).toBe("shutdown");
    expect(clock.pending).toBe(0);
    expect(abortListenerCount(parent.signal)).toBe(0);
  });

  it("rejects with the work's error and releases everything", async () => {
    const clock = new ManualClock();
    const error = new Error("broken");
    await expect(withTimeout(100, async () => Promise.reject(error), { clock })).rejects.toBe(error);
    await expect(
      withTimeout(100, () => {
        throw error;
      }, { clock }),
    ).rejects.toBe(error);
    expect(clock.pending).toBe(0);
  });

  it("rejects without calling the work when the parent is already aborted or ms is 0", async () => {
    const work = vi.fn(async () => "never");
    await expect(withTimeout(100, work, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    await expect(withTimeout(0, work)).rejects.toBeInstanceOf(TimeoutError);
    expect(work).not.toHaveBeenCalled();
  });


  it("keeps the process alive with its timer: the returned promise is the deadline somebody awaits", async () => {
    const clock = new ManualClock();
    await withTimeout(100, async () => 1, { clock });
    expect(clock.keepAlive).toEqual([true]);
  });

  it("takes Infinity as no deadline: no timer, while the parent still cancels the work", async () => {
    const clock = new ManualClock();
    await expect(withTimeout(Number.POSITIVE_INFINITY, async () => "unbounded", { clock })).resolves.toBe("unbounded");
    const parent = new AbortController();
    const received: AbortSignal[] = [];
    const result = withTimeout(Number.POSITIVE_INFINITY, never(received), { signal: parent.signal, clock });
    clock.advance(2 ** 40);
    expect(received[0]?.aborted).toBe(false);
    parent.abort("shutdown");
    await expect(result).rejects.toBe("shutdown");
    expect(received[0]?.reason).toBe("shutdown");
    expect(clock.created).toBe(0);
    expect(abortListenerCount(parent.signal)).toBe(0);
  });

  it("rejects bad arguments with TypeErrors naming them", () => {
    expect(() => withTimeout(-1, async () => 1)).toThrow(/`ms`/);
    expect(() => withTimeout(Number.NaN, async () => 1)).toThrow(/`ms`/);
    expect(() => withTimeout(10, "work" as never)).toThrow(/`fn`/);
    expect(() => withTimeout(10, async () => 1, { signal: {} as never })).toThrow(/`signal`/);
  });
});

describe("withDeadline", () => {

  it("accepts epoch milliseconds and settles with the work's value before the deadline", async () => {
    const clock = new ManualClock();
    await expect(withDeadline(Date.now() + 60_000, async () => 42, { clock })).resolves.toBe(42);
    expect(clock.pending).toBe(0);
  });

  it("like Go's WithDeadline in the past, which is done at once: rejects without calling the work", async () => {
    const work = vi.fn(async () => "late");
    await expect(withDeadline(new Date(Date.now() - 1_000), work)).rejects.toBeInstanceOf(TimeoutError);
    expect(work).not.toHaveBeenCalled();
  });


  it("follows the parent signal like withTimeout", async () => {
    const parent = new AbortController();
    const clock = new ManualClock();
    const result = withDeadline(Date.now() + 10_000, never([]), { signal: parent.signal, clock });
    parent.abort("cancelled");
    await expect(result).rejects.toBe("cancelled");
    expect(clock.pending).toBe(0);
  });

  it("takes a date of Infinity as no deadline", async () => {
    const clock = new ManualClock();
    await expect(withDeadline(Number.POSITIVE_INFINITY, async () => "no rush", { clock })).resolves.toBe("no rush");
    expect(clock.created).toBe(0);
  });

  it("rejects an invalid date and a bad fn with TypeErrors naming them", () => {
    expect(() => withDeadline(new Date("not a date"), async () => 1)).toThrow(/`date`.*invalid Date/);
    expect(() => withDeadline("tomorrow" as never, async () => 1)).toThrow(/`date`/);
    expect(() => withDeadline(Number.NEGATIVE_INFINITY, async () => 1)).toThrow(/`date`/);
    expect(() => withDeadline(Date.now() + 10, null as never)).toThrow(/`fn`/);
  });
});
