// The codemod on projects shaped like the code bases a maintainer reviewed it on (issue 18), each a
// folder of its own with a package.json, its tsconfigs and @corral/runtime installed from the packed
// tarball: a library with an ESM and a CommonJS build, one whose engines allow an old Node, one with
// an ESM-only runtime installed, a server that handles unhandled rejections in one place, a worker
// pool whose promise's `reject` owns a failure, a startup check that exits on a bad configuration,
// and a service with path aliases. The shapes are this repository's own, reduced to what decides.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import type { CodemodReport, FileReport } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { checked, repositoryRoot, type Scratch, scratch, tsc } from "../e2e/packages.js";
// @ts-expect-error a plain ES module of the test tools, without declarations
import { oldestNode } from "../runtime/hosts/oldest-node.mjs";
import { type Files, installRuntime, packRuntime, readJson, readTexts, typeCheck, writeFiles } from "./setups.js";

const esmOptions = { target: "ES2020", module: "ES2020", moduleResolution: "node", lib: ["ES2022", "DOM"], types: [], strict: true, declaration: true, outDir: "dist/esm", skipLibCheck: true };
// bullmq's shape: the ESM build's tsconfig, and a CommonJS build that extends it with module node16.
const commonJsConfig = { extends: "./tsconfig.json", compilerOptions: { module: "node16", moduleResolution: "node16", outDir: "dist/cjs", declaration: false } };

// A queue whose background refresh is dropped, which a library leaves to a person (it routes no
// task's failure anywhere, so `go` would change nothing), and whose fetch fans out over every URL:
// `map` bounds it after the rewrite.
const queue = `export class Queue {
  private cached: string[] = [];

  async fetchAll(urls: string[]): Promise<number[]> {
    const responses = await Promise.all(urls.map((url) => fetch(url, { signal: AbortSignal.timeout(10_000) })));
    return responses.map((response) => response.status);
  }

  async refresh(): Promise<void> {
    await Promise.resolve();
    if (this.cached.length > 1000) throw new Error("too many jobs to cache");
    this.cached = ["job"];
  }

  add(name: string): void {
    this.cached.push(name);
    void this.refresh();
  }
}
`;

// A pool that answers its worker's request inside the promise of the job: the job's \`reject\` owns a failed answer.
const pool = `import { EventEmitter } from "node:events";

export interface Worker extends EventEmitter {
  send(message: { id: number; value: string }): Promise<void>;
}

async function lookUp(key: string): Promise<string> {
  await Promise.resolve();
  return key.toUpperCase();
}

export function runJob(worker: Worker, job: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const onMessage = async (message: { id: number; key?: string; done?: string }) => {
      try {
        if (message.done !== undefined) {
          resolve(message.done);
          return;
        }
        const value = await lookUp(message.key ?? job);
        void worker.send({ id: message.id, value });
      } catch (error) {
        reject(error);
      }
    };
    worker.on("message", (message) => void onMessage(message));
  });
}
`;

