// The TypeScript side of a project: the tsconfig `--project` names, and what to tell a person whose
// project cannot import @corral/runtime, which every rewrite onto the runtime needs.
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { runtimeModule } from "eslint-plugin-corral";
import type { FileFacts } from "./file-facts.js";
import { CodemodInputError } from "./types.js";

/**
 * resolveProject returns the absolute path of the tsconfig `--project` names (relative to `cwd`),
 * or undefined without one: each file then has the tsconfig typescript-eslint's project service
 * finds for it. A missing file throws a CodemodInputError naming it.
 */
export function resolveProject(project: string | undefined, cwd: string): string | undefined {
  if (project === undefined) return undefined;
  const path = resolve(cwd, project);
  if (!existsSync(path) || !statSync(path).isFile()) throw new CodemodInputError(`tsconfig not found: ${project}`, path);
  return path;
}

// The folder of an installed copy of the runtime that node_modules lookup from `file` reaches.
function findInstalledRuntime(file: string): string | undefined {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const installed = join(directory, "node_modules", runtimeModule);
    if (existsSync(join(installed, "package.json"))) return installed;
    if (dirname(directory) === directory) return undefined;
  }
}

// The folder `npm install` should run in: the nearest one with a package.json, else the file's own.
function packageFolder(file: string): string {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    if (existsSync(join(directory, "package.json"))) return directory;
    if (dirname(directory) === directory) return dirname(file);
  }
}

/** RuntimeProblem says why @corral/runtime does not resolve from a file, and what to change. */
export interface RuntimeProblem {
  /** key groups the files that share the problem, so a run says it once. */
  key: string;
  /** message is the one line the run prints: what is wrong, and what to change. */
  message: string;
  /** reason is what each site that needs the runtime says, in a file with the problem. */
  reason: string;
}

/**
 * runtimeProblem returns why `import … from "@corral/runtime"` would not resolve from `file` under
 * its tsconfig, or undefined when it resolves: the package is not installed where the file can
 * reach it, or it is and the tsconfig's module resolution does not find it.
 */
export function runtimeProblem(file: string, facts: FileFacts, cwd: string): RuntimeProblem | undefined {
  if (facts.runtime.resolved !== undefined) return undefined;
  const installed = findInstalledRuntime(file);
  const tsconfig = facts.tsconfig === undefined ? "its tsconfig" : relative(cwd, facts.tsconfig) || facts.tsconfig;
  if (installed === undefined) {
    const folder = relative(cwd, packageFolder(file)) || ".";
    return {
      key: `missing:${folder}`,
      message: `${runtimeModule} is not installed where the files of ${folder} can import it, so no rewrite that imports it was made: run \`npm install ${runtimeModule}\` in ${folder}, then run the codemod again`,
      reason: `${runtimeModule} is not installed where this file can import it: run \`npm install ${runtimeModule}\`, then run the codemod again`,
    };
  }
  const resolution = facts.runtime.moduleResolution === undefined ? "" : ` (\`"moduleResolution": "${facts.runtime.moduleResolution}"\`)`;
  return {
    key: `unresolved:${tsconfig}`,
    message: `${runtimeModule} is installed (${relative(cwd, installed) || installed}) but ${tsconfig} does not resolve it${resolution}, so no rewrite that imports it was made: set "moduleResolution" to "node16", "nodenext" or "bundler" (or "node10"), with no "paths" entry that maps ${runtimeModule} elsewhere`,
    reason: `${tsconfig} does not resolve ${runtimeModule}${resolution}: set "moduleResolution" to "node16", "nodenext" or "bundler"`,
  };
}
