// The codemod in the project setups users have: @corral/runtime installed from its packed tarball
// and imported under node10, node16, nodenext and bundler resolution (also without package.json
// exports), linked instead of installed, not installed or not resolvable; solution-style and
// nested tsconfigs; TypeScript's module detection; the dependency added to the nearest
// package.json. One folder holds every setup and the codemod runs over it as a whole: each file
// must be linted and type-checked in its own tsconfig, and a second run must change nothing.
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../codemods/cli/command.js";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import { runtimeRange } from "../../codemods/pipeline/dependency.js";
import type { CodemodReport, FileReport } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { repositoryRoot, type Scratch, scratch } from "../e2e/packages.js";
import { supervisorRouting } from "./project.js";
import { type Files, installRuntime, packRuntime, readJson, readTexts, typeCheck, writeFiles } from "./setups.js";

// Each task reaches the network, so corral's recommended config reports the unbounded fan-out.
const service = `export async function send(to: string): Promise<void> {
  if (to === "") throw new Error("nobody to send to");
  await fetch(\`https://mail.example/send/\${encodeURIComponent(to)}\`, { method: "POST", signal: AbortSignal.timeout(5_000) });
}

export async function broadcast(recipients: string[]): Promise<number> {
  send(recipients[0] ?? "");
  const sent = await Promise.all(recipients.map((to) => send(to)));
  return sent.length;
}

export async function probe(url: string): Promise<Response> {
  return await fetch(url);
}
`;

// No import and no export: whether it is a module is TypeScript's module detection's to say.
const bareScript = `declare function settle(): Promise<never>;
async function work(): Promise<void> {
  return settle();
}

function start(): void {
  work();
}
`;

