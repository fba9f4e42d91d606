import { Channel, ChannelClosedError } from "./channel.js";
import { pending, queues, ReceiveWaiter, Selection, SendWaiter } from "./channel-internals.js";
import { assertFunction, assertOptions, assertSignal, describe } from "./validate.js";
import { onAbort } from "./signals.js";

/** ReceiveCase is a select case that receives from `receive`, Go's `case v, ok := <-ch:`. */
export interface ReceiveCase<T> {
  readonly receive: Channel<T>;
}

/** SendCase is a select case that sends `value` to `send`, Go's `case ch <- v:`. */
export interface SendCase<T> {
  readonly send: Channel<T>;
  readonly value: T;
}

/**
 * AbortCase is a select case that is ready once `abort` has aborted, Go's `case <-ctx.Done():`.
 * It resolves the select with the signal's reason, where the `signal` option rejects it: use the
 * case when cancellation is an outcome to handle next to the others, the option when it is a failure.
 */
export interface AbortCase {
  readonly abort: AbortSignal;
}

/** SelectCase is one case of a select: a ReceiveCase, a SendCase or an AbortCase. */
export type SelectCase = ReceiveCase<unknown> | SendCase<unknown> | AbortCase;

/**
 * SelectCaseResult is the result of the case at `index`: a receive case reports what it received
 * (`ok: false` when its channel is closed and drained), a send case only that it sent.
 */
export type SelectCaseResult<Case, Index extends number = number> =
  Case extends ReceiveCase<infer T>
    ?
        | { readonly index: Index; readonly value: T; readonly ok: true }
        | { readonly index: Index; readonly value: undefined; readonly ok: false }
    : Case extends SendCase<unknown>
      ? { readonly index: Index }
      : Case extends AbortCase
        ? { readonly index: Index; readonly reason: unknown }
        : never;

/**
 * SelectResult is the result of a select over `Cases`: a union discriminated by `index`, so
 * `if (result.index === 0)` narrows to the first case's result.
 */
export type SelectResult<Cases extends readonly SelectCase[]> = {
  [Index in keyof Cases]: SelectCaseResult<Cases[Index], Index extends `${infer Position extends number}` ? Position : number>;
}[number];

/** SelectDefault is the result of a select whose `default` ran because no case was ready. */
export interface SelectDefault {
  readonly index: -1;
}

/** SelectOptions configures select. */
export interface SelectOptions {
  /**
   * signal abandons a waiting select: it rejects with `signal.reason`, and no case proceeds.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * default makes select never wait, like Go's `default:` case: when no case is ready it resolves
   * with `{ index: -1 }` at once.
   * @default false
   */
  default?: boolean | undefined;
  /**
   * random chooses among the ready cases; it must return a number in [0, 1) like Math.random.
   * Inject a seeded one to make tests deterministic.
   * @default Math.random
   */
  random?: (() => number) | undefined;
}

const defaultResult: SelectDefault = Object.freeze({ index: -1 });
const defaultPromise = Promise.resolve(defaultResult);

/**
 * select waits until one of `cases` can proceed and performs exactly that one, like Go's `select`:
 * when several are ready it picks one uniformly at random; the cases that lose take and deliver
 * nothing. A receive case on a closed channel is ready and reports `ok: false`; a send case on a
 * closed channel that is chosen rejects with ChannelClosedError, as Go panics. An abort case is
 * ready once its signal has aborted and reports `reason`. With `default:
 * true`, a select with no ready case resolves with `{ index: -1 }` instead of waiting; with no
 * cases and no default it waits until `signal` aborts (Go's `select {}`).
 *
 * @example
 * ```ts
 * const result = await select([{ receive: jobs }, { send: results, value: last }], { signal });
 * if (result.index === 0 && result.ok) handle(result.value);
 * ```
 */
export function select<const Cases extends readonly SelectCase[]>(
  cases: Cases & CheckedCases<Cases>,
  options: SelectOptions & { default: true },
): Promise<SelectResult<Cases> | SelectDefault>;
export function select<const Cases extends readonly SelectCase[]>(
  cases: Cases & CheckedCases<Cases>,
  options?: SelectOptions & { default?: false | undefined },
): Promise<SelectResult<Cases>>;
export function select<const Cases extends readonly SelectCase[]>(
  cases: Cases & CheckedCases<Cases>,
  options?: SelectOptions,
): Promise<SelectResult<Cases> | SelectDefault>;
export function select(cases: readonly SelectCase[], options: SelectOptions = {}): Promise<object> {
  if (!Array.isArray(cases)) throw new TypeError(`Expected \`cases\` to be an array, got ${describe(cases)}`);
  assertOptions("options", options, { owner: "select", known: ["signal", "default", "random"] });
  const { signal, random = Math.random } = options;
  assertSignal("signal", signal);
  assertFunction("random", random);
  // `random` is user code, so it runs before the channels are inspected: whatever it does, the
  // readiness counted below is still true when the chosen case proceeds.
  const draw = cases.length > 1 ? drawFrom(random) : 0;
  // Every case is checked before any proceeds, so a bad case never leaves a half-done select.
  let ready = 0;
  for (let index = 0; index < cases.length; index++) if (isReady(cases[index], index)) ready++;
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ready > 0) return proceed(cases, Math.floor(draw * ready));
  if (options.default === true) return defaultPromise;
  return wait(cases, signal);
}

