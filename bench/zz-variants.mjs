const N = 200_000;
const input = Array.from({ length: N }, (_, i) => i);
const task = async (x) => x + 1;
const variant = process.argv[2];
const ac = new AbortController();
async function run() {
  const results = new Array(N); let next = 0; let stopped = false;
  const signal = ac.signal;
  const workers = {
    plain: async () => { while (next < N) { const i = next++; results[i] = await task(input[i]); } },
    trycatch: async () => { while (next < N) { const i = next++; try { results[i] = await task(input[i]); } catch (e) { stopped = true; break; } } },
    args3: async () => { while (next < N) { const i = next++; results[i] = await task(input[i], i, signal); } },
    both: async () => { while (!stopped && next < N) { const i = next++; try { results[i] = await task(input[i], i, signal); } catch (e) { stopped = true; break; } } },
  };
  const worker = workers[variant];
  const ws = []; for (let w = 0; w < 16; w++) ws.push(worker()); await Promise.all(ws); return results;
}
for (let i = 0; i < 5; i++) await run();
const times = [];
for (let i = 0; i < 40; i++) { const t = process.cpuUsage(); await run(); const d = process.cpuUsage(t); times.push((d.user + d.system) / 1000); }
times.sort((a, b) => a - b);
console.log(variant.padEnd(10), "median", times[20].toFixed(2), "min", times[0].toFixed(2));
