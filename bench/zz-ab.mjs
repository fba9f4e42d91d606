import { map } from "./lib/runtime.mjs";
import { map as map2 } from "./zz-rt/index.js";
const N = 200_000;
const input = Array.from({ length: N }, (_, i) => i);
const task = async (x) => x + 1;
async function hand() {
  const results = new Array(N); let next = 0;
  const worker = async () => { while (next < N) { const i = next++; results[i] = await task(input[i]); } };
  const ws = []; for (let w = 0; w < 16; w++) ws.push(worker()); await Promise.all(ws); return results;
}
const fns = { hand, corral: () => map(input, task, { concurrency: 16 }), variant: () => map2(input, task, { concurrency: 16 }) };
const names = Object.keys(fns);
const t = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < 60; i++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(i + k) % names.length];
    const s = performance.now(); const r = await fns[name](); if (i >= 10) t[name].push(performance.now() - s);
    if (r[N - 1] !== N) throw new Error("bad");
  }
}
const med = (a) => { a.sort((x, y) => x - y); return a[a.length >> 1]; };
const q1 = (a) => a[a.length >> 2];
console.log(names.map((n) => `${n} ${med(t[n]).toFixed(1)}/${q1(t[n]).toFixed(1)}`).join("  "), " corral/hand", (med(t.corral)/med(t.hand)).toFixed(2), "variant/hand", (med(t.variant)/med(t.hand)).toFixed(2));
