// What fanIn and fanOut share: their argument shapes, and one pulled async iterator with the
// bookkeeping that lets a pipeline stop without leaking it or losing its errors.
import { Channel } from "./channel.js";
import { assertSignal, describe } from "./validate.js";
/** isFanSource tells sources from an options object, which has no async iterator. */
export function isFanSource(value) {
    if (value instanceof Channel)
        return true;
    if (typeof value !== "object" || value === null)
        return false;
    return typeof value[Symbol.asyncIterator] === "function";
}
/** assertFanSource throws a TypeError naming `name` unless `value` is a Channel or an async iterable. */
export function assertFanSource(name, value) {
    if (!isFanSource(value)) {
        throw new TypeError(`Expected \`${name}\` to be a Channel or an async iterable, got ${describe(value)}`);
    }
}
/** assertFanOptions validates an options object and returns its signal. */
export function assertFanOptions(options) {
    if (options !== undefined && (typeof options !== "object" || options === null)) {
        throw new TypeError(`Expected \`options\` to be an object, got ${describe(options)}`);
    }
    assertSignal("signal", options?.signal);
    return options?.signal;
}
/**
 * Puller is one async iterable being read one step at a time. At most one `next` is in flight,
 * and `return` is called only between steps, because an arbitrary iterator need not accept
 * either while a step is pending. `finished` settles once the iterator is done with: it ended,
 * threw, or was closed; a failure of its `return` is handed to `onCleanupError`.
 */
export class Puller {
    source;
    onCleanupError;
    pulling = false;
    done = false;
    #iterator;
    #closeRequested = false;
    #finish;
    finished = new Promise((resolve) => {
        this.#finish = resolve;
    });
    constructor(source, onCleanupError) {
        this.source = source;
        this.onCleanupError = onCleanupError;
    }
    /** pull starts one step; exactly one of the callbacks runs, asynchronously. */
    pull(onValue, onEnd, onError) {
        this.pulling = true;
        let step;
        try {
            this.#iterator ??= this.source[Symbol.asyncIterator]();
            step = Promise.resolve(this.#iterator.next());
        }
        catch (error) {
            step = Promise.reject(error);
        }
        step.then((result) => {
            this.pulling = false;
            if (result.done === true) {
                this.#end();
                onEnd();
                return;
            }
            onValue(result.value);
            if (this.#closeRequested)
                this.close();
        }, (error) => {
            this.pulling = false;
            this.#end();
            onError(error);
        });
    }
    /** close returns the iterator now, or after the step in flight; an ended iterator is left alone. */
    close() {
        if (this.done)
            return;
        if (this.pulling) {
            this.#closeRequested = true;
            return;
        }
        this.done = true;
        let closing;
        try {
            closing = Promise.resolve(this.#iterator?.return?.());
        }
        catch (error) {
            closing = Promise.reject(error);
        }
        closing.then(this.#finish, (error) => {
            this.onCleanupError(error);
            this.#finish();
        });
    }
    #end() {
        this.done = true;
        this.#finish();
    }
}
/** combineErrors combines errors raised while closing sources: the only one, or an AggregateError. */
export function combineErrors(errors) {
    return errors.length === 1 ? errors[0] : new AggregateError(errors, "fan: closing sources failed");
}
//# sourceMappingURL=fan-source.js.map