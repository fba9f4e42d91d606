// Checks that aborting 100,000 waiters gives back every byte they held: the heap after a full
// collection returns to where it was before they queued. One shared signal is the long-lived
// parent case (one listener per waiter would be the classic leak); a signal per waiter is the
// per-request case.
import { Channel, RateLimiter, Semaphore, WorkerPool, select } from "../lib/runtime.mjs";
import { heapUsed } from "../lib/measure.mjs";

const waiters = 100_000;
// The slack for allocator noise after 100,000 waiters came and went: far below what they held.
const toleranceBytes = 1 << 20;

const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

/**
 * afterAborting queues `waiters` waiters with `enqueue(signal)`, sharing one signal or one each,
 * aborts them, waits for every rejection, and compares the heap with the baseline.
 */
async function afterAborting(makeSubject, enqueue, shared) {
  let subject = makeSubject();
  const baseline = heapUsed();
  let controllers = shared ? [new AbortController()] : Array.from({ length: waiters }, () => new AbortController());
  let rejected = 0;
  const countRejection = () => rejected++;
  // Only a counter survives the waiters: keeping their outcomes would keep their reasons.
  let pending = [];
  for (let count = 0; count < waiters; count++) pending.push(enqueue(subject, controllers[shared ? 0 : count].signal).then(undefined, countRejection));
  const holding = heapUsed() - baseline;
  const reason = new Error("gave up");
  for (const controller of controllers) controller.abort(reason);
  await Promise.all(pending);
  pending = controllers = undefined;
  const after = heapUsed() - baseline;
  // The subject stays reachable until here, so what it still holds is counted in `after`.
  subject = undefined;
  return {
    pass: rejected === waiters && after < toleranceBytes,
    detail: `${rejected} of ${waiters} rejected; heap while waiting +${megabytes(holding)}, after the abort ${after >= 0 ? "+" : ""}${megabytes(after)}`,
  };
}

const fullSemaphore = () => {
  const semaphore = new Semaphore(1);
  semaphore.tryAcquire(1);
  return semaphore;
};
const fullPool = () => {
  const pool = new WorkerPool(() => new Promise(() => {}), { workers: 1, queueSize: 0 });
  pool.trySubmit("busy");
  return pool;
};
const dryLimiter = () => {
  const limiter = new RateLimiter({ rate: 1e-3, burst: 1 });
  limiter.allow();
  return limiter;
};
const emptyChannels = () => [new Channel(), new Channel()];

const cases = [
  ["`Semaphore.acquire`", fullSemaphore, (semaphore, signal) => semaphore.acquire(1, { signal })],
  ["`Channel.receive`", () => new Channel(), (channel, signal) => channel.receive({ signal })],
  ["`Channel.send`", () => new Channel(), (channel, signal) => channel.send(1, { signal })],
  ["`select` over two channels", emptyChannels, (channels, signal) => select([{ receive: channels[0] }, { send: channels[1], value: 1 }], { signal })],
  ["`RateLimiter.wait`", dryLimiter, (limiter, signal) => limiter.wait({ signal })],
  ["`WorkerPool.submit`", fullPool, (pool, signal) => pool.submit("job", { signal })],
];

/** leakChecks: each primitive, with one shared signal and with a signal per waiter. */
export const leakChecks = cases.flatMap(([name, makeSubject, enqueue]) => [
  [`${name}: heap back to baseline after aborting ${waiters.toLocaleString("en-US")} waiters on one signal`, () => afterAborting(makeSubject, enqueue, true)],
  [`${name}: heap back to baseline after aborting ${waiters.toLocaleString("en-US")} waiters with a signal each`, () => afterAborting(makeSubject, enqueue, false)],
]);
