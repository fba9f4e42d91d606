// The end-to-end tests run what `npm install` built; a build older than its sources would test
// yesterday's code, so they first name any compiled file that is missing or out of date.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${join("/", "fixtures", "/")}`) && !file.includes("node_modules"));
}

/**
 * staleBuildOutputs lists the sources under `folders` (relative to `root`) whose JavaScript in
 * dist/ is missing or older than they are.
 */
export function staleBuildOutputs(root: string, folders: readonly string[]): string[] {
  const stale: string[] = [];
  for (const folder of folders) {
    for (const source of sources(join(root, folder))) {
      const output = join(root, "dist", relative(root, source).replace(/\.ts$/, ".js"));
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs) stale.push(relative(root, source));
    }
  }
  return stale;
}