const compilerOptions = { target: "ES2022", lib: ["ES2023", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true };

// A program's start-up that says where a failed `go` task goes, which the codemod needs before it
// hands dropped work to `go`; a project where the runtime does not resolve has none.
function routing(folder: string): Files {
  return { [`${folder}/supervision.ts`]: supervisorRouting };
}

function project(name: string, options: object, packageJson: object = {}, routed = true): Files {
  return {
    [`${name}/package.json`]: { name, private: true, ...packageJson },
    [`${name}/tsconfig.json`]: { compilerOptions: { ...compilerOptions, ...options }, include: ["src"] },
    [`${name}/src/service.ts`]: service,
    ...(routed ? routing(`${name}/src`) : {}),
  };
}

// Projects that import the runtime from its tarball under each module resolution.
const resolutions = {
  node10: project("node10", { module: "commonjs", moduleResolution: "node" }),
  node16: project("node16", { module: "node16", moduleResolution: "node16" }, { type: "module" }),
  nodenext: project("nodenext", { module: "nodenext", moduleResolution: "nodenext" }, { type: "module" }),
  bundler: project("bundler", { module: "esnext", moduleResolution: "bundler" }),
  "bundler-no-exports": project("bundler-no-exports", { module: "esnext", moduleResolution: "bundler", resolvePackageJsonExports: false }),
} as const;

const bundler = { module: "esnext", moduleResolution: "bundler" };

const files: Files = {
  ...Object.values(resolutions).reduce((all, files) => ({ ...all, ...files }), {}),
  // Linked (npm link, a workspace): the runtime resolves outside node_modules.
  ...project("linked", bundler),
  ...project("missing", bundler, {}, false),
  // Classic resolution never looks into node_modules for a package.
  ...project("unresolved", { module: "esnext", moduleResolution: "classic" }, {}, false),
  // Vite's default: a solution tsconfig that includes nothing itself.
  "solution/package.json": { name: "solution", private: true, devDependencies: { "@corral/runtime": "file:runtime.tgz", typescript: "5" } },
  "solution/tsconfig.json": { files: [], references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.node.json" }] },
  "solution/tsconfig.app.json": { compilerOptions: { ...compilerOptions, ...bundler, tsBuildInfoFile: "./node_modules/.tmp/app.tsbuildinfo" }, include: ["src"] },
  "solution/tsconfig.node.json": { compilerOptions: { ...compilerOptions, ...bundler, lib: ["ES2023"], tsBuildInfoFile: "./node_modules/.tmp/node.tsbuildinfo" }, include: ["scripts"] },
  "solution/src/app.ts": service,
  ...routing("solution/src"),
  ...routing("solution/scripts"),
  "solution/scripts/build.ts": `declare function settle(): Promise<never>;\nasync function step(name: string): Promise<void> {\n  return settle();\n}\n\nexport function build(): void {\n  step("bundle");\n}\n`,
  // A package of a monorepo with a tsconfig and a package.json of its own, below the solution.
  "solution/packages/lib/package.json": "{\n    \"name\": \"lib\",\n    \"version\": \"1.0.0\"\n}\n",
  "solution/packages/lib/tsconfig.json": { compilerOptions: { ...compilerOptions, ...bundler }, include: ["src"] },
  "solution/packages/lib/src/index.ts": service,
  ...routing("solution/packages/lib/src"),
  // Module detection: "type": "module" under node16, .mts, and moduleDetection "force" make a
  // module of a file without import or export; "auto" under bundler leaves it a script.
  "detection/package.json": { name: "detection", private: true },
  "detection/esm/package.json": { name: "esm", private: true, type: "module" },
  "detection/esm/tsconfig.json": { compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16", moduleDetection: "auto" }, include: ["src"] },
  "detection/esm/src/start.ts": bareScript,
  ...routing("detection/esm/src"),
  "detection/script/tsconfig.json": { compilerOptions: { ...compilerOptions, ...bundler, moduleDetection: "auto" }, include: ["src"] },
  "detection/script/src/start.ts": bareScript,
  "detection/script/src/start-module.mts": bareScript,
  ...routing("detection/script/src"),
  "detection/forced/tsconfig.json": { compilerOptions: { ...compilerOptions, ...bundler, moduleDetection: "force" }, include: ["src"] },
  "detection/forced/src/start.ts": bareScript,
  ...routing("detection/forced/src"),
  // A file no tsconfig includes.
  "loose/orphan.ts": "declare function work(): Promise<void>;\nexport function start(): void {\n  work();\n}\n",
};

const sources = Object.keys(files).filter((file) => /\.m?ts$/.test(file));
const rewrittenServices = ["node10", "node16", "nodenext", "bundler", "bundler-no-exports", "linked"].map((name) => `${name}/src/service.ts`);

let folder: Scratch;
let checkRun: { exit: number; report: CodemodReport; unchanged: boolean };
let report: CodemodReport;
let outputs: Record<string, string>;
let second: CodemodReport;

function fileReport(file: string): FileReport | undefined {
  return report.files.find((candidate) => candidate.file === file);
}

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime"]), "runtime/dist is older than its sources: run `npm run build`").toEqual([]);
  folder = await scratch("codemod-setups");
  const tarball = await packRuntime();
  const root = join(folder.path, "setups");
  await writeFiles(root, files);
  for (const name of [...Object.keys(resolutions), "unresolved", "solution", "detection"]) await installRuntime(join(root, name), tarball);
  await mkdir(join(root, "linked", "node_modules", "@corral"), { recursive: true });
  await symlink(join(repositoryRoot, "runtime"), join(root, "linked", "node_modules", "@corral", "runtime"), "dir");
  const inputs = await readTexts(root, sources);
  let stdout = "";
  const exit = await runCommand(["codemod", "--check", "--json", "."], { stdout: (text) => (stdout += text), stderr: () => {}, cwd: root });
  const afterCheck = await readTexts(root, sources);
  const manifestAfterCheck = await readJson(join(root, "node10", "package.json"));
  checkRun = { exit, report: JSON.parse(stdout) as CodemodReport, unchanged: JSON.stringify(afterCheck) === JSON.stringify(inputs) && manifestAfterCheck.dependencies === undefined };
  report = await runCodemod({ paths: ["."], cwd: root });
  outputs = await readTexts(root, sources);
  second = await runCodemod({ paths: ["."], cwd: root, check: true });
}, 300_000);

afterAll(() => folder?.remove());

describe("the codemod across project setups", () => {
  it("--check writes nothing (no source, no package.json), exits 1, and says which dependencies it would add", () => {
    expect(checkRun.exit).toBe(1);
    expect(checkRun.unchanged).toBe(true);
    expect(checkRun.report.notices).toContain(`node10/package.json: would add @corral/runtime ${runtimeRange} to \`dependencies\`, which the rewritten files import`);
  });

  it.each(rewrittenServices)("rewrites %s onto the runtime and keeps the rewrites (they type-check)", (file) => {
    const output = outputs[file] ?? "";
    expect(output).toContain('import { go, map } from "@corral/runtime";');
    expect(output).toContain('go(() => send(recipients[0] ?? ""));');
    expect(output).toContain("await map(recipients, (to) => send(to), { concurrency: 8 });");
    expect(output).toContain("await fetch(url, { signal: AbortSignal.timeout(30_000) });");
    expect(fileReport(file)?.sites.every((site) => site.status === "rewritten")).toBe(true);
  });

  it.each([...Object.keys(resolutions), "linked", "solution/tsconfig.app.json", "solution/tsconfig.node.json", "solution/packages/lib", "detection/esm", "detection/script", "detection/forced"])(
    "leaves %s without a type error",
    (name) => {
      const tsconfig = name.endsWith(".json") ? join(folder.path, "setups", name) : join(folder.path, "setups", name, "tsconfig.json");
      expect(typeCheck(tsconfig)).toEqual([]);
    },
  );

  it("is idempotent in every setup, the linked runtime included: a second run finds nothing to rewrite", () => {
    expect(second.summary.changed).toBe(0);
    expect(second.summary.rewrittenSites).toBe(0);
    expect(second.summary.manualSites).toBe(report.summary.manualSites);
  });

  it("adds the runtime to the dependencies of each rewritten file's nearest package.json, keeping its format, and says so", async () => {
    const root = join(folder.path, "setups");
    for (const name of [...Object.keys(resolutions), "linked"]) expect((await readJson(join(root, name, "package.json"))).dependencies).toEqual({ "@corral/runtime": runtimeRange });
    // Moved out of devDependencies, with the range the project chose.
    expect(await readJson(join(root, "solution", "package.json"))).toMatchObject({ dependencies: { "@corral/runtime": "file:runtime.tgz" }, devDependencies: { typescript: "5" } });
    expect((await readTexts(root, ["solution/packages/lib/package.json"]))["solution/packages/lib/package.json"]).toBe(`{\n    "name": "lib",\n    "version": "1.0.0",\n    "dependencies": {\n        "@corral/runtime": "${runtimeRange}"\n    }\n}\n`);
    expect(report.notices).toContain(`node10/package.json: added @corral/runtime ${runtimeRange} to \`dependencies\`, which the rewritten files import (run your package manager's install)`);
    expect(report.notices).toContain("solution/package.json: moved @corral/runtime from `devDependencies` to `dependencies`: the rewritten files import it at run time");
    // Nothing was rewritten there: the package needs no runtime.
    expect((await readJson(join(root, "missing", "package.json"))).dependencies).toBeUndefined();
  });

  it("finds each file's tsconfig as the project service does: through a solution's references, and nested ones", () => {
    for (const file of ["solution/src/app.ts", "solution/scripts/build.ts", "solution/packages/lib/src/index.ts"]) expect(fileReport(file)?.status, file).toBe("changed");
    expect(outputs["solution/scripts/build.ts"]).toContain('go(() => step("bundle"));');
  });

  it("reports a file no tsconfig includes as skipped, with the reason", () => {
    expect(fileReport("loose/orphan.ts")).toMatchObject({ status: "skipped", reason: expect.stringContaining("no tsconfig includes it") });
  });

  it("follows TypeScript's module detection: type module under node16, .mts and moduleDetection force are modules", () => {
    for (const file of ["detection/esm/src/start.ts", "detection/script/src/start-module.mts", "detection/forced/src/start.ts"]) {
      expect(outputs[file], file).toContain("go(() => work());");
      expect(outputs[file], file).toContain('import { go } from "@corral/runtime";');
    }
    expect(outputs["detection/script/src/start.ts"]).toBe(bareScript);
    expect(fileReport("detection/script/src/start.ts")?.sites).toEqual([expect.objectContaining({ status: "manual", reason: expect.stringContaining("the file is a script to TypeScript (no import or export") })]);
  });

  it("says once what to change where the runtime is not installed, and still adds what needs no import", () => {
    const messages = report.notices.filter((notice) => notice.includes("is not installed"));
    expect(messages).toEqual(["@corral/runtime is not installed where the files of missing can import it, so no rewrite that imports it was made: run `npm install @corral/runtime` in missing, then run the codemod again"]);
    const sites = fileReport("missing/src/service.ts")?.sites ?? [];
    // The dropped send stays a person's first: nothing there says where a failed `go` task would go.
    expect(sites.filter((site) => site.status === "manual").map((site) => site.reason)).toEqual([
      expect.stringContaining("nothing in the program says where a failed `go` task goes"),
      "@corral/runtime is not installed where this file can import it: run `npm install @corral/runtime`, then run the codemod again",
    ]);
    expect(outputs["missing/src/service.ts"]).toContain("await fetch(url, { signal: AbortSignal.timeout(30_000) });");
  });

  it("says once which tsconfig setting to change where the runtime is installed but does not resolve", () => {
    const messages = report.notices.filter((notice) => notice.includes("does not resolve"));
    expect(messages).toEqual([
      '@corral/runtime is installed (unresolved/node_modules/@corral/runtime) but unresolved/tsconfig.json does not resolve it (`"moduleResolution": "classic"`), so no rewrite that imports it was made: set "moduleResolution" to "node16", "nodenext" or "bundler" (or "node10"), with no "paths" entry that maps @corral/runtime elsewhere',
    ]);
    expect(fileReport("unresolved/src/service.ts")?.sites.filter((site) => site.status === "manual")).toHaveLength(2);
  });

  it("says the project has no ESLint configuration, so corral's recommended config decided", () => {
    expect(report.notices).toContain("no ESLint configuration found for these files: linted with corral's recommended config");
  });
});
