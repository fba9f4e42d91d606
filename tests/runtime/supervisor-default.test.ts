// Where a supervised task's failure goes when nothing is configured: raiseUnhandled hands it to the
// host as an unhandled rejection of the same error object, so `go(() => work())` reaches every place
// that a dropped `work()` reached. Seen from outside, in fresh Node processes running the built
// runtime (both the `import` and the `require` entry): the process-wide handler gets the same
// object, and without one Node prints it and exits 1, as before; an assigned onError takes it over.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { staleBuildOutputs } from "../e2e/build-freshness.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "corral-supervisor-default-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const entries = {
  import: `const runtime = await import(${JSON.stringify(pathToFileURL(join(root, "runtime/dist/node.mjs")).href)});`,
  require: `const runtime = (await import("node:module")).createRequire(import.meta.url)(${JSON.stringify(join(root, "runtime/dist/cjs/index.js"))});`,
};

// `drop` is the code before the rewrite, `go` after it; both fail with the same error object.
const starts = {
  drop: "void work();",
  go: "runtime.go(() => work());",
};

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function execute(name: string, body: string): Promise<Outcome> {
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, body);
  try {
    const { stdout, stderr } = await run(process.execPath, [file], { cwd: scratch, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function program(entry: keyof typeof entries, start: keyof typeof starts, setup: string): string {
  return `${entries[entry]}
const failure = new Error("the work failed");
async function work() { await null; throw failure; }
${setup}
${starts[start]}
await new Promise((resolve) => setTimeout(resolve, 50));
console.log("still running");
`;
}

describe.each(["import", "require"] as const)("go's default supervisor, loaded with %s", (entry) => {
  it("is built", () => {
    expect(staleBuildOutputs(root, ["runtime"]), "runtime/dist is older than its sources: run `npm run build`").toEqual([]);
  });

  it.each(["drop", "go"] as const)("without a handler, Node prints the failure and exits 1 (%s)", async (start) => {
    const outcome = await execute(`${entry}-${start}-none`, program(entry, start, ""));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("Error: the work failed");
    expect(outcome.stdout).not.toContain("still running");
  });

  it.each(["drop", "go"] as const)("a process unhandledRejection handler receives the very error object, once (%s)", async (start) => {
    const setup = `const seen = []; process.on("unhandledRejection", (reason) => seen.push(reason === failure));
process.on("exit", () => console.log(JSON.stringify(seen)));`;
    const outcome = await execute(`${entry}-${start}-handler`, program(entry, start, setup));
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim().split("\n")).toEqual(["still running", "[true]"]);
    expect(outcome.stderr).toBe("");
  });

  it("an assigned defaultSupervisor.onError takes the failure over, with the task's name", async () => {
    const setup = `const seen = []; process.on("unhandledRejection", () => seen.push("unhandled"));
runtime.defaultSupervisor.onError = (error, task) => seen.push(error === failure ? task.name : "other");
process.on("exit", () => console.log(JSON.stringify(seen)));`;
    const outcome = await execute(`${entry}-onerror`, program(entry, "go", setup).replace("runtime.go(() => work());", 'runtime.go(() => work(), { name: "refresh" });'));
    expect(outcome.stdout.trim().split("\n")).toEqual(["still running", '["refresh"]']);
  });

  it("an onError that throws loses nothing: both errors reach the host", async () => {
    const setup = `const seen = []; process.on("unhandledRejection", (reason) => seen.push(reason === failure ? "task" : reason.message));
runtime.defaultSupervisor.onError = () => { throw new Error("logger down"); };
process.on("exit", () => console.log(JSON.stringify(seen)));`;
    const outcome = await execute(`${entry}-throws`, program(entry, "go", setup));
    expect(outcome.stdout.trim().split("\n")).toEqual(["still running", '["task","logger down"]']);
  });
});
