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
 * OptionsShape names an options object's owner (`ErrGroup`, `Semaphore.run`) and its options, so
 * that an unknown option from JavaScript fails loudly instead of being ignored. `countCall`, for
 * operations that take a count first, is the call to show when the count comes as an option;
 * `tolerated` keys pass unmentioned (a SupervisedTask is go's options, with its `fn`).
 */
export interface OptionsShape {
  readonly owner: string;
  readonly known: readonly string[];
  readonly countCall?: string;
  readonly tolerated?: readonly string[];
}

/**
 * assertOptions throws a TypeError unless `value` is undefined or a plain options object whose
 * own keys are all in `shape.known`. A bare AbortSignal gets its own message: it is the likeliest
 * port of Go's positional `ctx` (`sem.acquire(1, signal)`), and destructuring `{ signal }` from it
 * would find nothing and silently wait forever. An unknown key names the option it was probably
 * meant to be: `new ErrGroup({ concurrency: 2 })` would otherwise run unbounded.
 */
export function assertOptions(name: string, value: unknown, shape?: OptionsShape): void {
  if (value === undefined) return;
  if (value instanceof AbortSignal) {
    throw new TypeError(`Expected \`${name}\` to be an options object, got an AbortSignal: pass it as { signal }`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Expected \`${name}\` to be an options object, got ${describe(value)}`);
  }
  if (shape === undefined) return;
  // for-in rather than Object.keys: no array per call on the hot paths that take options.
  for (const key in value) {
    if (Object.hasOwn(value, key) && !shape.known.includes(key) && !shape.tolerated?.includes(key)) {
      throw new TypeError(unknownOption(key, shape));
    }
  }
}

/**
 * signalOption validates an optional `{ signal }` options object named `name` and returns its
 * signal, for the many operations whose only option is the signal.
 */
export function signalOption(
  name: string,
  options: { signal?: AbortSignal | undefined } | undefined,
  shape?: OptionsShape,
): AbortSignal | undefined {
  if (options === undefined) return undefined;
  assertOptions(name, options, shape);
  assertSignal("signal", options.signal);
  return options.signal;
}

/**
 * countFirst reads the `(count, options)` arguments of wait and acquire, also when called as
 * `(options)` (p-queue's and fetch's shape: `limiter.wait({ signal })`), which means a count of 1.
 */
export function countFirst<O>(count: unknown, options: O | undefined): [unknown, O | undefined] {
  if (options === undefined && typeof count === "object" && count !== null && !(count instanceof AbortSignal) && !Array.isArray(count)) {
    return [1, count as O];
  }
  return [count, options];
}

// Other libraries' and Go's names for the same knob, grouped: an unknown key is matched to the
// known option of its group (`concurrency` is ErrGroup's `limit` and WorkerPool's `workers`).
const synonyms: readonly (readonly string[])[] = [
  ["concurrency", "limit", "workers", "size", "maxconcurrent", "maxconcurrency", "parallelism", "poolsize", "max"],
  ["rate", "limit", "tokenspersecond", "persecond", "tokensperinterval", "r"],
  ["burst", "capacity", "bucketsize", "maxtokens", "b"],
  ["signal", "abortsignal", "ctx", "context", "cancel", "cancelsignal"],
  ["timeout", "ms", "timeoutms", "deadline", "ttl"],
  ["queuesize", "capacity", "maxqueue", "queuelimit", "maxqueuesize", "buffer", "buffersize"],
  ["onerror", "errorhandler", "onreject", "onrejection", "catch"],
];
const countKeys = ["n", "count", "tokens", "permits", "weight"];

function unknownOption(key: string, shape: OptionsShape): string {
  const start = `Unknown option \`${key}\` for ${shape.owner}`;
  if (shape.countCall !== undefined && countKeys.includes(key)) {
    const method = shape.countCall.slice(0, shape.countCall.indexOf("("));
    return `${start}: the count is ${method}'s first argument, ${shape.countCall}`;
  }
  const suggestion = suggest(key, shape.known);
  if (suggestion !== undefined) return `${start}: did you mean \`${suggestion}\`?`;
  const names = shape.known.map((known) => `\`${known}\``);
  return `${start}: expected ${names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names[0]}`;
}

function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const group = synonyms.filter((names) => names.includes(lower));
  const synonym = known.find((name) => name.toLowerCase() !== lower && group.some((names) => names.includes(name.toLowerCase())));
  if (synonym !== undefined) return synonym;
  // A typo: the known option within two edits (`sigal`, `clok`, `onerror` for `onError`).
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance && distance < name.length / 2) [best, bestDistance] = [name, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
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
