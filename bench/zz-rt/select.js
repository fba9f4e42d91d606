import { Channel, ChannelClosedError } from "./channel.js";
import { pending, queues, ReceiveWaiter, Selection, SendWaiter } from "./channel-internals.js";
import { assertFunction, assertSignal, describe } from "./validate.js";
import { onAbort } from "./signals.js";
const defaultResult = Object.freeze({ index: -1 });
const defaultPromise = Promise.resolve(defaultResult);
export function select(cases, options = {}) {
    if (!Array.isArray(cases))
        throw new TypeError(`Expected \`cases\` to be an array, got ${describe(cases)}`);
    const { signal, random = Math.random } = options;
    assertSignal("signal", signal);
    assertFunction("random", random);
    // `random` is user code, so it runs before the channels are inspected: whatever it does, the
    // readiness counted below is still true when the chosen case proceeds.
    const draw = cases.length > 1 ? drawFrom(random) : 0;
    // Every case is checked before any proceeds, so a bad case never leaves a half-done select.
    let ready = 0;
    for (let index = 0; index < cases.length; index++)
        if (isReady(cases[index], index))
            ready++;
    if (signal?.aborted)
        return Promise.reject(signal.reason);
    if (ready > 0)
        return proceed(cases, Math.floor(draw * ready));
    if (options.default === true)
        return defaultPromise;
    return wait(cases, signal);
}
function isReady(selectCase, index) {
    if (typeof selectCase === "object" && selectCase !== null) {
        if ("receive" in selectCase && selectCase.receive instanceof Channel && !("send" in selectCase)) {
            const channel = selectCase.receive;
            return channel.length > 0 || channel.closed || channel[queues].senders.length > 0;
        }
        if ("send" in selectCase && selectCase.send instanceof Channel) {
            const channel = selectCase.send;
            return channel.closed || channel[queues].receivers.length > 0 || channel.length < channel.capacity;
        }
    }
    throw new TypeError(`Expected \`cases[${index}]\` to be { receive: Channel } or { send: Channel, value }, got ${describe(selectCase)}`);
}
function drawFrom(random) {
    const draw = random();
    if (typeof draw !== "number" || !(draw >= 0 && draw < 1)) {
        throw new TypeError(`Expected \`random\` to return a number in [0, 1), got ${describe(draw)}`);
    }
    return draw;
}
// Performs the ready case that comes `skip` ready cases after the first.
function proceed(cases, skip) {
    for (let index = 0;; index++) {
        const selectCase = cases[index];
        if (!isReady(selectCase, index) || skip-- > 0)
            continue;
        if ("receive" in selectCase) {
            const channel = selectCase.receive;
            const { senders, take } = channel[queues];
            if (channel.length === 0 && senders.length === 0)
                return Promise.resolve({ index, value: undefined, ok: false });
            return Promise.resolve({ index, value: take(), ok: true });
        }
        if (selectCase.send.closed)
            return Promise.reject(new ChannelClosedError());
        selectCase.send.trySend(selectCase.value);
        return Promise.resolve({ index });
    }
}
function wait(cases, signal) {
    const selection = new Selection(signal);
    for (let index = 0; index < cases.length; index++) {
        const selectCase = cases[index];
        if ("receive" in selectCase) {
            const { receivers } = selectCase.receive[queues];
            const waiter = new ReceiveWaiter(receivers, undefined, false, selection, index);
            receivers.push(waiter);
            selection.waiters.push(waiter);
        }
        else {
            const { senders } = selectCase.send[queues];
            const waiter = new SendWaiter(senders, selectCase.value, undefined, selection, index);
            senders.push(waiter);
            selection.waiters.push(waiter);
        }
    }
    if (signal !== undefined)
        selection.removeAbort = onAbort(signal, () => selection.abort());
    return pending(selection);
}
//# sourceMappingURL=select.js.map