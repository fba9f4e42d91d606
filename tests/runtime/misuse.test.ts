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
    expect(() => new RateLimiter({ rate: 1, burst: 3 }).wait({ tokens: 2 } as never)).toThrow(/`tokens`.*got an object/);
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
