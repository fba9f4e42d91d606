import { heapUsed } from "./lib/measure.mjs";
import { Semaphore, RateLimiter } from "./lib/runtime.mjs";
const make = process.argv[2] === "rl" ? () => { const l = new RateLimiter({ rate: 1e-3, burst: 1 }); l.allow(); return l; } : () => { const s = new Semaphore(1); s.tryAcquire(1); return s; };
const enq = process.argv[2] === "rl" ? (s, signal) => s.wait({ signal }) : (s, signal) => s.acquire(1, { signal });
const subject = make();
const base = heapUsed();
for (let pass = 0; pass < 4; pass++) {
  let controllers = Array.from({ length: 100000 }, () => new AbortController());
  let pending = controllers.map((c) => enq(subject, c.signal).then(undefined, () => {}));
  const reason = new Error("x");
  for (const c of controllers) c.abort(reason);
  await Promise.all(pending);
  pending = controllers = undefined;
  await new Promise((r) => setTimeout(r, 10));
  console.log(pass, ((heapUsed() - base) / 2 ** 20).toFixed(2), "MB");
}
