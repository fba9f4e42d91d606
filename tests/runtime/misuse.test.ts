// Misuse fails loudly: the likeliest mistakes of a Go programmer porting code, each a TypeError
// naming the argument, thrown at the call instead of an option silently ignored.
import {
  Channel,
  ErrGroup,
  RateLimiter,
  Semaphore,
  SingleFlight,
  Supervisor,
  WorkerPool,
  fanIn,
  fanOut,
  linkSignal,
  map,
  mapSettled,
  select,
  supervise,
  withDeadline,
  withTimeout,
} from "@corral/runtime";
import { describe, expect, it } from "./harness.js";

describe("a bare AbortSignal where an options object belongs (Go's positional ctx)", () => {
  const signal = new AbortController().signal;
  const bare = signal as never;
  const calls: [string, () => unknown][] = [
    ["channel.send(value, signal)", () => new Channel<number>().send(1, bare)],
    ["channel.receive(signal)", () => new Channel<number>().receive(bare)],
    ["channel.values(signal)", () => new Channel<number>().values(bare)],
    ["select(cases, signal)", () => select([{ receive: new Channel<number>() }], bare)],
    ["map(items, fn, signal)", () => map([1], (item) => item, bare)],
    ["mapSettled(items, fn, signal)", () => mapSettled([1], (item) => item, bare)],
    ["fanIn(source, signal)", () => fanIn(new Channel<number>(), bare)],
    ["fanOut(source, count, signal)", () => fanOut([1], 2, bare)],
    ["semaphore.acquire(n, signal)", () => new Semaphore(2).acquire(1, bare)],
    ["semaphore.run(n, fn, signal)", () => new Semaphore(2).run(1, () => 1, bare)],
    ["new RateLimiter(signal)", () => new RateLimiter(bare)],
    ["limiter.wait(n, signal)", () => new RateLimiter({ rate: 1 }).wait(1, bare)],
    ["new ErrGroup(signal)", () => new ErrGroup(bare)],
    ["new WorkerPool(handler, signal)", () => new WorkerPool(() => undefined, bare)],
    ["pool.submit(job, signal)", () => new WorkerPool(() => undefined, { workers: 1 }).submit(1, bare)],
    ["pool.run(job, signal)", () => new WorkerPool(() => undefined, { workers: 1 }).run(1, bare)],
    ["pool.stop(signal)", () => new WorkerPool(() => undefined, { workers: 1 }).stop(bare)],
    ["new Supervisor(signal)", () => new Supervisor(bare)],
    ["supervisor.go(fn, signal)", () => new Supervisor().go(() => undefined, bare)],
    ["supervisor.shutdown(signal)", () => new Supervisor().shutdown(bare)],
    ["supervise(fn, signal)", () => supervise(() => 1, bare)],
    ["withTimeout(ms, fn, signal)", () => withTimeout(10, () => 1, bare)],
    ["withDeadline(date, fn, signal)", () => withDeadline(Date.now() + 10, () => 1, bare)],
    ["linkSignal(parent, signal)", () => linkSignal(signal, bare)],
    ["flights.do(key, fn, signal)", () => new SingleFlight<string, number>().do("key", () => 1, bare)],
  ];
  for (const [name, call] of calls) {
    it(`${name} throws a TypeError naming \`options\` and saying to pass { signal }`, () => {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(/`options`.*got an AbortSignal: pass it as \{ signal \}/);
    });
  }

  it("where the count belongs, a signal is a TypeError naming the count", () => {
    expect(() => new Semaphore(2).acquire(signal as never)).toThrow(/`n`.*got an AbortSignal/);
    expect(() => new RateLimiter({ rate: 1 }).wait(signal as never)).toThrow(/`tokens`.*got an AbortSignal/);
  });

  it("options of the wrong kind are TypeErrors too: an array, a number, null", () => {
    expect(() => map([1], (item) => item, [] as never)).toThrow(/`options`.*an array/);
    expect(() => new ErrGroup(4 as never)).toThrow(/`options`.*got 4/);
    expect(() => new Channel<number>().receive(null as never)).toThrow(/`options`.*got null/);
  });
});

