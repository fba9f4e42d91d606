// map over a source whose pull can wait forever: a Channel (Go's worker pool reading a jobs
// channel, the natural port) or an async iterator with a `next` pending. After an abort or a
// failure, map must settle as soon as no call is in flight, pull nothing more, and lose nothing.
import { Channel, map, mapSettled } from "@corral/runtime";
import { describe, expect, it } from "./harness.js";
import { flush, track } from "./channel-helpers.js";
import { deferred, failOnUnhandledRejections, ticks } from "./groups-helpers.js";

failOnUnhandledRejections();

/** pendingIterator is an async iterator whose steps the test settles by hand, counting calls. */
function pendingIterator<T>() {
  const steps: ReturnType<typeof deferred<IteratorResult<T>>>[] = [];
  const counts = { next: 0, return: 0 };
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      counts.next++;
      const step = deferred<IteratorResult<T>>();
      steps.push(step);
      return step.promise;
    },
    return: async () => {
      counts.return++;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { iterator, steps, counts };
}

describe("map over a Channel", () => {
  it("rejects at once on abort while every worker waits to receive, and takes no later value", async () => {
    for (const run of [map, mapSettled]) {
      const jobs = new Channel<number>();
      const controller = new AbortController();
      const handled: number[] = [];
      const result = track<unknown>(run(jobs, (job) => void handled.push(job), { concurrency: 4, signal: controller.signal }));
      await ticks(3);
      controller.abort(new Error("shutting down"));
      await flush();
      expect(result.state).toBe("rejected");
      expect(result.error).toMatchObject({ message: "shutting down" });
      // The dead map's receive was withdrawn: nobody waits, so the value stays with the sender.
      expect(jobs.trySend(1)).toBe(false);
      const later = jobs.receive();
      expect(jobs.trySend(2)).toBe(true);
      expect(await later).toEqual({ value: 2, ok: true });
      expect(handled).toEqual([]);
    }
  });

  it("rejects with a callback's failure while the other workers wait on the channel, and loses no value", async () => {
    const jobs = new Channel<number>();
    const failure = new Error("job 1 failed");
    const started: number[] = [];
    const result = track(
      map(
        jobs,
        async (job) => {
          started.push(job);
          await ticks(2);
          if (job === 1) throw failure;
          return job;
        },
        { concurrency: 3 },
      ),
    );
    await jobs.send(1);
    await flush();
    expect([result.state, result.error]).toEqual(["rejected", failure]);
    expect(jobs.trySend(2)).toBe(false);
    expect(started).toEqual([1]);
  });

  it("waits for the calls in flight, then stops pulling: a buffered value stays in the channel", async () => {
    const jobs = new Channel<number>(4);
    const gate = deferred();
    const controller = new AbortController();
    jobs.trySend(1);
    const result = track(map(jobs, () => gate.promise, { concurrency: 1, signal: controller.signal }));
    await ticks(2);
    jobs.trySend(2);
    controller.abort("stop");
    await flush();
    expect(result.state).toBe("pending");
    gate.resolve();
    await flush();
    expect([result.state, result.error]).toEqual(["rejected", "stop"]);
    expect(jobs.tryReceive()).toEqual({ value: 2, ok: true });
  });

  it("withdraws the other workers' receives at a failure while another call is still finishing (issue 16)", async () => {
    const jobs = new Channel<number>();
    const failure = new Error("job 1 failed");
    const gate = deferred();
    const handled: number[] = [];
    const result = track(
      map(
        jobs,
        async (job) => {
          handled.push(job);
          if (job === 1) throw failure;
          await gate.promise;
          return job;
        },
        { concurrency: 3 },
      ),
    );
    await jobs.send(2);
    await jobs.send(1);
    await flush();
    // Job 2 is still finishing, so map has not settled; the third worker's receive must be gone.
    expect(result.state).toBe("pending");
    expect(jobs.trySend(3)).toBe(false);
    gate.resolve();
    await flush();
    expect([result.state, result.error]).toEqual(["rejected", failure]);
    expect(handled).toEqual([2, 1]);
  });

  it("withdraws the other workers' receives at an abort while a call is still finishing (issue 16)", async () => {
    const jobs = new Channel<number>();
    const controller = new AbortController();
    const gate = deferred();
    const handled: number[] = [];
    const result = track(map(jobs, (job) => (handled.push(job), gate.promise), { concurrency: 3, signal: controller.signal }));
    await jobs.send(1);
    controller.abort("stop");
    await flush();
    expect(result.state).toBe("pending");
    expect(jobs.trySend(2)).toBe(false);
    gate.resolve();
    await flush();
    expect([result.state, result.error]).toEqual(["rejected", "stop"]);
    expect(handled).toEqual([1]);
  });

  it("reads channel.values() the same way: its return() withdraws the waiting receive", async () => {
    const jobs = new Channel<string>();
    const controller = new AbortController();
    const result = expect(map(jobs.values(), (job) => job, { concurrency: 2, signal: controller.signal })).rejects.toBe("stop");
    await ticks(2);
    controller.abort("stop");
    await result;
    expect(jobs.trySend("kept")).toBe(false);
  });

  it("still resolves with every value once the channel is closed, like ranging over it in Go", async () => {
    const jobs = new Channel<number>(2);
    const result = expect(map(jobs, async (job) => job * 10, { concurrency: 3 })).resolves.toEqual([10, 20, 30, 40]);
    for (const job of [1, 2, 3, 4]) await jobs.send(job);
    jobs.close();
    await result;
  });
});

describe("map over an async iterator with a pending next()", () => {
  it("rejects at once on abort, calls return() and pulls nothing more; a value yielded later is dropped", async () => {
    const { iterator, steps, counts } = pendingIterator<number>();
    const controller = new AbortController();
    const seen: number[] = [];
    const result = track(map(iterator, (item) => void seen.push(item), { concurrency: 4, signal: controller.signal }));
    await ticks(2);
    expect(counts.next).toBe(1);
    controller.abort("stop");
    await flush();
    expect([result.state, result.error]).toEqual(["rejected", "stop"]);
    expect(counts.return).toBe(1);
    // The pull that was pending when map stopped cannot be withdrawn: its value goes nowhere.
    steps[0]?.resolve({ value: 7, done: false });
    await ticks(5);
    expect(seen).toEqual([]);
    expect(counts.next).toBe(1);
  });

  it("rejects with a callback's failure while another pull is pending, and stops pulling", async () => {
    const { iterator, steps, counts } = pendingIterator<number>();
    const failure = new Error("item failed");
    const result = map(
      iterator,
      async () => {
        await ticks(1);
        throw failure;
      },
      { concurrency: 2 },
    );
    steps[0]?.resolve({ value: 1, done: false });
    await expect(result).rejects.toBe(failure);
    const pulls = counts.next;
    expect(counts.return).toBe(1);
    for (const step of steps) step.resolve({ value: 2, done: false });
    await ticks(5);
    expect(counts.next).toBe(pulls);
  });

  it("an idle async generator is asked to return and runs its finally once its pending step ends", async () => {
    const gate = deferred<number>();
    const events: string[] = [];
    async function* slow(): AsyncGenerator<number> {
      try {
        yield await gate.promise;
        events.push("yielded after return");
      } finally {
        events.push("finally");
      }
    }
    const controller = new AbortController();
    const result = expect(map(slow(), (item) => item, { signal: controller.signal })).rejects.toBe("stop");
    await ticks(2);
    controller.abort("stop");
    await result;
    expect(events).toEqual([]);
    gate.resolve(1);
    await ticks(10);
    expect(events).toEqual(["finally"]);
  });
});
