// ts-chan: Go-like Chan and Select. Its default "safe" mode yields to the macrotask queue to
// break microtask cycles; `unsafe` is its documented fast mode (setUnsafe), measured too so that
// corral is compared with ts-chan at its fastest.
import { Chan, Select, recv } from "ts-chan";

const adapter = (unsafe) => ({
  make: (capacity) => new Chan(capacity).setUnsafe(unsafe),
  send: (channel, value) => channel.send(value),
  receive: (channel) => channel.recv(),
  value: (received) => received.value,
  select: (channels) => {
    const selection = new Select(channels.map((channel) => recv(channel))).setUnsafe(unsafe);
    return async () => selection.recv(selection.cases[await selection.wait()]);
  },
  selectedValue: (received) => received.value,
  fairness: async (selects) => {
    const channels = [0, 1, 2, 3].map(() => new Chan(1).setUnsafe(unsafe));
    for (const channel of channels) channel.trySend(0);
    const selection = new Select(channels.map((channel) => recv(channel))).setUnsafe(unsafe);
    const counts = [0, 0, 0, 0];
    for (let count = 0; count < selects; count++) {
      const index = await selection.wait();
      selection.recv(selection.cases[index]);
      counts[index]++;
      channels[index].trySend(0);
    }
    return counts;
  },
});

export default adapter(false);
export const unsafe = adapter(true);