describe("the count is the first argument everywhere, before the options", () => {
  it("rejects the old option shapes loudly instead of waiting for the default count", () => {
    expect(() => new RateLimiter({ rate: 1, burst: 3 }).wait({ tokens: 2 } as never)).toThrow(
      /Unknown option `tokens` for RateLimiter.wait: the count is wait's first argument, wait\(tokens, \{ signal \}\)/,
    );
    expect(() => new Semaphore(3).acquire({ n: 2 } as never)).toThrow(/Unknown option `n` for Semaphore.acquire: the count is acquire's first argument/);
    expect(() => new Semaphore(3).run(() => 1, { n: 2 } as never)).toThrow(/run's first argument.*run\(n, fn, \{ signal \}\)/);
  });

  it("takes the count positionally in acquire, run, allow, reserve and wait", async () => {
    const semaphore = new Semaphore(3);
    await semaphore.acquire(2, { signal: AbortSignal.timeout(1_000) });
    expect(semaphore.available).toBe(1);
    semaphore.release(2);
    await expect(semaphore.run(3, () => semaphore.available, { signal: AbortSignal.timeout(1_000) })).resolves.toBe(0);
    const limiter = new RateLimiter({ rate: 1, burst: 3 });
    await limiter.wait(2, { signal: AbortSignal.timeout(1_000) });
    expect(limiter.allow(1)).toBe(true);
    expect(limiter.reserve(1).ok).toBe(true);
  });
});

describe("fanIn given an array instead of spread sources", () => {
  it("throws a TypeError naming the argument, instead of taking the array for options and merging nothing", () => {
    const a = new Channel<number>();
    const b = new Channel<number>();
    expect(() => fanIn([a, b] as never)).toThrow(TypeError);
    expect(() => fanIn([a, b] as never)).toThrow(/`sources\[0\]`.*got an array: spread it, fanIn\(\.\.\.sources\)/);
    expect(() => fanIn(a, [b] as never)).toThrow(/`sources\[1\]`/);
  });
});

describe("fanIn given a synchronous iterable (issue 16)", () => {
  function* numbers() {
    yield 1;
  }
  it("throws a TypeError naming the source, instead of taking it for the options and merging nothing", () => {
    const a = new Channel<number>();
    expect(() => fanIn(a, new Set([1, 2]) as never)).toThrow(/`sources\[1\]`.*got a synchronous iterable/);
    expect(() => fanIn(numbers() as never)).toThrow(/`sources\[0\]`.*got a synchronous iterable/);
    expect(() => fanIn(new Map([[1, 2]]) as never, a)).toThrow(/`sources\[0\]`.*got a synchronous iterable/);
  });
});

describe("wait({ signal }) and acquire({ signal }), as p-queue and fetch users write them (issue 16)", () => {
  it("take the options first with a count of 1", async () => {
    const limiter = new RateLimiter({ rate: 1, burst: 2 });
    await limiter.wait({ signal: AbortSignal.timeout(1_000) });
    expect(limiter.allow(2)).toBe(false);
    expect(limiter.allow(1)).toBe(true);
    const semaphore = new Semaphore(2);
    await semaphore.acquire({ signal: AbortSignal.timeout(1_000) });
    expect(semaphore.available).toBe(1);
    const controller = new AbortController();
    await semaphore.acquire(1);
    const waiting = semaphore.acquire({ signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    expect(semaphore.waiting).toBe(0);
  });

  it("still refuse options in both places", () => {
    const signal = AbortSignal.timeout(1_000);
    expect(() => new RateLimiter({ rate: 1 }).wait({ signal } as never, { signal })).toThrow(/`tokens`/);
    expect(() => new Semaphore(1).acquire({ signal } as never, { signal })).toThrow(/`n`/);
  });
});

describe("unknown options from JavaScript (issue 16)", () => {
  const noop = (): void => undefined;
  const calls: [string, () => unknown, RegExp][] = [
    ["new ErrGroup({ concurrency })", () => new ErrGroup({ concurrency: 2 } as never), /Unknown option `concurrency` for ErrGroup: did you mean `limit`\?/],
    ["map(xs, fn, { limit })", () => map([1], (item) => item, { limit: 2 } as never), /Unknown option `limit` for map: did you mean `concurrency`\?/],
    ["mapSettled(xs, fn, { limit })", () => mapSettled([1], (item) => item, { limit: 2 } as never), /Unknown option `limit` for mapSettled: did you mean `concurrency`\?/],
    ["new RateLimiter({ capacity })", () => new RateLimiter({ rate: 1, capacity: 4 } as never), /Unknown option `capacity` for RateLimiter: did you mean `burst`\?/],
    ["new RateLimiter({ limit })", () => new RateLimiter({ limit: 4 } as never), /Unknown option `limit` for RateLimiter: did you mean `rate`\?/],
    ["limiter.wait(n, { timeout })", () => new RateLimiter({ rate: 1 }).wait(1, { timeout: 5 } as never), /Unknown option `timeout` for RateLimiter.wait: expected `signal`/],
    ["semaphore.acquire(n, { ctx })", () => new Semaphore(1).acquire(1, { ctx: 1 } as never), /Unknown option `ctx` for Semaphore.acquire: did you mean `signal`\?/],
    ["semaphore.run(n, fn, { sigal })", () => new Semaphore(1).run(1, noop, { sigal: 1 } as never), /Unknown option `sigal` for Semaphore.run: did you mean `signal`\?/],
    ["new WorkerPool(handler, { concurrency })", () => new WorkerPool(noop, { workers: 1, concurrency: 2 } as never), /Unknown option `concurrency` for WorkerPool: did you mean `workers`\?/],
    ["pool.submit(job, { priority })", () => new WorkerPool(noop, { workers: 1 }).submit(1, { priority: 1 } as never), /Unknown option `priority` for WorkerPool.submit: expected `signal`/],
    ["pool.run(job, { timeout })", () => new WorkerPool(noop, { workers: 1 }).run(1, { timeout: 1 } as never), /Unknown option `timeout` for WorkerPool.run/],
    ["pool.stop({ force })", () => new WorkerPool(noop, { workers: 1 }).stop({ force: true } as never), /Unknown option `force` for WorkerPool.stop/],
    ["channel.send(value, { timeout })", () => new Channel<number>().send(1, { timeout: 1 } as never), /Unknown option `timeout` for Channel.send/],
    ["channel.receive({ timeout })", () => new Channel<number>().receive({ timeout: 1 } as never), /Unknown option `timeout` for Channel.receive/],
    ["channel.values({ abortSignal })", () => new Channel<number>().values({ abortSignal: 1 } as never), /Unknown option `abortSignal` for Channel.values: did you mean `signal`\?/],
    ["select(cases, { timeout })", () => select([{ receive: new Channel<number>() }], { timeout: 1 } as never), /Unknown option `timeout` for select: expected `signal`, `default` or `random`/],
    ["fanIn(source, { sigal })", () => fanIn(new Channel<number>(), { sigal: 1 } as never), /Unknown option `sigal` for fanIn: did you mean `signal`\?/],
    ["fanOut(source, count, { concurrency })", () => fanOut([1], 2, { concurrency: 2 } as never), /Unknown option `concurrency` for fanOut: expected `signal`/],
    ["supervise(fn, { timeout })", () => supervise(() => 1, { timeout: 1 } as never), /Unknown option `timeout` for supervise: expected `signal`/],
    ["new Supervisor({ onerror })", () => new Supervisor({ onerror: noop } as never), /Unknown option `onerror` for Supervisor: did you mean `onError`\?/],
    ["supervisor.go(fn, { signal })", () => new Supervisor().go(noop, { signal: AbortSignal.timeout(1) } as never), /Unknown option `signal` for Supervisor.go: expected `name`/],
    ["supervisor.shutdown({ timeout })", () => new Supervisor().shutdown({ timeout: 1 } as never), /Unknown option `timeout` for Supervisor.shutdown: expected `signal` or `reason`/],
    ["withTimeout(ms, fn, { clok })", () => withTimeout(10, () => 1, { clok: 1 } as never), /Unknown option `clok` for withTimeout: did you mean `clock`\?/],
    ["withDeadline(date, fn, { timeout })", () => withDeadline(Date.now() + 10, () => 1, { timeout: 1 } as never), /Unknown option `timeout` for withDeadline/],
    ["linkSignal(parent, { deadline })", () => linkSignal(undefined, { deadline: 5 } as never), /Unknown option `deadline` for linkSignal: did you mean `timeout`\?/],
    ["flights.do(key, fn, { ttl })", () => new SingleFlight<string, number>().do("key", () => 1, { ttl: 1 } as never), /Unknown option `ttl` for SingleFlight.do: expected `signal`/],
  ];
  for (const [name, call, message] of calls) {
    it(`${name} throws a TypeError naming the option and the right one`, () => {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    });
  }

  it("accepts every documented option, and undefined for any of them", () => {
    expect(() => new ErrGroup({ limit: 2, signal: undefined })).not.toThrow();
    expect(() => new RateLimiter({ rate: 1, burst: 1, clock: undefined })).not.toThrow();
    expect(() => new WorkerPool(noop, { workers: 1, queueSize: 0, signal: undefined })).not.toThrow();
  });
});
