// The codemod decides with the project's own ESLint configuration: corral's rules under the
// namespace the project gave the plugin, with its options and severities (strict if configured,
// off means off), its ignores and per-folder overrides. A configuration without corral's rules,
// or without type information for them, is refused with a message saying what to add.
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../codemods/cli/command.js";
import { runCodemod } from "../../codemods/pipeline/codemod.js";
import type { CodemodReport, FileReport } from "../../codemods/pipeline/types.js";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { repositoryRoot, type Scratch, scratch } from "../e2e/packages.js";
import { pluginUrl } from "./project.js";
import { supervisorRouting } from "./project.js";
import { type Files, installRuntime, packRuntime, readTexts, writeFiles } from "./setups.js";

const tsconfig = { compilerOptions: { target: "ES2022", module: "esnext", moduleResolution: "bundler", lib: ["ES2023", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true }, include: ["src", "test"] };

const projectConfig = `import corral from "${pluginUrl}";

const { parser } = corral.configs.recommended.languageOptions;

export default [
  { ignores: ["src/generated/**"] },
  {
    files: ["**/*.ts"],
    plugins: { async: corral },
    languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "async/no-fire-and-forget": "warn",
      "async/no-unbounded-concurrency": ["error", { limiters: ["throttle"] }],
      "async/no-unhandled-rejection": "error",
      "async/require-timeout": ["error", { timeoutMs: 5000 }],
    },
  },
  { files: ["src/legacy/**"], rules: { "async/require-timeout": "off" } },
  {
    files: ["test/**"],
    rules: { "async/no-fire-and-forget": "off", "async/no-unbounded-concurrency": "off", "async/no-unhandled-rejection": "off", "async/require-timeout": "off" },
  },
];
`;

const declarations = `declare function settle(): Promise<never>; async function work(): Promise<void> { return settle(); }
declare function load(id: string): Promise<string>;
declare function throttle<T>(task: () => Promise<T>): Promise<T>;
`;

const service = `${declarations}
export async function start(ids: string[], url: string): Promise<number> {
  work();
  const throttled = await Promise.all(ids.map((id) => throttle(() => load(id))));
  const loaded = await Promise.all(ids.map((id) => load(id)));
  await fetch(url);
  return throttled.length + loaded.length;
}
`;

const legacy = `${declarations}
export async function old(url: string): Promise<void> {
  work();
  await fetch(url);
}
`;

const projectFiles: Files = {
  "eslint.config.js": projectConfig,
  "package.json": { name: "app", private: true, type: "module", dependencies: { "@corral/runtime": "^0.1.0" } },
  "tsconfig.json": tsconfig,
  "src/service.ts": service,
  // The start-up says where a failed `go` task goes, which the codemod needs before it hands work to `go`.
  "src/main.ts": supervisorRouting,
  "src/legacy/old.ts": legacy,
  "src/generated/client.ts": legacy,
  "test/service.test.ts": legacy,
};

// corral's strict config, with the runtime linked (it resolves outside node_modules) and a
// dependency whose function takes a signal: strict's checkDependencies reports it.
const strictFiles: Files = {
  "eslint.config.js": `import corral from "${pluginUrl}";\n\nexport default [corral.configs.strict, { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } }];\n`,
  "package.json": { name: "strict-app", private: true, type: "module" },
  "tsconfig.json": tsconfig,
  "node_modules/store/package.json": { name: "store", version: "1.0.0", types: "index.d.ts" },
  "node_modules/store/index.d.ts": "export declare function read(id: string, options?: { signal?: AbortSignal }): Promise<string>;\n",
  "src/service.ts": `import { read } from "store";\n\nexport async function start(ids: string[]): Promise<number> {\n  const values = await Promise.all(ids.map((id) => read(id)));\n  await read("total");\n  return values.length;\n}\n`,
};

let folder: Scratch;
let report: CodemodReport;
let outputs: Record<string, string>;
let second: CodemodReport;
let explicit: CodemodReport;
let strict: CodemodReport;
let strictOutput: string;
let strictSecond: CodemodReport;

function fileReport(file: string): FileReport | undefined {
  return report.files.find((candidate) => candidate.file === file);
}

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime", "rules"]), "a dist/ is older than its sources: run `npm run build`").toEqual([]);
  folder = await scratch("codemod-lint-config");
  const tarball = await packRuntime();
  const app = join(folder.path, "app");
  await writeFiles(app, projectFiles);
  await installRuntime(app, tarball);
  explicit = await runCodemod({ paths: ["."], cwd: app, dry: true, diff: true, timeout: 7000 });
  report = await runCodemod({ paths: ["."], cwd: app });
  outputs = await readTexts(app, ["src/service.ts", "src/legacy/old.ts", "src/generated/client.ts", "test/service.test.ts"]);
  second = await runCodemod({ paths: ["."], cwd: app, check: true });

  const strictApp = join(folder.path, "strict");
  await writeFiles(strictApp, strictFiles);
  await mkdir(join(strictApp, "node_modules", "@corral"), { recursive: true });
  await symlink(join(repositoryRoot, "runtime"), join(strictApp, "node_modules", "@corral", "runtime"), "dir");
  strict = await runCodemod({ paths: ["src"], cwd: strictApp });
  strictOutput = (await readTexts(strictApp, ["src/service.ts"]))["src/service.ts"] ?? "";
  strictSecond = await runCodemod({ paths: ["src"], cwd: strictApp, check: true });
}, 300_000);

