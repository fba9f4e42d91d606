// The temporary place where the demo and the end-to-end test work: two copies of the example
// service (one to keep, one for the codemod), able to import `@corral/runtime` and to type-check
// against Node's typings as they would in a project that installed the runtime.

import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";

const run = promisify(execFile);

/** serviceFolder is where the example service lives, relative to the package root and to a copy. */
export const serviceFolder = join("examples", "service");

/** Workspace is a temporary folder holding a `before` and an `after` copy of the example service. */
export interface Workspace {
  root: string;
  /** before is the copy kept as written, with its bugs. */
  before: string;
  /** after is the copy the codemod rewrites. */
  after: string;
  /** remove deletes the workspace. */
  remove(): Promise<void>;
}

/**
 * findPackageRoot returns the checkout's root (the folder of the workspace package.json, which
 * lists the runtime as a workspace) above `moduleUrl`: from the sources and from examples/dist.
 */
export function findPackageRoot(moduleUrl: string): string {
  for (let directory = dirname(fileURLToPath(moduleUrl)); ; directory = dirname(directory)) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { workspaces?: string[] }).workspaces?.includes("runtime")) return directory;
    if (dirname(directory) === directory) throw new Error(`corral's workspace package.json not found above ${fileURLToPath(moduleUrl)}`);
  }
}

/** WorkspaceOptions configures createWorkspace. */
export interface WorkspaceOptions {
  /**
   * compileRuntime compiles @corral/runtime from its TypeScript sources into the workspace instead
   * of copying runtime/dist, so that tests see the sources as they are now.
   * @default false (the build `npm install` made, as a user of the package has it)
   */
  compileRuntime?: boolean;
}

async function compileRuntime(packageRoot: string, outDir: string): Promise<void> {
  const tsc = join(packageRoot, "node_modules", "typescript", "bin", "tsc");
  const args = [tsc, "-p", join("runtime", "tsconfig.json"), "--composite", "false", "--tsBuildInfoFile", "null", "--outDir", outDir];
  // A type error elsewhere in the runtime is the type check's to report; tsc still emits, and
  // what the workspace needs is the JavaScript and declarations.
  const output = await run(process.execPath, args, { cwd: packageRoot }).then(
    ({ stdout }) => stdout,
    (failure: { stdout?: string }) => failure.stdout ?? String(failure),
  );
  if (!existsSync(join(outDir, "index.js"))) throw new Error(`@corral/runtime did not compile:\n${output}`);
  // Node's `import` and `require` of the package reach its CommonJS build (see the package.json).
  const { buildDualPackage } = (await import(pathToFileURL(join(packageRoot, "scripts", "dual-package.mjs")).href)) as { buildDualPackage(folder: string, dist: string): string[] };
  buildDualPackage(join(packageRoot, "runtime"), outDir);
}

/**
 * createWorkspace copies the example service of the checkout at `packageRoot` twice into a fresh
 * temporary folder, with a package.json of its own and a node_modules holding @corral/runtime as an
 * install would (its package.json and built dist/, copied) and the checkout's `@types` (linked), so
 * the copies type-check and import `@corral/runtime` the way a project that depends on it does.
 */
export async function createWorkspace(packageRoot: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  const runtime = join(packageRoot, "runtime", "dist");
  if (!options.compileRuntime && !existsSync(join(runtime, "index.js"))) throw new Error(`${runtime} is missing: build the package first (npm run build)`);
  const root = await mkdtemp(join(tmpdir(), "corral-demo-"));
  const remove = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    await writeFile(join(root, "package.json"), `${JSON.stringify({ name: "corral-demo-workspace", private: true, type: "module" }, null, 2)}\n`);
    const installed = join(root, "node_modules", "@corral", "runtime");
    await mkdir(installed, { recursive: true });
    await cp(join(packageRoot, "runtime", "package.json"), join(installed, "package.json"));
    if (options.compileRuntime) await compileRuntime(packageRoot, join(installed, "dist"));
    else await cp(runtime, join(installed, "dist"), { recursive: true });
    // A junction needs no privilege on Windows; other platforms ignore the type.
    await symlink(join(packageRoot, "node_modules", "@types"), join(root, "node_modules", "@types"), "junction");
    const source = join(packageRoot, serviceFolder);
    const copy = (name: string): Promise<void> =>
      cp(source, join(root, name, serviceFolder), { recursive: true, filter: (path) => !path.endsWith(".test.ts") });
    await copy("before");
    await copy("after");
    return { root, before: join(root, "before"), after: join(root, "after"), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * transpileService compiles the TypeScript files of the service in `copy` to JavaScript beside them
 * (types stripped, no type check) and returns the path of the entry point, main.js.
 */
export async function transpileService(copy: string): Promise<string> {
  const directory = join(copy, serviceFolder);
  for (const name of await readdir(directory)) {
    if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
    const source = await readFile(join(directory, name), "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    await writeFile(join(directory, name.replace(/\.ts$/, ".js")), outputText);
  }
  return join(directory, "main.js");
}