const files: Files = {
  // A library built twice, ESM and CommonJS (package.json without "type": the CommonJS build's files are CommonJS).
  "library/package.json": { name: "library", version: "1.0.0", main: "dist/cjs/queue.js", engines: { node: ">=18.18" } },
  "library/tsconfig.json": { compilerOptions: esmOptions, include: ["src"] },
  "library/tsconfig-cjs.json": commonJsConfig,
  "library/src/queue.ts": queue,
  // The same library with an ESM-only runtime installed, on Nodes that can require() an ES module:
  // its CommonJS build (module node16) still cannot import it (TS1479).
  "esm-only/package.json": { name: "esm-only", version: "1.0.0", engines: { node: ">=22.12" } },
  "esm-only/tsconfig.json": { compilerOptions: esmOptions, include: ["src"] },
  "esm-only/tsconfig-cjs.json": commonJsConfig,
  "esm-only/src/queue.ts": queue,
  // With an ESM-only runtime too, on Nodes where require() of it throws.
  "esm-only-node20/package.json": { name: "esm-only-node20", version: "1.0.0", engines: { node: ">=20" } },
  "esm-only-node20/tsconfig.json": { compilerOptions: esmOptions, include: ["src"] },
  "esm-only-node20/src/queue.ts": queue,
  // engines allow Node 14, which the runtime does not support; the pool's rewrite needs no runtime.
  "old-node/package.json": { name: "old-node", version: "1.0.0", engines: { node: ">=14.17.0" } },
  "old-node/tsconfig.json": { compilerOptions: { ...esmOptions, types: ["node"], typeRoots: [join(repositoryRoot, "node_modules/@types")] }, include: ["src"] },
  "old-node/src/queue.ts": queue,
  "old-node/src/pool.ts": pool,
  // A server whose entry point sends every unhandled rejection to its logger.
  "server/package.json": { name: "server", private: true, engines: { node: ">=20" } },
  "server/tsconfig.json": { compilerOptions: { ...esmOptions, types: ["node"], typeRoots: [join(repositoryRoot, "node_modules/@types")] }, include: ["src"] },
  "server/src/log.ts": "export function logError(message: string, error: unknown): void {\n  process.stderr.write(`${message}: ${String(error)}\\n`);\n}\n",
  "server/src/index.ts": `import { logError } from "./log";\nimport { start } from "./app";\n\nexport function boot(): void {\n  process.on("unhandledRejection", (reason) => logError("unhandled rejection", reason));\n  start();\n}\n`,
  "server/src/app.ts": `async function warmCache(): Promise<void> {\n  await Promise.resolve();\n  throw new Error("cache down");\n}\n\nexport function start(): void {\n  void warmCache();\n}\n`,
  // A startup check that ends the process on an invalid configuration, before any handler exists.
  "startup/package.json": { name: "startup", private: true, engines: { node: ">=20" } },
  "startup/tsconfig.json": { compilerOptions: { ...esmOptions, types: ["node"], typeRoots: [join(repositoryRoot, "node_modules/@types")] }, include: ["src"] },
  "startup/src/settings.ts": `async function check(settings: Settings): Promise<string[]> {\n  await Promise.resolve();\n  if (Number.isNaN(settings.port)) throw new TypeError("port is not a number");\n  return settings.port > 0 ? [] : ["port must be positive"];\n}\n\nexport class Settings {\n  port = Number("8080");\n\n  constructor() {\n    process.nextTick(() => {\n      void check(this).then((problems) => {\n        if (problems.length > 0) {\n          process.stderr.write(problems.join("\\n"));\n          process.exit(1);\n        }\n      });\n    });\n  }\n}\n`,
  // A one-off script: its top level starts the run; a failure anywhere in it ends the run with exit code 1.
  "startup/src/migrate.ts": `async function moveBatch(keys: string[]): Promise<void> {\n  await Promise.resolve();\n  if (keys.length === 0) throw new Error("empty batch");\n}\n\nasync function migrate(): Promise<void> {\n  const batches = [["a"], ["b"]];\n  for (const batch of batches) {\n    void moveBatch(batch).then(() => process.stdout.write("moved\\n"));\n  }\n}\n\nvoid migrate();\n`,
  // A service whose own modules are imported through tsconfig path aliases that look like packages.
  "aliases/package.json": { name: "aliases", private: true, type: "module", engines: { node: ">=20" } },
  "aliases/tsconfig.json": { compilerOptions: { ...esmOptions, module: "esnext", moduleResolution: "bundler", baseUrl: ".", paths: { "@app/*": ["./src/*"] } }, include: ["src"] },
  "aliases/src/models/team.ts": "export class Team {\n  name = \"\";\n\n  async save(): Promise<void> {\n    await Promise.resolve();\n    if (this.name === \"\") throw new Error(\"a team needs a name\");\n  }\n}\n",
  // Its start-up says where a failed `go` task goes, which the codemod needs before it hands work to `go`.
  "aliases/src/main.ts": 'import { defaultSupervisor } from "@corral/runtime";\nimport { logError } from "@app/log";\n\ndefaultSupervisor.onError = (error, task) => logError(task.name, error);\n',
  "aliases/src/log.ts": "export function logError(message: string, error: unknown): void {\n  console.error(message, error);\n}\n",
  "aliases/src/jobs/cleanup.ts": `import { setTimeout as delay } from "node:timers/promises";\nimport { Team } from "@app/models/team";\n\nexport function onTeamChange(team: Team): void {\n  void team.save();\n  void delay(1);\n}\n`,
};

let folder: Scratch;
let root: string;
let report: CodemodReport;
let outputs: Record<string, string>;
let second: CodemodReport;
const sources = Object.keys(files).filter((file) => file.endsWith(".ts"));

