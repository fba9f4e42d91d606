import { describe, expect, expectTypeOf, it } from "./harness.js";
import { Channel, ChannelClosedError } from "../../runtime/channel.js";
import { queues } from "../../runtime/channel-internals.js";
import { select } from "../../runtime/select.js";
import { abortLinked, abortListeners, flush, seededRandom, track } from "./channel-helpers.js";

function queued(channel: Channel<unknown>): number {
  return channel[queues].receivers.length + channel[queues].senders.length;
}

describe("select: choosing among ready cases", () => {
  it("proceeds with the only ready case and reports its index and value", async () => {
    const idle = new Channel<number>();
    const ready = new Channel<string>(1);
    ready.trySend("go");
    await expect(select([{ receive: idle }, { receive: ready }])).resolves.toEqual({ index: 1, value: "go", ok: true });
    expect(queued(idle)).toBe(0);
  });

  it("performs a ready send case and reports only its index", async () => {
    const output = new Channel<number>(1);
    await expect(select([{ send: output, value: 42 }])).resolves.toEqual({ index: 0 });
    expect(output.tryReceive()).toEqual({ value: 42, ok: true });
  });

  it("treats a receive case on a closed channel as ready with ok false, like Go's select on a closed channel", async () => {
    const closed = new Channel<number>();
    closed.close();
    await expect(select([{ receive: new Channel<number>() }, { receive: closed }])).resolves.toEqual({
      index: 1,
      value: undefined,
      ok: false,
    });
  });

  it("rejects with ChannelClosedError when the chosen send case's channel is closed, as Go panics", async () => {
    const closed = new Channel<number>();
    closed.close();
    await expect(select([{ send: closed, value: 1 }])).rejects.toBeInstanceOf(ChannelClosedError);
  });

  it("uses `random` to pick among the ready cases only, in case order", async () => {
    const channels = [new Channel<number>(1), new Channel<number>(1), new Channel<number>(1)];
    channels[0]?.trySend(0);
    channels[2]?.trySend(2);
    const cases = channels.map((channel) => ({ receive: channel }));
    await expect(select(cases, { random: () => 0.49 })).resolves.toMatchObject({ index: 0, value: 0 });
    channels[0]?.trySend(0);
    await expect(select(cases, { random: () => 0.5 })).resolves.toMatchObject({ index: 2, value: 2 });
  });

  it("is fair like Go's TestSelectFairness: over 100,000 all-ready selects each of four cases wins about equally (chi-square, seeded)", async () => {
    const channels = [0, 1, 2, 3].map(() => new Channel<number>(1));
    for (const channel of channels) channel.trySend(0);
    const cases = channels.map((channel) => ({ receive: channel }));
    const random = seededRandom(20_240_601);
    const wins = [0, 0, 0, 0];
    const total = 100_000;
    for (let round = 0; round < total; round++) {
      const { index } = await select(cases, { random });
      wins[index] = (wins[index] ?? 0) + 1;
      channels[index]?.trySend(0);
    }
    const expected = total / wins.length;
    const chiSquare = wins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 16.27 is the 0.999 quantile of chi-square with 3 degrees of freedom.
    expect(chiSquare).toBeLessThan(16.27);
  });

  it("with a biased `random`, the chi-square test does detect unfairness", async () => {
    const channels = [0, 1].map(() => new Channel<number>(1));
    for (const channel of channels) channel.trySend(0);
    const wins = [0, 0];
    const random = seededRandom(7);
    for (let round = 0; round < 1_000; round++) {
      const { index } = await select([{ receive: channels[0] as Channel<number> }, { receive: channels[1] as Channel<number> }], {
        random: () => random() * 0.6,
      });
      wins[index] = (wins[index] ?? 0) + 1;
      channels[index]?.trySend(0);
    }
    expect(wins[0]).toBeGreaterThan(wins[1] ?? 0);
  });
});

describe("select: default", () => {
  it("never waits: with no ready case it resolves { index: -1 } and touches nothing, like Go's default", async () => {
    const input = new Channel<number>();
    const output = new Channel<number>();
    await expect(select([{ receive: input }, { send: output, value: 1 }], { default: true })).resolves.toEqual({ index: -1 });
    expect(queued(input) + queued(output)).toBe(0);
  });

  it("still proceeds with a ready case when one exists", async () => {
    const input = new Channel<number>(1);
    input.trySend(3);
    await expect(select([{ receive: input }], { default: true })).resolves.toEqual({ index: 0, value: 3, ok: true });
  });

  it("with no cases and no default waits until the signal aborts, like Go's select {}", async () => {
    const controller = new AbortController();
    const waiting = track(select([], { signal: controller.signal }));
    await flush();
    expect(waiting.state).toBe("pending");
    controller.abort("bye");
    await flush();
    expect(waiting.error).toBe("bye");
  });
});

