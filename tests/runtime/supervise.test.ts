import { supervise } from "@corral/runtime";
import { describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { abortListenerCount, flushMacrotask } from "./manual-clock.js";

describe("supervise", () => {
  it("settles with the work's value, sync or async", async () => {
    await expect(supervise(async () => "async")).resolves.toBe("async");
    await expect(supervise(() => "sync")).resolves.toBe("sync");
  });

  it("rejects with the work's error", async () => {
    const error = new Error("failed");
    await expect(supervise(async () => Promise.reject(error))).rejects.toBe(error);
  });

  it("turns a synchronous throw into a rejection (Go's recover)", async () => {
    const error = new Error("panic");
    const result = supervise(() => {
      throw error;
    });
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toBe(error);
  });

  it("passes the caller's signal to the work, or a fresh live one when there is none", async () => {
    const controller = new AbortController();
    await expect(supervise((signal) => signal, { signal: controller.signal })).resolves.toBe(controller.signal);
    const first = await supervise((signal) => signal);
    const second = await supervise((signal) => signal);
    expect(first.aborted).toBe(false);
    expect(first).not.toBe(second);
  });

  it("rejects with the abort reason as soon as the signal aborts, even if the work ignores it", async () => {
    const controller = new AbortController();
    const work = vi.fn(() => new Promise<never>(() => {}));
    const result = supervise(work, { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("tells the work through the signal it received", async () => {
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    const result = supervise(
      (signal) => {
        received = signal;
        return new Promise<never>(() => {});
      },
      { signal: controller.signal },
    );
    controller.abort("stop");
    await expect(result).rejects.toBe("stop");
    expect(received?.aborted).toBe(true);
  });

  it("rejects at once without calling the work when the signal is already aborted", async () => {
    const work = vi.fn(() => "never");
    await expect(supervise(work, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(work).not.toHaveBeenCalled();
  });

  it("rejects with the reason when the work aborts its own signal before settling", async () => {
    const controller = new AbortController();
    const result = supervise(
      () => {
        controller.abort("self");
        return new Promise<never>(() => {});
      },
      { signal: controller.signal },
    );
    await expect(result).rejects.toBe("self");
  });

  it("observes a rejection that arrives after the abort: no unhandled rejection", async () => {
    const unhandled = vi.fn();
    const stopWatching = onUnhandledRejection(unhandled);
    try {
      const controller = new AbortController();
      let fail!: (error: Error) => void;
      const result = supervise(() => new Promise<never>((_, reject) => (fail = reject)), { signal: controller.signal });
      controller.abort("stop");
      await expect(result).rejects.toBe("stop");
      fail(new Error("late failure"));
      await flushMacrotask();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      stopWatching();
    }
  });

  it("removes its listener from the signal when the work settles either way", async () => {
    const controller = new AbortController();
    await supervise(async () => 1, { signal: controller.signal });
    await supervise(async () => Promise.reject(new Error("x")), { signal: controller.signal }).catch(() => undefined);
    await supervise(() => 2, { signal: controller.signal });
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it("adopts a foreign thenable", async () => {
    const thenable = { then: (resolve: (value: string) => void) => resolve("adopted") } as PromiseLike<string>;
    await expect(supervise(() => thenable)).resolves.toBe("adopted");
  });

  it("rejects a missing function and a bad signal with TypeErrors naming them", () => {
    expect(() => supervise(undefined as never)).toThrow(/`fn`/);
    expect(() => supervise(() => 1, { signal: "no" as never })).toThrow(/`signal`/);
  });
});
