/** assertInteger throws a TypeError unless `value` is an integer no smaller than `minimum`. */
export declare function assertInteger(name: string, value: unknown, minimum: number): asserts value is number;
/**
 * assertLimit accepts a positive integer or `Infinity`, the two legal shapes of a concurrency
 * bound or a capacity.
 */
export declare function assertLimit(name: string, value: unknown, minimum?: number): asserts value is number;
/** assertPositiveNumber throws a TypeError unless `value` is a finite number greater than zero. */
export declare function assertPositiveNumber(name: string, value: unknown): asserts value is number;
/** assertNonNegativeNumber throws a TypeError unless `value` is a finite number of zero or more. */
export declare function assertNonNegativeNumber(name: string, value: unknown): asserts value is number;
/** assertFunction throws a TypeError unless `value` is callable. */
export declare function assertFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown;
/** assertSignal throws a TypeError unless `value` is undefined or an AbortSignal. */
export declare function assertSignal(name: string, value: unknown): asserts value is AbortSignal | undefined;
/** describe renders a rejected argument for an error message without calling user code. */
export declare function describe(value: unknown): string;
