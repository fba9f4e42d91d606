// @corral/runtime as an application gets it: the packed tarball, installed for production into a
// fresh project, must be that one package and nothing else, run a program from `import` and from
// `require` (in this Node and in the oldest Node its engines allow), give both the same copy of its
// classes and state, and resolve for the TypeScript module resolutions and formats projects use.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain ES module of the test tools, without declarations
import { oldestNode, oldestNodeVersion } from "../runtime/hosts/oldest-node.mjs";
import { staleBuildOutputs } from "./build-freshness.js";
import { checked, command, installedPackages, installProject, type Packed, packedOnce, repositoryRoot, packagingProblems, type Scratch, scratch, tsc, unexpectedFiles } from "./packages.js";

let folder: Scratch;
let runtime: Packed;
let project: string;

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime"]), "runtime/dist is older than these sources: run `npm run build`").toEqual([]);
  folder = await scratch("runtime-package");
  ({ "@corral/runtime": runtime } = await packedOnce());
  project = join(folder.path, "app");
  await mkdir(project);
  const manifest = { name: "app", private: true, type: "module", dependencies: { "@corral/runtime": `file:${runtime.tarball}` } };
  await installProject(project, { "package.json": JSON.stringify(manifest, null, 2) }, ["--omit=dev"]);
}, 240_000);

afterAll(() => folder?.remove());