/**
 * CheckedCases makes the compiler check that a send case's value fits its channel; SelectCase
 * alone accepts any value, because each case of one select has its own element type.
 */
export type CheckedCases<Cases extends readonly SelectCase[]> = {
  readonly [Index in keyof Cases]: Cases[Index] extends { readonly send: Channel<infer T> } ? SendCase<T> : Cases[Index];
};

// A case has exactly one of the three keys, so no object can mean two different cases.
function kindOf(selectCase: SelectCase | undefined, index: number): "receive" | "send" | "abort" {
  if (typeof selectCase === "object" && selectCase !== null) {
    const keys = Number("receive" in selectCase) + Number("send" in selectCase) + Number("abort" in selectCase);
    if (keys === 1 && "receive" in selectCase && selectCase.receive instanceof Channel) return "receive";
    if (keys === 1 && "send" in selectCase && selectCase.send instanceof Channel) return "send";
    if (keys === 1 && "abort" in selectCase && selectCase.abort instanceof AbortSignal) return "abort";
  }
  throw new TypeError(
    `Expected \`cases[${index}]\` to be { receive: Channel }, { send: Channel, value } or { abort: AbortSignal }, got ${describe(selectCase)}`,
  );
}

function isReady(selectCase: SelectCase | undefined, index: number): boolean {
  const kind = kindOf(selectCase, index);
  if (kind === "abort") return (selectCase as AbortCase).abort.aborted;
  if (kind === "receive") {
    const channel = (selectCase as ReceiveCase<unknown>).receive;
    return channel.length > 0 || channel.closed || channel[queues].senders.length > 0;
  }
  const channel = (selectCase as SendCase<unknown>).send;
  return channel.closed || channel[queues].receivers.length > 0 || channel.length < channel.capacity;
}

function drawFrom(random: () => number): number {
  const draw = random();
  if (typeof draw !== "number" || !(draw >= 0 && draw < 1)) {
    throw new TypeError(`Expected \`random\` to return a number in [0, 1), got ${describe(draw)}`);
  }
  return draw;
}

// Performs the ready case that comes `skip` ready cases after the first.
function proceed(cases: readonly SelectCase[], skip: number): Promise<object> {
  for (let index = 0; ; index++) {
    const selectCase = cases[index] as SelectCase;
    if (!isReady(selectCase, index) || skip-- > 0) continue;
    if ("abort" in selectCase) return Promise.resolve({ index, reason: selectCase.abort.reason });
    if ("receive" in selectCase) {
      const channel = selectCase.receive;
      const { senders, take } = channel[queues];
      if (channel.length === 0 && senders.length === 0) return Promise.resolve({ index, value: undefined, ok: false });
      return Promise.resolve({ index, value: take(), ok: true });
    }
    if (selectCase.send.closed) return Promise.reject(new ChannelClosedError());
    selectCase.send.trySend(selectCase.value);
    return Promise.resolve({ index });
  }
}

function wait(cases: readonly SelectCase[], signal: AbortSignal | undefined): Promise<object> {
  const selection = new Selection(signal);
  // The option's listener goes first, so that a signal that is both the option and a case rejects
  // the select when it aborts later, as it does when it has aborted already.
  if (signal !== undefined) selection.removers.push(onAbort(signal, () => selection.abort()));
  for (let index = 0; index < cases.length; index++) {
    const selectCase = cases[index] as SelectCase;
    if ("abort" in selectCase) {
      const signal = selectCase.abort;
      selection.removers.push(onAbort(signal, () => selection.settle({ index, reason: signal.reason })));
    } else if ("receive" in selectCase) {
      const { receivers } = selectCase.receive[queues];
      const waiter = new ReceiveWaiter(receivers, undefined, false, selection, index);
      receivers.push(waiter);
      selection.waiters.push(waiter);
    } else {
      const { senders } = selectCase.send[queues];
      const waiter = new SendWaiter(senders, selectCase.value, undefined, selection, index);
      senders.push(waiter);
      selection.waiters.push(waiter);
    }
  }
  return pending(selection);
}
