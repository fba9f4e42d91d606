// @repeaterjs/repeater is an async iterator fed by a `push` function, not a channel: the adapter
// captures `push` and starts the executor at once (a Repeater runs it on the first `next()`),
// so a send can precede the first receive. That first `next()` is kept as the first receive.
// An unbuffered Repeater's `push` settles only when the *following* value is requested, which
// deadlocks a ping-pong; a buffer of 1 stands in for capacity 0 (one message is in flight at a
// time in a ping-pong, so the work is the same).
import { FixedBuffer, Repeater } from "@repeaterjs/repeater";

function make(capacity) {
  let push;
  const repeater = new Repeater((pushValue) => {
    push = pushValue;
  }, new FixedBuffer(Math.max(1, capacity)));
  let first = repeater.next();
  return {
    send: (value) => push(value),
    receive: () => {
      if (first === undefined) return repeater.next();
      const result = first;
      first = undefined;
      return result;
    },
  };
}

export default {
  make,
  send: (channel, value) => channel.send(value),
  receive: (channel) => channel.receive(),
  value: (received) => received.value,
};
