// fanIn: Go's merge pattern (one goroutine per input channel, all sending to one output) as one
// async iterator, without its goroutines: channel sources are read by a single select that runs
// only while the consumer waits, so no channel value is ever taken that is not delivered, and
// async-iterable sources are pulled one step at a time, only on demand.
import { Channel } from "./channel.js";
import { assertFanOptions, assertFanSource, combineErrors, isFanSource, Puller, } from "./fan-source.js";
import { Ring } from "./ring.js";
import { select } from "./select.js";
import { onAbort } from "./signals.js";
export {};
export { fanOut } from "./fan-out.js";
const doneResult = Object.freeze({ value: undefined, done: true });
export function fanIn(...sourcesThenOptions) {
    const last = sourcesThenOptions.at(-1);
    const hasOptions = sourcesThenOptions.length > 0 && !isFanSource(last);
    const sources = hasOptions ? sourcesThenOptions.slice(0, -1) : sourcesThenOptions;
    sources.forEach((source, index) => assertFanSource(`sources[${index}]`, source));
    const signal = assertFanOptions(hasOptions ? last : undefined);
    return new Merge(sources, signal);
}
class Merge {
    // Invariant: consumers wait only while the buffer is empty.
    #buffer = new Ring();
    #consumers = new Ring();
    #pullers = [];
    #cases;
    #selecting;
    #state = "running";
    #error;
    #errorReported = false;
    #cleanupErrors = [];
    #removeAbortListener;
    #onValue = (value) => {
        this.#deliver(value);
        this.#demand();
    };
    #onEnd = () => {
        this.#endIfExhausted();
        this.#demand();
    };
    #onError = (error) => this.#fail(error);
    constructor(sources, signal) {
        const channels = [];
        const recordCleanupError = (error) => void this.#cleanupErrors.push(error);
        for (const source of sources) {
            if (source instanceof Channel)
                channels.push(source);
            else
                this.#pullers.push(new Puller(source, recordCleanupError));
        }
        this.#cases = channels.map((channel) => ({ receive: channel }));
        if (signal?.aborted)
            this.#abort(signal.reason);
        else if (signal !== undefined)
            this.#removeAbortListener = onAbort(signal, (reason) => this.#abort(reason));
        this.#endIfExhausted();
    }
    next() {
        if (this.#buffer.length > 0)
            return Promise.resolve({ value: this.#buffer.shift(), done: false });
        if (this.#state === "aborted")
            return Promise.reject(this.#error);
        if (this.#state === "failed" && !this.#errorReported) {
            this.#errorReported = true;
            return Promise.reject(this.#error);
        }
        if (this.#state !== "running")
            return Promise.resolve(doneResult);
        const result = new Promise((resolve, reject) => this.#consumers.push({ resolve, reject }));
        this.#demand();
        return result;
    }
    async return() {
        const unreported = this.#state === "failed" && !this.#errorReported;
        if (this.#state === "running")
            this.#stop();
        this.#state = "returned";
        this.#errorReported = true;
        this.#buffer.clear();
        this.#endConsumers();
        await Promise.all(this.#pullers.map((puller) => puller.finished));
        if (unreported)
            throw this.#error;
        if (this.#cleanupErrors.length > 0)
            throw combineErrors(this.#cleanupErrors.splice(0));
        return doneResult;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    #demand() {
        if (this.#state !== "running" || this.#consumers.length === 0)
            return;
        for (const puller of this.#pullers) {
            if (!puller.pulling && !puller.done)
                puller.pull(this.#onValue, this.#onEnd, this.#onError);
        }
        if (this.#selecting === undefined && this.#cases.length > 0)
            this.#select();
    }
    #select() {
        const controller = new AbortController();
        const cases = this.#cases;
        this.#selecting = controller;
        select(cases, { signal: controller.signal }).then((result) => {
            if (this.#selecting === controller)
                this.#selecting = undefined;
            if (result.ok)
                this.#deliver(result.value);
            else
                this.#cases = this.#cases.filter((candidate) => candidate !== cases[result.index]);
            this.#endIfExhausted();
            this.#demand();
        }, (error) => {
            if (this.#selecting === controller)
                this.#selecting = undefined;
            // Our own cancellation took nothing; anything else must not be lost.
            if (!controller.signal.aborted)
                this.#fail(error);
        });
    }
    #cancelSelect() {
        const controller = this.#selecting;
        this.#selecting = undefined;
        controller?.abort();
    }
    #deliver(value) {
        if (this.#state === "returned")
            return;
        const consumer = this.#consumers.length > 0 ? this.#consumers.shift() : undefined;
        if (consumer === undefined)
            this.#buffer.push(value);
        else
            consumer.resolve({ value, done: false });
        // With nobody waiting, a running select would take a channel value that nobody asked for.
        if (this.#consumers.length === 0)
            this.#cancelSelect();
    }
    #endIfExhausted() {
        if (this.#state !== "running" || this.#cases.length > 0 || this.#pullers.some((puller) => !puller.done))
            return;
        this.#state = "ended";
        this.#removeAbortListener?.();
        this.#endConsumers();
    }
    #fail(error) {
        if (this.#state !== "running") {
            this.#cleanupErrors.push(error);
            return;
        }
        this.#state = "failed";
        this.#error = error;
        this.#stop();
        const consumer = this.#consumers.length > 0 ? this.#consumers.shift() : undefined;
        if (consumer !== undefined) {
            this.#errorReported = true;
            consumer.reject(error);
        }
        this.#endConsumers();
    }
    #abort(reason) {
        if (this.#state !== "running")
            return;
        this.#state = "aborted";
        this.#error = reason;
        this.#stop();
        this.#rejectConsumers(reason);
    }
    #stop() {
        this.#removeAbortListener?.();
        this.#cancelSelect();
        for (const puller of this.#pullers)
            puller.close();
    }
    #endConsumers() {
        while (this.#consumers.length > 0)
            this.#consumers.shift().resolve(doneResult);
    }
    #rejectConsumers(reason) {
        while (this.#consumers.length > 0)
            this.#consumers.shift().reject(reason);
    }
}
//# sourceMappingURL=fan.js.map