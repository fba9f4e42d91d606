import { describe, expect, it } from "./harness.js";
import { Channel } from "../../runtime/channel.js";
import { fanIn, fanOut } from "../../runtime/fan.js";
import { abortListeners, collect, flush, track } from "./channel-helpers.js";
import { failOnUnhandledRejections } from "./groups-helpers.js";

/** ManualSource is an async iterable whose steps the test settles one by one. */
class ManualSource<T> implements AsyncIterable<T> {
  readonly pulls: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  pullCount = 0;
  returnCount = 0;
  returnError: unknown;

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        this.pullCount++;
        return new Promise((resolve, reject) => this.pulls.push({ resolve, reject }));
      },
      return: () => {
        this.returnCount++;
        return this.returnError === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(this.returnError);
      },
    };
  }

  yield(value: T): void {
    this.pulls.shift()?.resolve({ value, done: false });
  }

  end(): void {
    this.pulls.shift()?.resolve({ value: undefined, done: true });
  }

  fail(error: unknown): void {
    this.pulls.shift()?.reject(error);
  }
}

async function* count(from: number, to: number, onFinally?: () => void): AsyncGenerator<number> {
  try {
    for (let value = from; value <= to; value++) yield value;
  } finally {
    onFinally?.();
  }
}

failOnUnhandledRejections();

describe("fanIn", () => {
  it("merges channels and async iterables and ends when every source ends, like Go's merge pattern", async () => {
    const channel = new Channel<number>(2);
    const produce = async (): Promise<void> => {
      for (const value of [100, 101, 102]) await channel.send(value);
      channel.close();
    };
    const [, merged] = await Promise.all([produce(), collect(fanIn(channel, count(1, 3), count(10, 12)))]);
    expect([...merged].sort((left, right) => left - right)).toEqual([1, 2, 3, 10, 11, 12, 100, 101, 102]);
    for (const source of [[1, 2, 3], [10, 11, 12], [100, 101, 102]]) {
      expect(merged.filter((value) => source.includes(value))).toEqual(source);
    }
  });

  it("ends at once with no sources, and when its channels are all closed", async () => {
    expect(await collect(fanIn())).toEqual([]);
    const closed = new Channel<number>();
    closed.close();
    expect(await collect(fanIn(closed))).toEqual([]);
  });

  it("yields from a fast source while a slow one has nothing yet", async () => {
    const slow = new ManualSource<string>();
    const merged = fanIn(slow, count(1, 2));
    await expect(merged.next()).resolves.toEqual({ value: 1, done: false });
    await expect(merged.next()).resolves.toEqual({ value: 2, done: false });
    const third = track(merged.next());
    await flush();
    expect(third.state).toBe("pending");
    slow.yield("late");
    await flush();
    expect(third.value).toEqual({ value: "late", done: false });
    const last = merged.next();
    slow.end();
    await expect(last).resolves.toEqual({ value: undefined, done: true });
  });

  it("never takes a channel value it does not deliver: after break the rest stay in the channels", async () => {
    const left = new Channel<number>(3);
    const right = new Channel<number>(3);
    for (const value of [1, 2, 3]) {
      left.trySend(value);
      right.trySend(value * 10);
    }
    let delivered = 0;
    for await (const _ of fanIn(left, right)) if (++delivered === 2) break;
    expect(left.length + right.length).toBe(4);
  });

  it("reads an async iterable only on demand, at most one value ahead", async () => {
    const source = new ManualSource<number>();
    const merged = fanIn(source);
    await flush();
    expect(source.pullCount).toBe(0);
    const first = merged.next();
    source.yield(1);
    await expect(first).resolves.toEqual({ value: 1, done: false });
    await flush();
    expect(source.pullCount).toBe(1);
  });

  it("reports a source's error after the values already received, closes the other sources, drops nothing", async () => {
    const failing = new ManualSource<number>();
    let otherClosed = false;
    const merged = fanIn(failing, count(1, 1000, () => (otherClosed = true)));
    const seen: number[] = [(await merged.next()).value as number];
    failing.fail(new Error("source broke"));
    await expect(
      (async () => {
        for (let step = await merged.next(); !step.done; step = await merged.next()) seen.push(step.value);
      })(),
    ).rejects.toThrow("source broke");
    // A pull already in flight when the error arrived is still delivered, after the error.
    for (let step = await merged.next(); !step.done; step = await merged.next()) seen.push(step.value);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => index + 1));
    expect(seen.length).toBeLessThan(1000);
    expect(otherClosed).toBe(true);
  });

  it("abort rejects the waiting next with signal.reason and closes every source", async () => {
    const controller = new AbortController();
    const source = new ManualSource<number>();
    const channel = new Channel<number>();
    const merged = fanIn(source, channel, { signal: controller.signal });
    const waiting = track(merged.next());
    await flush();
    controller.abort("stop");
    await flush();
    expect(waiting.error).toBe("stop");
    expect(channel.trySend(1)).toBe(false);
    source.end();
    await flush();
    expect(source.returnCount).toBe(0);
    await expect(merged.next()).rejects.toBe("stop");
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it("after an abort, a value already in flight is still yielded before the abort is reported", async () => {
    const controller = new AbortController();
    const source = new ManualSource<string>();
    const merged = fanIn(source, { signal: controller.signal });
    const waiting = track(merged.next());
    controller.abort("stop");
    source.yield("in flight");
    await flush();
    expect(waiting.error).toBe("stop");
    await expect(merged.next()).resolves.toEqual({ value: "in flight", done: false });
    await expect(merged.next()).rejects.toBe("stop");
    expect(source.returnCount).toBe(1);
  });

  it("an already-aborted signal rejects at once and touches no source", async () => {
    const source = new ManualSource<number>();
    const merged = fanIn(source, { signal: AbortSignal.abort("early") });
    await expect(merged.next()).rejects.toBe("early");
    expect(source.pullCount + source.returnCount).toBe(0);
  });

  it("break closes every source iterator and waits until they are closed", async () => {
    let closed = 0;
    async function* slowToClose(): AsyncGenerator<number> {
      try {
        for (let value = 0; ; value++) yield value;
      } finally {
        await flush();
        closed++;
      }
    }
    for await (const value of fanIn(slowToClose(), slowToClose())) if (value >= 3) break;
    expect(closed).toBe(2);
  });

  it("return rejects with an error a source threw while closing", async () => {
    const source = new ManualSource<number>();
    source.returnError = new Error("close failed");
    const merged = fanIn(source);
    const first = merged.next();
    source.yield(1);
    await first;
    await expect(merged.return?.()).rejects.toThrow("close failed");
  });

  it("leaves no listener on a long-lived signal after 1,000 merges end", async () => {
    const signal = new AbortController().signal;
    for (let round = 0; round < 1_000; round++) await collect(fanIn(count(1, 2), { signal }));
    expect(abortListeners(signal)).toBe(0);
  });

  it("rejects sources and options of the wrong kind with a TypeError naming them", () => {
    expect(() => fanIn(count(1, 2), 5 as never)).toThrow(/`options`/);
    expect(() => fanIn([1, 2] as never, count(1, 2))).toThrow(/`sources\[0\]`/);
    expect(() => fanIn(count(1, 2), { signal: "no" as never })).toThrow(/`signal`/);
  });
});

