import { SingleFlight } from "@corral/runtime";
import { afterEach, describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { abortListenerCount, flushMacrotask } from "./manual-clock.js";

/** gate is a promise the test settles by hand, and the signal of the call that awaits it. */
function gate<T>(): {
  fn: (signal: AbortSignal) => Promise<T>;
  calls: AbortSignal[];
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  const calls: AbortSignal[] = [];
  return {
    fn: (signal) => {
      calls.push(signal);
      return promise;
    },
    calls,
    resolve,
    reject,
  };
}

const unhandled = vi.fn();
onUnhandledRejection(unhandled);
afterEach(async () => {
  await flushMacrotask();
  expect(unhandled).not.toHaveBeenCalled();
});

describe("SingleFlight", () => {
  it("like Go's TestDo: returns the value to a lone caller, not shared", async () => {
    const flights = new SingleFlight<string, string>();
    await expect(flights.do("key", async () => "bar")).resolves.toEqual({ value: "bar", shared: false });
    await expect(flights.do("key", () => "sync")).resolves.toEqual({ value: "sync", shared: false });
  });

  it("like Go's TestDoErr: returns the error", async () => {
    const flights = new SingleFlight<string, string>();
    const error = new Error("some error");
    await expect(flights.do("key", async () => Promise.reject(error))).rejects.toBe(error);
    await expect(
      flights.do("key", () => {
        throw error;
      }),
    ).rejects.toBe(error);
  });

  it("like Go's TestDoDupSuppress: concurrent callers of one key share one call and all learn it was shared", async () => {
    const flights = new SingleFlight<string, number>();
    const call = gate<number>();
    const callers = Array.from({ length: 10 }, () => flights.do("key", call.fn));
    expect(call.calls).toHaveLength(1);
    expect(flights.size).toBe(1);
    call.resolve(42);
    for (const result of await Promise.all(callers)) expect(result).toEqual({ value: 42, shared: true });
    expect(flights.size).toBe(0);
  });

  it("calls again once the call in flight has settled, and never shares across keys", async () => {
    const flights = new SingleFlight<string, string>();
    const work = vi.fn(async () => "fresh");
    const [first, other] = await Promise.all([flights.do("a", work), flights.do("b", work)]);
    expect(first).toEqual({ value: "fresh", shared: false });
    expect(other).toEqual({ value: "fresh", shared: false });
    await flights.do("a", work);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it("delivers one error to every waiter", async () => {
    const flights = new SingleFlight<string, number>();
    const call = gate<number>();
    const waiters = [flights.do("key", call.fn), flights.do("key", call.fn), flights.do("key", call.fn)];
    const error = new Error("shared failure");
    call.reject(error);
    for (const waiter of waiters) await expect(waiter).rejects.toBe(error);
  });

  it("like Go's TestForget: the next caller starts a new call, earlier waiters keep the old one", async () => {
    const flights = new SingleFlight<string, string>();
    const old = gate<string>();
    const fresh = gate<string>();
    const early = flights.do("key", old.fn);
    flights.forget("key");
    const late = expect(flights.do("key", fresh.fn)).resolves.toEqual({ value: "fresh", shared: true });
    const joiner = expect(flights.do("key", old.fn)).resolves.toEqual({ value: "fresh", shared: true });
    expect(old.calls).toHaveLength(1);
    expect(fresh.calls).toHaveLength(1);
    old.resolve("old");
    await expect(early).resolves.toEqual({ value: "old", shared: false });
    // The old call settling must not evict the new one.
    expect(flights.size).toBe(1);
    fresh.resolve("fresh");
    await late;
    await joiner;
  });

  it("lets one caller stop waiting without cancelling the call for the others", async () => {
    const flights = new SingleFlight<string, string>();
    const call = gate<string>();
    const leaving = new AbortController();
    const left = flights.do("key", call.fn, { signal: leaving.signal });
    const staying = expect(flights.do("key", call.fn)).resolves.toEqual({ value: "value", shared: true });
    leaving.abort("not interested");
    await expect(left).rejects.toBe("not interested");
    expect(call.calls[0]?.aborted).toBe(false);
    call.resolve("value");
    await staying;
  });

  it("aborts the call with the last caller's reason when every caller has gone, and frees the key", async () => {
    const flights = new SingleFlight<string, string>();
    const call = gate<string>();
    const first = new AbortController();
    const second = new AbortController();
    const waiting = [
      flights.do("key", call.fn, { signal: first.signal }),
      flights.do("key", call.fn, { signal: second.signal }),
    ];
    first.abort("first gone");
    expect(call.calls[0]?.aborted).toBe(false);
    second.abort("second gone");
    await expect(waiting[0]).rejects.toBe("first gone");
    await expect(waiting[1]).rejects.toBe("second gone");
    expect(call.calls[0]?.reason).toBe("second gone");
    expect(flights.size).toBe(0);
    const next = gate<string>();
    const again = flights.do("key", next.fn);
    expect(next.calls).toHaveLength(1);
    next.resolve("again");
    await expect(again).resolves.toEqual({ value: "again", shared: false });
    // The abandoned call fails after everyone left: observed, never unhandled (checked after each test).
    call.reject(call.calls[0]?.reason);
  });

  it("rejects at once for an already-aborted signal, neither calling fn nor joining", async () => {
    const flights = new SingleFlight<string, string>();
    const work = vi.fn(async () => "never");
    await expect(flights.do("key", work, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(work).not.toHaveBeenCalled();
    const call = gate<string>();
    const running = expect(flights.do("key", call.fn)).resolves.toEqual({ value: "alone", shared: false });
    await expect(flights.do("key", call.fn, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    call.resolve("alone");
    await running;
  });

  it("removes each caller's listener when the call settles", async () => {
    const flights = new SingleFlight<string, number>();
    const controller = new AbortController();
    await Promise.all([
      flights.do("key", async () => 1, { signal: controller.signal }),
      flights.do("key", async () => 1, { signal: controller.signal }),
    ]);
    await flights.do("key", async () => Promise.reject(new Error("x")), { signal: controller.signal }).catch(() => 0);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it("leaves a long-lived signal's listener count where it started after 100,000 calls", async () => {
    const flights = new SingleFlight<number, number>();
    const controller = new AbortController();
    const before = abortListenerCount(controller.signal);
    for (let index = 0; index < 100_000; index++) {
      await flights.do(index % 10, async () => index, { signal: controller.signal });
    }
    expect(abortListenerCount(controller.signal)).toBe(before);
    expect(flights.size).toBe(0);
  });

  it("rejects a missing fn and a bad signal with TypeErrors naming them", () => {
    const flights = new SingleFlight<string, string>();
    expect(() => flights.do("key", undefined as never)).toThrow(/`fn`/);
    expect(() => flights.do("key", async () => "x", { signal: 1 as never })).toThrow(/`signal`/);
  });
});
