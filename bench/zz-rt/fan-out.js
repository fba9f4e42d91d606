// fanOut: Go's fan-out, several goroutines receiving from one channel so that each value goes to
// whichever is free. A Channel already works that way; an async iterable does not (two `for await`
// loops over one generator end it for both at the first `break`), so fanOut gives it branches that
// share one iterator, pulled one step at a time and only when a branch asks.
import { Channel } from "./channel.js";
import { assertFanOptions, assertFanSource, combineErrors, Puller } from "./fan-source.js";
import { Ring } from "./ring.js";
import { linkSignal, onAbort } from "./signals.js";
import { assertFunction, assertInteger } from "./validate.js";
import { WaiterList } from "./waiters.js";
const doneResult = Object.freeze({ value: undefined, done: true });
export function fanOut(source, countOrWorkers, options) {
    assertFanSource("source", source);
    const signal = assertFanOptions(options);
    if (Array.isArray(countOrWorkers)) {
        const workers = countOrWorkers;
        assertInteger("workers.length", workers.length, 1);
        workers.forEach((worker, index) => assertFunction(`workers[${index}]`, worker));
        return runWorkers(source, workers, signal);
    }
    const count = countOrWorkers;
    assertInteger("count", count, 1);
    if (source instanceof Channel)
        return Array.from({ length: count }, () => source.values({ signal }));
    const distributor = new Distributor(source, count, signal);
    return Array.from({ length: count }, () => new Branch(distributor));
}
async function runWorkers(source, workers, signal) {
    const link = linkSignal(signal);
    const branches = fanOut(source, workers.length, { signal: link.signal });
    let failure;
    await Promise.all(
    // eslint-disable-next-line corral/no-unbounded-concurrency -- one loop per worker function: the caller's `workers` array is the concurrency bound itself
    workers.map(async (worker, index) => {
        try {
            for await (const value of branches[index]) {
                if (link.signal.aborted)
                    break;
                await worker(value, link.signal);
            }
        }
        catch (error) {
            failure ??= { error };
            link.abort(error);
        }
    }));
    link.dispose();
    if (failure !== undefined)
        throw failure.error;
}
class Distributor {
    puller;
    // Values pulled for a request that was withdrawn before they arrived: the next request gets them.
    taken = new Ring();
    requests = new WaiterList();
    state = "running";
    error;
    cleanupErrors = [];
    #openBranches;
    #removeAbortListener;
    #onValue = (value) => {
        const request = this.requests.shift();
        if (request === undefined)
            this.taken.push(value);
        else
            request.resolve({ value, done: false });
        this.pump();
    };
    #onEnd = () => this.#finish("ended", undefined);
    #onError = (error) => {
        if (this.state === "running")
            this.#finish("failed", error);
        else
            this.cleanupErrors.push(error);
    };
    constructor(source, branches, signal) {
        this.puller = new Puller(source, (error) => this.cleanupErrors.push(error));
        this.#openBranches = branches;
        if (signal?.aborted)
            this.#finish("aborted", signal.reason);
        else if (signal !== undefined)
            this.#removeAbortListener = onAbort(signal, (reason) => this.#finish("aborted", reason));
    }
    pump() {
        if (this.state === "running" && !this.puller.pulling && this.requests.length > 0) {
            this.puller.pull(this.#onValue, this.#onEnd, this.#onError);
        }
    }
    /** branchClosed records that a branch stopped, and returns true when it was the last one. */
    branchClosed() {
        if (--this.#openBranches > 0)
            return false;
        this.#finish("closed", undefined);
        return true;
    }
    #finish(state, error) {
        if (this.state !== "running")
            return;
        this.state = state;
        this.error = error;
        this.#removeAbortListener?.();
        this.puller.close();
        for (let request = this.requests.shift(); request; request = this.requests.shift()) {
            if (state === "ended" || state === "closed")
                request.resolve(doneResult);
            else {
                request.branch.sawError = true;
                request.reject(error);
            }
        }
    }
}
class Branch {
    distributor;
    returned = false;
    sawError = false;
    constructor(distributor) {
        this.distributor = distributor;
    }
    next() {
        const distributor = this.distributor;
        if (this.returned)
            return Promise.resolve(doneResult);
        if (distributor.taken.length > 0)
            return Promise.resolve({ value: distributor.taken.shift(), done: false });
        if (distributor.state === "aborted" || (distributor.state === "failed" && !this.sawError)) {
            this.sawError = true;
            return Promise.reject(distributor.error);
        }
        if (distributor.state !== "running")
            return Promise.resolve(doneResult);
        return new Promise((resolve, reject) => {
            distributor.requests.push({ branch: this, resolve, reject });
            distributor.pump();
        });
    }
    async return() {
        const distributor = this.distributor;
        if (this.returned)
            return doneResult;
        this.returned = true;
        for (let request = distributor.requests.first; request;) {
            const following = request.next;
            if (request.branch === this) {
                distributor.requests.remove(request);
                request.resolve(doneResult);
            }
            request = following;
        }
        const unseenError = distributor.state === "failed" && !this.sawError;
        this.sawError = true;
        const last = distributor.branchClosed();
        if (unseenError)
            throw distributor.error;
        if (!last)
            return doneResult;
        // The last branch out waits for the source to be closed, so that `break` is a clean stop.
        await distributor.puller.finished;
        if (distributor.cleanupErrors.length > 0)
            throw combineErrors(distributor.cleanupErrors.splice(0));
        return doneResult;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
}
//# sourceMappingURL=fan-out.js.map