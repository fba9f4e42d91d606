import { type SupervisedTask, Supervisor, defaultSupervisor, go, raiseUnhandled, reportTaskError } from "@corral/runtime";
import { afterEach, describe, expect, it, onUnhandledRejection, vi } from "./harness.js";
import { abortListenerCount, flushMacrotask } from "./manual-clock.js";

/** deferred is a promise and its settle functions, for tasks the test finishes by hand. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

const unhandled = vi.fn();
onUnhandledRejection(unhandled);
afterEach(async () => {
  await flushMacrotask();
  expect(unhandled).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe("Supervisor.go", () => {
  it("starts the task synchronously with the supervisor's signal and returns nothing", () => {
    const supervisor = new Supervisor();
    let received: AbortSignal | undefined;
    const returned: unknown = supervisor.go((signal) => {
      received = signal;
    });
    expect(returned).toBeUndefined();
    expect(received).toBe(supervisor.signal);
  });

  it("routes a rejection to onError with the task's name, never as an unhandled rejection", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    const error = new Error("rejected");
    supervisor.go(async () => Promise.reject(error), { name: "named" });
    await supervisor.shutdown();
    expect(onError).toHaveBeenCalledTimes(1);
    const [reported, task] = onError.mock.calls[0] as [unknown, SupervisedTask];
    expect(reported).toBe(error);
    expect(task.name).toBe("named");
    expect(task.supervisor).toBe(supervisor);
  });

  it("routes a synchronous throw to onError, after go has returned", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    const error = new Error("thrown");
    supervisor.go(function loadConfig() {
      throw error;
    });
    expect(onError).not.toHaveBeenCalled();
    await supervisor.shutdown();
    expect(onError).toHaveBeenCalledWith(error, expect.objectContaining({ name: "loadConfig" }));
  });

  it("names a task by its option, else its function's name, else \"anonymous task\"", async () => {
    const names: string[] = [];
    const supervisor = new Supervisor({ onError: (_, task) => names.push(task.name) });
    const fail = async (): Promise<never> => Promise.reject(new Error("x"));
    supervisor.go(fail, { name: "option" });
    supervisor.go(fail);
    supervisor.go(() => fail());
    await supervisor.shutdown();
    expect(names).toEqual(["option", "fail", "anonymous task"]);
  });

  it("reports every one of many failures exactly once", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    for (let index = 0; index < 1_000; index++) {
      if (index % 3 === 0) supervisor.go(() => Promise.reject(new Error(`rejected ${index}`)));
      else if (index % 3 === 1) supervisor.go(() => {
        throw new Error(`thrown ${index}`);
      });
      else supervisor.go(async () => index);
    }
    await supervisor.shutdown();
    expect(onError).toHaveBeenCalledTimes(667);
    expect(new Set(onError.mock.calls.map(([error]) => (error as Error).message)).size).toBe(667);
    expect(supervisor.stats).toEqual({ started: 1_000, active: 0, completed: 333, failed: 667, cancelled: 0 });
  });

  it("lets onError restart a failed task through task.fn", async () => {
    let attempts = 0;
    const supervisor = new Supervisor({
      onError: (_, task) => {
        if (attempts < 3) task.supervisor.go(task.fn, task);
      },
    });
    supervisor.go(
      async () => {
        attempts++;
        if (attempts < 3) throw new Error("flaky");
      },
      { name: "flaky" },
    );
    await vi.waitFor(() => expect(supervisor.stats.completed).toBe(1));
    expect(attempts).toBe(3);
    expect(supervisor.stats.failed).toBe(2);
  });

  it("adopts a foreign thenable and counts a plain return value as completed at once", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    supervisor.go(() => "plain");
    expect(supervisor.stats).toMatchObject({ started: 1, active: 0, completed: 1 });
    supervisor.go(() => ({ then: (_: unknown, reject: (error: unknown) => void) => reject("thenable failed") }));
    await supervisor.shutdown();
    expect(onError).toHaveBeenCalledWith("thenable failed", expect.anything());
  });

  it("throws after shutdown instead of starting work nobody will stop", async () => {
    const supervisor = new Supervisor({ name: "closed" });
    await supervisor.shutdown();
    expect(supervisor.closed).toBe(true);
    expect(() => supervisor.go(() => undefined)).toThrow(/Supervisor "closed" is shut down/);
  });

  it("rejects bad arguments with TypeErrors naming them", () => {
    const supervisor = new Supervisor();
    expect(() => supervisor.go("work" as never)).toThrow(/`fn`/);
    expect(() => supervisor.go(() => 1, { name: 5 as never })).toThrow(/`name`/);
    expect(() => new Supervisor({ onError: "log" as never })).toThrow(/`onError`/);
    expect(() => new Supervisor({ signal: {} as never })).toThrow(/`signal`/);
    expect(() => new Supervisor({ name: null as never })).toThrow(/`name`/);
    expect(() => {
      supervisor.onError = undefined as never;
    }).toThrow(/`onError`/);
  });
});

describe("Supervisor error reporting", () => {
  // What the default does with a failure (an unhandled rejection the host handles as its own) is
  // seen from outside, in fresh processes: supervisor-default.test.ts.
  it("hands failures to raiseUnhandled unless onError is given, and writes nothing to the console", () => {
    const consoleError = vi.spyOn(console, "error");
    expect(new Supervisor().onError).toBe(raiseUnhandled);
    expect(defaultSupervisor.onError).toBe(raiseUnhandled);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("writes to console.error with the task's name when reportTaskError is chosen", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const supervisor = new Supervisor({ name: "jobs", onError: reportTaskError });
    const error = new Error("disk full");
    supervisor.go(() => Promise.reject(error), { name: "write log" });
    await supervisor.shutdown();
    expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(/task "write log" of supervisor "jobs"/), error);
  });
});

describe("Supervisor.shutdown", () => {
  it("aborts the tasks' signal and waits for every task to settle", async () => {
    const supervisor = new Supervisor();
    const slow = deferred();
    supervisor.go(() => slow.promise);
    let shutDown = false;
    const done = expect(supervisor.shutdown().then(() => (shutDown = true))).resolves.toBe(true);
    expect(supervisor.signal.aborted).toBe(true);
    expect(supervisor.signal.reason).toBeInstanceOf(DOMException);
    expect((supervisor.signal.reason as DOMException).name).toBe("AbortError");
    await flushMacrotask();
    expect(shutDown).toBe(false);
    slow.resolve();
    await done;
    expect(supervisor.stats).toMatchObject({ active: 0, completed: 1 });
  });

  it("counts a task that fails with the shutdown reason as cancelled, not failed, and does not report it", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    supervisor.go(
      (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    );
    const reason = new Error("deploying");
    await supervisor.shutdown({ reason });
    expect(supervisor.signal.reason).toBe(reason);
    expect(onError).not.toHaveBeenCalled();
    expect(supervisor.stats).toMatchObject({ started: 1, cancelled: 1, failed: 0 });
  });

  it("still reports a task that fails with another error during shutdown", async () => {
    const onError = vi.fn();
    const supervisor = new Supervisor({ onError });
    supervisor.go((signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("cleanup failed")))));
    await supervisor.shutdown();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(supervisor.stats.failed).toBe(1);
  });

  it("resolves only after a failing task's report has been made", async () => {
    const events: string[] = [];
    const supervisor = new Supervisor({ onError: () => events.push("reported") });
    supervisor.go(() => {
      throw new Error("sync");
    });
    await supervisor.shutdown();
    events.push("shut down");
    expect(events).toEqual(["reported", "shut down"]);
  });

  it("is bounded by its signal: it rejects with that reason while tasks keep running, and can wait again", async () => {
    const supervisor = new Supervisor();
    const stuck = deferred();
    supervisor.go(() => stuck.promise);
    const bound = new AbortController();
    const waiting = supervisor.shutdown({ signal: bound.signal });
    bound.abort("waited long enough");
    await expect(waiting).rejects.toBe("waited long enough");
    expect(abortListenerCount(bound.signal)).toBe(0);
    expect(supervisor.stats.active).toBe(1);
    stuck.resolve();
    await supervisor.shutdown();
    expect(supervisor.stats.active).toBe(0);
  });

  it("does nothing but reject when its bound is already aborted", async () => {
    const supervisor = new Supervisor();
    await expect(supervisor.shutdown({ signal: AbortSignal.abort("no time") })).rejects.toBe("no time");
    expect(supervisor.closed).toBe(false);
    expect(supervisor.signal.aborted).toBe(false);
  });

  it("is what `await using` calls on scope exit", async () => {
    const finished = vi.fn();
    let signal: AbortSignal | undefined;
    {
      await using supervisor = new Supervisor();
      signal = supervisor.signal;
      supervisor.go((taskSignal) => new Promise<void>((resolve) => taskSignal.addEventListener("abort", () => resolve())).then(finished));
    }
    expect(signal.aborted).toBe(true);
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it("aborts the tasks' signal with a parent signal's reason and releases the parent on shutdown", async () => {
    const parent = new AbortController();
    const supervisor = new Supervisor({ signal: parent.signal });
    expect(abortListenerCount(parent.signal)).toBe(1);
    parent.abort("parent gone");
    expect(supervisor.signal.reason).toBe("parent gone");
    const other = new AbortController();
    const second = new Supervisor({ signal: other.signal });
    await second.shutdown();
    expect(abortListenerCount(other.signal)).toBe(0);
  });
});

describe("go", () => {
  it("starts the task on defaultSupervisor and routes its failure to defaultSupervisor.onError", async () => {
    const original = defaultSupervisor.onError;
    const reported = deferred<[unknown, SupervisedTask]>();
    defaultSupervisor.onError = (error, task) => reported.resolve([error, task]);
    try {
      const before = defaultSupervisor.stats.started;
      let received: AbortSignal | undefined;
      const error = new Error("fire and forget");
      go(async (signal) => {
        received = signal;
        throw error;
      });
      expect(received).toBe(defaultSupervisor.signal);
      expect(defaultSupervisor.stats.started).toBe(before + 1);
      const [reportedError, task] = await reported.promise;
      expect(reportedError).toBe(error);
      expect(task.supervisor).toBe(defaultSupervisor);
    } finally {
      defaultSupervisor.onError = original;
    }
  });

  it("accepts a task that ignores the signal and returns nothing", () => {
    const before = defaultSupervisor.stats.completed;
    go(() => undefined, { name: "noop" });
    expect(defaultSupervisor.stats.completed).toBe(before + 1);
  });
});
