// The TypeScript side of a project: the tsconfig `--project` names, and what to tell a person whose
// project cannot import @corral/runtime, which every rewrite onto the runtime needs.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { runtimeModule } from "eslint-plugin-corral";
import semver from "semver";
import { nearestPackageJson, packageFolder } from "./dependency.js";
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
    // The folder `npm install` should run in.
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

interface PackageManifest {
  name?: string;
  version?: string;
  type?: string;
  main?: string;
  exports?: unknown;
  engines?: { node?: string };
}

function readManifest(path: string): PackageManifest | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PackageManifest;
  } catch {
    return undefined;
  }
}

// The package.json of the runtime that `resolved` (a file of it) belongs to.
function runtimeManifest(resolved: string): { path: string; manifest: PackageManifest } | undefined {
  for (let directory = dirname(resolved); ; directory = dirname(directory)) {
    const path = join(directory, "package.json");
    const manifest = existsSync(path) ? readManifest(path) : undefined;
    if (manifest?.name === runtimeModule) return { path, manifest };
    if (dirname(directory) === directory) return undefined;
  }
}

// Whether `require("@corral/runtime")` gets CommonJS: a `require` condition in its exports, or no
// exports and a package that is not "type": "module" (its main is then CommonJS).
function hasCommonJs(manifest: PackageManifest): boolean {
  if (manifest.exports === undefined) return manifest.type !== "module";
  return JSON.stringify(manifest.exports).includes('"require"');
}

// Node loads an ES module with require() from 20.19 on (22.12 on the 22 line), and not before.
const requireEsm = ">=20.19.0 <21 || >=22.12.0";

function allows(range: string, within: string): boolean {
  try {
    return semver.subset(range, within, { includePrerelease: false });
  } catch {
    return false;
  }
}

/**
 * runtimeLoadProblem returns why the installed @corral/runtime would not load where `file` runs,
 * or undefined when it would: the nearest package.json's `engines.node` allows a Node older than
 * the runtime's own `engines.node`, or the file may be loaded by `require()` (its tsconfig emits
 * CommonJS, or its package is not "type": "module", so a compiler such as swc or babel may) while
 * the runtime ships no CommonJS and the engines allow a Node that cannot require an ES module. A
 * project without `engines` says nothing to check against.
 */
export function runtimeLoadProblem(file: string, facts: FileFacts, cwd: string): RuntimeProblem | undefined {
  if (facts.runtime.resolved === undefined) return undefined;
  const runtime = runtimeManifest(facts.runtime.resolved);
  const projectPath = nearestPackageJson(file);
  if (runtime === undefined || projectPath === undefined) return undefined;
  const project = readManifest(projectPath);
  const projectRange = project?.engines?.node;
  const runtimeRange = runtime.manifest.engines?.node;
  const name = relative(cwd, projectPath) || projectPath;
  const version = runtime.manifest.version === undefined ? runtimeModule : `${runtimeModule} ${runtime.manifest.version}`;
  if (projectRange !== undefined && runtimeRange !== undefined && !allows(projectRange, runtimeRange)) {
    return {
      key: `engines:${projectPath}`,
      message: `${name} allows Node ${projectRange} (\`engines.node\`), but ${version} runs on Node ${runtimeRange} only, so no rewrite that imports it was made in its files: raise \`engines.node\` to a range within ${runtimeRange} if the project can, then run the codemod again`,
      reason: `${name} allows Node ${projectRange} (\`engines.node\`), older than ${version} supports (${runtimeRange})`,
    };
  }
  const mayRequire = facts.commonJs || (project?.type !== "module" && ![".mts", ".mjs"].includes(extname(file)));
  if (mayRequire && !hasCommonJs(runtime.manifest) && (projectRange === undefined || !allows(projectRange, requireEsm))) {
    const where = facts.commonJs ? "its tsconfig compiles these files to CommonJS" : `${name} is not \`"type": "module"\`, so its files may be compiled to CommonJS`;
    return {
      key: `format:${projectPath}`,
      message: `${version} is an ES module only and ${where}: \`require()\` of it fails on Node before 20.19 (22.12 on Node 22)${projectRange === undefined ? "" : `, which ${name}'s \`engines.node\` (${projectRange}) allows`}, so no rewrite that imports it was made: install a version of ${runtimeModule} that ships CommonJS, then run the codemod again`,
      reason: `${version} is an ES module only, and this file may be loaded with \`require()\` on a Node that cannot load it`,
    };
  }
  return undefined;
}
