// Property-based tests of channels and select. Two complementary checks:
// 1. A model run: random command sequences (send, receive, iterate, trySend, tryReceive, close,
//    abort of a waiting operation) on one channel, compared after every command with a small
//    model of Go's semantics: who is served, in which order, with which value, and how each
//    operation settles.
// 2. Random schedules: several simulated goroutines interleaved by fast-check's scheduler, mixing
//    plain operations, selects, aborts and closes over several channels; afterwards every value
//    whose send completed was received exactly once, no other value was received, and each
//    receiver saw each sender's values in the order they were sent.
import fc from "fast-check";
import { describe, expect, it } from "./harness.js";
import { Channel, ChannelClosedError, type ReceiveResult } from "../../runtime/channel.js";
import { queues } from "../../runtime/channel-internals.js";
import { type ReceiveCase, type SelectCase, type SendCase, select } from "../../runtime/select.js";
import { flush, type Tracked, track } from "./channel-helpers.js";

type Expected = { state: "pending" } | { state: "resolved"; value: unknown } | { state: "rejected"; closed: boolean };

interface Model {
  readonly capacity: number;
  readonly buffer: number[];
  readonly senders: { id: number; value: number }[];
  readonly receivers: { id: number; iterate: boolean }[];
  closed: boolean;
  readonly expected: Map<number, Expected>;
  readonly abortable: number[];
}

interface Real {
  readonly channel: Channel<number>;
  readonly operations: Map<number, { tracked: Tracked<unknown>; controller: AbortController | undefined; reason: unknown }>;
  nextId: number;
}

function received(value: number | undefined, ok: boolean, iterate: boolean): unknown {
  if (iterate) return ok ? { value, done: false } : { value: undefined, done: true };
  return { value, ok };
}

// The model's receive: the buffer's head (refilled from the longest-waiting sender), else a
// waiting sender's value, else nothing.
function take(model: Model): { value: number } | undefined {
  if (model.buffer.length > 0) {
    const value = model.buffer.shift() as number;
    const sender = model.senders.shift();
    if (sender) {
      model.buffer.push(sender.value);
      model.expected.set(sender.id, { state: "resolved", value: undefined });
    }
    return { value };
  }
  const sender = model.senders.shift();
  if (!sender) return undefined;
  model.expected.set(sender.id, { state: "resolved", value: undefined });
  return { value: sender.value };
}

// The model's send: to the longest-waiting receiver, else into the buffer; false if it must wait.
function offer(model: Model, value: number): boolean {
  const receiver = model.receivers.shift();
  if (receiver) {
    model.expected.set(receiver.id, { state: "resolved", value: received(value, true, receiver.iterate) });
    return true;
  }
  if (model.buffer.length < model.capacity) {
    model.buffer.push(value);
    return true;
  }
  return false;
}

function start(real: Real, promise: (signal: AbortSignal | undefined) => Promise<unknown>, withSignal: boolean, model: Model): number {
  const id = real.nextId++;
  const controller = withSignal ? new AbortController() : undefined;
  real.operations.set(id, { tracked: track(promise(controller?.signal)), controller, reason: new Error(`abort ${id}`) });
  if (withSignal) model.abortable.push(id);
  return id;
}

async function compare(model: Model, real: Real): Promise<void> {
  await flush();
  expect(real.channel.length).toBe(model.buffer.length);
  expect(real.channel.closed).toBe(model.closed);
  for (const [id, expected] of model.expected) {
    const { tracked, reason } = real.operations.get(id) as { tracked: Tracked<unknown>; reason: unknown };
    expect(tracked.state, `operation ${id}`).toBe(expected.state);
    if (expected.state === "resolved") expect(tracked.value, `operation ${id}`).toEqual(expected.value);
    if (expected.state === "rejected") {
      if (expected.closed) expect(tracked.error).toBeInstanceOf(ChannelClosedError);
      else expect(tracked.error).toBe(reason);
    }
  }
}

type Command = fc.AsyncCommand<Model, Real>;

