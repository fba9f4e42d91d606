// Effect's Queue, used the Effect way: each scenario is one program of fibers run once with
// runPromise (running an Effect per message would measure the runtime's entry, not the queue).
// Effect has no rendezvous queue; bounded(1) stands in for an unbuffered channel, which for a
// ping-pong (one message in flight at a time) makes no difference to the work done.
import { Effect, Queue } from "effect";

const unbuffered = 1;

function pingPong(roundTrips) {
  return Effect.runPromise(
    Effect.gen(function* () {
      const ping = yield* Queue.bounded(unbuffered);
      const pong = yield* Queue.bounded(unbuffered);
      const echo = Effect.gen(function* () {
        for (let count = 0; count < roundTrips; count++) yield* Queue.offer(pong, yield* Queue.take(ping));
      });
      const fiber = yield* Effect.fork(echo);
      let sum = 0;
      for (let count = 0; count < roundTrips; count++) {
        yield* Queue.offer(ping, count);
        sum += yield* Queue.take(pong);
      }
      yield* fiber.await;
      return sum;
    }),
  );
}

function pipeline(messages, capacity) {
  return Effect.runPromise(
    Effect.gen(function* () {
      const queue = yield* Queue.bounded(capacity);
      const producer = yield* Effect.fork(
        Effect.gen(function* () {
          for (let count = 0; count < messages; count++) yield* Queue.offer(queue, count);
        }),
      );
      let sum = 0;
      for (let count = 0; count < messages; count++) sum += yield* Queue.take(queue);
      yield* producer.await;
      return sum;
    }),
  );
}

// Effect's select over queues is a race of takes: the losing takes are interrupted, and an
// interrupted take removes itself from its queue without consuming an element.
function selectFour(messages) {
  return Effect.runPromise(
    Effect.gen(function* () {
      const queues = [];
      for (let index = 0; index < 4; index++) queues.push(yield* Queue.bounded(unbuffered));
      const producers = [];
      for (const queue of queues) {
        producers.push(
          yield* Effect.fork(
            Effect.gen(function* () {
              for (let count = 0; count < messages / 4; count++) yield* Queue.offer(queue, count);
            }),
          ),
        );
      }
      const takes = queues.map((queue) => Queue.take(queue));
      let sum = 0;
      for (let count = 0; count < messages; count++) sum += yield* Effect.raceAll(takes);
      for (const producer of producers) yield* producer.await;
      return sum;
    }),
  );
}

export default { scenarios: { pingPong, pipeline, selectFour } };
