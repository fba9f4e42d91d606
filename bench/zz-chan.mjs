import { pingPong, pipeline } from "./channels/scenarios.mjs";
const which = process.argv[2];
const scenario = process.argv[3] ?? "ping";
const adapter = (await import(`./channels/${which}.mjs`)).default;
const op = scenario === "ping" ? () => pingPong(adapter, 50_000) : () => pipeline(adapter, 100_000, 64);
const t = [];
for (let i = 0; i < Number(process.argv[4] ?? 80); i++) { const s = performance.now(); await op(); if (i > 10) t.push(performance.now() - s); }
t.sort((a, b) => a - b);
console.log(which, scenario, "median", t[t.length >> 1].toFixed(2), "q1", t[t.length >> 2].toFixed(2));
