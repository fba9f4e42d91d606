import { heapUsed } from "./lib/measure.mjs";
import { Semaphore, Channel } from "./lib/runtime.mjs";
async function run(name, make, enqueue, shared) {
  let subject = make();
  const baseline = heapUsed();
  let controllers = shared ? [new AbortController()] : Array.from({ length: 100000 }, () => new AbortController());
  let rejected = 0; const count = () => rejected++;
  let pending = [];
  for (let i = 0; i < 100000; i++) pending.push(enqueue(subject, controllers[shared ? 0 : i].signal).then(undefined, count));
  const reason = new Error("x");
  for (const c of controllers) c.abort(reason);
  await Promise.all(pending);
  pending = controllers = undefined;
  await new Promise((r) => setTimeout(r, 10));
  const after = heapUsed() - baseline;
  console.log(name, shared, (after / 2 ** 20).toFixed(2), "MB");
  subject = undefined;
}
const control = (_, signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
const sem = () => { const s = new Semaphore(1); s.tryAcquire(1); return s; };
for (let r = 0; r < 2; r++) {
  await run("control", () => ({}), control, false);
  await run("control", () => ({}), control, true);
  await run("semaphore", sem, (s, signal) => s.acquire(1, { signal }), false);
  await run("semaphore", sem, (s, signal) => s.acquire(1, { signal }), true);
  await run("channel", () => new Channel(), (c, signal) => c.receive({ signal }), false);
}
