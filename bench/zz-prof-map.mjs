import { map } from "./lib/runtime.mjs";
const N = 200_000;
const input = Array.from({ length: N }, (_, i) => i);
const task = async (x) => x + 1;
async function hand() {
  const results = new Array(N); let next = 0;
  const worker = async () => { while (next < N) { const i = next++; results[i] = await task(input[i]); } };
  const ws = []; for (let w = 0; w < 16; w++) ws.push(worker()); await Promise.all(ws); return results;
}
const which = process.argv[2];
const fn = which === "hand" ? hand : () => map(input, task, { concurrency: 16 });
for (let i = 0; i < 5; i++) await fn();
const times = [];
for (let i = 0; i < 30; i++) { const t = process.cpuUsage(); await fn(); const d = process.cpuUsage(t); times.push((d.user + d.system) / 1000); }
times.sort((a, b) => a - b);
console.log(which, "median", times[15].toFixed(2), "ms min", times[0].toFixed(2));
