// Which tsconfig the run type-checks with: the one given, or the nearest above the first path.
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CodemodInputError } from "./types.js";

/**
 * findTsconfig returns the absolute path of the tsconfig to use: `project` (resolved against
 * `cwd`) when given, else the nearest `tsconfig.json` in the folder of the first path or above it.
 * A missing file throws a CodemodInputError naming it.
 */
export function findTsconfig(project: string | undefined, firstPath: string, cwd: string): string {
  if (project !== undefined) {
    const path = resolve(cwd, project);
    if (!existsSync(path) || !statSync(path).isFile()) throw new CodemodInputError(`tsconfig not found: ${project}`, path);
    return path;
  }
  const start = resolve(cwd, firstPath);
  let directory = existsSync(start) && statSync(start).isDirectory() ? start : dirname(start);
  for (;;) {
    const candidate = join(directory, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  throw new CodemodInputError(`no tsconfig.json found in ${relative(cwd, start) || "."} or above it; pass --project <tsconfig>`, start);
}
