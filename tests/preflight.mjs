// Before any test runs, `npm test` checks that every program the suite drives starts on this
// machine: a missing or broken one then fails in seconds with one line naming it and what to do,
// not after minutes of tests with a stack trace.
//
// A check is { name, run, fix, needed }: `run` resolves with a version (or what identifies the
// program) or rejects; `fix` says what to do when it fails. A check with `needed: false` is for a
// program npm cannot install (a server from the system's packages): when it fails, the tests that
// need it do not run, and the suite says so in one line instead of failing.
//
// Usage: node tests/preflight.mjs   (exits 1 when a needed program does not start)
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { launchChromium } from "./browser/chromium.mjs";
import { findRedisServer, installHint, redisRequired } from "./redis/redis-server.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../", import.meta.url));

// Long enough for a first start on a loaded machine (Chromium unpacks itself once, in a few
// seconds), short enough that a hung program is named well before a test would have been.
const checkTimeoutMs = 60_000;

async function versionOf(binary, args, pattern) {
  const { stdout } = await run(binary, args, { timeout: checkTimeoutMs, env: { ...process.env, NO_COLOR: "1" } });
  return pattern.exec(stdout)?.[1] ?? stdout.trim();
}

async function chromiumVersion() {
  const browser = await launchChromium();
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

/** checks are the programs `npm test` needs, in the order the summary names them. */
export const checks = [
  {
    name: "Bun",
    needed: true,
    run: () => versionOf(join(root, "node_modules/.bin/bun"), ["--version"], /^(\S+)/),
    fix: "it comes from the `bun` devDependency: run `npm install` at the repository root",
  },
  {
    name: "Deno",
    needed: true,
    run: () => versionOf(join(root, "node_modules/.bin/deno"), ["--version"], /deno (\S+)/),
    fix: "it comes from the `deno` devDependency: run `npm install` at the repository root",
  },
  {
    name: "Chromium",
    needed: true,
    run: chromiumVersion,
    fix: "see tests/browser/chromium.mjs: @sparticuz/chromium on Linux (run `npm install`), the system's Chrome elsewhere, or CORRAL_CHROMIUM=/path/to/chromium",
  },
  {
    // The one server npm cannot ship; only CI (CORRAL_REQUIRE_REDIS=1, which .ci/run exports) needs it.
    name: "redis-server",
    needed: redisRequired,
    run: () => {
      const server = findRedisServer();
      if (server === undefined) return Promise.reject(new Error("not found on PATH, in /usr/sbin or at CORRAL_REDIS_SERVER"));
      return versionOf(server, ["--version"], /v=(\S+)/);
    },
    fix: `${installHint} (Debian's package; .ci/run installs it), or CORRAL_REDIS_SERVER=/path/to/redis-server`,
  },
];

function withTimeout(promise, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not start within ${checkTimeoutMs / 1000} s`)), checkTimeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "failed";
}

/**
 * preflight runs every check at once and returns { ok, lines }: `ok` is false when a needed
 * program failed; `lines` are what to print: one per failed check, after a summary line when
 * every needed program started.
 */
export async function preflight(list = checks) {
  const outcomes = await Promise.all(
    list.map(async (check) => {
      try {
        return { check, version: await withTimeout(check.run(), check.name) };
      } catch (error) {
        return { check, error: firstLine(error) };
      }
    }),
  );
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  const ok = !failed.some((outcome) => outcome.check.needed);
  const lines = failed.map(({ check, error }) =>
    check.needed ? `✗ ${check.name} does not start: ${error}; ${check.fix}` : `- ${check.name} is not available, so the tests that need it do not run (${error}): ${check.fix}`,
  );
  // A failed run prints only what failed; a passing one names what it found in one line.
  if (ok) lines.unshift(`preflight: ${outcomes.filter((outcome) => outcome.error === undefined).map(({ check, version }) => `${check.name} ${version}`).join(", ")}`);
  return { ok, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { ok, lines } = await preflight();
  for (const line of lines) console.log(line);
  if (!ok) process.exitCode = 1;
}
