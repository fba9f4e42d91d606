// The dependency the rewrites' imports need: @corral/runtime in the `dependencies` of the nearest
// package.json of each file that imports it, so a published library ships it and an application
// that installed it as a devDependency does not fail in production with ERR_MODULE_NOT_FOUND.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { runtimeModule } from "eslint-plugin-corral";
import { codemodVersion } from "./package-info.js";
import { writeAtomically } from "./write.js";

export { codemodVersion };

/** runtimeRange is the version range of @corral/runtime the codemod adds: the one released beside it. */
export const runtimeRange = `^${codemodVersion}`;

// Where a dependency counts as provided: an application's or library's own, or its consumers' (peer).
const providing = ["dependencies", "peerDependencies", "optionalDependencies"] as const;

type Manifest = Record<string, unknown> & { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** importsRuntime tells whether `text` imports @corral/runtime (what a rewritten file's package then needs). */
export function importsRuntime(text: string): boolean {
  return new RegExp(`\\bfrom\\s*["']${runtimeModule.replace(/[/\\^$.*+?()[\]{}|]/g, "\\$&")}["']`).test(text);
}

/** nearestPackageJson returns the package.json that owns `file`: the nearest one above it. */
export function nearestPackageJson(file: string): string | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const candidate = join(directory, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

/** packageFolder returns the folder of the package.json that owns `file`, else the file's own folder. */
export function packageFolder(file: string): string {
  const manifest = nearestPackageJson(file);
  return manifest === undefined ? dirname(file) : dirname(manifest);
}

/** DependencyChange is what adding the runtime does to one package.json. */
export type DependencyChange = "added" | "moved" | undefined;

function withDependency(manifest: Manifest, range: string): Manifest {
  const dependencies = { ...manifest.dependencies };
  const names = Object.keys(dependencies);
  const sorted = names.every((name, index) => index === 0 || (names[index - 1] as string).localeCompare(name, "en") <= 0);
  dependencies[runtimeModule] = range;
  const ordered = sorted ? Object.fromEntries(Object.entries(dependencies).sort(([left], [right]) => left.localeCompare(right, "en"))) : dependencies;
  if ("dependencies" in manifest) return { ...manifest, dependencies: ordered };
  // A new `dependencies` goes where npm writes it: before `devDependencies`, else at the end.
  const entries = Object.entries(manifest);
  const at = entries.findIndex(([key]) => key === "devDependencies");
  entries.splice(at === -1 ? entries.length : at, 0, ["dependencies", ordered]);
  return Object.fromEntries(entries);
}

/**
 * planDependency returns the new text of a package.json (`text`) with @corral/runtime in its
 * `dependencies`, and whether it was added or moved there from `devDependencies` (keeping the
 * range given there); undefined when it already is a dependency, peer or optional dependency.
 * The file's indentation, line ending and final newline are kept.
 */
export function planDependency(text: string, range = runtimeRange): { text: string; change: DependencyChange } | undefined {
  const manifest = JSON.parse(text) as Manifest;
  if (providing.some((field) => typeof (manifest[field] as Record<string, unknown> | undefined)?.[runtimeModule] === "string")) return undefined;
  const development = manifest.devDependencies?.[runtimeModule];
  let next = withDependency(manifest, development ?? range);
  if (development !== undefined) {
    const { [runtimeModule]: _moved, ...rest } = manifest.devDependencies ?? {};
    next = { ...next, devDependencies: rest };
  }
  const indentation = /^([ \t]+)"/m.exec(text)?.[1] ?? "  ";
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const printed = JSON.stringify(next, null, indentation).replace(/\n/g, newline);
  return { text: /\r?\n$/.test(text) ? `${printed}${newline}` : printed, change: development === undefined ? "added" : "moved" };
}

/** addRuntimeDependency writes `packageJson` with @corral/runtime among its dependencies, atomically. */
export async function addRuntimeDependency(packageJson: string): Promise<DependencyChange> {
  const planned = planDependency(await readFile(packageJson, "utf8"));
  if (!planned) return undefined;
  await writeAtomically(packageJson, planned.text);
  return planned.change;
}
