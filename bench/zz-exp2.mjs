import { heapUsed } from "./lib/measure.mjs";
const mode = process.argv[2];
const holder = { map: new Map() };
const base = heapUsed();
for (let pass = 0; pass < 3; pass++) {
  let controllers = Array.from({ length: 100000 }, () => new AbortController());
  for (const c of controllers) {
    const signal = c.signal;
    if (mode === "map") holder.map.set(signal, 1);
    const listener = () => { if (mode === "map") holder.map.delete(signal); };
    signal.addEventListener("abort", listener, { once: true });
  }
  for (const c of controllers) c.abort();
  controllers = undefined;
  await new Promise((r) => setTimeout(r, 10));
  console.log(mode, pass, ((heapUsed() - base) / 2 ** 20).toFixed(2), "MB");
}
