// The suite measures the compiled package (dist/), what users install. Before a run it compares
// every source file of runtime/, rules/ and codemods/ with its compiled twin and rebuilds when
// one is missing or older, so a figure never describes code that is no longer there.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function sources(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** staleSources lists the sources whose compiled file is missing or older than the source. */
export function staleSources(root) {
  return ["runtime", "rules", "codemods"]
    .filter((folder) => existsSync(join(root, folder)))
    .flatMap((folder) => sources(join(root, folder)))
    .filter((source) => {
      const compiled = join(root, "dist", relative(root, source)).replace(/\.ts$/, ".js");
      return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs;
    });
}

/**
 * ensureBuilt rebuilds dist/ with `tsc -p tsconfig.build.json` when a source is newer than its
 * output. Type errors are printed but do not stop the run as long as tsc emitted the files (it
 * does by default); a missing dist/runtime after the build does.
 */
export function ensureBuilt(root, log) {
  const stale = staleSources(root);
  if (stale.length === 0) {
    log("dist/ is up to date with runtime/, rules/ and codemods/");
    return;
  }
  log(`building dist/ (${stale.length} sources newer than their output, e.g. ${relative(root, stale[0])})`);
  try {
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
  } catch (error) {
    log(`tsc reported errors; measuring what it emitted:\n${String(error.stdout).split("\n").slice(0, 10).join("\n")}`);
  }
  if (!existsSync(join(root, "dist/runtime/index.js"))) throw new Error("the build produced no dist/runtime/index.js");
}
