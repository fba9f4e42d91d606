import { describe, expect, expectTypeOf, it } from "./harness.js";
import { Channel, ChannelClosedError, type ReceiveResult } from "../../runtime/channel.js";
import { queues } from "../../runtime/channel-internals.js";
import { abortLinked, abortListeners, collect, flush, track } from "./channel-helpers.js";

describe("Channel: unbuffered (capacity 0) is a rendezvous", () => {
  it("send waits until a receiver takes the value, like Go's TestChan", async () => {
    const channel = new Channel<number>();
    const sent = track(channel.send(1));
    await flush();
    expect(sent.state).toBe("pending");
    expect(channel.length).toBe(0);
    await expect(channel.receive()).resolves.toEqual({ value: 1, ok: true });
    await flush();
    expect(sent.state).toBe("resolved");
  });

  it("receive waits until a sender arrives, and the send then completes at once", async () => {
    const channel = new Channel<string>();
    const received = track(channel.receive());
    await flush();
    expect(received.state).toBe("pending");
    expect(channel.trySend("hello")).toBe(true);
    await flush();
    expect(received.value).toEqual({ value: "hello", ok: true });
  });

  it("trySend fails and tryReceive returns undefined with nobody on the other side", () => {
    const channel = new Channel<number>();
    expect(channel.trySend(1)).toBe(false);
    expect(channel.tryReceive()).toBeUndefined();
    expect(channel.length).toBe(0);
  });

  it("tryReceive takes the value of a waiting sender and completes its send", async () => {
    const channel = new Channel<number>();
    const sent = track(channel.send(7));
    expect(channel.tryReceive()).toEqual({ value: 7, ok: true });
    await flush();
    expect(sent.state).toBe("resolved");
  });
});

describe("Channel: buffered", () => {
  it("sends complete without a receiver until the buffer is full, like Go's TestChan", async () => {
    const channel = new Channel<number>(2);
    const first = track(channel.send(1));
    const second = track(channel.send(2));
    const third = track(channel.send(3));
    await flush();
    expect([first.state, second.state, third.state]).toEqual(["resolved", "resolved", "pending"]);
    expect(channel.length).toBe(2);
    expect(channel.capacity).toBe(2);
    expect(channel.trySend(4)).toBe(false);
  });

  it("is FIFO, and a blocked sender's value joins the buffer behind the buffered ones", async () => {
    const channel = new Channel<number>(2);
    const sends = [1, 2, 3, 4].map((value) => track(channel.send(value)));
    const received: number[] = [];
    for (let index = 0; index < 4; index++) received.push(((await channel.receive()) as { value: number }).value);
    await flush();
    expect(received).toEqual([1, 2, 3, 4]);
    expect(sends.map((send) => send.state)).toEqual(["resolved", "resolved", "resolved", "resolved"]);
    expect(channel.length).toBe(0);
  });

  it("a freed slot goes to the longest-waiting sender", async () => {
    const channel = new Channel<string>(1);
    channel.trySend("buffered");
    const first = track(channel.send("first"));
    const second = track(channel.send("second"));
    expect(channel.tryReceive()).toEqual({ value: "buffered", ok: true });
    await flush();
    expect([first.state, second.state]).toEqual(["resolved", "pending"]);
    expect(channel.tryReceive()).toEqual({ value: "first", ok: true });
    expect(channel.tryReceive()).toEqual({ value: "second", ok: true });
  });
});

describe("Channel: waiting callers are served first come, first served", () => {
  it("receivers, in the order they started waiting", async () => {
    const channel = new Channel<number>();
    const receives = [track(channel.receive()), track(channel.receive()), track(channel.receive())];
    for (const value of [10, 20, 30]) await channel.send(value);
    await flush();
    expect(receives.map((receive) => receive.value?.value)).toEqual([10, 20, 30]);
  });

  it("senders, in the order they started waiting", async () => {
    const channel = new Channel<number>();
    const sends = [10, 20, 30].map((value) => channel.send(value));
    const values = [channel.tryReceive(), channel.tryReceive(), channel.tryReceive()].map((result) => result?.value);
    expect(values).toEqual([10, 20, 30]);
    await Promise.all(sends);
  });

  it("many producers and consumers deliver every value exactly once, like Go's TestMultiConsumer", async () => {
    const channel = new Channel<number>(3);
    const producers = [0, 1, 2, 3].map(async (producer) => {
      for (let index = 0; index < 250; index++) await channel.send(producer * 1000 + index);
    });
    const consumers = [0, 1, 2].map(() => collect(channel));
    await Promise.all(producers);
    channel.close();
    const received = (await Promise.all(consumers)).flat().sort((left, right) => left - right);
    const expected = [0, 1, 2, 3].flatMap((producer) => Array.from({ length: 250 }, (_, index) => producer * 1000 + index));
    expect(received).toEqual(expected);
  });
});

