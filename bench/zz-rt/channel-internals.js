/** ChannelClosedError is the error of a send on a closed channel and of closing a channel twice. */
export class ChannelClosedError extends Error {
    constructor(message = "send on closed channel") {
        super(message);
        this.name = "ChannelClosedError";
    }
}
// One module-level executor instead of a closure per blocked operation: a Promise executor runs
// synchronously inside the constructor, so `capturing` is always the waiter being built.
let capturing;
function captureResolvers(resolve, reject) {
    capturing.resolve = resolve;
    capturing.reject = reject;
    capturing = undefined;
}
/** pending returns a new promise whose resolve and reject become `target`'s. */
export function pending(target) {
    capturing = target;
    return new Promise(captureResolvers);
}
/**
 * queues is the key of a channel's blocked receivers and senders, which select enqueues its cases
 * into. A symbol that index.ts does not export keeps them out of the public API.
 */
export const queues = Symbol("corral.channel.queues");
/** Selection is one blocked select: the case whose waiter is matched first settles it. */
export class Selection {
    signal;
    waiters = [];
    /** removeAbort unsubscribes from the signal (runtime/signals.ts onAbort: one shared listener). */
    removeAbort = undefined;
    constructor(signal) {
        this.signal = signal;
    }
    /** settle completes the select with `result`, withdrawing every case from every queue. */
    settle(result) {
        this.#withdraw();
        this.resolve(result);
    }
    /** fail rejects the select (a send case's channel was closed), withdrawing every case. */
    fail(error) {
        this.#withdraw();
        this.reject(error);
    }
    /** abort is called when the signal aborts: the select takes and delivers nothing. */
    abort() {
        this.fail(this.signal.reason);
    }
    #withdraw() {
        for (const waiter of this.waiters)
            waiter.list.remove(waiter);
        this.removeAbort?.();
    }
}
/**
 * ReceiveWaiter is a blocked receive: a plain `receive` (resolves with a ReceiveResult), an
 * iterator's `next` (resolves with an IteratorResult) or one receive case of a select.
 */
export class ReceiveWaiter {
    list;
    signal;
    iterate;
    selection;
    index;
    removeAbort = undefined;
    previous = undefined;
    next = undefined;
    queued = undefined;
    constructor(list, signal, iterate, selection = undefined, index = 0) {
        this.list = list;
        this.signal = signal;
        this.iterate = iterate;
        this.selection = selection;
        this.index = index;
    }
    /** deliver hands over `value`, or reports the channel closed when `ok` is false. */
    deliver(value, ok) {
        if (this.selection !== undefined) {
            this.selection.settle({ index: this.index, value, ok });
            return;
        }
        this.removeAbort?.();
        if (this.iterate)
            this.resolve(ok ? { value: value, done: false } : { value: undefined, done: true });
        else
            this.resolve(ok ? { value: value, ok } : { value: undefined, ok });
    }
    /** abort is called when the signal aborts a plain receive. */
    abort() {
        this.list.remove(this);
        this.reject(this.signal.reason);
    }
}
/** SendWaiter is a blocked send, plain or one send case of a select, holding the value it offers. */
export class SendWaiter {
    list;
    value;
    signal;
    selection;
    index;
    removeAbort = undefined;
    previous = undefined;
    next = undefined;
    queued = undefined;
    constructor(list, value, signal, selection = undefined, index = 0) {
        this.list = list;
        this.value = value;
        this.signal = signal;
        this.selection = selection;
        this.index = index;
    }
    /** complete reports that a receiver (or the buffer) took the value. */
    complete() {
        if (this.selection !== undefined) {
            this.selection.settle({ index: this.index });
            return;
        }
        this.removeAbort?.();
        this.resolve(undefined);
    }
    /** fail reports that the channel closed while the send waited: Go panics, we reject. */
    fail(error) {
        if (this.selection !== undefined) {
            this.selection.fail(error);
            return;
        }
        this.removeAbort?.();
        this.reject(error);
    }
    /** abort is called when the signal aborts a plain send. */
    abort() {
        this.list.remove(this);
        this.reject(this.signal.reason);
    }
}
//# sourceMappingURL=channel-internals.js.map