function fileReport(file: string): FileReport | undefined {
  return report.files.find((candidate) => candidate.file === file);
}

function reasons(file: string): string[] {
  return (fileReport(file)?.sites ?? []).filter((site) => site.status === "manual").map((site) => site.reason ?? "");
}

// An ESM-only @corral/runtime, as 0.1.0 shipped before its CommonJS build: the same files, exports without `require`.
async function makeEsmOnly(directory: string): Promise<void> {
  const runtime = join(directory, "node_modules/@corral/runtime");
  const manifest = await readJson(join(runtime, "package.json"));
  await rm(join(runtime, "dist/cjs"), { recursive: true, force: true });
  await rm(join(runtime, "dist/node.mjs"));
  await rm(join(runtime, "dist/node.d.mts"));
  const esmOnly = { ...manifest, type: "module", main: "./dist/index.js", types: "./dist/index.d.ts", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" } };
  await writeFile(join(runtime, "package.json"), JSON.stringify(esmOnly, null, 2));
}

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime", "rules", "codemods"]), "a build is older than its sources: run `npm run build`").toEqual([]);
  folder = await scratch("codemod-projects");
  const tarball = await packRuntime();
  root = join(folder.path, "projects");
  await writeFiles(root, files);
  for (const name of ["library", "esm-only", "esm-only-node20", "old-node", "server", "startup", "aliases"]) await installRuntime(join(root, name), tarball);
  await makeEsmOnly(join(root, "esm-only"));
  await makeEsmOnly(join(root, "esm-only-node20"));
  report = await runCodemod({ paths: ["."], cwd: root });
  outputs = await readTexts(root, sources);
  second = await runCodemod({ paths: ["."], cwd: root, check: true });
}, 400_000);

afterAll(() => folder?.remove());

describe("a library with an ESM and a CommonJS build", () => {
  it("gets its fan-out bounded by map", () => {
    expect(outputs["library/src/queue.ts"]).toContain('import { map, timeoutSignal } from "@corral/runtime";');
    expect(outputs["library/src/queue.ts"]).toContain("await map(urls, (url, _index, signal) => fetch(url, { signal: timeoutSignal(10_000, signal) }), { concurrency: 8 });");
  });

  it("leaves its background refresh to a person: nothing in it says where a failed go task goes", () => {
    expect(outputs["library/src/queue.ts"]).toContain("void this.refresh();");
    expect(reasons("library/src/queue.ts")).toEqual([expect.stringContaining("nothing in the program says where a failed `go` task goes (no `defaultSupervisor.onError = …`)")]);
    // One line for the run, beside the reason at each site: the library and its three variants.
    expect(report.notices).toContain(
      "4 dropped promises stay manual because nothing in the program says where a failed `go` task goes: set `defaultSupervisor.onError` once at start-up (https://github.com/corral-ts/corral/blob/main/docs/codemods.md#no-fire-and-forget), then run the codemod again",
    );
  });

  it("type-checks in both builds afterwards", () => {
    expect(typeCheck(join(root, "library/tsconfig.json"))).toEqual([]);
    expect(typeCheck(join(root, "library/tsconfig-cjs.json"))).toEqual([]);
  });

  it("runs from its CommonJS build, which require()s the runtime, on the oldest Node the runtime supports", async () => {
    const library = join(root, "library");
    await checked(process.execPath, [tsc, "-p", "tsconfig-cjs.json"], library);
    expect(await readFile(join(library, "dist/cjs/queue.js"), "utf8")).toContain('require("@corral/runtime")');
    const program = `const { Queue } = require("./dist/cjs/queue.js");\nnew Queue().fetchAll([]).then((statuses) => console.log(JSON.stringify({ statuses, version: process.version })));\n`;
    await writeFile(join(library, "run.cjs"), program);
    const { stdout } = await checked(oldestNode() as string, ["run.cjs"], library);
    expect(JSON.parse(stdout)).toEqual({ statuses: [], version: expect.stringMatching(/^v18\.18\./) });
  }, 240_000);
});

