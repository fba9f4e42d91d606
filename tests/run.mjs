// `npm test`: the preflight (every program the suite drives starts here), then vitest and the
// runtime's behaviour tests in Bun, Deno and Chromium at the same time. The hosts' tests mostly
// wait on timers, so on two cores they run in vitest's idle moments instead of after it; their
// output is held back and printed after vitest's, so the two do not interleave.
//
// Usage: node tests/run.mjs [vitest arguments…]
// With arguments (a file filter, `-t name`), only vitest runs, with them; `npm run test:hosts`
// runs the hosts alone.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { preflight } from "./preflight.mjs";
import { skippedLine } from "./redis/redis-server.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));

/** start runs `node <args>` in the repository, its output inherited or collected, and resolves with its exit code. */
function start(args, collect) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: collect ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (collect) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const vitestArgs = process.argv.slice(2);
const hostsToo = vitestArgs.length === 0;
const started = Date.now();
if (hostsToo) {
  const { ok, lines } = await preflight();
  for (const line of lines) console.log(line);
  if (!ok) process.exitCode = 1;
}
if (process.exitCode !== 1) {
  const hosts = hostsToo ? start(["tests/runtime/hosts/run.mjs"], true) : undefined;
  const vitest = await start(["node_modules/vitest/vitest.mjs", "run", ...vitestArgs], false);
  if (vitest.code !== 0) process.exitCode = 1;
  if (hosts) {
    const outcome = await hosts;
    if (outcome.code !== 0) process.exitCode = 1;
    console.log(`\nnpm test: vitest and the hosts took ${Math.round((Date.now() - started) / 1_000)} s`);
    // The hosts' output ends with their "hosts: N passed, N failed" line.
    process.stdout.write(`\nRuntime tests in Node 18.18, Bun, Deno and Chromium (tests/runtime/hosts/run.mjs):\n${outcome.output}`);
  }
  // Last, where it is seen: the tests that did not run on this machine, and how to run them.
  const skipped = skippedLine();
  if (skipped) console.log(`\n${skipped}`);
}