describe("select: waiting on several channels", () => {
  it("waits, then the first counterpart wins; the losing cases leave every queue", async () => {
    const first = new Channel<string>();
    const second = new Channel<number>();
    const output = new Channel<number>();
    const pending = track(select([{ receive: first }, { receive: second }, { send: output, value: 9 }]));
    await flush();
    expect(pending.state).toBe("pending");
    expect(queued(first) + queued(second) + queued(output)).toBe(3);
    expect(second.trySend(5)).toBe(true);
    expect(queued(first) + queued(second) + queued(output)).toBe(0);
    expect(first.trySend("late")).toBe(false);
    expect(output.tryReceive()).toBeUndefined();
    await flush();
    expect(pending.value).toEqual({ index: 1, value: 5, ok: true });
  });

  it("a value offered by a waiting select-send is taken by exactly one receiver", async () => {
    const left = new Channel<string>();
    const right = new Channel<string>();
    const offer = track(select([{ send: left, value: "only once" }, { send: right, value: "only once" }]));
    expect(left.tryReceive()).toEqual({ value: "only once", ok: true });
    expect(right.tryReceive()).toBeUndefined();
    await flush();
    expect(offer.value).toEqual({ index: 0 });
  });

  it("two waiting selects are matched by one plain operation at most once each", async () => {
    const channel = new Channel<number>();
    const other = new Channel<number>();
    const first = track(select([{ receive: channel }, { receive: other }]));
    const second = track(select([{ receive: other }, { receive: channel }]));
    await channel.send(1);
    await other.send(2);
    await flush();
    expect(first.value).toEqual({ index: 0, value: 1, ok: true });
    expect(second.value).toEqual({ index: 0, value: 2, ok: true });
    expect(queued(channel) + queued(other)).toBe(0);
  });

  it("does not match itself when it both sends to and receives from one channel, like Go's TestSelfSelect", async () => {
    const channel = new Channel<number>();
    const controller = new AbortController();
    const self = track(select([{ send: channel, value: 1 }, { receive: channel }], { signal: controller.signal }));
    await flush();
    expect(self.state).toBe("pending");
    controller.abort("no partner");
    await flush();
    expect(self.error).toBe("no partner");
    expect(queued(channel)).toBe(0);
  });

  it("selects on the same channel twice take one value, like Go's TestSelectDuplicateChannel", async () => {
    const channel = new Channel<number>();
    const pending = track(select([{ receive: channel }, { receive: channel }]));
    channel.trySend(1);
    expect(queued(channel)).toBe(0);
    await flush();
    expect(pending.value).toMatchObject({ index: 0, value: 1 });
  });

  it("close wakes a waiting receive case with ok false", async () => {
    const channel = new Channel<number>();
    const other = new Channel<number>();
    const pending = track(select([{ receive: other }, { receive: channel }]));
    channel.close();
    await flush();
    expect(pending.value).toEqual({ index: 1, value: undefined, ok: false });
    expect(queued(other)).toBe(0);
  });

  it("close of a waiting send case's channel rejects the select with ChannelClosedError and withdraws it", async () => {
    const channel = new Channel<number>();
    const other = new Channel<number>();
    const pending = track(select([{ receive: other }, { send: channel, value: 1 }]));
    channel.close();
    await flush();
    expect(pending.error).toBeInstanceOf(ChannelClosedError);
    expect(queued(other)).toBe(0);
  });
});