describe("Channel: close", () => {
  it("wakes waiting receivers with ok false and value undefined, like Go's closedchan test", async () => {
    const channel = new Channel<number>();
    const receives = [track(channel.receive()), track(channel.receive())];
    channel.close();
    await flush();
    expect(receives.map((receive) => receive.value)).toEqual([
      { value: undefined, ok: false },
      { value: undefined, ok: false },
    ]);
    expect(channel.closed).toBe(true);
  });

  it("lets receivers drain the buffer, then yields ok false forever", async () => {
    const channel = new Channel<number>(3);
    channel.trySend(1);
    channel.trySend(2);
    channel.close();
    expect(channel.length).toBe(2);
    await expect(channel.receive()).resolves.toEqual({ value: 1, ok: true });
    expect(channel.tryReceive()).toEqual({ value: 2, ok: true });
    await expect(channel.receive()).resolves.toEqual({ value: undefined, ok: false });
    expect(channel.tryReceive()).toEqual({ value: undefined, ok: false });
  });

  it("makes send reject with ChannelClosedError and trySend throw it, as Go panics", async () => {
    const channel = new Channel<number>(1);
    channel.close();
    await expect(channel.send(1)).rejects.toBeInstanceOf(ChannelClosedError);
    await expect(channel.send(1)).rejects.toThrow("send on closed channel");
    expect(() => channel.trySend(1)).toThrow(ChannelClosedError);
    expect(channel.length).toBe(0);
  });

  it("rejects senders blocked at that moment, keeping the values already buffered", async () => {
    const channel = new Channel<string>(1);
    channel.trySend("kept");
    const blocked = track(channel.send("refused"));
    channel.close();
    await flush();
    expect(blocked.state).toBe("rejected");
    expect(blocked.error).toBeInstanceOf(ChannelClosedError);
    expect(await collect(channel)).toEqual(["kept"]);
  });

  it("throws ChannelClosedError when closing twice (close of closed channel)", () => {
    const channel = new Channel();
    channel.close();
    expect(() => channel.close()).toThrow(new ChannelClosedError("close of closed channel"));
    expect(channel.closed).toBe(true);
  });
});

describe("Channel: cancellation", () => {
  it("20,000 receivers blocked on one shared signal hold one listener, and all leave on abort", async () => {
    const channel = new Channel<number>();
    const controller = new AbortController();
    const receives = Array.from({ length: 20_000 }, () => track(channel.receive({ signal: controller.signal })));
    expect(abortListeners(controller.signal)).toBe(1);
    controller.abort("stop");
    await flush();
    expect(receives.every((receive) => receive.state === "rejected" && receive.error === "stop")).toBe(true);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(channel[queues].receivers.length).toBe(0);
  });

  it("an aborted receive takes nothing: the next value goes to the next receiver", async () => {
    const channel = new Channel<number>();
    const controller = new AbortController();
    const aborted = track(channel.receive({ signal: controller.signal }));
    const next = track(channel.receive());
    const reason = new Error("stop");
    controller.abort(reason);
    await channel.send(5);
    await flush();
    expect(aborted.state).toBe("rejected");
    expect(aborted.error).toBe(reason);
    expect(next.value).toEqual({ value: 5, ok: true });
  });

  it("an aborted send delivers nothing and rejects with signal.reason", async () => {
    const channel = new Channel<number>(1);
    channel.trySend(1);
    const controller = new AbortController();
    const aborted = track(channel.send(2, { signal: controller.signal }));
    controller.abort("reason");
    await flush();
    expect(aborted.error).toBe("reason");
    channel.close();
    expect(await collect(channel)).toEqual([1]);
  });

  it("an already-aborted signal rejects at once without side effects, even when the operation could complete", async () => {
    const channel = new Channel<number>(1);
    const signal = AbortSignal.abort("early");
    await expect(channel.send(1, { signal })).rejects.toBe("early");
    expect(channel.length).toBe(0);
    channel.trySend(2);
    await expect(channel.receive({ signal })).rejects.toBe("early");
    expect(channel.length).toBe(1);
    const waiting = track(new Channel<number>().receive());
    await expect(channel.values({ signal }).next()).rejects.toBe("early");
    expect(waiting.state).toBe("pending");
  });

  // Node's AbortController costs tens of microseconds per abort on a loaded machine.
  it("100,000 aborted receives linked to one long-lived signal leave its listeners and the queue empty", async () => {
    const channel = new Channel<number>();
    const parent = new AbortController().signal;
    const before = abortListeners(parent);
    expect(await abortLinked(parent, 100_000, (signal) => channel.receive({ signal }))).toBe(100_000);
    expect(abortListeners(parent)).toBe(before);
    expect(channel[queues].receivers.length).toBe(0);
    expect(channel.trySend(1)).toBe(false);
  }, 60_000);

  it("100,000 completed sends and receives on one long-lived signal leave no listener behind", async () => {
    const channel = new Channel<number>();
    const signal = new AbortController().signal;
    for (let index = 0; index < 100_000; index++) {
      await Promise.all([channel.receive({ signal }), channel.send(index, { signal })]);
      await Promise.all([channel.send(index, { signal }), channel.receive({ signal })]);
    }
    expect(abortListeners(signal)).toBe(0);
  });
});

