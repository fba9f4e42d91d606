import { Semaphore } from "@corral/runtime";
import { describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { abortListenerCount, flushMacrotask } from "./manual-clock.js";

type Outcome = { state: "pending" } | { state: "fulfilled" } | { state: "rejected"; reason: unknown };

/** watch records how `promise` settles, so a test can look without awaiting it. */
function watch(promise: Promise<unknown>): { readonly outcome: Outcome } {
  const watched: { outcome: Outcome } = { outcome: { state: "pending" } };
  promise.then(
    () => (watched.outcome = { state: "fulfilled" }),
    (reason: unknown) => (watched.outcome = { state: "rejected", reason }),
  );
  return watched;
}

/** acquireBeforeAbort is Go's tryAcquire-with-a-short-context: it fails unless granted before the abort. */
async function acquireBeforeAbort(semaphore: Semaphore, n: number): Promise<boolean> {
  const controller = new AbortController();
  const granted = semaphore.acquire(n, { signal: controller.signal }).then(
    () => true,
    () => false,
  );
  await flushMacrotask();
  controller.abort();
  return granted;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("Semaphore", () => {
  it("like Go's TestWeighted: hammered with mixed weights, it never grants more than its size", async () => {
    const size = 8;
    const semaphore = new Semaphore(size);
    const random = seededRandom(7);
    let held = 0;
    let mostHeld = 0;
    const hammer = async (weight: number): Promise<void> => {
      for (let loop = 0; loop < 300; loop++) {
        await semaphore.acquire(weight);
        held += weight;
        mostHeld = Math.max(mostHeld, held);
        for (let pause = Math.floor(random() * 4); pause > 0; pause--) await Promise.resolve();
        held -= weight;
        semaphore.release(weight);
      }
    };
    await Promise.all(Array.from({ length: size }, (_, index) => hammer(index + 1)));
    expect(mostHeld).toBeLessThanOrEqual(size);
    expect(mostHeld).toBeGreaterThan(1);
    expect(semaphore.available).toBe(size);
    expect(semaphore.waiting).toBe(0);
  });

  it("like Go's TestWeightedPanic: releasing permits never acquired throws 'released more than held'", () => {
    const semaphore = new Semaphore(1);
    expect(() => semaphore.release(1)).toThrow(TypeError);
    expect(() => semaphore.release(1)).toThrow(/`n`.*semaphore: released more than held/);
    semaphore.tryAcquire(1);
    expect(() => semaphore.release(2)).toThrow(/released more than held/);
    expect(semaphore.available).toBe(0);
  });

  it("like Go's TestWeightedTryAcquire: tryAcquire takes free permits and never blocks", async () => {
    const semaphore = new Semaphore(2);
    const tries: boolean[] = [];
    await semaphore.acquire(1);
    tries.push(semaphore.tryAcquire(1), semaphore.tryAcquire(1));
    semaphore.release(2);
    tries.push(semaphore.tryAcquire(1));
    await semaphore.acquire(1);
    tries.push(semaphore.tryAcquire(1));
    expect(tries).toEqual([true, false, true, false]);
  });

  it("like Go's TestWeightedAcquire: an acquire not granted before its signal aborts fails", async () => {
    const semaphore = new Semaphore(2);
    const tries: boolean[] = [];
    await semaphore.acquire(1);
    tries.push(await acquireBeforeAbort(semaphore, 1), await acquireBeforeAbort(semaphore, 1));
    semaphore.release(2);
    tries.push(await acquireBeforeAbort(semaphore, 1));
    await semaphore.acquire(1);
    tries.push(await acquireBeforeAbort(semaphore, 1));
    expect(tries).toEqual([true, false, true, false]);
    expect(semaphore.waiting).toBe(0);
  });

  it("like Go's TestWeightedDoesntBlockIfTooBig: a request above the size throws instead of blocking forever", async () => {
    const semaphore = new Semaphore(2);
    expect(() => semaphore.acquire(3)).toThrow(TypeError);
    expect(() => semaphore.acquire(3)).toThrow(/`n`.*at most the semaphore's size 2, got 3/);
    expect(() => semaphore.tryAcquire(3)).toThrow(/`n`/);
    expect(semaphore.waiting).toBe(0);
    const workers = Array.from({ length: 6 }, async () => {
      await semaphore.acquire(1);
      await flushMacrotask();
      semaphore.release(1);
    });
    await expect(Promise.all(workers)).resolves.toBeDefined();
    expect(semaphore.available).toBe(2);
  });

  it("like Go's TestLargeAcquireDoesntStarve: small acquirers cycling permits cannot starve a large one", async () => {
    const size = 4;
    const semaphore = new Semaphore(size);
    let running = true;
    let cyclesAfterLargeQueued = 0;
    let largeQueued = false;
    const workers = Array.from({ length: size }, async () => {
      await semaphore.acquire(1);
      while (running) {
        await flushMacrotask();
        if (largeQueued) cyclesAfterLargeQueued++;
        semaphore.release(1);
        await semaphore.acquire(1);
      }
      semaphore.release(1);
    });
    await flushMacrotask();
    const large = semaphore.acquire(size);
    largeQueued = true;
    await large;
    running = false;
    semaphore.release(size);
    await Promise.all(workers);
    // Each worker gives its permit back once more and then queues behind the large request.
    expect(cyclesAfterLargeQueued).toBeLessThanOrEqual(size);
    expect(semaphore.available).toBe(size);
  });

  it("like Go's TestAllocCancelDoesntStarve: when an aborted head leaves, the waiters behind it that fit proceed", async () => {
    const semaphore = new Semaphore(10);
    await semaphore.acquire(1);
    const controller = new AbortController();
    const writer = watch(semaphore.acquire(10, { signal: controller.signal }));
    const reader = watch(semaphore.acquire(1));
    await flushMacrotask();
    expect(reader.outcome.state).toBe("pending");
    controller.abort();
    await flushMacrotask();
    expect(writer.outcome.state).toBe("rejected");
    expect(reader.outcome.state).toBe("fulfilled");
    expect(semaphore.available).toBe(8);
  });

  it("serves waiters in arrival order, and a large head holds back later small ones that would fit", async () => {
    const semaphore = new Semaphore(3);
    await semaphore.acquire(3);
    const large = watch(semaphore.acquire(3));
    const small = watch(semaphore.acquire(1));
    semaphore.release(2);
    await flushMacrotask();
    expect([large.outcome, small.outcome]).toEqual([{ state: "pending" }, { state: "pending" }]);
    expect(semaphore.tryAcquire(1)).toBe(false);
    semaphore.release(1);
    await flushMacrotask();
    expect([large.outcome, small.outcome]).toEqual([{ state: "fulfilled" }, { state: "pending" }]);
    semaphore.release(3);
    await flushMacrotask();
    expect(small.outcome).toEqual({ state: "fulfilled" });
    expect(semaphore.available).toBe(2);
  });

  it("takes permits synchronously when they are free, before the returned promise settles", async () => {
    const semaphore = new Semaphore(3);
    const acquired = semaphore.acquire(2);
    expect(semaphore.available).toBe(1);
    expect(semaphore.waiting).toBe(0);
    await acquired;
  });

  it("rejects with the signal's own reason, at once and taking nothing when it already aborted", async () => {
    const semaphore = new Semaphore(1);
    const reason = new Error("stop");
    await expect(semaphore.acquire(1, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(semaphore.available).toBe(1);
    semaphore.tryAcquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(1, { signal: controller.signal });
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(semaphore.waiting).toBe(0);
    expect(semaphore.available).toBe(0);
  });

  it("an aborted waiter behind the head wakes nobody; the rest keep their places", async () => {
    const semaphore = new Semaphore(2);
    await semaphore.acquire(2);
    const controller = new AbortController();
    const head = watch(semaphore.acquire(2));
    const middle = watch(semaphore.acquire(1, { signal: controller.signal }));
    const tail = watch(semaphore.acquire(1));
    controller.abort();
    semaphore.release(1);
    await flushMacrotask();
    expect([head.outcome.state, middle.outcome.state, tail.outcome.state]).toEqual(["pending", "rejected", "pending"]);
    semaphore.release(1);
    await flushMacrotask();
    expect([head.outcome.state, tail.outcome.state]).toEqual(["fulfilled", "pending"]);
  });

  it("a waiter granted before its signal aborts keeps its permits, and its listener is gone", async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(1, { signal: controller.signal });
    expect(abortListenerCount(controller.signal)).toBe(1);
    semaphore.release();
    expect(abortListenerCount(controller.signal)).toBe(0);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect(semaphore.available).toBe(0);
  });

  it("leak-free: 100,000 waiters on one long-lived signal hold one listener, and when it aborts leave no queue", async () => {
    const unhandled = vi.fn();
    const stopWatching = onUnhandledRejection(unhandled);
    try {
      const semaphore = new Semaphore(1);
      const longLived = new AbortController();
      const before = abortListenerCount(longLived.signal);
      await semaphore.acquire();
      const served = Array.from({ length: 100_000 }, () => semaphore.acquire(1, { signal: longLived.signal }).then(() => semaphore.release()));
      expect(abortListenerCount(longLived.signal)).toBe(before + 1);
      semaphore.release();
      await Promise.all(served);
      expect(abortListenerCount(longLived.signal)).toBe(before);

      await semaphore.acquire();
      const aborted = Array.from({ length: 100_000 }, () => semaphore.acquire(1, { signal: longLived.signal }).catch(() => "aborted"));
      longLived.abort();
      expect([semaphore.waiting, abortListenerCount(longLived.signal)]).toEqual([0, 0]);
      expect(new Set(await Promise.all(aborted))).toEqual(new Set(["aborted"]));
      semaphore.release();
      expect(semaphore.available).toBe(1);
      await flushMacrotask();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      stopWatching();
    }
  });

  it("waiters with signals of their own each leave at once when theirs aborts, and release their listener", async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controllers = Array.from({ length: 1_000 }, () => new AbortController());
    const waiting = controllers.map((controller) => watch(semaphore.acquire(1, { signal: controller.signal })));
    for (const [index, controller] of controllers.entries()) if (index % 2 === 1) controller.abort();
    expect(semaphore.waiting).toBe(500);
    expect(controllers.every((controller) => abortListenerCount(controller.signal) === (controller.signal.aborted ? 0 : 1))).toBe(true);
    for (let index = 0; index < 500; index++) semaphore.release();
    await flushMacrotask();
    expect(waiting.map((watched) => watched.outcome.state)).toEqual(controllers.map((_, index) => (index % 2 === 1 ? "rejected" : "fulfilled")));
    expect(controllers.every((controller) => abortListenerCount(controller.signal) === 0)).toBe(true);
  });

  it("an infinite size grants every request", async () => {
    const semaphore = new Semaphore(Number.POSITIVE_INFINITY);
    await semaphore.acquire(1_000_000);
    expect(semaphore.tryAcquire(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(semaphore.available).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([0, -1, 1.5, Number.NaN, "2", undefined])("rejects size %s with a TypeError naming `size`", (size) => {
    expect(() => new Semaphore(size as number)).toThrow(TypeError);
    expect(() => new Semaphore(size as number)).toThrow(/`size`/);
  });

  it.each([0, -1, 1.5, Number.NaN, "1", null])("rejects n = %s in acquire, tryAcquire and release with a TypeError naming `n`", (n) => {
    const semaphore = new Semaphore(2);
    for (const call of [() => semaphore.acquire(n as number), () => semaphore.tryAcquire(n as number), () => semaphore.release(n as number)]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(/`n`/);
    }
    expect(() => semaphore.acquire(1, { signal: "nope" as unknown as AbortSignal })).toThrow(/`signal`/);
    expect(semaphore.available).toBe(2);
  });
});

describe("Semaphore.run", () => {
  it("holds n permits while fn runs and releases them when it returns, throws or rejects", async () => {
    const semaphore = new Semaphore(3);
    await expect(semaphore.run(2, () => semaphore.available)).resolves.toBe(1);
    expect(semaphore.available).toBe(3);
    await expect(
      semaphore.run(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    await expect(semaphore.run(3, () => Promise.reject(new Error("async")))).rejects.toThrow("async");
    expect(semaphore.available).toBe(3);
  });

  it("starts fn synchronously when permits are free, and queues it behind others when not", async () => {
    const semaphore = new Semaphore(1);
    const started: string[] = [];
    let finishFirst = (): void => {};
    const first = semaphore.run(() => new Promise<void>((resolve) => ((finishFirst = resolve), started.push("first"))));
    const second = semaphore.run(() => void started.push("second"));
    expect(started).toEqual(["first"]);
    finishFirst();
    await Promise.all([first, second]);
    expect(started).toEqual(["first", "second"]);
  });

  it("never runs fn when the signal aborts before permits are granted", async () => {
    const semaphore = new Semaphore(1);
    semaphore.tryAcquire();
    const controller = new AbortController();
    const fn = vi.fn();
    const running = semaphore.run(fn, { signal: controller.signal });
    controller.abort(new Error("gone"));
    await expect(running).rejects.toThrow("gone");
    semaphore.release();
    await flushMacrotask();
    expect(fn).not.toHaveBeenCalled();
    expect(semaphore.available).toBe(1);
    expect(() => semaphore.run("not a function" as unknown as () => void)).toThrow(/`fn`/);
  });
});
