// `npm start` is the README's first command: the demo must run to completion, offline, and say
// what it showed. It runs the build `npm install` made, so that build must be current.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { findPackageRoot } from "../../examples/demo/workspace.js";
import { staleBuildOutputs } from "./build-freshness.js";

const run = promisify(execFile);
const root = findPackageRoot(import.meta.url);

it("npm start runs the demo to completion with exit code 0", async () => {
  expect(staleBuildOutputs(root, ["examples", "rules", "codemods", "runtime"]), "dist is older than these sources: run `npm run build`").toEqual([]);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // The kill is a hang detector, not a speed measurement: the demo bounds each of its own steps.
  const { stdout } = await run(npm, ["start", "--silent"], { cwd: root, timeout: 110_000, env: { ...process.env, NO_COLOR: "1" } }).catch(
    (failure: { code?: unknown; signal?: unknown; stdout?: string; stderr?: string }) => {
      throw new Error(`npm start failed (code ${failure.code}, signal ${failure.signal}):\n${failure.stdout}\n${failure.stderr}`);
    },
  );
  for (const heading of ["1/4  Lint", "2/4  Codemod", "3/4  Run both versions", "4/4  Side by side", "Done in"]) expect(stdout).toContain(heading);
  expect(stdout).toMatch(/corral\/no-unbounded-concurrency {2}examples\/service\/sync-job\.ts:\d+/);
  expect(stdout).toContain("+import { go } from \"@corral/runtime\";");
  // No colour codes when the output is not a terminal.
  expect(stdout).not.toContain("\u001b[");
}, 120_000);
