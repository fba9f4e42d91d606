// Runs the runtime's behaviour tests in the hosts besides the Node that runs vitest: the oldest
// Node the runtime supports, Bun, Deno and headless Chromium, and fails unless every test passes
// in every one of them.
//
// Each portable test file (every tests/runtime/*.test.ts but those node-only.json names) is
// bundled by esbuild once per host, as an application would ship it: the runtime is the build the
// package gives that host (its CommonJS build in runtime/dist/cjs for Node, which `require` and
// `import` both load there; the ESM of runtime/dist elsewhere), the test API is hosts/harness.ts in
// place of tests/runtime/harness.ts, and the host adapter is host-<host>.ts. The oldest Node runs
// the bundles with `node --test`, Bun with `bun test`, Deno with `deno test`, Chromium loads them
// as modules from a static server on 127.0.0.1 and runs them on the page. Every host comes from
// the npm registry: Bun, Deno and Chromium are devDependencies (tests/browser/chromium.mjs says
// which Chromium), the oldest Node is fetched on first use (oldest-node.mjs says why).
//
// Usage: node tests/runtime/hosts/run.mjs [node] [bun] [deno] [chromium]   (all four by default)
// CORRAL_CHROMIUM names another Chromium binary; CORRAL_HOSTS_VERBOSE=1 prints every host's whole output.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launchChromium } from "../../browser/chromium.mjs";
import { oldestNode } from "./oldest-node.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const testsDirectory = join(root, "tests/runtime");
const hostsDirectory = join(testsDirectory, "hosts");
const distRuntime = join(root, "runtime/dist");
const allHosts = ["node", "bun", "deno", "chromium"];
const nodeOnly = JSON.parse(readFileSync(join(hostsDirectory, "node-only.json"), "utf8"));

/** portableTestFiles lists the behaviour tests that run in every host. */
function portableTestFiles() {
  return readdirSync(testsDirectory)
    .filter((name) => name.endsWith(".test.ts") && !(name in nodeOnly))
    .sort();
}

// A stale build would test yesterday's runtime and call it portable. `tsc -b` leaves the output of
// a source whose text did not change as it was, and records the build in runtime/.tsbuildinfo.
function assertFreshBuild() {
  const buildInfo = join(root, "runtime", ".tsbuildinfo");
  const built = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
  const stale = readdirSync(join(root, "runtime"))
    .filter((name) => name.endsWith(".ts"))
    .filter((name) => {
      const source = statSync(join(root, "runtime", name)).mtimeMs;
      const output = join(distRuntime, name.replace(/\.ts$/, ".js"));
      // scripts/dual-package.mjs writes the whole CommonJS build on every build.
      const commonJs = join(distRuntime, "cjs", name.replace(/\.ts$/, ".js"));
      return !existsSync(output) || Math.max(statSync(output).mtimeMs, built) < source || !existsSync(commonJs) || statSync(commonJs).mtimeMs < source;
    });
  if (stale.length > 0) throw new Error(`runtime/dist is older than runtime/${stale.join(", runtime/")}: run \`npm run build\``);
}

// The runtime resolves to the compiled files the package gives the host, the test API to the
// portable harness, the host seam to this host's adapter; anything else (chai, @vitest/expect,
// fast-check) is bundled as it is.
function hostPlugin(host) {
  const runtimeBuild = host === "node" ? join(distRuntime, "cjs") : distRuntime;
  return {
    name: "corral-hosts",
    setup(bundler) {
      bundler.onResolve({ filter: /^@corral\/runtime$/ }, () => ({ path: join(runtimeBuild, "index.js") }));
      bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = join(args.resolveDir, args.path);
        if (dirname(target) === join(root, "runtime")) return { path: join(runtimeBuild, basename(target)) };
        if (target === join(testsDirectory, "harness.js")) return { path: join(hostsDirectory, "harness.ts") };
        if (target === join(hostsDirectory, "host.js")) return { path: join(hostsDirectory, `host-${host}.ts`) };
        return undefined;
      });
    },
  };
}

