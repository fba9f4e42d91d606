import { Channel } from "./channel.js";
/** ReceiveCase is a select case that receives from `receive`, Go's `case v, ok := <-ch:`. */
export interface ReceiveCase<T> {
    readonly receive: Channel<T>;
}
/** SendCase is a select case that sends `value` to `send`, Go's `case ch <- v:`. */
export interface SendCase<T> {
    readonly send: Channel<T>;
    readonly value: T;
}
/** SelectCase is one case of a select: a ReceiveCase or a SendCase. */
export type SelectCase = ReceiveCase<unknown> | SendCase<unknown>;
/**
 * SelectCaseResult is the result of the case at `index`: a receive case reports what it received
 * (`ok: false` when its channel is closed and drained), a send case only that it sent.
 */
export type SelectCaseResult<Case, Index extends number = number> = Case extends ReceiveCase<infer T> ? {
    readonly index: Index;
    readonly value: T;
    readonly ok: true;
} | {
    readonly index: Index;
    readonly value: undefined;
    readonly ok: false;
} : Case extends SendCase<unknown> ? {
    readonly index: Index;
} : never;
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
/**
 * select waits until one of `cases` can proceed and performs exactly that one, like Go's `select`:
 * when several are ready it picks one uniformly at random; the cases that lose take and deliver
 * nothing. A receive case on a closed channel is ready and reports `ok: false`; a send case on a
 * closed channel that is chosen rejects with ChannelClosedError, as Go panics. With `default:
 * true`, a select with no ready case resolves with `{ index: -1 }` instead of waiting; with no
 * cases and no default it waits until `signal` aborts (Go's `select {}`).
 *
 * @example
 * ```ts
 * const result = await select([{ receive: jobs }, { send: results, value: last }], { signal });
 * if (result.index === 0 && result.ok) handle(result.value);
 * ```
 */
export declare function select<const Cases extends readonly SelectCase[]>(cases: Cases & CheckedCases<Cases>, options: SelectOptions & {
    default: true;
}): Promise<SelectResult<Cases> | SelectDefault>;
export declare function select<const Cases extends readonly SelectCase[]>(cases: Cases & CheckedCases<Cases>, options?: SelectOptions & {
    default?: false | undefined;
}): Promise<SelectResult<Cases>>;
export declare function select<const Cases extends readonly SelectCase[]>(cases: Cases & CheckedCases<Cases>, options?: SelectOptions): Promise<SelectResult<Cases> | SelectDefault>;
/**
 * CheckedCases makes the compiler check that a send case's value fits its channel; SelectCase
 * alone accepts any value, because each case of one select has its own element type.
 */
export type CheckedCases<Cases extends readonly SelectCase[]> = {
    readonly [Index in keyof Cases]: Cases[Index] extends {
        readonly send: Channel<infer T>;
    } ? SendCase<T> : Cases[Index];
};
