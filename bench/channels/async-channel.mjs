// async-channel: Go-like buffered channels of promises; no select.
import { Channel } from "async-channel";

export default {
  make: (capacity) => new Channel(capacity),
  send: (channel, value) => channel.push(value),
  receive: (channel) => channel.get(),
  value: (received) => received,
};