describe("the @corral/runtime tarball", () => {
  it("holds the compiled runtime as ESM and CommonJS, their declarations, README and LICENSE, and nothing else", () => {
    expect(unexpectedFiles(runtime.files, [/^dist\/node\.(?:mjs|d\.mts)$/, /^dist\/cjs\/package\.json$/])).toEqual([]);
    expect(runtime.files).toEqual(
      expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts", "dist/node.mjs", "dist/node.d.mts", "dist/cjs/package.json", "dist/cjs/index.js", "dist/cjs/index.d.ts"]),
    );
    expect(runtime.dependencies).toEqual({});
  });

  it("is as small as the README says", async () => {
    const readme = await readFile(join(repositoryRoot, "README.md"), "utf8");
    const stated = /@corral\/runtime[^\n]*?(\d+) kB packed, (\d+) kB unpacked/.exec(readme);
    expect(stated, "README states the runtime's packed and unpacked size").not.toBeNull();
    const [packedKb, unpackedKb] = [Number(stated?.[1]), Number(stated?.[2])];
    // Rounded figures in prose: within 10% of what npm packs today.
    expect(Math.abs(runtime.size / 1000 - packedKb) / packedKb).toBeLessThan(0.1);
    expect(Math.abs(runtime.unpackedSize / 1000 - unpackedKb) / unpackedKb).toBeLessThan(0.1);
  });

  it("passes publint's strict checks", async () => {
    expect(await packagingProblems(runtime.tarball)).toEqual([]);
  });

  it("installs for production as exactly one package, with no dependency", async () => {
    expect(await installedPackages(project)).toEqual(["@corral/runtime"]);
  });

  it("runs a program that uses it", async () => {
    const program = `
      import { ErrGroup, map, withTimeout, TimeoutError } from "@corral/runtime";
      const doubled = await map([1, 2, 3, 4], async (n) => n * 2, { concurrency: 2 });
      const group = new ErrGroup({ limit: 2 });
      let ran = 0;
      for (let i = 0; i < 5; i++) group.go(async () => { ran++; });
      await group.wait();
      const timedOut = await withTimeout(10, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))).catch((error) => error instanceof TimeoutError);
      console.log(JSON.stringify({ doubled, ran, timedOut }));`;
    await writeFile(join(project, "main.js"), program);
    const { stdout } = await checked(process.execPath, ["main.js"], project);
    expect(JSON.parse(stdout)).toEqual({ doubled: [2, 4, 6, 8], ran: 5, timedOut: true });
  });

  it.each([
    ["node10", { module: "commonjs", moduleResolution: "node10" }],
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("type-checks an import of it under %s module resolution", async (name, options) => {
    const directory = join(project, `resolution-${name}`);
    await mkdir(directory, { recursive: true });
    const tsconfig = {
      compilerOptions: { ...options, target: "ES2022", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true },
      files: ["index.ts"],
    };
    // The runtime's declarations are checked (skipLibCheck off); TypeScript's own lib files are
    // TypeScript's to check (skipDefaultLibCheck), which costs seconds per run and tests nothing of ours.
    // node16/nodenext read "type" from the nearest package.json: the app's says module.
    const source = `import { map, ErrGroup, type MapOptions } from "@corral/runtime";
const options: MapOptions = { concurrency: 2 };
export const lengths: Promise<number[]> = map(["a", "bb"], async (text) => text.length, options);
export const group = new ErrGroup({ limit: 1 });
`;
    await writeFile(join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
    await writeFile(join(directory, "index.ts"), source);
    const result = await command(process.execPath, [tsc, "-p", "tsconfig.json"], directory);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("passes arethetypeswrong for a dual package (node10, node16 from CommonJS and from ESM, bundler)", async () => {
    const attw = join(repositoryRoot, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    const result = await command(process.execPath, [attw, runtime.tarball, "--format", "json"], folder.path);
    const report = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind: string }[] } };
    expect(report.analysis.problems).toEqual([]);
    expect(result.code).toBe(0);
  });

  it.each([
    ["commonjs", "node10", "commonjs"],
    ["node16", "node16", "commonjs"],
    ["nodenext", "nodenext", "commonjs"],
  ])("type-checks and runs a CommonJS build (module %s, moduleResolution %s) that imports it", async (module, moduleResolution) => {
    const directory = join(project, `cjs-${module}-${moduleResolution}`);
    await mkdir(directory, { recursive: true });
    // A CommonJS package: node16/nodenext then emit require() for this import, as bullmq's CJS build does.
    await writeFile(join(directory, "package.json"), JSON.stringify({ type: "commonjs" }));
    const tsconfig = {
      compilerOptions: { module, moduleResolution, target: "ES2022", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], strict: true, outDir: "out", skipLibCheck: false },
      files: ["index.ts"],
    };
    await writeFile(join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
    await writeFile(join(directory, "index.ts"), `import { map, TimeoutError } from "@corral/runtime";\nmap([1, 2], async (n) => n * 2, { concurrency: 1 }).then((doubled) => console.log(JSON.stringify({ doubled, timeout: new TimeoutError(1) instanceof TimeoutError })));\n`);
    const result = await command(process.execPath, [tsc, "-p", "tsconfig.json"], directory);
    expect(result.stdout + result.stderr).toBe("");
    expect(await readFile(join(directory, "out/index.js"), "utf8")).toContain('require("@corral/runtime")');
    const { stdout } = await checked(process.execPath, ["out/index.js"], directory);
    expect(JSON.parse(stdout)).toEqual({ doubled: [2, 4], timeout: true });
  });
});

// One implementation per host (scripts/dual-package.mjs): in Node, `import` re-exports the CommonJS
// build that `require` loads, so a class or the default supervisor is one object for both.
const identityProgram = `
  import { createRequire } from "node:module";
  const imported = await import("@corral/runtime");
  const required = createRequire(import.meta.url)("@corral/runtime");
  const names = Object.keys(imported).sort();
  const same = names.filter((name) => imported[name] === required[name]);
  const failures = [];
  imported.defaultSupervisor.onError = (error) => failures.push(error.message);
  required.go(() => Promise.reject(new Error("from require")));
  await new Promise((resolve) => setTimeout(resolve, 10));
  const timedOut = await required.withTimeout(5, (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))).catch((error) => error instanceof imported.TimeoutError);
  console.log(JSON.stringify({ version: process.version, names, same: same.length, requiredNames: Object.keys(required).filter((name) => name !== "__esModule").sort(), failures, timedOut }));`;

const commonJsProgram = `
  const { map, ErrGroup, go, defaultSupervisor } = require("@corral/runtime");
  const failures = [];
  defaultSupervisor.onError = (error) => failures.push(error.message);
  go(() => Promise.reject(new Error("task failed")));
  (async () => {
    const doubled = await map([1, 2, 3], async (n) => n * 2, { concurrency: 2 });
    const group = new ErrGroup({ limit: 1 });
    group.go(async () => {});
    await group.wait();
    console.log(JSON.stringify({ version: process.version, doubled, failures }));
  })();`;

describe.each([
  ["this Node", () => process.execPath],
  [`the oldest Node its engines allow (${oldestNodeVersion() as string})`, () => oldestNode() as string],
])("the installed tarball in %s", (_name, node) => {
  it("loads with require() and runs a program", async () => {
    await writeFile(join(project, "commonjs.cjs"), commonJsProgram);
    const { stdout } = await checked(node(), ["commonjs.cjs"], project);
    expect(JSON.parse(stdout)).toMatchObject({ doubled: [2, 4, 6], failures: ["task failed"] });
  }, 240_000);

  it("gives import and require() the same classes and the same default supervisor", async () => {
    await writeFile(join(project, "identity.mjs"), identityProgram);
    const { stdout } = await checked(node(), ["identity.mjs"], project);
    const result = JSON.parse(stdout) as { version: string; names: string[]; same: number; requiredNames: string[]; failures: string[]; timedOut: boolean };
    expect(result.names).toEqual(result.requiredNames);
    expect(result.names).toEqual(expect.arrayContaining(["Supervisor", "defaultSupervisor", "go", "map", "TimeoutError"]));
    expect(result.same).toBe(result.names.length);
    expect(result.failures).toEqual(["from require"]);
    expect(result.timedOut).toBe(true);
    if (node() !== process.execPath) expect(result.version).toBe(`v${oldestNodeVersion() as string}`);
  }, 240_000);
});
