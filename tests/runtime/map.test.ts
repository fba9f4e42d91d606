import { map, mapSettled } from "@corral/runtime";
import { describe, expect, expectTypeOf, it } from "./harness.js";
import { deferred, failOnUnhandledRejections, settledState, ticks, untilAborted } from "./groups-helpers.js";
import { abortListenerCount } from "./manual-clock.js";

failOnUnhandledRejections();

function* range(count: number): Generator<number> {
  for (let index = 0; index < count; index++) yield index;
}

async function* asyncRange(count: number): AsyncGenerator<number> {
  for (let index = 0; index < count; index++) yield index;
}

/** lazySource counts pulls against completions, recording the most items ever pulled ahead. */
function lazySource(count: number): { items: Generator<number>; complete: () => void; readonly mostAhead: number } {
  let pulled = 0;
  let completed = 0;
  let mostAhead = 0;
  function* items(): Generator<number> {
    for (let index = 0; index < count; index++) {
      pulled++;
      mostAhead = Math.max(mostAhead, pulled - completed);
      yield index;
    }
  }
  return {
    items: items(),
    complete: () => void completed++,
    get mostAhead() {
      return mostAhead;
    },
  };
}

describe("map", () => {
  it("resolves with the results in input order although calls finish out of order", async () => {
    const double = async (item: number) => {
      await ticks(10 - item);
      return item * 2;
    };
    const expected = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];
    expect(await map([...range(10)], double, { concurrency: 3 })).toEqual(expected);
    expect(await map(new Set(range(10)), double, { concurrency: 3 })).toEqual(expected);
    expect(await map(range(10), double, { concurrency: 3 })).toEqual(expected);
    expect(await map(asyncRange(10), double, { concurrency: 3 })).toEqual(expected);
    expect(await map([], double)).toEqual([]);
    expect(await map(asyncRange(0), double)).toEqual([]);
  });

  it("calls fn with the item, its index and the run's signal, accepting plain values", async () => {
    const calls: [string, number, boolean][] = [];
    const results = await map(["a", "b"], (item, index, signal) => {
      calls.push([item, index, signal instanceof AbortSignal]);
      return item.toUpperCase();
    });
    expect(results).toEqual(["A", "B"]);
    expect(calls).toEqual([
      ["a", 0, true],
      ["b", 1, true],
    ]);
  });

  it("keeps at most `concurrency` calls in flight, 16 by default, and Infinity starts everything", async () => {
    for (const [concurrency, expected] of [
      [3, 3],
      [undefined, 16],
      [Number.POSITIVE_INFINITY, 100],
    ] as const) {
      let active = 0;
      let mostActive = 0;
      await map(
        range(100),
        async (item) => {
          mostActive = Math.max(mostActive, ++active);
          await ticks(item % 7);
          active--;
        },
        { concurrency },
      );
      expect(mostActive).toBe(expected);
    }
  });

  it("pulls a generator of a million items lazily: never more than `concurrency` items ahead of completion", async () => {
    const source = lazySource(1_000_000);
    const results = await map(
      source.items,
      async (item) => {
        await Promise.resolve();
        source.complete();
        return item;
      },
      { concurrency: 16 },
    );
    expect(results.length).toBe(1_000_000);
    expect(results[999_999]).toBe(999_999);
    expect(source.mostAhead).toBe(16);
  });

  it("pulls an async iterable lazily too, one item per free slot", async () => {
    let pulled = 0;
    let completed = 0;
    let mostAhead = 0;
    const source = (async function* () {
      for (let index = 0; index < 1_000; index++) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - completed);
        yield index;
      }
    })();
    await map(
      source,
      async (item) => {
        await ticks(20 + (item % 3));
        completed++;
      },
      { concurrency: 4 },
    );
    expect(pulled).toBe(1_000);
    expect(mostAhead).toBe(4);
  });

  it("on the first failure aborts in-flight calls' signal, starts nothing new, and rejects once they settled", async () => {
    const failure = new Error("item 2 failed");
    const started: number[] = [];
    const slowSettled = deferred();
    const run = map(
      range(100),
      async (item, _index, signal) => {
        started.push(item);
        if (item === 2) throw failure;
        await untilAborted(signal).catch(() => undefined);
        if (item === 0) await slowSettled.promise;
        return item;
      },
      { concurrency: 3 },
    );
    expect(await settledState(run)).toBe("pending");
    slowSettled.resolve();
    await expect(run).rejects.toBe(failure);
    expect(started).toEqual([0, 1, 2]);
  });

  it("counts a synchronous throw in fn as a failure", async () => {
    const thrown = new Error("thrown");
    const run = map([1, 2, 3], (item) => {
      if (item === 2) throw thrown;
      return item;
    });
    await expect(run).rejects.toBe(thrown);
  });

  it("closes a half-read generator on failure, so its finally runs", async () => {
    const closed: string[] = [];
    const synchronous = (function* () {
      try {
        yield* range(100);
      } finally {
        closed.push("sync");
      }
    })();
    const asynchronous = (async function* () {
      try {
        yield* range(100);
      } finally {
        closed.push("async");
      }
    })();
    const failOnFive = async (item: number) => {
      if (item === 5) throw new Error("five");
      return item;
    };
    await expect(map(synchronous, failOnFive, { concurrency: 2 })).rejects.toThrow("five");
    // One worker, so no pull is pending at the failure: map then waits for return(), and the
    // finally has run when it rejects. (With a pull pending it calls return() without waiting:
    // map-channel.test.ts.)
    await expect(map(asynchronous, failOnFive, { concurrency: 1 })).rejects.toThrow("five");
    expect(closed).toEqual(["sync", "async"]);
  });

  it("rejects with the source's own error when the iterable throws", async () => {
    const broken = new Error("source broke");
    const source = (function* () {
      yield 1;
      throw broken;
    })();
    const asyncSource = (async function* () {
      yield 1;
      throw broken;
    })();
    await expect(map(source, async (item) => item)).rejects.toBe(broken);
    await expect(mapSettled(asyncSource, async (item) => item)).rejects.toBe(broken);
  });

  it("rejects, rather than hanging with a rejection unhandled, when the source itself misbehaves", async () => {
    const notAStep = { [Symbol.asyncIterator]: () => ({ next: async () => undefined as unknown as IteratorResult<number> }) };
    await expect(map(notAStep, async (item) => item)).rejects.toBeInstanceOf(TypeError);
    const badIndex = new Error("bad index");
    const trappedArray = new Proxy([1, 2, 3], {
      get: (target, key, receiver) => {
        if (key === "1") throw badIndex;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    await expect(mapSettled(trappedArray, async (item) => item, { concurrency: 1 })).rejects.toBe(badIndex);
    // Closing a half-read source is secondary: its own failure does not replace the task's.
    const failingReturn = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ value: 1, done: false }),
        return: async (): Promise<IteratorResult<number>> => {
          throw new Error("return broke");
        },
      }),
    };
    const taskFailure = new Error("task failed");
    await expect(map(failingReturn, async () => Promise.reject(taskFailure), { concurrency: 1 })).rejects.toBe(taskFailure);
  });

  it("rejects with the signal's reason on an external abort, after the calls in flight settled", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const cancelled = expect(
      map(
        range(100),
        (item, _index, signal) => {
          started.push(item);
          return untilAborted(signal);
        },
        { concurrency: 2, signal: controller.signal },
      ),
    ).rejects.toBe("cancelled by caller");
    await ticks(3);
    controller.abort("cancelled by caller");
    await cancelled;
    expect(started).toEqual([0, 1]);
  });

  it("with an already-aborted signal rejects at once without pulling the source or calling fn", async () => {
    let pulled = false;
    const source = (function* () {
      pulled = true;
      yield 1;
    })();
    const fn = () => {
      throw new Error("must not run");
    };
    await expect(map(source, fn, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    await expect(mapSettled([1], fn, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(pulled).toBe(false);
  });

  it("throws a TypeError naming the argument on invalid arguments, before pulling anything", () => {
    for (const concurrency of [0, -1, Number.NaN, 1.5, "2"]) {
      expect(() => map([1], (item) => item, { concurrency: concurrency as number })).toThrow(/`concurrency`/);
    }
    expect(() => map([1], (item) => item, { concurrency: 0 })).toThrow(TypeError);
    for (const input of [null, undefined, 42, {}]) {
      expect(() => map(input as never, (item) => item)).toThrow(/`input`/);
    }
    expect(() => map([1], "fn" as never)).toThrow(/`fn`/);
    expect(() => mapSettled([1], (item) => item, { signal: "no" as never })).toThrow(/`signal`/);
  });

  it("has the types of Promise.all and Promise.allSettled over xs.map(fn)", () => {
    const items = [1, 2];
    const fn = async (item: number) => String(item);
    const viaAll = () => Promise.all(items.map(fn));
    const viaAllSettled = () => Promise.allSettled(items.map(fn));
    expectTypeOf(map(items, fn)).toEqualTypeOf<ReturnType<typeof viaAll>>();
    expectTypeOf(mapSettled(items, fn)).toEqualTypeOf<ReturnType<typeof viaAllSettled>>();
    expectTypeOf(mapSettled(items, fn)).toEqualTypeOf<Promise<PromiseSettledResult<string>[]>>();
  });
});

describe("mapSettled", () => {
  it("records every outcome in input order, exactly like Promise.allSettled over xs.map(fn)", async () => {
    const fn = async (item: number) => {
      await ticks(item % 3);
      if (item % 2) throw new Error(`odd ${item}`);
      return item;
    };
    const items = [...range(9)];
    expect(await mapSettled(items, fn, { concurrency: 2 })).toEqual(await Promise.allSettled(items.map(fn)));
  });

  it("rejects with the signal's reason when aborted, never for a task's failure", async () => {
    const controller = new AbortController();
    const run = mapSettled(range(10), (_item, _index, signal) => untilAborted(signal), {
      concurrency: 2,
      signal: controller.signal,
    });
    controller.abort("stop");
    await expect(run).rejects.toBe("stop");
  });
});

describe("map failures and leaks", () => {
  it("every failure reaches exactly one place: the first rejects map, later ones are dropped unreported", async () => {
    const first = new Error("first");
    let laterFailures = 0;
    const run = map(
      range(10),
      async (item, _index, signal) => {
        if (item === 9) throw first;
        await untilAborted(signal).catch(() => undefined);
        laterFailures++;
        throw new Error(`later ${item}`);
      },
      { concurrency: 10 },
    );
    await expect(run).rejects.toBe(first);
    expect(laterFailures).toBe(9);
  });

  it("100,000 runs linked to one long-lived signal leave its listener count unchanged", async () => {
    const controller = new AbortController();
    const before = abortListenerCount(controller.signal);
    const options = { concurrency: 2, signal: controller.signal };
    for (let index = 0; index < 50_000; index++) {
      await map([index, index], async (item) => item, options);
      await mapSettled([index], (item) => {
        if (item % 2) throw new Error("odd");
        return item;
      }, options);
    }
    await expect(map([1], async () => Promise.reject(new Error("no")), options)).rejects.toThrow("no");
    expect(abortListenerCount(controller.signal)).toBe(before);
  });
});