afterAll(() => folder?.remove());

describe("the project's ESLint configuration decides", () => {
  it("acts on corral's rules under the project's namespace, also at severity warn", () => {
    expect(outputs["src/service.ts"]).toContain("go(() => work());");
    expect(report.notices.some((notice) => notice.includes("recommended"))).toBe(false);
  });

  it("uses the project's options: a configured limiter bounds its fan-out, so it is left as it is", () => {
    const output = outputs["src/service.ts"] ?? "";
    expect(output).toContain("await Promise.all(ids.map((id) => throttle(() => load(id))));");
    expect(output).toContain("await map(ids, (id) => load(id), { concurrency: 8 });");
  });

  it("writes the deadline the project's require-timeout configures", () => {
    expect(outputs["src/service.ts"]).toContain("await fetch(url, { signal: AbortSignal.timeout(5000) });");
  });

  it("puts an explicit --timeout in place of the project's timeoutMs, and a rule that is off stays off", () => {
    const diff = (file: string) => explicit.files.find((candidate) => candidate.file === file)?.diff ?? "";
    expect(diff("src/service.ts")).toContain("+  await fetch(url, { signal: AbortSignal.timeout(7000) });");
    expect(diff("src/legacy/old.ts")).toContain("   await fetch(url);\n");
    expect(diff("src/legacy/old.ts")).not.toContain("AbortSignal.timeout");
    // The project's other options still hold: the throttled fan-out is not reported.
    expect(explicit.files.find((file) => file.file === "src/service.ts")?.sites.filter((site) => site.rule === "no-unbounded-concurrency")).toHaveLength(1);
  });

  it("leaves a rule the project turns off for a folder off", () => {
    expect(outputs["src/legacy/old.ts"]).toContain("  await fetch(url);\n");
    expect(outputs["src/legacy/old.ts"]).toContain("go(() => work());");
  });

  it("skips files the configuration ignores or turns every corral rule off for, with the reason", () => {
    expect(fileReport("src/generated/client.ts")).toMatchObject({ status: "skipped", reason: "ignored by eslint.config.js" });
    expect(fileReport("test/service.test.ts")).toMatchObject({ status: "skipped", reason: "eslint.config.js turns on none of corral's rules for it" });
    expect(outputs["src/generated/client.ts"]).toBe(legacy);
    expect(outputs["test/service.test.ts"]).toBe(legacy);
  });

  it("changes nothing on a second run", () => {
    expect(second.summary.changed).toBe(0);
    expect(second.summary.rewrittenSites).toBe(0);
  });

  it("applies corral's strict config when the project uses it, and stays idempotent with a linked runtime", () => {
    expect(strictOutput).toContain('await read("total", { signal: AbortSignal.timeout(30_000) });');
    expect(strictOutput).toContain("await map(ids, (id) => read(id, { signal: AbortSignal.timeout(30_000) }), { concurrency: 8 });");
    expect(strict.summary.rewrittenSites).toBe(3);
    expect(strictSecond.summary.changed).toBe(0);
    expect(strictSecond.summary.rewrittenSites).toBe(0);
  });
});

describe("a configuration the codemod cannot decide with", () => {
  async function corral(files: Files, ...argv: string[]): Promise<{ exit: number; stderr: string }> {
    const directory = join(folder.path, `refused-${Math.random().toString(36).slice(2)}`);
    await writeFiles(directory, { "tsconfig.json": tsconfig, "src/service.ts": service, ...files });
    let stderr = "";
    const exit = await runCommand(["codemod", ...argv, "."], { stdout: () => {}, stderr: (text) => (stderr += text), cwd: directory });
    return { exit, stderr };
  }

  it("exits 2 saying what to add when the configuration turns on none of corral's rules", async () => {
    const config = `import corral from "${pluginUrl}";\nexport default [{ files: ["**/*.ts"], languageOptions: { parser: corral.configs.recommended.languageOptions.parser }, rules: { "no-debugger": "error" } }];\n`;
    const outcome = await corral({ "eslint.config.js": config });
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("corral: eslint.config.js turns on none of corral's rules for these files");
    expect(outcome.stderr).toContain("corral.configs.recommended");
  });

  it("names the rules asked for with --only when the configuration turns none of them on", async () => {
    const config = `import corral from "${pluginUrl}";\nexport default [corral.configs.recommended, { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } }, { rules: { "corral/require-timeout": "off" } }];\n`;
    const outcome = await corral({ "eslint.config.js": config }, "--only", "require-timeout");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("turns on none of corral/require-timeout for these files");
  });

  it("exits 2 saying what to set when the configuration gives corral's rules no type information", async () => {
    const config = `import corral from "${pluginUrl}";\nexport default [{ files: ["**/*.ts"], plugins: { corral }, languageOptions: { parser: corral.configs.recommended.languageOptions.parser }, rules: { "corral/no-fire-and-forget": "error" } }];\n`;
    const outcome = await corral({ "eslint.config.js": config });
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("eslint.config.js gives corral's rules no type information for src/service.ts: set `languageOptions.parserOptions.projectService: true`");
  });
});
