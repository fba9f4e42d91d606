// Where the Redis tests find redis-server, and the one line `npm test` prints when it cannot: the
// one server the suite cannot install from npm (Debian's package, which .ci/run installs).
// `node tests/redis/redis-server.mjs` prints that line, or nothing when the server is there.
import { accessSync, constants, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** installHint is how to get redis-server on Debian and Ubuntu, where CI runs. */
export const installHint = "apt-get install redis-server";

/**
 * redisRequired is true under CI (`CI` set, or CORRAL_REQUIRE_REDIS=1, which .ci/run exports):
 * there a missing redis-server fails the Redis tests instead of skipping them.
 */
export const redisRequired = Boolean(process.env.CI) || process.env.CORRAL_REQUIRE_REDIS === "1";

/**
 * findRedisServer returns the redis-server that CORRAL_REDIS_SERVER names, when set (undefined if
 * it is not an executable there), else the first on PATH or in /usr/sbin, else undefined.
 */
export function findRedisServer() {
  const named = process.env.CORRAL_REDIS_SERVER;
  const directories = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/bin"].filter(Boolean);
  const candidates = named ? [named] : directories.map((directory) => join(directory, "redis-server"));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** redisTestFiles lists the test files that need redis-server. */
export function redisTestFiles() {
  const folder = fileURLToPath(new URL(".", import.meta.url));
  return readdirSync(folder).filter((name) => name.endsWith(".test.ts")).sort().map((name) => `tests/redis/${name}`);
}

/** skippedLine is the one line that says which tests did not run and how to make them run, or undefined. */
export function skippedLine() {
  if (findRedisServer()) return undefined;
  return `Skipped: ${redisTestFiles().join(", ")} did not run because redis-server is not installed; install it (${installHint}) or set CORRAL_REDIS_SERVER to its path`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const line = skippedLine();
  if (line) console.log(`\n${line}`);
}
