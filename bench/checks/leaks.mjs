// Checks that aborting 100,000 waiters gives back every byte they held: the heap after a full
// collection returns to where it was before they queued. One shared signal is the long-lived
// parent case (one listener per waiter would be the classic leak); a signal per waiter is the
// per-request case.
import { Channel, RateLimiter, Semaphore, WorkerPool, select } from "../lib/runtime.mjs";
import { heapUsed } from "../lib/measure.mjs";

const waiters = 100_000;
// The slack for allocator noise and tables V8 grows once: 2 MB is 21 bytes per waiter, less than
// any object a leaked waiter would keep, and a fraction of the 40 to 220 MB the waiters held.
const toleranceBytes = 2 << 20;

const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

/**
 * afterAborting queues `count` waiters with `enqueue(signal)`, sharing one signal or one each,
 * aborts them, waits for every rejection, and compares the heap with the baseline. A first pass
 * with 1,000 waiters warms the code paths up, so that compiled code and inline caches, which a
 * process allocates once, are not mistaken for what the waiters left behind.
 */
async function afterAborting(makeSubject, enqueue, shared, count = waiters) {
  if (count === waiters) await afterAborting(makeSubject, enqueue, shared, 1_000);
  let subject = makeSubject();
  const baseline = heapUsed();
  let controllers = shared ? [new AbortController()] : Array.from({ length: count }, () => new AbortController());
  let rejected = 0;
  const countRejection = () => rejected++;
  // Only a counter survives the waiters: keeping their outcomes would keep their reasons.
  let pending = [];
  for (let index = 0; index < count; index++) pending.push(enqueue(subject, controllers[shared ? 0 : index].signal).then(undefined, countRejection));
  const holding = heapUsed() - baseline;
  const reason = new Error("gave up");
  for (const controller of controllers) controller.abort(reason);
  await Promise.all(pending);
  pending = controllers = undefined;
  // Node releases an aborted signal's listeners a macrotask later.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const after = heapUsed() - baseline;
  // The subject stays reachable until here, so what it still holds is counted in `after`.
  subject = undefined;
  return {
    pass: rejected === count && after < toleranceBytes,
    detail: `${rejected} of ${count} rejected; heap while waiting +${megabytes(holding)}, after the abort ${after >= 0 ? "+" : ""}${megabytes(after)}`,
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

// `perWaiter` marks the cases also run with a signal per waiter: 100,000 AbortController aborts
// cost Node about five seconds, so the three kinds of queue (AbortFanout, channel waiters and
// select) get that variant and the rest share a signal.
const cases = [
  ["`Semaphore.acquire`", fullSemaphore, (semaphore, signal) => semaphore.acquire(1, { signal }), true],
  ["`Channel.receive`", () => new Channel(), (channel, signal) => channel.receive({ signal }), true],
  ["`Channel.send`", () => new Channel(), (channel, signal) => channel.send(1, { signal }), false],
  ["`select` over two channels", emptyChannels, (channels, signal) => select([{ receive: channels[0] }, { send: channels[1], value: 1 }], { signal }), true],
  ["`RateLimiter.wait`", dryLimiter, (limiter, signal) => limiter.wait(1, { signal }), false],
  ["`WorkerPool.submit`", fullPool, (pool, signal) => pool.submit("job", { signal }), false],
];

const many = waiters.toLocaleString("en-US");

/**
 * nodeSignalBaseline creates and aborts 100,000 AbortControllers with no runtime involved. Node
 * keeps a few megabytes after the first such wave (internal tables that grow once and stay); it
 * is paid here, before any check, and reported, so that it is not charged to the first check.
 */
async function nodeSignalBaseline() {
  const baseline = heapUsed();
  let controllers = Array.from({ length: waiters }, () => new AbortController());
  for (const controller of controllers) {
    controller.signal.addEventListener("abort", () => {}, { once: true });
    controller.abort();
  }
  controllers = undefined;
  await new Promise((resolve) => setTimeout(resolve, 10));
  const kept = heapUsed() - baseline;
  return { pass: true, detail: `Node kept ${megabytes(kept)} after its first ${many} aborted signals (not counted below)` };
}

/** leakChecks: each primitive with one shared signal, and some with a signal per waiter. */
export const leakChecks = [["Control: 100,000 AbortControllers aborted without corral", nodeSignalBaseline]].concat(cases.flatMap(([name, makeSubject, enqueue, perWaiter]) => [
  [`${name}: heap back to baseline after aborting ${many} waiters on one signal`, () => afterAborting(makeSubject, enqueue, true)],
  ...(perWaiter ? [[`${name}: heap back to baseline after aborting ${many} waiters with a signal each`, () => afterAborting(makeSubject, enqueue, false)]] : []),
]));
