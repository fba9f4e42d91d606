// Argument checks shared by every primitive, so that misuse fails loudly and the same way
// everywhere: a TypeError that names the argument and says what was expected.
/** assertInteger throws a TypeError unless `value` is an integer no smaller than `minimum`. */
export function assertInteger(name, value, minimum) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
        throw new TypeError(`Expected \`${name}\` to be an integer from ${minimum} and up, got ${describe(value)}`);
    }
}
/**
 * assertLimit accepts a positive integer or `Infinity`, the two legal shapes of a concurrency
 * bound or a capacity.
 */
export function assertLimit(name, value, minimum = 1) {
    if (value === Number.POSITIVE_INFINITY)
        return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
        throw new TypeError(`Expected \`${name}\` to be an integer from ${minimum} and up, or Infinity, got ${describe(value)}`);
    }
}
/** assertPositiveNumber throws a TypeError unless `value` is a finite number greater than zero. */
export function assertPositiveNumber(name, value) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new TypeError(`Expected \`${name}\` to be a finite number greater than 0, got ${describe(value)}`);
    }
}
/** assertNonNegativeNumber throws a TypeError unless `value` is a finite number of zero or more. */
export function assertNonNegativeNumber(name, value) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new TypeError(`Expected \`${name}\` to be a finite number of 0 or more, got ${describe(value)}`);
    }
}
/** assertFunction throws a TypeError unless `value` is callable. */
export function assertFunction(name, value) {
    if (typeof value !== "function") {
        throw new TypeError(`Expected \`${name}\` to be a function, got ${describe(value)}`);
    }
}
/** assertSignal throws a TypeError unless `value` is undefined or an AbortSignal. */
export function assertSignal(name, value) {
    if (value !== undefined && !(value instanceof AbortSignal)) {
        throw new TypeError(`Expected \`${name}\` to be an AbortSignal, got ${describe(value)}`);
    }
}
/** describe renders a rejected argument for an error message without calling user code. */
export function describe(value) {
    if (typeof value === "string")
        return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
        return String(value);
    if (value === null || value === undefined)
        return String(value);
    if (typeof value === "function")
        return "a function";
    return Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}
//# sourceMappingURL=validate.js.map