describe("a library whose installed runtime is ESM only", () => {
  it("is checked in every tsconfig that builds the file: the CommonJS build's error rolls the rewrite back, with the diagnostic", () => {
    expect(outputs["esm-only/src/queue.ts"]).toBe(files["esm-only/src/queue.ts"]);
    const [reason] = reasons("esm-only/src/queue.ts");
    expect(reason).toMatch(/^rolled back: the rewrite added a type error under esm-only\/tsconfig-cjs\.json on line 1: TS1479/);
  });

  it("leaves both builds as they were", () => {
    expect(typeCheck(join(root, "esm-only/tsconfig.json"))).toEqual([]);
    expect(typeCheck(join(root, "esm-only/tsconfig-cjs.json"))).toEqual([]);
  });
});

describe("a project that may require() an ESM-only runtime on a Node that cannot", () => {
  it("imports no runtime and says why once", () => {
    expect(outputs["esm-only-node20/src/queue.ts"]).toBe(files["esm-only-node20/src/queue.ts"]);
    expect(reasons("esm-only-node20/src/queue.ts")).toEqual([expect.stringContaining("@corral/runtime 0.1.0 is an ES module only"), expect.stringContaining("nothing in the program says where a failed `go` task goes")]);
    expect(report.notices.filter((notice) => notice.startsWith("@corral/runtime 0.1.0 is an ES module only"))).toHaveLength(1);
  });
});

describe("a project whose engines allow a Node older than the runtime supports", () => {
  it("imports no runtime, says why once, and still makes the rewrite that needs none", () => {
    expect(outputs["old-node/src/queue.ts"]).toBe(files["old-node/src/queue.ts"]);
    expect(reasons("old-node/src/queue.ts")).toEqual([
      expect.stringContaining("old-node/package.json allows Node >=14.17.0 (`engines.node`), older than @corral/runtime 0.1.0 supports (>=18.18)"),
      expect.stringContaining("nothing in the program says where a failed `go` task goes"),
    ]);
    expect(report.notices.filter((notice) => notice.startsWith("old-node/package.json allows Node >=14.17.0"))).toHaveLength(1);
    expect(outputs["old-node/src/pool.ts"]).toContain("worker.send({ id: message.id, value }).catch(reject);");
  });
});

describe("the local error channel", () => {
  it("routes a failed answer to the job's reject, not to go, and leaves the listener that the executor owns to a person", () => {
    const sites = fileReport("old-node/src/pool.ts")?.sites ?? [];
    expect(sites.find((site) => site.line === 21)).toMatchObject({ status: "rewritten", messageId: "voidedPromise" });
    expect(outputs["old-node/src/pool.ts"]).not.toContain("go(");
    expect(outputs["old-node/src/pool.ts"]).not.toContain("@corral/runtime");
  });
});

describe("a server that handles unhandled rejections in one place", () => {
  it("keeps its deliberate fire-and-forget, and says where the handler is", () => {
    expect(outputs["server/src/app.ts"]).toBe(files["server/src/app.ts"]);
    expect(reasons("server/src/app.ts")).toEqual([expect.stringContaining("the program handles unhandled rejections in one place (`process.on(\"unhandledRejection\", …)` in src/index.ts:5)")]);
  });
});

describe("failures that are meant to be fatal", () => {
  it("leaves a startup check whose callback exits the process", () => {
    expect(outputs["startup/src/settings.ts"]).toBe(files["startup/src/settings.ts"]);
    expect(reasons("startup/src/settings.ts")).toEqual([expect.stringContaining("the work ends the process itself on a bad outcome (`process.exit(1)`)")]);
  });

  it("leaves the drops of a one-off script, whose top level starts the run", () => {
    expect(outputs["startup/src/migrate.ts"]).toBe(files["startup/src/migrate.ts"]);
    expect(reasons("startup/src/migrate.ts")).toEqual(expect.arrayContaining([expect.stringContaining("the file is a script: its top level starts the program (`void migrate()`, line 13)")]));
  });
});

describe("path aliases", () => {
  it("puts the runtime import with the packages, not after an import through a tsconfig path alias", () => {
    const output = outputs["aliases/src/jobs/cleanup.ts"] ?? "";
    expect(output.split("\n").slice(0, 3)).toEqual(['import { setTimeout as delay } from "node:timers/promises";', 'import { go } from "@corral/runtime";', 'import { Team } from "@app/models/team";']);
    expect(output).toContain("go(() => team.save());");
  });
});

it("is idempotent on every project: a second run finds nothing to rewrite", () => {
  expect(second.summary.rewrittenSites).toBe(0);
  expect(second.summary.manualSites).toBe(report.summary.manualSites);
});
