// The suite measures the compiled packages (runtime/dist, rules/dist, codemods/dist), what users
// install. Before a run it brings them up to date with `tsc -b`, which rebuilds only a package
// whose sources changed, so a figure never describes code that is no longer there.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * ensureBuilt runs `tsc -b` over the three packages. Type errors are printed but do not stop the
 * run as long as tsc emitted the files; a missing runtime/dist after the build does.
 */
export function ensureBuilt(root, log) {
  try {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", "runtime", "rules", "codemods", "redis"], { cwd: root, stdio: "pipe" });
    log("runtime/dist, rules/dist, codemods/dist and redis/dist are up to date");
  } catch (error) {
    log(`tsc reported errors; measuring what it emitted:\n${String(error.stdout).split("\n").slice(0, 10).join("\n")}`);
  }
  if (!existsSync(join(root, "runtime/dist/index.js"))) throw new Error("the build produced no runtime/dist/index.js");
}
