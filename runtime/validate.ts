// Argument checks shared by every primitive, so that misuse fails loudly and the same way
// everywhere: a TypeError that names the argument and says what was expected.

/** assertInteger throws a TypeError unless `value` is an integer no smaller than `minimum`. */
export function assertInteger(name: string, value: unknown, minimum: number): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw new TypeError(`Expected \`${name}\` to be an integer from ${minimum} and up, got ${describe(value)}`);
  }
}

/**
 * assertLimit accepts a positive integer or `Infinity`, the two legal shapes of a concurrency
 * bound or a capacity.
 */
export function assertLimit(name: string, value: unknown, minimum = 1): asserts value is number {
  if (value === Number.POSITIVE_INFINITY) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
    throw new TypeError(
      `Expected \`${name}\` to be an integer from ${minimum} and up, or Infinity, got ${describe(value)}`,
    );
  }
}

/** assertPositiveNumber throws a TypeError unless `value` is a finite number greater than zero. */
export function assertPositiveNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`Expected \`${name}\` to be a finite number greater than 0, got ${describe(value)}`);
  }
}

/** assertNonNegativeNumber throws a TypeError unless `value` is a finite number of zero or more. */
export function assertNonNegativeNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`Expected \`${name}\` to be a finite number of 0 or more, got ${describe(value)}`);
  }
}

/**
 * assertTimeout throws a TypeError unless `value` is a number of milliseconds of 0 or more, or
 * Infinity, which means no deadline at all (as in p-timeout).
 */
export function assertTimeout(name: string, value: unknown): asserts value is number {
  if (value === Number.POSITIVE_INFINITY) return;
  assertNonNegativeNumber(name, value);
}

/** assertFunction throws a TypeError unless `value` is callable. */
export function assertFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new TypeError(`Expected \`${name}\` to be a function, got ${describe(value)}`);
  }
}

/**
 * assertOptions throws a TypeError unless `value` is undefined or a plain options object. A bare
 * AbortSignal gets its own message: it is the likeliest port of Go's positional `ctx`
 * (`sem.acquire(1, signal)`), and destructuring `{ signal }` from it would find nothing and
 * silently wait forever.
 */
export function assertOptions(name: string, value: unknown): void {
  if (value === undefined) return;
  if (value instanceof AbortSignal) {
    throw new TypeError(`Expected \`${name}\` to be an options object, got an AbortSignal: pass it as { signal }`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Expected \`${name}\` to be an options object, got ${describe(value)}`);
  }
}

/**
 * signalOption validates an optional `{ signal }` options object named `name` and returns its
 * signal, for the many operations whose only option is the signal.
 */
export function signalOption(name: string, options: { signal?: AbortSignal | undefined } | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  assertOptions(name, options);
  assertSignal("signal", options.signal);
  return options.signal;
}

/** assertSignal throws a TypeError unless `value` is undefined or an AbortSignal. */
export function assertSignal(name: string, value: unknown): asserts value is AbortSignal | undefined {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw new TypeError(`Expected \`${name}\` to be an AbortSignal, got ${describe(value)}`);
  }
}

/** describe renders a rejected argument for an error message without calling user code. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  if (value instanceof AbortSignal) return "an AbortSignal";
  return typeof value === "object" ? "an object" : `a value of type ${typeof value}`;
}
