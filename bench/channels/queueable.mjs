// queueable's Channel is an unbounded push/pull queue whose `push` resolves once the value is
// pulled, which makes `await push(value)` a rendezvous. For a buffer of N the adapter awaits the
// push made N sends earlier: the same backpressure as a bounded channel.
import { Channel } from "queueable";

function make(capacity) {
  const channel = new Channel();
  const inFlight = [];
  return {
    send: (value) => {
      const pulled = channel.push(value);
      if (capacity === 0) return pulled;
      inFlight.push(pulled);
      return inFlight.length > capacity ? inFlight.shift() : undefined;
    },
    receive: () => channel.next(),
  };
}

export default {
  make,
  send: (channel, value) => channel.send(value),
  receive: (channel) => channel.receive(),
  value: (received) => received.value,
};
