// No failure reaches fewer places than before the rewrite. A project's code is rewritten by the
// codemod; then the code before and the code after run in fresh processes, each with one channel a
// program may rely on, and the places the failure arrives at are counted: a process
// `unhandledRejection` handler (a server's logger), a second one (an error tracker's integration, as
// Sentry installs it), a browser's `unhandledrejection` event (Deno, which has it), Node's default
// (prints it, exit code 1), the owner of a local `reject`, and the caller of a function that throws
// synchronously. The program's start-up says where a failed `go` task goes (the codemod hands work
// to `go` only then): it keeps the error and raises it again, so after the rewrite the failure
// reaches that place too. The runtime is the packed tarball, from `import` and from `require` (in
// the oldest Node it supports).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import type { CodemodReport } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { command, repositoryRoot, type Scratch, scratch } from "../e2e/packages.js";
// @ts-expect-error a plain ES module of the test tools, without declarations
import { oldestNode } from "../runtime/hosts/oldest-node.mjs";
import { supervisorRouting } from "./project.js";
import { installRuntime, packRuntime, writeFiles } from "./setups.js";

// The work fails after its first await with `failure`, an error object the observers recognise.
const sources = {
  "src/supervision.ts": supervisorRouting,
  // Background work dropped in a synchronous function: the codemod hands it to `go`.
  "src/refresh.ts": `export const failure = new Error("refresh failed");

async function refresh(): Promise<void> {
  await Promise.resolve();
  throw failure;
}

export function onTick(): void {
  void refresh();
}
`,
  // A pool answering its worker inside the job's promise: the codemod routes the answer's failure to \`reject\`.
  "src/pool.ts": `export const failure = new Error("reply failed");

async function reply(): Promise<void> {
  await Promise.resolve();
  throw failure;
}

export function runJob(onRequest: (handler: () => void) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    onRequest(() => {
      void reply();
    });
    setTimeout(() => resolve("timed out waiting for the worker"), 200);
  });
}
`,
  // A function that throws before its promise exists: the codemod leaves the drop as it is.
  "src/start.ts": `export const failure = new Error("no name");

async function load(name: string): Promise<void> {
  await Promise.resolve();
  if (name.length > 100) throw new Error("name too long");
}

function prepare(name: string): Promise<void> {
  if (name === "") throw failure;
  return load(name);
}

export function start(name: string): void {
  void prepare(name);
}
`,
};

const tsconfig = { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true }, include: ["src"] };

let folder: Scratch;
let project: string;
let report: CodemodReport;
const after: Record<string, string> = {};

// Each program loads its start-up and its module (as `before/x.mjs` or `after/x.mjs`, or `.cjs` for
// require), starts the work, waits, and prints where the failure arrived, in order, and then whether
// the supervisor's handler got it.
function driver(supervision: string, module: string, start: string, setup: string, format: "esm" | "cjs"): string {
  const load = (name: string, path: string) => (format === "esm" ? `const ${name} = await import(${JSON.stringify(path)});` : `const ${name} = require(${JSON.stringify(path)});`);
  const report = `[...arrived, ...s.failedTasks.map((error) => (error === m.failure ? "supervisor" : "other"))]`;
  return `const arrived = [];\n${load("s", supervision)}\n${load("m", module)}\n${setup}\n${start}\nsetTimeout(() => console.log(JSON.stringify(${report})), 400);\n`;
}

const channels = {
  handler: `process.on("unhandledRejection", (reason) => arrived.push(reason === m.failure ? "logger" : "other"));`,
  tracker: `process.on("unhandledRejection", (reason) => arrived.push(reason === m.failure ? "logger" : "other"));\nprocess.prependListener("unhandledRejection", (reason) => arrived.push(reason === m.failure ? "tracker" : "other"));`,
};

async function emit(version: "before" | "after", name: string, format: "esm" | "cjs"): Promise<string> {
  const text = version === "before" ? sources[`src/${name}.ts` as keyof typeof sources] : (after[`src/${name}.ts`] ?? "");
  const output = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: format === "esm" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS } }).outputText;
  const file = join(project, version, `${name}.${format === "esm" ? "mjs" : "cjs"}`);
  await writeFile(file, output);
  return file;
}

interface Run {
  arrived: string[];
  code: number;
  stderr: string;
}

async function runProgram(node: string, version: "before" | "after", name: string, start: string, setup: string, format: "esm" | "cjs" = "esm"): Promise<Run> {
  const module = await emit(version, name, format);
  const supervision = await emit(version, "supervision", format);
  const program = join(project, version, `run-${name}-${Math.random().toString(36).slice(2)}.${format === "esm" ? "mjs" : "cjs"}`);
  await writeFile(program, driver(supervision, module, start, setup, format));
  const result = await command(node, [program], project, 30_000);
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return { arrived: last.startsWith("[") ? (JSON.parse(last) as string[]) : [], code: result.code, stderr: result.stderr };
}

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime", "rules", "codemods"]), "a build is older than its sources: run `npm run build`").toEqual([]);
  folder = await scratch("failure-channels");
  project = join(folder.path, "project");
  await writeFiles(project, { "package.json": { name: "channels", private: true, type: "module", engines: { node: ">=18.18" } }, "tsconfig.json": tsconfig, ...sources });
  await installRuntime(project, await packRuntime());
  await mkdir(join(project, "before"));
  await mkdir(join(project, "after"));
  report = await runCodemod({ paths: ["src"], cwd: project });
  for (const file of Object.keys(sources)) after[file] = await readFile(join(project, file), "utf8");
}, 300_000);

