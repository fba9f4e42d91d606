const impls = process.argv.slice(3);
const scenario = process.argv[2] ?? "ping";
const loaded = {};
for (const name of impls) {
  const s = await import(`./channels/scenarios.mjs?${name}`);
  const adapter = (await import(`./channels/${name}.mjs`)).default;
  loaded[name] = scenario === "ping" ? () => s.pingPong(adapter, 50_000) : scenario === "pipe" ? () => s.pipeline(adapter, 100_000, 64) : () => s.selectFour(adapter, 100_000);
}
const t = Object.fromEntries(impls.map((n) => [n, []]));
for (let i = 0; i < 50; i++) for (let k = 0; k < impls.length; k++) {
  const n = impls[(i + k) % impls.length];
  const s = performance.now(); await loaded[n](); if (i >= 10) t[n].push(performance.now() - s);
}
const med = (a) => { a.sort((x, y) => x - y); return a[a.length >> 1]; };
console.log(scenario, impls.map((n) => `${n} ${med(t[n]).toFixed(1)}`).join("  "), `${impls[0]}/${impls[1]}`, (med(t[impls[0]]) / med(t[impls[1]])).toFixed(3));
