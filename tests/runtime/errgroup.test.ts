import { ErrGroup } from "@corral/runtime";
import { describe, expect, it } from "./harness.js";
import { deferred, failOnUnhandledRejections, settledState, ticks, untilAborted } from "./groups-helpers.js";
import { abortListenerCount } from "./manual-clock.js";

failOnUnhandledRejections();

const fail = (error: unknown) => (): Promise<never> => Promise.reject(error);

describe("ErrGroup, the behaviours of Go's errgroup_test.go", () => {
  it("like Go's TestZeroGroup: a group without options reports the first error of its tasks", async () => {
    // Go's zero Group is reused across go/wait rounds; a corral group is done once waited for (it
    // is always WithContext), so each round here is the whole list given to one group.
    const first = new Error("errgroup_test: 1");
    const second = new Error("errgroup_test: 2");
    for (const errors of [[], [undefined], [first], [first, undefined], [first, undefined, second]]) {
      const group = new ErrGroup();
      for (const error of errors) group.go(error ? fail(error) : async () => undefined);
      const firstError = errors.find((error) => error !== undefined);
      if (firstError) await expect(group.wait()).rejects.toBe(firstError);
      else await expect(group.wait()).resolves.toBeUndefined();
    }
  });

  it("like Go's TestWithContext: the first failure aborts the signal and is what wait() rejects with; scope exit aborts it always", async () => {
    const doom = new Error("group_test: doomed");
    for (const errors of [[], [undefined], [doom], [doom, undefined]]) {
      let signal: AbortSignal | undefined;
      {
        await using group = new ErrGroup({ signal: new AbortController().signal });
        signal = group.signal;
        for (const error of errors) group.go(error ? fail(error) : async () => undefined);
        const want = errors.includes(doom) ? doom : undefined;
        if (want) await expect(group.wait()).rejects.toBe(want);
        else await expect(group.wait()).resolves.toBeUndefined();
        // Go's WithContext cancels the context when Wait returns, failure or not.
        expect(signal.aborted).toBe(true);
        if (want) expect(signal.reason).toBe(want);
        else expect(signal.reason).toMatchObject({ name: "AbortError" });
      }
      expect(signal?.aborted).toBe(true);
    }
  });

  it("like Go's TestWithContextGo and TestWithContextTryGo: with limit 1, a failing task fails the group", async () => {
    const endOfFile = new Error("EOF");
    const queued = new ErrGroup({ limit: 1 });
    queued.go(fail(endOfFile));
    await expect(queued.wait()).rejects.toBe(endOfFile);
    expect(queued.signal.aborted).toBe(true);

    const tried = new ErrGroup({ limit: 1 });
    expect(tried.tryGo(fail(endOfFile))).toBe(true);
    await expect(tried.wait()).rejects.toBe(endOfFile);
    expect(tried.signal.aborted).toBe(true);
  });

  it("like Go's TestGoLimit: never more tasks run at once than the limit", async () => {
    const limit = 10;
    const group = new ErrGroup({ limit });
    let active = 0;
    let mostActive = 0;
    for (let index = 0; index <= 1 << 10; index++) {
      group.go(async () => {
        active++;
        mostActive = Math.max(mostActive, active);
        await ticks(index % 5);
        active--;
      });
    }
    await group.wait();
    expect(mostActive).toBe(limit);
    expect(active).toBe(0);
  });

  it("like Go's TestTryGo: tryGo starts tasks up to the limit, refuses beyond it, and starts again once slots free", async () => {
    const group = new ErrGroup({ limit: 42 });
    const release = deferred();
    const blocked = () => release.promise;
    for (let index = 0; index < 42; index++) expect(group.tryGo(blocked)).toBe(true);
    expect(group.tryGo(blocked)).toBe(false);
    release.resolve();
    await ticks(3);
    expect(group.tryGo(async () => undefined)).toBe(true);
    await group.wait();

    const single = new ErrGroup({ limit: 1 });
    const gate = deferred();
    expect(single.tryGo(() => gate.promise)).toBe(true);
    expect(single.tryGo(() => gate.promise)).toBe(false);
    gate.resolve();
    await ticks(3);
    expect(single.tryGo(() => undefined)).toBe(true);
    await single.wait();
  });

  it("like Go's TestCancelCause: the signal's reason is the first error, not a generic cancellation", async () => {
    const cause = new Error("the cause");
    const group = new ErrGroup();
    group.go(fail(cause));
    group.go(fail(new Error("later")));
    await expect(group.wait()).rejects.toBe(cause);
    expect(group.signal.reason).toBe(cause);
  });
});

