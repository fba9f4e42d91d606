import { WorkerPool, WorkerPoolClosedError, type WorkerPoolResult } from "@corral/runtime";
import { describe, expect, it } from "./harness.js";
import { flush, track } from "./channel-helpers.js";
import { deferred, failOnUnhandledRejections, settledState, ticks, untilAborted } from "./groups-helpers.js";
import { abortListenerCount } from "./manual-clock.js";

failOnUnhandledRejections();

async function collect<J, R>(results: AsyncIterable<WorkerPoolResult<J, R>>): Promise<WorkerPoolResult<J, R>[]> {
  const records: WorkerPoolResult<J, R>[] = [];
  for await (const record of results) records.push(record);
  return records;
}

const byJob = <J extends number, R>(records: WorkerPoolResult<J, R>[]) => [...records].sort((a, b) => a.job - b.job);

describe("WorkerPool.run: one job, its own result", () => {
  it("settles with the handler's value or error, and leaves no record on results", async () => {
    const failure = new Error("two failed");
    const pool = new WorkerPool(
      async (job: number) => {
        await ticks(1);
        if (job === 2) throw failure;
        return job * 10;
      },
      { workers: 2, queueSize: 0 },
    );
    const runs = [pool.run(1), pool.run(2), pool.run(3)];
    await expect(runs[0]).resolves.toBe(10);
    await expect(runs[1]).rejects.toBe(failure);
    await expect(runs[2]).resolves.toBe(30);
    await pool.submit(4);
    await pool.stop();
    expect(await collect(pool.results)).toEqual([{ ok: true, job: 4, value: 40 }]);
    expect(pool.stats).toEqual({ processed: 4, failed: 1, queued: 0, active: 0 });
  });

  it("shares the line with submit, first come first served, and stop waits for it", async () => {
    const gate = deferred();
    const order: string[] = [];
    const pool = new WorkerPool(
      async (job: string) => {
        await gate.promise;
        order.push(job);
        return job;
      },
      { workers: 1, queueSize: 1 },
    );
    await pool.submit("a");
    const b = pool.run("b");
    const c = pool.submit("c");
    const d = pool.run("d");
    expect(pool.stats.queued).toBe(1);
    gate.resolve();
    await Promise.all([b, c, d]);
    await pool.stop();
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("its signal withdraws a job waiting for room, skips a queued one, and aborts a running one's signal", async () => {
    const seen: string[] = [];
    const pool = new WorkerPool(
      (job: string, signal) => {
        seen.push(job);
        return untilAborted(signal);
      },
      { workers: 1, queueSize: 1 },
    );
    const running = new AbortController();
    const queued = new AbortController();
    const waiting = new AbortController();
    const first = track(pool.run("running", { signal: running.signal }));
    const second = track(pool.run("queued", { signal: queued.signal }));
    const third = track(pool.run("waiting", { signal: waiting.signal }));
    const fourth = track(pool.submit("kept"));
    waiting.abort("left the line");
    await flush();
    expect([third.state, third.error, second.state, first.state]).toEqual(["rejected", "left the line", "pending", "pending"]);
    queued.abort("left the queue");
    await flush();
    expect([second.state, second.error, first.state]).toEqual(["rejected", "left the queue", "pending"]);
    running.abort("stopped");
    await flush();
    expect([first.state, first.error, fourth.state]).toEqual(["rejected", "stopped", "resolved"]);
    expect(seen).toEqual(["running", "kept"]);
    expect(abortListenerCount(running.signal) + abortListenerCount(queued.signal) + abortListenerCount(waiting.signal)).toBe(0);
    await expect(pool.run("late", { signal: AbortSignal.abort("early") })).rejects.toBe("early");
  });

  it("rejects with the pool's reason when the pool is cancelled, and with WorkerPoolClosedError after close", async () => {
    const controller = new AbortController();
    const pool = new WorkerPool((_job: number, signal) => untilAborted(signal), { workers: 1, queueSize: 1, signal: controller.signal });
    const calls = [pool.run(1), pool.run(2), pool.run(3)];
    controller.abort("cancelled");
    for (const call of calls) await expect(call).rejects.toBe("cancelled");
    const closed = new WorkerPool((job: number) => job, { workers: 1 });
    closed.close();
    await expect(closed.run(1)).rejects.toBeInstanceOf(WorkerPoolClosedError);
  });
});

describe("WorkerPool", () => {
  it("yields exactly one record per job, ok with its value or failed with its error, and counts them", async () => {
    const failure = new Error("odd job");
    const pool = new WorkerPool(
      async (job: number) => {
        await ticks(job % 3);
        if (job % 2) throw failure;
        return job * 10;
      },
      { workers: 2 },
    );
    for (let job = 0; job < 6; job++) await pool.submit(job);
    await pool.stop();
    expect(byJob(await collect(pool.results))).toEqual([
      { ok: true, job: 0, value: 0 },
      { ok: false, job: 1, error: failure },
      { ok: true, job: 2, value: 20 },
      { ok: false, job: 3, error: failure },
      { ok: true, job: 4, value: 40 },
      { ok: false, job: 5, error: failure },
    ]);
    expect(pool.stats).toEqual({ processed: 6, failed: 3, queued: 0, active: 0 });
  });

  it("runs at most `workers` jobs at once and passes the pool's signal to the handler", async () => {
    let active = 0;
    let mostActive = 0;
    const signals = new Set<AbortSignal>();
    const pool = new WorkerPool(
      async (job: number, signal) => {
        signals.add(signal);
        mostActive = Math.max(mostActive, ++active);
        await ticks(job % 4);
        active--;
      },
      { workers: 3, queueSize: 5 },
    );
    for (let job = 0; job < 50; job++) await pool.submit(job);
    await pool.stop();
    expect(mostActive).toBe(3);
    expect(signals.size).toBe(1);
  });

  it("applies backpressure: submit waits while the queue is full and trySubmit refuses", async () => {
    const gates = [deferred(), deferred(), deferred()];
    const pool = new WorkerPool((job: number) => gates[job]?.promise, { workers: 1, queueSize: 1 });
    await pool.submit(0);
    expect(pool.trySubmit(1)).toBe(true);
    expect(pool.stats).toMatchObject({ active: 1, queued: 1 });
    expect(pool.trySubmit(2)).toBe(false);
    const blocked = pool.submit(2);
    expect(await settledState(blocked)).toBe("pending");
    gates[0]?.resolve();
    await blocked;
    expect(pool.stats).toMatchObject({ active: 1, queued: 1, processed: 1 });
    gates[1]?.resolve();
    gates[2]?.resolve();
    await pool.stop();
    expect(pool.stats.processed).toBe(3);
  });

  it("with queueSize 0, hands each blocked submit's job straight to the next free worker, first come first served", async () => {
    const order: number[] = [];
    const gate = deferred();
    const pool = new WorkerPool(
      async (job: number) => {
        order.push(job);
        if (job === 0) await gate.promise;
      },
      { workers: 1, queueSize: 0 },
    );
    await pool.submit(0);
    expect(pool.trySubmit(1)).toBe(false);
    const blocked = [1, 2, 3].map((job) => pool.submit(job));
    gate.resolve();
    await Promise.all(blocked);
    await pool.stop();
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("turns a synchronous throw in the handler into a failed record", async () => {
    const thrown = new Error("thrown");
    const pool = new WorkerPool(
      (job: string) => {
        throw thrown;
      },
      { workers: 1 },
    );
    expect(pool.trySubmit("a")).toBe(true);
    await pool.stop();
    expect(await collect(pool.results)).toEqual([{ ok: false, job: "a", error: thrown }]);
  });
});

describe("WorkerPool cancellation and shutdown", () => {
  it("an aborted submit leaves the line at once and its job never runs; an already-aborted one has no effect", async () => {
    const ran: number[] = [];
    const gate = deferred();
    const pool = new WorkerPool(
      async (job: number) => {
        ran.push(job);
        await gate.promise;
      },
      { workers: 1, queueSize: 0 },
    );
    await pool.submit(0);
    const controller = new AbortController();
    const abandoned = pool.submit(1, { signal: controller.signal });
    const kept = expect(pool.submit(2)).resolves.toBeUndefined();
    controller.abort("no longer needed");
    await expect(abandoned).rejects.toBe("no longer needed");
    await expect(pool.submit(3, { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    gate.resolve();
    await kept;
    await pool.stop();
    expect(ran).toEqual([0, 2]);
  });

  it("close() refuses blocked and later submits but still runs every accepted job; closing twice is harmless", async () => {
    const gate = deferred();
    const pool = new WorkerPool(() => gate.promise, { workers: 1, queueSize: 1 });
    await pool.submit(0);
    await pool.submit(1);
    const blocked = pool.submit(2);
    pool.close();
    pool.close();
    expect(pool.closed).toBe(true);
    await expect(blocked).rejects.toBeInstanceOf(WorkerPoolClosedError);
    await expect(pool.submit(3)).rejects.toBeInstanceOf(WorkerPoolClosedError);
    expect(() => pool.trySubmit(4)).toThrow(WorkerPoolClosedError);
    gate.resolve();
    expect((await collect(pool.results)).map((record) => record.job)).toEqual([0, 1]);
  });

  it("does not deadlock like Go's classic pool: all jobs submitted before any result is read, stop() resolves", async () => {
    const pool = new WorkerPool(async (job: number) => job, { workers: 2, queueSize: 2 });
    for (let job = 0; job < 1_000; job++) await pool.submit(job);
    await pool.stop();
    const records = await collect(pool.results);
    expect(records).toHaveLength(1_000);
    expect(new Set(records.map((record) => record.job)).size).toBe(1_000);
  });

  it("loses no job when cancelled: queued jobs yield failed records without running, blocked submits reject", async () => {
    const controller = new AbortController();
    const ran: number[] = [];
    const pool = new WorkerPool(
      async (job: number, signal) => {
        ran.push(job);
        await untilAborted(signal);
      },
      { workers: 2, queueSize: 2, signal: controller.signal },
    );
    for (let job = 0; job < 4; job++) await pool.submit(job);
    const blocked = pool.submit(4);
    controller.abort("cancelled");
    await expect(blocked).rejects.toBe("cancelled");
    await expect(pool.submit(5)).rejects.toBe("cancelled");
    expect(() => pool.trySubmit(6)).toThrow("cancelled");
    const records = byJob(await collect(pool.results));
    expect(records).toEqual([0, 1, 2, 3].map((job) => ({ ok: false, job, error: "cancelled" })));
    expect(ran).toEqual([0, 1]);
    expect(pool.stats).toEqual({ processed: 4, failed: 4, queued: 0, active: 0 });
  });

  it("with an already-aborted signal refuses every job", async () => {
    const pool = new WorkerPool((job: number) => job, { workers: 1, signal: AbortSignal.abort("gone") });
    await expect(pool.submit(1)).rejects.toBe("gone");
    await pool.stop();
    expect(await collect(pool.results)).toEqual([]);
  });

  it("stop's own signal bounds the waiting only; await using stops on scope exit", async () => {
    const gate = deferred();
    let pool: WorkerPool<number, void> | undefined;
    {
      await using scoped = new WorkerPool((_job: number) => gate.promise, { workers: 1 });
      pool = scoped;
      await scoped.submit(1);
      await expect(scoped.stop({ signal: AbortSignal.abort("impatient") })).rejects.toBe("impatient");
      expect(scoped.stats.active).toBe(1);
      gate.resolve();
    }
    expect(pool?.stats).toEqual({ processed: 1, failed: 0, queued: 0, active: 0 });
  });
});

describe("WorkerPool results", () => {
  it("shares records among concurrent readers, each record read exactly once, and ends them all", async () => {
    const pool = new WorkerPool(async (job: number) => {
      await ticks(job % 5);
      return job;
    }, { workers: 4 });
    const readers = [collect(pool.results), collect(pool.results), collect(pool.results)];
    for (let job = 0; job < 300; job++) await pool.submit(job);
    await pool.stop();
    const perReader = await Promise.all(readers);
    expect(perReader.flat().map((record) => record.job).sort((a, b) => a - b)).toEqual([...Array(300).keys()]);
  });

  it("leaving a loop early leaves the remaining records to the next reader", async () => {
    const pool = new WorkerPool((job: number) => job, { workers: 1, queueSize: 10 });
    for (let job = 0; job < 5; job++) pool.trySubmit(job);
    await pool.stop();
    for await (const record of pool.results) {
      expect(record.job).toBe(0);
      break;
    }
    expect((await collect(pool.results)).map((record) => record.job)).toEqual([1, 2, 3, 4]);
  });

  it("every failure reaches exactly one place: one failed record per failing job, nothing unhandled", async () => {
    const pool = new WorkerPool(async (job: number) => Promise.reject(new Error(`job ${job}`)), { workers: 3 });
    for (let job = 0; job < 30; job++) await pool.submit(job);
    await pool.stop();
    const records = await collect(pool.results);
    expect(records.map((record) => (record.ok ? "ok" : (record.error as Error).message)).sort()).toEqual(
      [...Array(30).keys()].map((job) => `job ${job}`).sort(),
    );
  });
});

describe("WorkerPool misuse and leaks", () => {
  it("rejects invalid arguments with a TypeError naming the argument", () => {
    const handler = (job: number) => job;
    for (const workers of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      expect(() => new WorkerPool(handler, { workers: workers as number })).toThrow(/`workers`/);
    }
    expect(() => new WorkerPool(handler, { workers: 1, queueSize: -1 })).toThrow(/`queueSize`/);
    expect(() => new WorkerPool("handler" as never, { workers: 1 })).toThrow(/`handler`/);
    expect(() => new WorkerPool(handler, { workers: 1, signal: {} as AbortSignal })).toThrow(TypeError);
    const pool = new WorkerPool(handler, { workers: 1 });
    expect(() => pool.submit(1, { signal: "no" as never })).toThrow(/`signal`/);
  });

  it("100,000 submits linked to one long-lived signal leave its listener count unchanged", async () => {
    const controller = new AbortController();
    const before = abortListenerCount(controller.signal);
    const pool = new WorkerPool(
      async (job: number) => {
        await ticks(3);
        return job;
      },
      { workers: 2, queueSize: 0 },
    );
    const options = { signal: controller.signal };
    const countResults = async (): Promise<number> => {
      let read = 0;
      for await (const _ of pool.results) read++;
      return read;
    };
    const submitAll = async (): Promise<number> => {
      let blockedAtOnce = 0;
      for (let job = 0; job < 100_000; job++) {
        const submitted = pool.submit(job, options);
        blockedAtOnce = Math.max(blockedAtOnce, abortListenerCount(controller.signal) - before);
        await submitted;
      }
      await pool.stop();
      return blockedAtOnce;
    };
    const [read, blockedAtOnce] = await Promise.all([countResults(), submitAll()]);
    expect(blockedAtOnce).toBe(1);
    expect(read).toBe(100_000);
    for (let index = 0; index < 1_000; index++) {
      await using linked = new WorkerPool(async (job: number) => job, { workers: 1, signal: controller.signal });
      linked.trySubmit(index);
    }
    expect(abortListenerCount(controller.signal)).toBe(before);
  });
});