describe("select: an abort case, Go's case <-ctx.Done()", () => {
  it("is ready once its signal has aborted and resolves with the reason, taking nothing from the other cases", async () => {
    const jobs = new Channel<number>();
    await expect(select([{ receive: jobs }, { abort: AbortSignal.abort("done") }])).resolves.toEqual({ index: 1, reason: "done" });
    expect(queued(jobs)).toBe(0);
  });

  it("wins a waiting select when the signal aborts, and withdraws every other case", async () => {
    const jobs = new Channel<number>();
    const results = new Channel<number>();
    const controller = new AbortController();
    const waiting = track(select([{ receive: jobs }, { send: results, value: 1 }, { abort: controller.signal }]));
    await flush();
    expect(waiting.state).toBe("pending");
    controller.abort("stop");
    await flush();
    expect(waiting.value).toEqual({ index: 2, reason: "stop" });
    expect([queued(jobs), queued(results)]).toEqual([0, 0]);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it("leaves no listener behind when another case wins first", async () => {
    const jobs = new Channel<number>();
    const signal = new AbortController().signal;
    const waiting = select([{ receive: jobs }, { abort: signal }]);
    expect(abortListeners(signal)).toBe(1);
    jobs.trySend(5);
    await expect(waiting).resolves.toEqual({ index: 0, value: 5, ok: true });
    expect(abortListeners(signal)).toBe(0);
  });

  it("competes fairly with a ready channel, as Go picks at random among ready cases", async () => {
    const jobs = new Channel<number>(1);
    const done = AbortSignal.abort("done");
    jobs.trySend(1);
    await expect(select([{ receive: jobs }, { abort: done }], { random: () => 0.75 })).resolves.toEqual({ index: 1, reason: "done" });
    expect(jobs.length).toBe(1);
    await expect(select([{ receive: jobs }, { abort: done }], { random: () => 0.25 })).resolves.toMatchObject({ index: 0, value: 1 });
  });

  it("when one signal is both the option and a case, the option wins: the select rejects, waiting or not", async () => {
    const controller = new AbortController();
    const waiting = track(select([{ receive: new Channel<number>() }, { abort: controller.signal }], { signal: controller.signal }));
    controller.abort("stop");
    await flush();
    expect([waiting.state, waiting.error]).toEqual(["rejected", "stop"]);
    await expect(select([{ abort: controller.signal }], { signal: controller.signal })).rejects.toBe("stop");
  });

  it("types: the abort case's result carries the reason; a case with two kinds is a TypeError", async () => {
    const jobs = new Channel<string>(1);
    const result = await select([{ receive: jobs }, { abort: AbortSignal.abort("x") }]);
    if (result.index === 1) expectTypeOf(result.reason).toEqualTypeOf<unknown>();
    expect(result).toEqual({ index: 1, reason: "x" });
    expect(() => select([{ receive: jobs, abort: AbortSignal.abort() } as never])).toThrow(/`cases\[0\]`.*\{ abort: AbortSignal \}/);
    expect(() => select([{ abort: "not a signal" } as never])).toThrow(TypeError);
  });
});

describe("select: cancellation and misuse", () => {
  it("abort rejects with signal.reason and removes every waiter", async () => {
    const channels = [new Channel<number>(), new Channel<number>(), new Channel<number>()];
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const pending = track(
      select([{ receive: channels[0] as Channel<number> }, { send: channels[1] as Channel<number>, value: 1 }, { receive: channels[2] as Channel<number> }], {
        signal: controller.signal,
      }),
    );
    controller.abort(reason);
    await flush();
    expect(pending.error).toBe(reason);
    expect(channels.map((channel) => queued(channel))).toEqual([0, 0, 0]);
    expect(channels[1]?.tryReceive()).toBeUndefined();
  });

  it("an already-aborted signal rejects at once without performing a ready case", async () => {
    const channel = new Channel<number>(1);
    channel.trySend(1);
    await expect(select([{ receive: channel }], { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(channel.length).toBe(1);
  });

  // Node's AbortController costs tens of microseconds per abort on a loaded machine.
  it("100,000 aborted selects linked to one long-lived signal leave its listeners and the queues empty", async () => {
    const channels = [new Channel<number>(), new Channel<number>()];
    const cases = [{ receive: channels[0] as Channel<number> }, { send: channels[1] as Channel<number>, value: 0 }];
    const parent = new AbortController().signal;
    const before = abortListeners(parent);
    expect(await abortLinked(parent, 100_000, (signal) => select(cases, { signal }))).toBe(100_000);
    expect(abortListeners(parent)).toBe(before);
    expect(channels.map((channel) => queued(channel))).toEqual([0, 0]);
  }, 60_000);

  it("100,000 completed selects on one long-lived signal leave no listener behind", async () => {
    const channel = new Channel<number>();
    const signal = new AbortController().signal;
    for (let index = 0; index < 100_000; index++) {
      const pending = select([{ receive: channel }], { signal });
      channel.trySend(index);
      await pending;
    }
    expect(abortListeners(signal)).toBe(0);
  });

  it("rejects bad cases, signals and random functions with a TypeError naming them, before any case proceeds", () => {
    const channel = new Channel<number>(1);
    expect(() => select("cases" as never)).toThrow(/`cases`/);
    expect(() => select([{ send: channel, value: 1 }, { receive: {} } as never])).toThrow(/`cases\[1\]`/);
    expect(channel.length).toBe(0);
    expect(() => select([{ receive: channel }], { signal: {} as AbortSignal })).toThrow(/`signal`/);
    expect(() => select([{ receive: channel }], { random: 1 as never })).toThrow(/`random`/);
    expect(() => select([{ receive: channel }, { receive: channel }], { random: () => 1 })).toThrow(/`random`/);
  });

  it("types: the result narrows by index to the case's own type", async () => {
    const names = new Channel<string>(1);
    const counts = new Channel<number>(1);
    names.trySend("x");
    const result = await select([{ receive: names }, { send: counts, value: 1 }], { default: true });
    if (result.index === 0) {
      if (result.ok) expectTypeOf(result.value).toEqualTypeOf<string>();
      else expectTypeOf(result.value).toEqualTypeOf<undefined>();
    } else expectTypeOf(result.index).toEqualTypeOf<1 | -1>();
    // @ts-expect-error a send case's value must fit its channel
    await select([{ send: counts, value: "not a number" }], { default: true });
    expect(result.index === 0 || result.index === 1).toBe(true);
  });
});
