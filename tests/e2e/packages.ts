// What users install is the packed tarball, not this checkout: these helpers pack the workspaces
// with npm, read what each tarball holds, and install tarballs into fresh projects in a temporary
// folder, the way a user's project gets them.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { inject } from "vitest";

const run = promisify(execFile);

/** repositoryRoot is this checkout, the npm workspace root. */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** workspaces maps each published package to its folder in the checkout. */
export const workspaces = { "@corral/runtime": "runtime", "eslint-plugin-corral": "rules", corral: "codemods", "@corral/redis": "redis" } as const;

/** PackageName is the name of one of the published packages. */
export type PackageName = keyof typeof workspaces;

/** Packed is one tarball `npm pack` wrote, with what npm reported of it. */
export interface Packed {
  /** tarball is the absolute path of the .tgz. */
  tarball: string;
  /** size is the tarball's size in bytes; unpackedSize what it unpacks to. */
  size: number;
  unpackedSize: number;
  /** files lists the paths inside the package, relative to its root. */
  files: string[];
  /** dependencies are the package.json's runtime dependencies. */
  dependencies: Record<string, string>;
}

/** CommandResult is what a finished command printed and its exit code. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * command runs `file` with `args` in `cwd` and resolves with its output and exit code, also when it
 * fails; only a command that cannot be started rejects.
 */
export async function command(file: string, args: readonly string[], cwd: string, timeout = 240_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failure.code !== "number") throw error;
    return { code: failure.code, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

/** checked runs command() and throws with its output unless it exits 0. */
export async function checked(file: string, args: readonly string[], cwd: string, timeout?: number): Promise<CommandResult> {
  const result = await command(file, args, cwd, timeout);
  if (result.code !== 0) throw new Error(`${file} ${args.join(" ")} exited ${result.code} in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * pack runs `npm pack` on the given packages' workspaces into `destination` and returns what each
 * tarball holds, as npm reports it.
 */
export async function pack(names: readonly PackageName[], destination: string): Promise<Record<PackageName, Packed>> {
  const args = ["pack", "--json", "--pack-destination", destination, ...names.flatMap((name) => ["--workspace", workspaces[name]])];
  const { stdout } = await checked(npm, args, repositoryRoot);
  const reports = JSON.parse(stdout) as { name: PackageName; filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const packed = {} as Record<PackageName, Packed>;
  for (const report of reports) {
    const manifest = (await import(join(repositoryRoot, workspaces[report.name], "package.json"), { with: { type: "json" } })) as {
      default: { dependencies?: Record<string, string> };
    };
    packed[report.name] = {
      tarball: join(destination, report.filename),
      size: report.size,
      unpackedSize: report.unpackedSize,
      files: report.files.map((file) => file.path).sort(),
      dependencies: manifest.default.dependencies ?? {},
    };
  }
  return packed;
}

const packageNames = Object.keys(workspaces) as PackageName[];
let packing: Promise<Record<PackageName, Packed>> | undefined;

// The first test of the run to need a tarball packs all three into the shared folder, under a lock
// (mkdir is atomic): tests in other workers wait for its report, or for the error it failed with.
async function packShared(directory: string): Promise<Record<PackageName, Packed>> {
  const report = join(directory, "packed.json");
  const failure = join(directory, "failed.txt");
  try {
    await mkdir(join(directory, "lock"));
  } catch {
    for (let waited = 0; waited < 300_000; waited += 100) {
      const done = await readFile(report, "utf8").catch(() => undefined);
      if (done !== undefined) return JSON.parse(done) as Record<PackageName, Packed>;
      const failed = await readFile(failure, "utf8").catch(() => undefined);
      if (failed !== undefined) throw new Error(`packing the workspaces failed in another test file: ${failed}`);
      await sleep(100);
    }
    throw new Error(`the tarballs in ${directory} were not packed within 5 minutes`);
  }
  try {
    const packed = await pack(packageNames, directory);
    await writeFile(`${report}.tmp`, JSON.stringify(packed));
    await rename(`${report}.tmp`, report);
    return packed;
  } catch (error) {
    await writeFile(failure, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * packedOnce returns the three packed tarballs, packed once per test run into the folder the
 * globalSetup (packs-setup.ts) shares between test files. Tests install them and never change them.
 */
export function packedOnce(): Promise<Record<PackageName, Packed>> {
  packing ??= packShared(inject("packsDirectory"));
  return packing;
}

/** Scratch is a temporary folder for tarballs and fresh projects; `remove` deletes it. */
export interface Scratch {
  path: string;
  remove(): Promise<void>;
}

/** scratch creates a temporary folder named after `label`. */
export async function scratch(label: string): Promise<Scratch> {
  const path = await mkdtemp(join(tmpdir(), `corral-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * installProject writes `files` (package.json among them) into `directory` and runs `npm install`
 * there with `flags`, as a user would after adding the dependencies. The registry serves what the
 * tarballs do not hold (ESLint, TypeScript, typescript-eslint); npm's cache makes repeats fast.
 */
export async function installProject(directory: string, files: Readonly<Record<string, string>>, flags: readonly string[] = []): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
  await checked(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...flags], directory);
}

/** installedPackages lists the package folders under `directory`/node_modules (`@scope/name` for scoped ones). */
export async function installedPackages(directory: string): Promise<string[]> {
  const top = join(directory, "node_modules");
  const names: string[] = [];
  for (const entry of await readdir(top, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    if (entry.name.startsWith("@")) names.push(...(await readdir(join(top, entry.name))).map((name) => `${entry.name}/${name}`));
    else names.push(entry.name);
  }
  return names.sort();
}

/**
 * unexpectedFiles lists the paths of a package that are not what a package of this repository may
 * ship: its package.json, README.md and LICENSE, and compiled JavaScript, declarations and the
 * `extra` patterns under dist/. Tests, fixtures, examples, sources and source maps are all refused.
 */
export function unexpectedFiles(files: readonly string[], extra: readonly RegExp[] = []): string[] {
  const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/(?:[\w-]+\/)*[\w-]+\.(?:js|d\.ts)$/, ...extra];
  return files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
}

/** tsc is the TypeScript compiler of this checkout, for type-checking fresh projects. */
export const tsc = join(repositoryRoot, "node_modules", "typescript", "bin", "tsc");

/**
 * packagingProblems runs publint (strict) on a packed tarball and returns its messages, formatted:
 * the ecosystem's check for fields, exports and files that do not match what the package ships.
 */
export async function packagingProblems(tarball: string): Promise<string[]> {
  const buffer = await readFile(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) }, strict: true });
  return messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
}