async function bundle(host, files, directory) {
  for (const file of files) {
    await build({
      entryPoints: [join(testsDirectory, file)],
      outfile: join(directory, file.replace(/\.ts$/, ".js")),
      bundle: true,
      format: "esm",
      // The browser platform for every host: a node: import fails the build instead of passing in
      // Bun and Deno, which would run it.
      platform: "browser",
      target: "es2022",
      external: ["bun:test", "node:test"],
      define: { __CORRAL_TEST_FILE__: JSON.stringify(file) },
      plugins: [hostPlugin(host)],
      logLevel: "error",
    });
  }
  return files.map((file) => join(directory, file.replace(/\.ts$/, ".js")));
}

function execute(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const hermetic = { ...process.env, NO_COLOR: "1", DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };

async function runNode(bundles, directory) {
  const node = oldestNode();
  const version = (await execute(node, ["--version"], {})).output.trim();
  // The bundles are ES modules that node:test runs one file per process.
  writeFileSync(join(directory, "package.json"), JSON.stringify({ type: "module" }));
  const { code, output } = await execute(node, ["--test", "--test-reporter=tap", ...bundles.map((file) => `./${relative(directory, file)}`)], { cwd: directory, env: hermetic });
  const passed = Number(/^# pass (\d+)$/m.exec(output)?.[1] ?? 0);
  const failed = Number(/^# fail (\d+)$/m.exec(output)?.[1] ?? 0);
  return { version: `Node ${version}`, code, output, passed, failed };
}

async function runBun(bundles, directory) {
  const bun = join(root, "node_modules/.bin/bun");
  const version = (await execute(bun, ["--version"], {})).output.trim();
  const { code, output } = await execute(bun, ["test", "--timeout", "120000", ...bundles.map((file) => `./${relative(directory, file)}`)], {
    cwd: directory,
    env: hermetic,
  });
  const passed = Number(/^\s*(\d+) pass$/m.exec(output)?.[1] ?? 0);
  const failed = Number(/^\s*(\d+) fail$/m.exec(output)?.[1] ?? 0);
  return { version: `Bun ${version}`, code, output, passed, failed };
}

async function runDeno(bundles, directory) {
  const deno = join(root, "node_modules/.bin/deno");
  const version = /deno (\S+)/.exec((await execute(deno, ["--version"], {})).output)?.[1];
  // Env access only for tinyrainbow (inside @vitest/expect), which reads FORCE_TTY; the runtime
  // itself reads no environment (portable.test.ts forbids `process`).
  const { code, output } = await execute(deno, ["test", "--no-config", "--no-lock", "--no-check", "--allow-env", ...bundles], {
    cwd: directory,
    env: { ...hermetic, DENO_DIR: join(directory, ".deno") },
  });
  const summary = /(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/.exec(output);
  return { version: `Deno ${version}`, code, output, passed: Number(summary?.[1] ?? 0), failed: Number(summary?.[2] ?? 0) };
}

// The page loads each bundle as a module, then runs the tests they registered one at a time,
// failing a test during which the page saw an unhandled rejection.
const page = String.raw`<!doctype html><meta charset="utf-8"><title>corral runtime tests</title>
<script type="module">
const unhandled = [];
addEventListener("unhandledrejection", (event) => { event.preventDefault(); unhandled.push(event.reason); });
const results = [];
try {
  for (const file of await (await fetch("./bundles.json")).json()) await import("./" + file);
  for (const { file, test } of globalThis.corralTests ?? []) {
    const started = performance.now();
    let error;
    try { await test.run(); } catch (failure) { error = failure; }
    await new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0));
    if (error === undefined && unhandled.length > 0) error = new Error("unhandled rejection: " + String(unhandled[0]));
    unhandled.length = 0;
    results.push({ file, name: test.name, ok: error === undefined, error: error === undefined ? undefined : String(error?.stack ?? error), ms: performance.now() - started });
  }
  globalThis.corralReport = { results };
} catch (failure) {
  globalThis.corralReport = { results, error: String(failure?.stack ?? failure) };
}
</script>`;

async function runChromium(bundles, directory) {
  writeFileSync(join(directory, "index.html"), page);
  writeFileSync(join(directory, "bundles.json"), JSON.stringify(bundles.map((file) => relative(directory, file))));
  const server = createServer((request, response) => {
    const path = join(directory, new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    if (!path.startsWith(directory) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    const type = path.endsWith(".html") ? "text/html" : path.endsWith(".json") ? "application/json" : "text/javascript";
    response.writeHead(200, { "content-type": type }).end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    server.close();
    return { version: "Chromium (did not start)", code: 1, output: error instanceof Error ? error.message : String(error), passed: 0, failed: 0 };
  }
  try {
    const tab = await browser.newPage();
    const log = [];
    tab.on("pageerror", (error) => log.push(`page error: ${error.stack ?? error}`));
    await tab.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await tab.waitForFunction(() => globalThis.corralReport !== undefined, undefined, { timeout: 20 * 60_000, polling: 500 });
    const report = await tab.evaluate(() => globalThis.corralReport);
    const failures = report.results.filter((result) => !result.ok);
    const output = [...log, report.error ?? "", ...failures.map((result) => `✗ ${result.name}\n${result.error}`)].filter(Boolean).join("\n");
    const passed = report.results.length - failures.length;
    const code = failures.length > 0 || report.error || log.length > 0 ? 1 : 0;
    return { version: `Chromium ${browser.version()}`, code, output, passed, failed: failures.length };
  } finally {
    await browser.close();
    server.close();
  }
}

const runners = { node: runNode, bun: runBun, deno: runDeno, chromium: runChromium };

async function main() {
  const hosts = process.argv.slice(2).length > 0 ? process.argv.slice(2) : allHosts;
  for (const host of hosts) if (!(host in runners)) throw new Error(`Unknown host ${host}: expected ${allHosts.join(", ")}`);
  assertFreshBuild();
  const files = portableTestFiles();
  const scratch = mkdtempSync(join(tmpdir(), "corral-hosts-"));
  const outcomes = [];
  try {
    // The hosts run at once: their tests mostly wait on timers, so one host's waits are another's
    // time to run, and the three take about as long as the slowest alone.
    const finished = await Promise.all(
      hosts.map(async (host) => {
        const directory = mkdtempSync(join(scratch, `${host}-`));
        const started = Date.now();
        const outcome = await runners[host](await bundle(host, files, directory), directory);
        return { host, ...outcome, seconds: (Date.now() - started) / 1_000 };
      }),
    );
    for (const outcome of finished) {
      outcomes.push(outcome);
      console.log(`${outcome.code === 0 ? "✓" : "✗"} ${outcome.version}: ${outcome.passed} passed, ${outcome.failed} failed (${files.length} files, ${outcome.seconds.toFixed(1)} s)`);
      if (outcome.code !== 0) console.log(process.env.CORRAL_HOSTS_VERBOSE ? outcome.output : outcome.output.trim().split("\n").slice(-200).join("\n"));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // Every host runs the same files, so every host must count the same tests: fewer means a file
  // did not load, which a runner may not count as a failure.
  const counts = new Set(outcomes.map((outcome) => outcome.passed + outcome.failed));
  const uneven = counts.size > 1 || outcomes.some((outcome) => outcome.passed + outcome.failed === 0);
  if (uneven) console.log(`✗ the hosts ran different numbers of tests: ${outcomes.map((outcome) => `${outcome.host} ${outcome.passed + outcome.failed}`).join(", ")}`);
  const passed = outcomes.reduce((sum, outcome) => sum + outcome.passed, 0);
  const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0);
  console.log(`hosts: ${passed} passed, ${failed} failed`);
  if (uneven || outcomes.some((outcome) => outcome.code !== 0)) process.exitCode = 1;
}

await main();