describe("fanOut", () => {
  it("gives each value to exactly one branch, whichever asks first", async () => {
    let closed = false;
    const branches = fanOut(count(1, 30, () => (closed = true)), 3);
    const received = await Promise.all(branches.map(async (branch) => collect(branch)));
    expect(received.flat().sort((left, right) => left - right)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    for (const values of received) expect(values).toEqual([...values].sort((left, right) => left - right));
    expect(closed).toBe(true);
  });

  it("over a channel, branches are plain receivers: a stopped branch takes nothing more", async () => {
    const channel = new Channel<number>(4);
    for (const value of [1, 2, 3, 4]) channel.trySend(value);
    const [first, second] = fanOut(channel, 2);
    await expect(first?.next()).resolves.toEqual({ value: 1, done: false });
    await first?.return?.();
    await expect(second?.next()).resolves.toEqual({ value: 2, done: false });
    expect(channel.length).toBe(2);
  });

  it("a branch that stops early leaves the others running; the source closes with the last branch", async () => {
    const source = new ManualSource<number>();
    const [first, second] = fanOut(source, 2) as [AsyncIterableIterator<number>, AsyncIterableIterator<number>];
    await first.return?.();
    expect(source.returnCount).toBe(0);
    const next = second.next();
    source.yield(7);
    await expect(next).resolves.toEqual({ value: 7, done: false });
    await second.return?.();
    expect(source.returnCount).toBe(1);
  });

  it("a value pulled for a branch that left meanwhile goes to the next branch that asks", async () => {
    const source = new ManualSource<string>();
    const [first, second] = fanOut(source, 2) as [AsyncIterableIterator<string>, AsyncIterableIterator<string>];
    const [abandoned] = await Promise.all([first.next(), first.return?.()]);
    expect(abandoned).toEqual({ value: undefined, done: true });
    source.yield("kept");
    await flush();
    await expect(second.next()).resolves.toEqual({ value: "kept", done: false });
  });

  it("throws a source error to every branch once, then ends them", async () => {
    const source = new ManualSource<number>();
    const branches = fanOut(source, 2);
    const pending = branches.map((branch) => track(branch.next()));
    source.fail(new Error("broken"));
    await flush();
    expect(pending.map((step) => (step.error as Error).message)).toEqual(["broken", "broken"]);
    for (const branch of branches) await expect(branch.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("abort rejects every branch with signal.reason and closes the source", async () => {
    const controller = new AbortController();
    const source = new ManualSource<number>();
    const branches = fanOut(source, 2, { signal: controller.signal });
    const pending = branches.map((branch) => track(branch.next()));
    controller.abort("halt");
    await flush();
    expect(pending.map((step) => step.error)).toEqual(["halt", "halt"]);
    source.end();
    await flush();
    expect(source.returnCount).toBe(0);
    await expect(branches[0]?.next()).rejects.toBe("halt");
  });

  it("with workers, runs each on its own branch until the source ends", async () => {
    const handled: string[] = [];
    const worker = (name: string) => async (value: number) => {
      await flush();
      handled.push(`${name}:${value}`);
    };
    await fanOut(count(1, 9), [worker("a"), worker("b"), worker("c")]);
    expect(handled.map((entry) => Number(entry.split(":")[1])).sort((left, right) => left - right)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(handled.map((entry) => entry.split(":")[0])).size).toBe(3);
  });

  it("with workers, like errgroup: the first failure aborts the others' signal, starts nothing new and rejects", async () => {
    const started: number[] = [];
    let startedBeforeFailure = 0;
    let abortedSignals = 0;
    const failure = new Error("worker failed");
    const work = async (value: number, signal: AbortSignal): Promise<void> => {
      started.push(value);
      if (value === 2) {
        startedBeforeFailure = started.length;
        throw failure;
      }
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      abortedSignals++;
    };
    await expect(fanOut(count(1, 100), [work, work, work])).rejects.toBe(failure);
    expect(started.length).toBe(startedBeforeFailure);
    expect(started).toContain(1);
    expect(abortedSignals).toBe(started.length - 1);
  });

  it("with workers, a synchronous throw is a failure and an abort rejects with signal.reason", async () => {
    await expect(
      fanOut(count(1, 3), [
        () => {
          throw new Error("sync");
        },
      ]),
    ).rejects.toThrow("sync");
    await expect(fanOut(new Channel<number>(), [() => undefined], { signal: AbortSignal.abort("gone") })).rejects.toBe("gone");
  });

  it("accepts what map accepts: arrays, Sets and sync generators, read one value per request", async () => {
    const [left, right] = fanOut([1, 2, 3, 4, 5], 2) as [AsyncIterableIterator<number>, AsyncIterableIterator<number>];
    expect((await Promise.all([collect(left), collect(right)])).flat().sort()).toEqual([1, 2, 3, 4, 5]);
    const handled: number[] = [];
    await fanOut(new Set([1, 2, 3]), [(value) => void handled.push(value), (value) => void handled.push(value)]);
    expect(handled.sort()).toEqual([1, 2, 3]);
    // Values pass as they are, never awaited: an array of promises yields the promises.
    const promise = Promise.resolve("inner");
    const [only] = fanOut([promise], 1);
    await expect(only?.next()).resolves.toEqual({ value: promise, done: false });
  });

  it("closes a half-read sync generator when the last branch stops, and reports its throw to a branch", async () => {
    const events: string[] = [];
    function* numbers(): Generator<number> {
      try {
        for (let value = 1; ; value++) yield value;
      } finally {
        events.push("closed");
      }
    }
    const branches = fanOut(numbers(), 2);
    for (const branch of branches) {
      for await (const value of branch) if (value >= 2) break;
    }
    expect(events).toEqual(["closed"]);
    function* failing(): Generator<number> {
      yield 1;
      throw new Error("source broke");
    }
    const [branch] = fanOut(failing(), 1);
    await expect(collect(branch as AsyncIterableIterator<number>)).rejects.toThrow("source broke");
  });

  it("rejects a bad count, workers or source with a TypeError naming them", () => {
    expect(() => fanOut(count(1, 2), 0)).toThrow(/`count`/);
    expect(() => fanOut(count(1, 2), [])).toThrow(/`workers.length`/);
    expect(() => fanOut(count(1, 2), ["no" as never])).toThrow(/`workers\[0\]`/);
    expect(() => fanOut(42 as never, 2)).toThrow(/`source`/);
  });
});
