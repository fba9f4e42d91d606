// Fixture projects for the codemod's setup tests: real folders with a package.json, tsconfigs and
// @corral/runtime installed the way an application gets it (the packed tarball, extracted into
// node_modules as npm does for a package without dependencies), not a link to this checkout.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { map } from "@corral/runtime";
import { packedOnce } from "../e2e/packages.js";

const run = promisify(execFile);

/** Files maps paths inside a project to their text; objects are written as JSON. */
export type Files = Readonly<Record<string, string | object>>;

/** packRuntime returns the path of @corral/runtime's tarball, packed once per test run. */
export async function packRuntime(): Promise<string> {
  const { "@corral/runtime": runtime } = await packedOnce();
  return runtime.tarball;
}

/** writeFiles writes `files` under `directory`, creating folders. */
export async function writeFiles(directory: string, files: Files): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(directory, file)), { recursive: true });
    await writeFile(join(directory, file), typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** installRuntime extracts the runtime's tarball into `directory`/node_modules/@corral/runtime. */
export async function installRuntime(directory: string, tarball: string): Promise<void> {
  const target = join(directory, "node_modules", "@corral", "runtime");
  await mkdir(target, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
}

/** createFolder makes a new temporary folder for a group of fixture projects. */
export function createFolder(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `corral-${label}-`));
}

/** readJson reads a JSON file of a project. */
export async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
}

/** readTexts reads back the given files of a project. */
export async function readTexts(directory: string, files: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await map(files, async (file) => [file, await readFile(join(directory, file), "utf8")] as const, { concurrency: 8 }));
}

/** typeCheck returns the diagnostics of the program of `tsconfig`, as `tsc -p` reports them. */
export function typeCheck(tsconfig: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error(`could not read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences ?? [] });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => `${diagnostic.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`);
}
