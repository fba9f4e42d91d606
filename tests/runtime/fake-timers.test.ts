// The tests that need vitest's fake timers (and its fake Date) to move time on the system clock
// itself: Node-only, since no other host has them. Every other behaviour test drives time through
// an injected Clock and runs in Bun, Deno and Chromium too (tests/runtime/hosts/run.mjs).
import { TimeoutError, systemClock, timeoutSignal, withDeadline, withTimeout } from "@corral/runtime";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.useRealTimers();
});

/** never returns work that ignores its signal and never settles, recording the signal it got. */
function never(received: AbortSignal[]): (signal: AbortSignal) => Promise<never> {
  return (signal) => {
    received.push(signal);
    return new Promise<never>(() => {});
  };
}

describe("timeoutSignal", () => {
  it("aborts with a TimeoutError after the given milliseconds (fake timers)", () => {
    vi.useFakeTimers();
    const signal = timeoutSignal(1_000);
    vi.advanceTimersByTime(999);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.reason).toBeInstanceOf(TimeoutError);
  });
});

describe("systemClock", () => {
  it("honours a delay beyond the host's 2^31 - 1 ms limit instead of firing after 1 ms (fake timers)", () => {
    vi.useFakeTimers();
    const callback = vi.fn();
    const thirtyDays = 30 * 24 * 60 * 60 * 1_000;
    systemClock.setTimeout(callback, thirtyDays);
    vi.advanceTimersByTime(2 ** 31);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(thirtyDays - 2 ** 31 - 1);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it("cancels a long delay with clearTimeout, whichever link of its chain is pending", () => {
    vi.useFakeTimers();
    const callback = vi.fn();
    const handle = systemClock.setTimeout(callback, 2 ** 32);
    vi.advanceTimersByTime(2 ** 31);
    systemClock.clearTimeout(handle);
    vi.advanceTimersByTime(2 ** 32);
    expect(callback).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("withTimeout", () => {
  it("uses the system clock's timers by default (fake timers)", async () => {
    vi.useFakeTimers();
    const result = withTimeout(2_000, never([]));
    const assertion = expect(result).rejects.toBeInstanceOf(TimeoutError);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await assertion;
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("withDeadline", () => {
  it("like Go's context TestDeadline: rejects with a TimeoutError at the wall-clock deadline, measured from the call (fake timers)", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const received: AbortSignal[] = [];
    const result = withDeadline(new Date("2030-01-01T00:00:01Z"), never(received));
    const assertion = expect(result).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(999);
    expect(received[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
    expect(received[0]?.reason).toBeInstanceOf(TimeoutError);
  });

  it("holds the deadline for a date weeks away instead of firing after 1 ms (fake timers)", async () => {
    vi.useFakeTimers();
    const received: AbortSignal[] = [];
    const sixtyDays = 60 * 24 * 60 * 60 * 1_000;
    const result = withDeadline(Date.now() + sixtyDays, never(received));
    const assertion = expect(result).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(sixtyDays - 1);
    expect(received[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
  });
});
