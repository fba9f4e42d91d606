// The reference the issue names: the smallest channel that is still a channel, a ring buffer with
// a synchronous fast path and FIFO queues of waiting callers, and nothing else: no close, no
// abort, no select, no validation. It shows what the platform allows, not a usable library.
const ready = Promise.resolve();

class MinimalChannel {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(64);
    this.head = 0;
    this.length = 0;
    this.receivers = [];
    this.senders = [];
  }

  send(value) {
    if (this.receivers.length > 0) {
      this.receivers.shift()({ value, ok: true });
      return ready;
    }
    if (this.length < this.capacity) {
      this.items[(this.head + this.length++) & 63] = value;
      return ready;
    }
    return new Promise((resolve) => this.senders.push({ value, resolve }));
  }

  receive() {
    if (this.length > 0) {
      const value = this.items[this.head];
      this.head = (this.head + 1) & 63;
      this.length--;
      if (this.senders.length > 0) {
        const sender = this.senders.shift();
        this.items[(this.head + this.length++) & 63] = sender.value;
        sender.resolve();
      }
      return Promise.resolve({ value, ok: true });
    }
    if (this.senders.length > 0) {
      const sender = this.senders.shift();
      sender.resolve();
      return Promise.resolve({ value: sender.value, ok: true });
    }
    return new Promise((resolve) => this.receivers.push(resolve));
  }
}

export default {
  make: (capacity) => new MinimalChannel(capacity),
  send: (channel, value) => channel.send(value),
  receive: (channel) => channel.receive(),
  value: (received) => received.value,
};