const commands: fc.Arbitrary<Command>[] = [
  fc.record({ value: fc.integer({ min: 0, max: 99 }), withSignal: fc.boolean() }).map(({ value, withSignal }) => ({
    check: () => true,
    toString: () => `send(${value}${withSignal ? ", signal" : ""})`,
    async run(model: Model, real: Real) {
      const id = start(real, (signal) => real.channel.send(value, { signal }), withSignal, model);
      if (model.closed) model.expected.set(id, { state: "rejected", closed: true });
      else if (offer(model, value)) model.expected.set(id, { state: "resolved", value: undefined });
      else {
        model.senders.push({ id, value });
        model.expected.set(id, { state: "pending" });
      }
      await compare(model, real);
    },
  })),
  fc.record({ iterate: fc.boolean(), withSignal: fc.boolean() }).map(({ iterate, withSignal }) => ({
    check: () => true,
    toString: () => `${iterate ? "values().next" : "receive"}(${withSignal ? "signal" : ""})`,
    async run(model: Model, real: Real) {
      const operation = (signal: AbortSignal | undefined): Promise<unknown> =>
        iterate ? real.channel.values({ signal }).next() : real.channel.receive({ signal });
      const id = start(real, operation, withSignal, model);
      const taken = take(model);
      if (taken) model.expected.set(id, { state: "resolved", value: received(taken.value, true, iterate) });
      else if (model.closed) model.expected.set(id, { state: "resolved", value: received(undefined, false, iterate) });
      else {
        model.receivers.push({ id, iterate });
        model.expected.set(id, { state: "pending" });
      }
      await compare(model, real);
    },
  })),
  fc.integer({ min: 100, max: 199 }).map((value) => ({
    check: () => true,
    toString: () => `trySend(${value})`,
    async run(model: Model, real: Real) {
      if (model.closed) expect(() => real.channel.trySend(value)).toThrow(ChannelClosedError);
      else expect(real.channel.trySend(value)).toBe(offer(model, value));
      await compare(model, real);
    },
  })),
  fc.constant({
    check: () => true,
    toString: () => "tryReceive()",
    async run(model: Model, real: Real) {
      const taken = take(model);
      const expected: ReceiveResult<number> | undefined = taken
        ? { value: taken.value, ok: true }
        : model.closed
          ? { value: undefined, ok: false }
          : undefined;
      expect(real.channel.tryReceive()).toEqual(expected);
      await compare(model, real);
    },
  }),
  fc.constant({
    check: () => true,
    toString: () => "close()",
    async run(model: Model, real: Real) {
      if (model.closed) {
        expect(() => real.channel.close()).toThrow("close of closed channel");
        return;
      }
      real.channel.close();
      model.closed = true;
      for (const receiver of model.receivers.splice(0)) {
        model.expected.set(receiver.id, { state: "resolved", value: received(undefined, false, receiver.iterate) });
      }
      for (const sender of model.senders.splice(0)) model.expected.set(sender.id, { state: "rejected", closed: true });
      await compare(model, real);
    },
  }),
  fc.nat().map((pick) => ({
    check: (model: Readonly<Model>) => model.abortable.length > 0,
    toString: () => `abort(#${pick})`,
    async run(model: Model, real: Real) {
      const [id] = model.abortable.splice(pick % model.abortable.length, 1) as [number];
      const operation = real.operations.get(id);
      operation?.controller?.abort(operation.reason);
      const senderIndex = model.senders.findIndex((sender) => sender.id === id);
      const receiverIndex = model.receivers.findIndex((receiver) => receiver.id === id);
      if (senderIndex >= 0) model.senders.splice(senderIndex, 1);
      if (receiverIndex >= 0) model.receivers.splice(receiverIndex, 1);
      // Aborting an operation that has already completed changes nothing, as in Go.
      if (senderIndex >= 0 || receiverIndex >= 0) model.expected.set(id, { state: "rejected", closed: false });
      await compare(model, real);
    },
  })),
];

describe("Channel against a model of Go's semantics", () => {
  it("serves every command as the model does: values, order, waiting, closing and aborts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.commands(commands, { maxCommands: 40 }), async (capacity, program) => {
        const model: Model = { capacity, buffer: [], senders: [], receivers: [], closed: false, expected: new Map(), abortable: [] };
        const real: Real = { channel: new Channel<number>(capacity), operations: new Map(), nextId: 0 };
        await fc.asyncModelRun(() => ({ model, real }), program);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random schedules of several goroutines.

type Step =
  | { kind: "send" | "receive"; channel: number; abort: boolean }
  | { kind: "trySend" | "tryReceive"; channel: number }
  | { kind: "select"; cases: { send: boolean; channel: number }[]; abort: boolean; default: boolean };

const channelIndex = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom("send" as const, "receive" as const), channel: channelIndex, abort: fc.boolean() }),
  fc.record({ kind: fc.constantFrom("trySend" as const, "tryReceive" as const), channel: channelIndex }),
  fc.record({
    kind: fc.constant("select" as const),
    cases: fc.array(fc.record({ send: fc.boolean(), channel: channelIndex }), { minLength: 1, maxLength: 3 }),
    abort: fc.boolean(),
    default: fc.boolean(),
  }),
);

function isReady(entry: ReceiveCase<unknown> | SendCase<unknown>): boolean {
  if ("receive" in entry) return entry.receive.length > 0 || entry.receive.closed || entry.receive[queues].senders.length > 0;
  return entry.send.closed || entry.send[queues].receivers.length > 0 || entry.send.length < entry.send.capacity;
}

