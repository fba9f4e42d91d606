// ErrGroup is golang.org/x/sync/errgroup for promises: a group of tasks working on subtasks of a
// common job, with one error, one cancellation signal and an optional concurrency limit.
//
// Two deliberate departures from Go. First, tasks waiting for a slot when the group fails never
// start (Go's blocked Go calls still run them), because their work can only be thrown away.
// Second, `go` never blocks: a task beyond the limit waits in a FIFO ring as a bare function, so
// queueing costs no promise and no closure of ours.
import { Ring } from "./ring.js";
import { onAbort } from "./signals.js";
import { assertFunction, assertLimit, assertSignal } from "./validate.js";
/**
 * ErrGroup runs tasks that share one fate. The first task to fail (reject, or throw synchronously)
 * aborts `signal` with its error, drops the tasks still waiting for a slot, and is the error
 * `wait()` rejects with once every started task has settled. Failures after the first are ignored,
 * as in Go: they are usually the cancellation echoing back, and the group never lets them become
 * unhandled rejections. An abort of the parent signal fails the group the same way, with the
 * parent's reason. `new ErrGroup()` with no options has no limit and no parent, like Go's zero
 * Group, and can be waited on and reused until something fails.
 *
 * `await using group = new ErrGroup()` aborts the group's signal on scope exit and waits for its
 * tasks; disposal rethrows a task failure that no `wait()` call has reported.
 *
 * @example
 * ```ts
 * const group = new ErrGroup({ signal: request.signal, limit: 4 });
 * for (const url of urls) group.go((signal) => fetch(url, { signal }));
 * await group.wait(); // rejects with the first failure, after every started fetch settled
 * ```
 */
export class ErrGroup {
    #controller = new AbortController();
    #parent;
    #limit;
    // Invariant outside #pump: the ring is non-empty only while #active === #limit.
    #queue = new Ring();
    #active = 0;
    #pumping = false;
    #failed = false;
    #error;
    // Only a task's failure must reach someone; an abort reason is already known to whoever aborted.
    #errorFromTask = false;
    #errorDelivered = false;
    #removeParentListener;
    #idle;
    // Shared settlement handlers: a running task costs the group no closure.
    #onTaskFulfilled = () => this.#taskDone();
    #onTaskRejected = (error) => {
        this.#fail(error);
        this.#taskDone();
    };
    #outcome = () => {
        if (this.#isIdle())
            this.#unlink();
        if (!this.#failed)
            return;
        this.#errorDelivered = true;
        throw this.#error;
    };
    constructor(options = {}) {
        const { signal, limit = Number.POSITIVE_INFINITY } = options;
        assertSignal("signal", signal);
        assertLimit("limit", limit);
        this.#parent = signal;
        this.#limit = limit;
        // Following the parent from the start matters: code in the scope that made the group uses
        // group.signal too (Go's `g, ctx := errgroup.WithContext(parent)`), not only its tasks.
        if (signal?.aborted)
            this.#abort(signal.reason);
        else
            this.#link();
    }
    /** signal aborts on the group's first failure, when the parent aborts, or on disposal. */
    get signal() {
        this.#syncParent();
        return this.#controller.signal;
    }
    /**
     * go runs `fn(signal)` in the group, at once if a slot is free, otherwise when one frees up (in
     * call order). If the group has already failed, `fn` is never called: its result could only be
     * discarded, and the failure is already reported by `wait()`.
     */
    go(fn) {
        assertFunction("fn", fn);
        this.#syncParent();
        if (this.#failed)
            return;
        if (this.#active < this.#limit && this.#queue.length === 0)
            this.#start(fn);
        else
            this.#queue.push(fn);
    }
    /**
     * tryGo runs `fn(signal)` only if a slot is free right now and reports whether it started it;
     * it never queues. It returns false on a failed group.
     */
    tryGo(fn) {
        assertFunction("fn", fn);
        this.#syncParent();
        if (this.#failed || this.#active >= this.#limit || this.#queue.length > 0)
            return false;
        this.#start(fn);
        return true;
    }
    /**
     * wait settles once no task is running or queued: it resolves if the group never failed and
     * rejects with the first failure (or the parent's abort reason) otherwise. Any number of
     * callers may wait, at any time, and each sees the same outcome. After it settles the group no
     * longer listens to the parent signal, until it is given more work.
     */
    wait() {
        this.#syncParent();
        if (!this.#isIdle())
            return this.#whenIdle().then(this.#outcome);
        try {
            this.#outcome();
            return Promise.resolve();
        }
        catch (error) {
            return Promise.reject(error);
        }
    }
    /**
     * [Symbol.asyncDispose] aborts the group's signal (unless it already aborted), waits for the
     * started tasks, and rejects with the first task failure if no `wait()` call reported it.
     */
    async [Symbol.asyncDispose]() {
        if (!this.#failed)
            this.#abort(new DOMException("The ErrGroup was disposed", "AbortError"));
        if (!this.#isIdle())
            await this.#whenIdle();
        this.#unlink();
        if (this.#errorFromTask && !this.#errorDelivered) {
            this.#errorDelivered = true;
            throw this.#error;
        }
    }
    #start(fn) {
        this.#active++;
        this.#link();
        let result;
        try {
            result = fn(this.#controller.signal);
        }
        catch (error) {
            this.#onTaskRejected(error);
            return;
        }
        if (isThenable(result))
            Promise.resolve(result).then(this.#onTaskFulfilled, this.#onTaskRejected);
        else
            this.#taskDone();
    }
    #taskDone() {
        this.#active--;
        this.#pump();
        if (this.#idle && this.#isIdle()) {
            this.#idle.resolve();
            this.#idle = undefined;
        }
    }
    // A loop rather than recursion: a long queue of synchronous tasks must not grow the stack.
    #pump() {
        if (this.#pumping)
            return;
        this.#pumping = true;
        try {
            while (this.#queue.length > 0 && this.#active < this.#limit)
                this.#start(this.#queue.shift());
        }
        finally {
            this.#pumping = false;
        }
    }
    #fail(error) {
        if (this.#failed)
            return;
        this.#errorFromTask = true;
        this.#abort(error);
    }
    #abort(reason) {
        this.#failed = true;
        this.#error = reason;
        this.#queue.clear();
        this.#unlink();
        this.#controller.abort(reason);
    }
    #syncParent() {
        if (!this.#failed && this.#parent?.aborted)
            this.#abort(this.#parent.reason);
    }
    #link() {
        if (this.#parent && !this.#removeParentListener && !this.#failed) {
            this.#removeParentListener = onAbort(this.#parent, (reason) => this.#abort(reason));
        }
    }
    #unlink() {
        this.#removeParentListener?.();
        this.#removeParentListener = undefined;
    }
    #isIdle() {
        return this.#active === 0 && this.#queue.length === 0;
    }
    #whenIdle() {
        if (!this.#idle) {
            let resolve;
            const promise = new Promise((settle) => (resolve = settle));
            this.#idle = { promise, resolve };
        }
        return this.#idle.promise;
    }
}
// A task may return anything; only a promise-like result keeps its slot beyond the call.
function isThenable(value) {
    return ((typeof value === "object" || typeof value === "function") &&
        value !== null &&
        typeof value.then === "function");
}
//# sourceMappingURL=errgroup.js.map