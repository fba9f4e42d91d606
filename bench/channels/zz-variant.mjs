// corral's Channel and select, through the adapter every library uses.
import { Channel, select } from "../zz-rt/index.js";

export default {
  make: (capacity) => new Channel(capacity),
  send: (channel, value) => channel.send(value),
  receive: (channel) => channel.receive(),
  value: (received) => received.value,
  select: (channels) => {
    const cases = channels.map((channel) => ({ receive: channel }));
    return () => select(cases);
  },
  selectedValue: (result) => result.value,
  /** fairness runs `selects` selects over four channels that are all ready every time. */
  fairness: async (selects) => {
    const channels = [0, 1, 2, 3].map(() => new Channel(1));
    for (const channel of channels) channel.trySend(0);
    const cases = channels.map((channel) => ({ receive: channel }));
    const counts = [0, 0, 0, 0];
    for (let count = 0; count < selects; count++) {
      const { index } = await select(cases);
      counts[index]++;
      channels[index].trySend(0);
    }
    return counts;
  },
};