interface Message {
  readonly sender: number;
  readonly channel: number;
  readonly sequence: number;
}

describe("channels and select under random schedules", () => {
  it("lose, duplicate and reorder nothing; exactly one case of a select proceeds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        async (scheduler, capacities, goroutines, closeEarly) => {
          const channels = capacities.map((capacity) => new Channel<Message>(capacity));
          const delivered = new Set<Message>();
          const receivedBy: Message[][] = goroutines.map(() => []);
          const reasons = new Set<unknown>();
          const expectedError = (error: unknown): void => {
            if (!(error instanceof ChannelClosedError) && !reasons.has(error)) throw error;
          };
          // Aborts and early closes are scheduled events too; one that throws fails this run.
          const eventFailures: unknown[] = [];
          const scheduleEvent = (label: string, event: () => void): void => {
            scheduler
              .schedule(Promise.resolve(), label)
              .then(event)
              .catch((error: unknown) => eventFailures.push(error));
          };
          const cancellable = (enabled: boolean): AbortSignal | undefined => {
            if (!enabled) return undefined;
            const controller = new AbortController();
            const reason = new Error("aborted");
            reasons.add(reason);
            scheduleEvent("abort", () => controller.abort(reason));
            return controller.signal;
          };

          const run = async (steps: Step[], goroutine: number): Promise<void> => {
            let sequence = 0;
            const message = (channel: number): Message => ({ sender: goroutine, channel, sequence: sequence++ });
            const receive = (result: ReceiveResult<Message>): void => {
              if (result.ok) receivedBy[goroutine]?.push(result.value);
            };
            for (const current of steps) {
              await scheduler.schedule(Promise.resolve(), `goroutine ${goroutine}`);
              for (const channel of channels) expect(channel.length).toBeLessThanOrEqual(channel.capacity);
              try {
                if (current.kind === "select") {
                  const cases: SelectCase[] = current.cases.map((entry) => {
                    const channel = channels[entry.channel] as Channel<Message>;
                    return entry.send ? { send: channel, value: message(entry.channel) } : { receive: channel };
                  });
                  const signal = cancellable(current.abort);
                  const readyBefore = cases.flatMap((entry, index) => (isReady(entry as ReceiveCase<unknown> | SendCase<unknown>) ? [index] : []));
                  const result = await select(cases, { signal, default: current.default });
                  // A select with a ready case never waits or takes the default, and picks a ready case.
                  if (readyBefore.length > 0) expect(readyBefore).toContain(result.index);
                  if (result.index === -1) continue;
                  const chosen = cases[result.index] as SelectCase;
                  if ("send" in chosen) delivered.add(chosen.value as Message);
                  else receive(result as ReceiveResult<Message>);
                  continue;
                }
                const channel = channels[current.channel] as Channel<Message>;
                if (current.kind === "send") {
                  const value = message(current.channel);
                  await channel.send(value, { signal: cancellable(current.abort) });
                  delivered.add(value);
                } else if (current.kind === "trySend") {
                  const value = message(current.channel);
                  if (channel.trySend(value)) delivered.add(value);
                } else if (current.kind === "receive") {
                  receive(await channel.receive({ signal: cancellable(current.abort) }));
                } else {
                  const result = channel.tryReceive();
                  if (result) receive(result);
                }
              } catch (error) {
                expectedError(error);
              }
            }
          };

          const running = goroutines.map((steps, goroutine) => run(steps, goroutine));
          channels.forEach((channel, index) => {
            if (closeEarly[index]) scheduleEvent("close", () => channel.close());
          });
          await scheduler.waitIdle();
          // Whatever still waits can only be woken by closing: every blocked operation then settles.
          for (const channel of channels) if (!channel.closed) channel.close();
          // eslint-disable-next-line corral/no-unbounded-concurrency -- at most 4 generated goroutines, all at once on purpose: their interleavings are what is tested
          await scheduler.waitFor(Promise.all(running));
          expect(eventFailures).toEqual([]);

          const drained: Message[] = [];
          for (const channel of channels) {
            for (let result = channel.tryReceive(); result?.ok; result = channel.tryReceive()) drained.push(result.value);
          }
          const all = [...receivedBy.flat(), ...drained];
          expect(new Set(all).size).toBe(all.length);
          expect(new Set(all)).toEqual(delivered);
          // Per-sender FIFO: on each channel, each receiver sees each sender's values in order.
          for (const values of [...receivedBy, drained]) {
            for (let sender = 0; sender < goroutines.length; sender++) {
              for (let channel = 0; channel < channels.length; channel++) {
                const sequences = values
                  .filter((value) => value.sender === sender && value.channel === channel)
                  .map((value) => value.sequence);
                expect(sequences).toEqual([...sequences].sort((left, right) => left - right));
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
