// The three channel scenarios, written once against a small adapter so that every library runs
// the very same loop. An adapter is `{ make(capacity), send(channel, value), receive(channel),
// value(received) }`, plus `select(channels) -> () => Promise` and `selectedValue` when the
// library has a select. Adapter calls are monomorphic in a process that runs one library, so the
// JIT inlines them and the indirection costs nothing measurable.

/** expectedSum is the checksum of sending 0 … count-1. */
export const expectedSum = (count) => (count * (count - 1)) / 2;

/**
 * pingPong bounces a value between two tasks over two unbuffered channels, `roundTrips` times:
 * each round trip is two messages, each a full hand-off from one waiting task to another.
 */
export async function pingPong(adapter, roundTrips) {
  const ping = adapter.make(0);
  const pong = adapter.make(0);
  const echo = (async () => {
    for (let count = 0; count < roundTrips; count++) await adapter.send(pong, adapter.value(await adapter.receive(ping)));
  })();
  let sum = 0;
  for (let count = 0; count < roundTrips; count++) {
    await adapter.send(ping, count);
    sum += adapter.value(await adapter.receive(pong));
  }
  await echo;
  return sum;
}

/** pipeline streams `messages` values from one producer to one consumer through a buffer. */
export async function pipeline(adapter, messages, capacity) {
  const channel = adapter.make(capacity);
  const producer = (async () => {
    for (let count = 0; count < messages; count++) await adapter.send(channel, count);
  })();
  let sum = 0;
  for (let count = 0; count < messages; count++) sum += adapter.value(await adapter.receive(channel));
  await producer;
  return sum;
}

/**
 * selectFour has four producers, each sending `messages / 4` values on its own unbuffered
 * channel, and one consumer selecting over the four until it has every message.
 */
export async function selectFour(adapter, messages) {
  const channels = [0, 1, 2, 3].map(() => adapter.make(0));
  const producers = channels.map(async (channel) => {
    for (let count = 0; count < messages / 4; count++) await adapter.send(channel, count);
  });
  const next = adapter.select(channels);
  let sum = 0;
  for (let count = 0; count < messages; count++) sum += adapter.selectedValue(await next());
  await Promise.all(producers);
  return sum;
}
