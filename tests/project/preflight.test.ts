// `npm test` checks its hosts first (tests/preflight.mjs): a program that does not start is named
// in one line, with what to do, and the run stops before any test; a program npm cannot install
// (needed: false) is named and the run goes on.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checks, preflight } from "../preflight.mjs";
import { redisRequired } from "../redis/redis-server.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));

describe("the preflight of npm test", () => {
  it("checks Bun, Deno and Chromium, each needed, and redis-server, needed only under CI", () => {
    expect(checks.map((check) => [check.name, check.needed])).toEqual([
      ["Bun", true],
      ["Deno", true],
      ["Chromium", true],
      ["redis-server", redisRequired],
    ]);
  });

  it("passes with one line naming what started", async () => {
    const { ok, lines } = await preflight([
      { name: "A", needed: true, run: async () => "1.0", fix: "install A" },
      { name: "B", needed: true, run: async () => "2.0", fix: "install B" },
    ]);
    expect(ok).toBe(true);
    expect(lines).toEqual(["preflight: A 1.0, B 2.0"]);
  });

  it("fails with one line per program that did not start, naming it, why, and what to do", async () => {
    const { ok, lines } = await preflight([
      { name: "A", needed: true, run: async () => "1.0", fix: "install A" },
      { name: "B", needed: true, run: () => Promise.reject(new Error("spawn B ENOENT\n    at stack")), fix: "install B" },
    ]);
    expect(ok).toBe(false);
    expect(lines).toEqual(["✗ B does not start: spawn B ENOENT; install B"]);
  });

  it("goes on without a program that is not needed, saying which tests do not run", async () => {
    const { ok, lines } = await preflight([
      { name: "A", needed: true, run: async () => "1.0", fix: "install A" },
      { name: "redis-server", needed: false, run: () => Promise.reject(new Error("not found")), fix: "apt-get install redis-server" },
    ]);
    expect(ok).toBe(true);
    expect(lines).toEqual(["preflight: A 1.0", "- redis-server is not available, so the tests that need it do not run (not found): apt-get install redis-server"]);
  });

  it("stops npm test with exit 1 and one line when Chromium is missing", async () => {
    const outcome = await run(process.execPath, ["tests/run.mjs"], { cwd: root, env: { ...process.env, CORRAL_CHROMIUM: "/nonexistent/chromium" } }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (failure: { code: number; stdout: string }) => failure,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^✗ Chromium does not start: CORRAL_CHROMIUM names \/nonexistent\/chromium, which does not exist; /)]);
  }, 120_000);
});