describe("Channel: for await", () => {
  it("iterates until the channel is closed and drained, like Go's range over a channel", async () => {
    const channel = new Channel<number>(2);
    const produce = async (): Promise<void> => {
      for (let value = 1; value <= 5; value++) await channel.send(value);
      channel.close();
    };
    const [, received] = await Promise.all([produce(), collect(channel)]);
    expect(received).toEqual([1, 2, 3, 4, 5]);
  });

  it("breaking out of the loop neither closes the channel nor loses a value", async () => {
    const channel = new Channel<number>(4);
    for (const value of [1, 2, 3, 4]) channel.trySend(value);
    for await (const value of channel) if (value === 2) break;
    expect(channel.closed).toBe(false);
    expect(channel.length).toBe(2);
    channel.close();
    expect(await collect(channel)).toEqual([3, 4]);
  });

  it("return() while a next waits withdraws that receive: the next ends as done and takes no later value", async () => {
    const channel = new Channel<number>();
    const iterator = channel.values();
    const waiting = [iterator.next(), iterator.next()];
    expect(channel[queues].receivers.length).toBe(2);
    await expect(iterator.return?.()).resolves.toEqual({ value: undefined, done: true });
    await expect(Promise.all(waiting)).resolves.toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(channel[queues].receivers.length).toBe(0);
    expect(channel.trySend(1)).toBe(false);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("a long loop keeps no record of the receives it already finished", async () => {
    const channel = new Channel<number>();
    const iterator = channel.values({ signal: new AbortController().signal });
    for (let round = 0; round < 1_000; round++) {
      const next = iterator.next();
      channel.trySend(round);
      await expect(next).resolves.toEqual({ value: round, done: false });
    }
    const last = iterator.next();
    const returned = iterator.return?.();
    await expect(Promise.all([last, returned])).resolves.toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });

  it("values({ signal }) rejects a waiting next with signal.reason and takes nothing", async () => {
    const channel = new Channel<number>();
    const controller = new AbortController();
    const iterator = channel.values({ signal: controller.signal });
    const next = track(iterator.next());
    controller.abort("done waiting");
    await flush();
    expect(next.error).toBe("done waiting");
    expect(channel.trySend(1)).toBe(false);
    await expect(iterator.return?.()).resolves.toEqual({ value: undefined, done: true });
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });
});

describe("Channel: misuse and types", () => {
  it("rejects a capacity that is not an integer from 0 with a TypeError naming it", () => {
    for (const capacity of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "2"]) {
      expect(() => new Channel(capacity as number)).toThrow(/`capacity`/);
    }
  });

  it("rejects a signal that is not an AbortSignal with a TypeError naming it", () => {
    const channel = new Channel<number>();
    const signal = {} as AbortSignal;
    expect(() => channel.send(1, { signal })).toThrow(TypeError);
    expect(() => channel.receive({ signal })).toThrow(/`signal`/);
    expect(() => channel.values({ signal })).toThrow(/`signal`/);
  });

  it("types: receive narrows on ok, and Channel<'a'> is usable as Channel<string>", () => {
    const channel = new Channel<"a">(1);
    const wider: Channel<string> = channel;
    expectTypeOf(wider.tryReceive()).toEqualTypeOf<ReceiveResult<string> | undefined>();
    const result = channel.tryReceive();
    if (result?.ok) expectTypeOf(result.value).toEqualTypeOf<"a">();
    else if (result) expectTypeOf(result.value).toEqualTypeOf<undefined>();
  });
});
