// The end-to-end tests run what `npm install` built; a build older than its sources would test
// yesterday's code, so they first name any compiled file that is missing or out of date.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

// A subfolder with a tsconfig of its own (examples/service) is another project, not built here.
function sources(directory: string): string[] {
  const entries = readdirSync(directory, { withFileTypes: true, recursive: true });
  const projects = entries.filter((entry) => entry.name === "tsconfig.json" && entry.parentPath !== directory).map((entry) => `${entry.parentPath}/`);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !/[/\\](?:fixtures|node_modules|dist)[/\\]/.test(file) && !projects.some((project) => file.startsWith(project)));
}

/**
 * staleBuildOutputs lists the sources under `folders` (relative to `root`, each a package or the
 * examples, built into its own dist/) whose JavaScript is missing, or older than they are and than
 * the folder's last build. `tsc -b` leaves the output of a source whose text did not change (a
 * `git checkout` that only touched it) as it was and records the build in `.tsbuildinfo`.
 */
export function staleBuildOutputs(root: string, folders: readonly string[]): string[] {
  const stale: string[] = [];
  for (const folder of folders) {
    const buildInfo = join(root, folder, ".tsbuildinfo");
    const built = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
    // A package compiled from the repository's root (redis/, which shares runtime/validate.ts)
    // has its own files under dist/<folder>/.
    const dist = existsSync(join(root, folder, "dist", folder)) ? join(root, folder, "dist", folder) : join(root, folder, "dist");
    for (const source of sources(join(root, folder))) {
      const output = join(dist, relative(join(root, folder), source).replace(/\.ts$/, ".js"));
      if (!existsSync(output) || Math.max(statSync(output).mtimeMs, built) < statSync(source).mtimeMs) stale.push(relative(root, source));
      // A dual package's CommonJS build (scripts/dual-package.mjs) is written whole on every build.
      const commonJs = join(root, folder, "dist/cjs", relative(join(root, folder), source).replace(/\.ts$/, ".js"));
      if (existsSync(join(root, folder, "dist/cjs")) && (!existsSync(commonJs) || statSync(commonJs).mtimeMs < statSync(source).mtimeMs)) stale.push(`${relative(root, source)} (CommonJS)`);
    }
  }
  return stale;
}
