// Which files a run touches: TypeScript sources under the given paths, never node_modules nor
// git-ignored files, and whether the git tree under those paths has uncommitted changes.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { CodemodInputError } from "./types.js";

const run = promisify(execFile);
const sourceExtension = /\.(?:ts|tsx|mts|cts)$/;
const javaScriptExtension = /\.(?:js|jsx|mjs|cjs)$/;
const declarationFile = /\.d\.(?:ts|mts|cts)$|\.d\.[^.]+\.ts$/;

/** SkippedFile is a file named on the command line that the run will not touch, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** DiscoveredFiles are the absolute paths of the files to lint, and the named files left alone. */
export interface DiscoveredFiles {
  files: string[];
  skipped: SkippedFile[];
  /** gitRoot is the top of the git work tree the paths lie in, when they lie in one. */
  gitRoot: string | undefined;
  /** javaScriptFiles counts the JavaScript files under the folders, which the codemod does not rewrite. */
  javaScriptFiles: number;
}

/** isSourceFile tells whether `file` is TypeScript the codemod rewrites (declaration files are not). */
export function isSourceFile(file: string): boolean {
  return sourceExtension.test(file) && !declarationFile.test(file);
}

function isInNodeModules(file: string): boolean {
  return file.split(sep).includes("node_modules");
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}

function splitNul(output: string): string[] {
  return output.split("\0").filter((entry) => entry.length > 0);
}

// Without git every folder is walked; only node_modules and dot-folders (.git, .cache) are left out.
function walk(directory: string, found: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = resolve(directory, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.isFile()) found.push(path);
  }
}

// Every file under `directory` the run may consider: TypeScript to lint, and JavaScript to count.
async function listDirectory(directory: string, gitRoot: string | undefined): Promise<string[]> {
  if (gitRoot === undefined) {
    const found: string[] = [];
    walk(directory, found);
    return found;
  }
  // Tracked and untracked files that no .gitignore excludes: the same set `git status` considers.
  const listed = await git(gitRoot, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", directory]);
  return splitNul(listed ?? "")
    .map((file) => resolve(gitRoot, file))
    .filter((file) => !isInNodeModules(relative(directory, file)) && existsSync(file));
}

async function isIgnored(file: string, gitRoot: string | undefined): Promise<boolean> {
  if (gitRoot === undefined) return false;
  return (await git(gitRoot, ["check-ignore", "-q", "--", file])) !== undefined;
}

/**
 * discoverFiles expands `paths` (files or folders, relative to `cwd`) into the TypeScript files to
 * lint. A path that does not exist throws a CodemodInputError naming it, before anything is read.
 */
export async function discoverFiles(paths: readonly string[], cwd: string): Promise<DiscoveredFiles> {
  const absolute = paths.map((path) => resolve(cwd, path));
  const missing = absolute.find((path) => !existsSync(path));
  if (missing !== undefined) throw new CodemodInputError(`path not found: ${relative(cwd, missing) || missing}`, missing);
  const gitRoot = (await git(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || undefined;
  const files = new Set<string>();
  const javaScript = new Set<string>();
  const skipped: SkippedFile[] = [];
  for (const path of absolute) {
    if (statSync(path).isDirectory()) {
      for (const file of await listDirectory(path, gitRoot)) {
        if (isSourceFile(file)) files.add(file);
        else if (javaScriptExtension.test(file)) javaScript.add(file);
      }
      continue;
    }
    const reason = !isSourceFile(path)
      ? "not a TypeScript source file"
      : isInNodeModules(path)
        ? "inside node_modules"
        : (await isIgnored(path, gitRoot))
          ? "ignored by git"
          : undefined;
    if (reason === undefined) files.add(path);
    else skipped.push({ file: path, reason });
  }
  return { files: [...files].sort(), skipped, gitRoot, javaScriptFiles: javaScript.size };
}

/**
 * findDirtyFiles lists the files under `paths` with uncommitted changes (modified, staged or
 * untracked), so a run can refuse to mix its edits with a person's. Empty outside a git tree.
 */
export async function findDirtyFiles(paths: readonly string[], cwd: string, gitRoot: string | undefined): Promise<string[]> {
  if (gitRoot === undefined) return [];
  const status = await git(gitRoot, ["status", "--porcelain", "-z", "--untracked-files=all", "--", ...paths.map((path) => resolve(cwd, path))]);
  // Each entry is "XY path"; a rename adds the old path as a separate NUL-terminated entry.
  const entries = splitNul(status ?? "");
  const dirty: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] ?? "";
    dirty.push(resolve(gitRoot, entry.slice(3)));
    if (entry.startsWith("R") || entry.startsWith("C")) index++;
  }
  return dirty;
}
