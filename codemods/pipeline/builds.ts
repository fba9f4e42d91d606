// Every build of a file: a project may compile the same sources more than once (bullmq builds its
// ESM with tsconfig.json and its CommonJS `main` with tsconfig-cjs.json; a test config type-checks
// them again with other types), and a rewrite must pass each of them, not only the tsconfig that
// typescript-eslint chose for the lint. The candidates are the tsconfig*.json files of the file's
// package (its folder with the nearest package.json, searched downwards, and the folders above it up
// to the repository root); a candidate builds the file when its own file list holds it, or when it
// names entry points (`files`) from which the file is imported.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { packageFolder } from "./dependency.js";

const configName = /^tsconfig[\w.-]*\.json$/;
const skippedFolders = new Set(["node_modules", "dist", "build", "out", "coverage"]);
// A walk of an entry point's imports stops here: the file is then taken as not reached.
const maximumWalk = 20_000;

interface Candidate {
  path: string;
  parsed: ts.ParsedCommandLine | undefined;
  /** entryPoints is true for a config that lists `files` and no `include`: its program is what the entries import. */
  entryPoints: boolean;
  extends: string[];
  fileNames: Set<string>;
  reached?: Set<string>;
}

function nearestFolderWith(start: string, marker: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, marker))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function configsBelow(folder: string, found: string[], depth = 0): void {
  if (depth > 8) return;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isFile() && configName.test(entry.name)) found.push(join(folder, entry.name));
    else if (entry.isDirectory() && !entry.name.startsWith(".") && !skippedFolders.has(entry.name)) configsBelow(join(folder, entry.name), found, depth + 1);
  }
}

// `extends` as TypeScript resolves it: a path relative to the config, or a package's config.
function extendedConfigs(path: string, raw: { extends?: unknown }): string[] {
  const list = Array.isArray(raw.extends) ? raw.extends : raw.extends === undefined ? [] : [raw.extends];
  return list
    .filter((entry): entry is string => typeof entry === "string")
    .map((entry) => {
      if (!entry.startsWith(".") && !entry.startsWith("/")) return entry;
      const target = resolve(dirname(path), entry);
      return target.endsWith(".json") ? target : `${target}.json`;
    });
}

function readCandidate(path: string): Candidate {
  const raw = ts.readConfigFile(path, ts.sys.readFile).config as { files?: unknown; include?: unknown; extends?: unknown } | undefined;
  let parsed: ts.ParsedCommandLine | undefined;
  try {
    parsed = ts.getParsedCommandLineOfConfigFile(path, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  } catch {
    parsed = undefined;
  }
  return {
    path,
    parsed,
    entryPoints: raw !== undefined && Array.isArray(raw.files) && raw.files.length > 0 && raw.include === undefined,
    extends: raw === undefined ? [] : extendedConfigs(path, raw),
    fileNames: new Set((parsed?.fileNames ?? []).map((file) => resolve(file))),
  };
}

// The project's own TypeScript files an entry-point config's program reaches through imports.
function reachedFiles(candidate: Candidate): Set<string> {
  if (candidate.reached) return candidate.reached;
  const reached = new Set<string>();
  const options = candidate.parsed?.options ?? {};
  const queue = [...candidate.fileNames];
  while (queue.length > 0 && reached.size < maximumWalk) {
    const file = queue.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    const text = ts.sys.readFile(file);
    if (text === undefined) continue;
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.endsWith(".d.ts") && /\.[cm]?tsx?$/.test(resolved.resolvedFileName)) queue.push(resolve(resolved.resolvedFileName));
    }
  }
  candidate.reached = reached;
  return reached;
}

/**
 * BuildConfigs finds, for files whose lint tsconfig is known, the other tsconfigs that build them.
 * Configs are read once per run and shared by the files of a package.
 */
export class BuildConfigs {
  readonly #candidates = new Map<string, Candidate>();
  readonly #packages = new Map<string, string[]>();

  #candidate(path: string): Candidate {
    let candidate = this.#candidates.get(path);
    if (!candidate) {
      candidate = readCandidate(path);
      this.#candidates.set(path, candidate);
    }
    return candidate;
  }

  // The tsconfig files of the package around `file`: below its package folder, and in the
  // folders above it up to the repository root.
  #packageConfigs(file: string): string[] {
    const folder = packageFolder(file);
    let configs = this.#packages.get(folder);
    if (configs) return configs;
    configs = [];
    configsBelow(folder, configs);
    const repository = nearestFolderWith(folder, ".git");
    for (let directory = dirname(folder); repository !== undefined && directory.startsWith(repository) && directory !== folder; directory = dirname(directory)) {
      for (const name of readdirSync(directory)) if (configName.test(name) && statSync(join(directory, name)).isFile()) configs.push(join(directory, name));
      if (directory === repository || dirname(directory) === directory) break;
    }
    this.#packages.set(folder, configs);
    return configs;
  }

  /**
   * configsOf returns the tsconfigs that build `file`: `primary` (the lint's) first, then every
   * other one of its package that compiles it. A config that another candidate extends is a base
   * of builds, not a build (a monorepo's tsconfig.base.json), and a solution config (`"files": []`)
   * compiles nothing of its own.
   */
  configsOf(file: string, primary: string): string[] {
    const target = resolve(file);
    const paths = this.#packageConfigs(target).map((path) => resolve(path));
    const candidates = paths.map((path) => this.#candidate(path));
    const bases = new Set(candidates.flatMap((candidate) => candidate.extends));
    const builds = [resolve(primary)];
    for (const candidate of candidates) {
      if (builds.includes(candidate.path) || bases.has(candidate.path) || candidate.parsed === undefined) continue;
      const covers = candidate.fileNames.has(target) || (candidate.entryPoints && reachedFiles(candidate).has(target));
      if (covers) builds.push(candidate.path);
    }
    return builds;
  }
}