afterAll(() => folder?.remove());

describe("the rewrites under test", () => {
  it("hands the background work to go, routes the pool's reply to reject, and leaves the throwing call", () => {
    expect(after["src/refresh.ts"]).toContain("go(() => refresh());");
    expect(after["src/pool.ts"]).toContain("reply().catch(reject);");
    expect(after["src/start.ts"]).toBe(sources["src/start.ts"]);
    const start = report.files.find((file) => file.file === "src/start.ts");
    expect(start?.sites[0]?.reason).toContain("`prepare(name)` may throw before a promise exists");
  });
});

// After the rewrite the supervisor's handler gets the failure too: `supervisor` ends the list.
const andSupervisor = (version: "before" | "after", places: string[]): string[] => (version === "after" ? [...places, "supervisor"] : places);

describe("go: the failure reaches every place the dropped promise reached, and the supervisor's handler", () => {
  it.each(["before", "after"] as const)("a process unhandledRejection handler gets the same error object once (%s)", async (version) => {
    const run = await runProgram(process.execPath, version, "refresh", "m.onTick();", channels.handler);
    expect(run.arrived).toEqual(andSupervisor(version, ["logger"]));
    expect(run.code).toBe(0);
  });

  it.each(["before", "after"] as const)("so does an error tracker's listener beside the logger (%s)", async (version) => {
    const run = await runProgram(process.execPath, version, "refresh", "m.onTick();", channels.tracker);
    expect(run.arrived).toEqual(andSupervisor(version, ["tracker", "logger"]));
  });

  it.each(["before", "after"] as const)("with no handler Node prints the error and exits 1 (%s)", async (version) => {
    const run = await runProgram(process.execPath, version, "refresh", "m.onTick();", "");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Error: refresh failed");
    expect(run.arrived).toEqual([]);
  });

  it.each(["before", "after"] as const)("a browser-style unhandledrejection listener gets it in Deno (%s)", async (version) => {
    const module = await emit(version, "refresh", "esm");
    const supervision = await emit(version, "supervision", "esm");
    const program = join(project, version, "deno-refresh.mjs");
    // Deno resolves the runtime from node_modules, as the package.json lists it (the codemod added it).
    await writeFile(
      program,
      driver(supervision, module, "m.onTick();", `addEventListener("unhandledrejection", (event) => { event.preventDefault(); arrived.push(event.reason === m.failure ? "window" : "other"); });`, "esm"),
    );
    const deno = join(repositoryRoot, "node_modules/.bin/deno");
    const result = await command(deno, ["run", "--no-lock", "--allow-read", "--allow-env", program], project, 60_000);
    expect(JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]")).toEqual(andSupervisor(version, ["window"]));
  }, 90_000);

  it.each(["before", "after"] as const)("from a CommonJS build on the oldest Node the runtime supports, the handler gets it too (%s)", async (version) => {
    const run = await runProgram(oldestNode() as string, version, "refresh", "m.onTick();", channels.handler, "cjs");
    expect(run.arrived).toEqual(andSupervisor(version, ["logger"]));
  }, 240_000);
});

describe("the local reject: the job's owner gets the failure, which before reached only the host", () => {
  const owner = `const job = m.runJob((handler) => setTimeout(handler, 5));
job.then((value) => arrived.push("resolved: " + value), (error) => { arrived.push(error === m.failure ? "owner" : "other"); });`;

  it("before: the handler gets it, and the job goes on to its timeout as if nothing failed", async () => {
    const run = await runProgram(process.execPath, "before", "pool", owner, channels.handler);
    expect(run.arrived).toEqual(["logger", "resolved: timed out waiting for the worker"]);
  });

  it("after: the job fails with the very error at once; an owner that passes it on reaches the handler again", async () => {
    const run = await runProgram(process.execPath, "after", "pool", owner, channels.handler);
    expect(run.arrived).toEqual(["owner"]);
    const passesOn = `const job = m.runJob((handler) => setTimeout(handler, 5));\njob.catch((error) => { arrived.push(error === m.failure ? "owner" : "other"); throw error; });`;
    const rethrown = await runProgram(process.execPath, "after", "pool", passesOn, channels.handler);
    expect(rethrown.arrived).toEqual(["owner", "logger"]);
  });
});

describe("a synchronous throw keeps reaching the caller", () => {
  it.each(["before", "after"] as const)("the caller catches it (%s)", async (version) => {
    const run = await runProgram(process.execPath, version, "start", `try { m.start(""); } catch (error) { arrived.push(error === m.failure ? "caller" : "other"); }`, channels.handler);
    expect(run.arrived).toEqual(["caller"]);
  });
});