describe("ErrGroup", () => {
  it("counts a synchronous throw as a failure and aborts the signal before go returns", async () => {
    const thrown = new Error("thrown");
    const group = new ErrGroup();
    group.go(() => {
      throw thrown;
    });
    expect(group.signal.aborted).toBe(true);
    expect(group.signal.reason).toBe(thrown);
    await expect(group.wait()).rejects.toBe(thrown);
  });

  it("passes the group's signal to every task", async () => {
    const group = new ErrGroup({ limit: 1 });
    const seen: AbortSignal[] = [];
    group.go((signal) => void seen.push(signal));
    group.go((signal) => void seen.push(signal));
    await group.wait();
    expect(seen).toEqual([group.signal, group.signal]);
  });

  it("starts queued tasks first come first served", async () => {
    const group = new ErrGroup({ limit: 2 });
    const started: number[] = [];
    for (let index = 0; index < 8; index++) {
      group.go(async () => {
        started.push(index);
        await ticks(8 - index);
      });
    }
    await group.wait();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("never starts a task that was waiting for a slot when the group failed, nor one given afterwards", async () => {
    const failure = new Error("failure");
    const group = new ErrGroup({ limit: 2 });
    const started: string[] = [];
    const slow = deferred();
    group.go(async () => {
      started.push("slow");
      await slow.promise;
    });
    group.go(async () => {
      started.push("failing");
      await ticks(2);
      throw failure;
    });
    group.go(() => void started.push("queued"));
    const waiting = expect(group.wait()).rejects.toBe(failure);
    await ticks(4);
    expect(group.signal.reason).toBe(failure);
    group.go(() => void started.push("late"));
    expect(group.tryGo(() => void started.push("tried"))).toBe(false);
    slow.resolve();
    await waiting;
    await expect(group.wait()).rejects.toBe(failure);
    expect(started).toEqual(["slow", "failing"]);
  });

  it("is done once wait() returns, like Go's WithContext: the signal aborts and go/tryGo throw", async () => {
    const group = new ErrGroup();
    const gate = deferred();
    group.go(() => gate.promise);
    const waiting = group.wait();
    expect(group.signal.aborted).toBe(false);
    gate.resolve();
    await waiting;
    expect(group.signal.aborted).toBe(true);
    expect(group.signal.reason).toBeInstanceOf(DOMException);
    expect(() => group.go(() => undefined)).toThrow(/ErrGroup\.go after wait\(\) returned/);
    expect(() => group.tryGo(() => undefined)).toThrow(/ErrGroup\.tryGo after wait\(\) returned/);
    await expect(group.wait()).resolves.toBeUndefined();

    // An idle group is done by the first wait() too; a failed one keeps its failure as the reason.
    const idle = new ErrGroup();
    await idle.wait();
    expect(idle.signal.aborted).toBe(true);
    const failed = new ErrGroup();
    const failure = new Error("failed");
    failed.go(fail(failure));
    await expect(failed.wait()).rejects.toBe(failure);
    expect(failed.signal.reason).toBe(failure);
    expect(() => failed.go(() => undefined)).toThrow(Error);
  });

  it("settles wait() only after every started task settled, even after the first failure", async () => {
    const failure = new Error("failure");
    const group = new ErrGroup();
    const slow = deferred();
    group.go(() => slow.promise);
    group.go(fail(failure));
    const waiting = group.wait();
    expect(await settledState(waiting)).toBe("pending");
    slow.resolve();
    await expect(waiting).rejects.toBe(failure);
  });

  it("lets several callers wait, before and after the end, and waits for tasks started by tasks", async () => {
    const group = new ErrGroup();
    const finished: string[] = [];
    group.go(async () => {
      await ticks(2);
      group.go(async () => {
        await ticks(3);
        finished.push("child");
      });
      finished.push("parent");
    });
    const early = [group.wait(), group.wait()];
    await Promise.all(early);
    expect(finished).toEqual(["parent", "child"]);
    await expect(group.wait()).resolves.toBeUndefined();
  });

  it("aborts with the parent's reason, drops queued tasks, and wait() rejects with that reason", async () => {
    const parent = new AbortController();
    const group = new ErrGroup({ signal: parent.signal, limit: 1 });
    const started: string[] = [];
    group.go((signal) => {
      started.push("running");
      return untilAborted(signal);
    });
    group.go(() => void started.push("queued"));
    parent.abort("shutting down");
    expect(group.signal.reason).toBe("shutting down");
    await expect(group.wait()).rejects.toBe("shutting down");
    expect(started).toEqual(["running"]);
  });

  it("with an already-aborted parent, is aborted from the start and runs nothing", async () => {
    const group = new ErrGroup({ signal: AbortSignal.abort("gone") });
    const fn = () => {
      throw new Error("must not run");
    };
    group.go(fn);
    expect(group.tryGo(fn)).toBe(false);
    expect(group.signal.reason).toBe("gone");
    await expect(group.wait()).rejects.toBe("gone");
  });

  it("awaits thenables that are not native promises", async () => {
    const group = new ErrGroup();
    const failure = new Error("thenable");
    group.go(() => ({ then: (_: unknown, reject: (reason: unknown) => void) => reject(failure) }));
    await expect(group.wait()).rejects.toBe(failure);
  });

  it("runs a long queue of synchronous tasks without growing the stack", async () => {
    const group = new ErrGroup({ limit: 1 });
    const gate = deferred();
    let count = 0;
    group.go(() => gate.promise);
    for (let index = 0; index < 100_000; index++) group.go(() => void count++);
    gate.resolve();
    await group.wait();
    expect(count).toBe(100_000);
  });

  it("rejects invalid options and tasks with a TypeError naming the argument", () => {
    for (const limit of [0, -1, Number.NaN, 1.5, "3"]) {
      expect(() => new ErrGroup({ limit: limit as number })).toThrow(/`limit`/);
      expect(() => new ErrGroup({ limit: limit as number })).toThrow(TypeError);
    }
    expect(() => new ErrGroup({ signal: {} as AbortSignal })).toThrow(/`signal`/);
    const group = new ErrGroup({ limit: Number.POSITIVE_INFINITY });
    expect(() => group.go("task" as never)).toThrow(TypeError);
    expect(() => group.tryGo(undefined as never)).toThrow(/`fn`/);
  });
});

describe("ErrGroup disposal and error delivery", () => {
  it("await using aborts the signal on scope exit and waits for the tasks to settle", async () => {
    const settled: string[] = [];
    let signal: AbortSignal | undefined;
    {
      await using group = new ErrGroup();
      signal = group.signal;
      group.go(async (taskSignal) => {
        await untilAborted(taskSignal).catch(() => settled.push("cancelled"));
      });
    }
    expect(signal.aborted).toBe(true);
    expect(settled).toEqual(["cancelled"]);
  });

  it("every failure reaches exactly one place: disposal rethrows a failure no wait() reported", async () => {
    const failure = new Error("unreported");
    const scope = async (): Promise<void> => {
      await using group = new ErrGroup();
      group.go(fail(failure));
      await ticks(3);
    };
    await expect(scope()).rejects.toBe(failure);
  });

  it("every failure reaches exactly one place: disposal is quiet once wait() reported the failure", async () => {
    const failure = new Error("reported");
    const reported: unknown[] = [];
    const scope = async (): Promise<void> => {
      await using group = new ErrGroup();
      group.go(fail(failure));
      group.go((signal) => untilAborted(signal));
      await group.wait().catch((error: unknown) => reported.push(error));
    };
    await expect(scope()).resolves.toBeUndefined();
    expect(reported).toEqual([failure]);
  });

  it("drops failures after the first without an unhandled rejection", async () => {
    const group = new ErrGroup();
    const first = new Error("first");
    let laterFailures = 0;
    for (let index = 0; index < 10; index++) {
      group.go(async (signal) => {
        await untilAborted(signal).catch(() => undefined);
        laterFailures++;
        throw new Error(`later ${index}`);
      });
    }
    group.go(fail(first));
    await expect(group.wait()).rejects.toBe(first);
    expect(laterFailures).toBe(10);
  });
});

describe("ErrGroup leaks", () => {
  it("100,000 groups linked to one long-lived signal leave its listener count unchanged", async () => {
    const parent = new AbortController();
    const before = abortListenerCount(parent.signal);
    for (let index = 0; index < 100_000; index++) {
      const group = new ErrGroup({ signal: parent.signal, limit: 2 });
      group.go(async () => undefined);
      if (index % 2 === 0) group.go(() => undefined);
      await group.wait();
    }
    for (let index = 0; index < 1_000; index++) {
      await using group = new ErrGroup({ signal: parent.signal });
      void group;
    }
    expect(abortListenerCount(parent.signal)).toBe(before);
  });

  it("follows the parent until wait() returns, and a later abort of the parent changes nothing", async () => {
    const parent = new AbortController();
    const group = new ErrGroup({ signal: parent.signal });
    expect(abortListenerCount(parent.signal)).toBe(1);
    group.go(async () => undefined);
    await group.wait();
    expect(abortListenerCount(parent.signal)).toBe(0);
    parent.abort("stop");
    await expect(group.wait()).resolves.toBeUndefined();
    expect(group.signal.reason).not.toBe("stop");

    const other = new AbortController();
    const cancelled = new ErrGroup({ signal: other.signal });
    cancelled.go((signal) => untilAborted(signal));
    other.abort("stop");
    await expect(cancelled.wait()).rejects.toBe("stop");
    expect(abortListenerCount(other.signal)).toBe(0);
  });
});
