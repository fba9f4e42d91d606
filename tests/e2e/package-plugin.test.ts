// eslint-plugin-corral as a project gets it: the packed tarball installed as a devDependency into a
// fresh project, beside the ESLint and TypeScript the project chose, linting with the
// eslint.config.js the README shows. Run at the oldest versions the package claims and the newest.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleBuildOutputs } from "./build-freshness.js";
import { command, installedPackages, installProject, type Packed, packedOnce, repositoryRoot, packagingProblems, type Scratch, scratch, unexpectedFiles } from "./packages.js";

let folder: Scratch;
let plugin: Packed;

// One file with each bug the README's table names, and nothing else to report.
const buggy = `import { once } from "node:events";
import type { EventEmitter } from "node:events";

async function save(id: number): Promise<void> {
  await fetch(\`https://example.com/items/\${id}\`, { method: "PUT", signal: AbortSignal.timeout(5_000) });
}

export async function handler(ids: number[], emitter: EventEmitter): Promise<unknown> {
  save(ids[0] ?? 0);
  const first = save(1);
  await save(2);
  await first;
  await Promise.all(ids.map((id) => save(id)));
  const response = await fetch("https://example.com/");
  await once(emitter, "ready");
  return response.status;
}
`;

const expectedRules = [
  "corral/no-fire-and-forget",
  "corral/no-unbounded-concurrency",
  "corral/no-unhandled-rejection",
  "corral/require-timeout",
  "corral/require-timeout",
];

const tsconfig = {
  compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", lib: ["ES2023", "DOM"], strict: true, noEmit: true, skipLibCheck: true },
  include: ["src"],
};

// The versions the README's Install section states, as tested here: the lowest each range allows
// and the newest; typescript-eslint pinned through overrides to the lowest minor the plugin allows.
const setups = [
  { name: "oldest", eslint: "9.15.0", typescript: "5.9.2", typescriptEslint: "8.72.0" },
  { name: "newest", eslint: "^10.0.0", typescript: "~6.0.0", typescriptEslint: undefined },
] as const;

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["rules"]), "rules/dist is older than these sources: run `npm run build`").toEqual([]);
  folder = await scratch("plugin-package");
  ({ "eslint-plugin-corral": plugin } = await packedOnce());
}, 120_000);

afterAll(() => folder?.remove());

describe("the eslint-plugin-corral tarball", () => {
  it("holds the compiled plugin, its declarations and rule pages, README and LICENSE, and nothing else", () => {
    expect(unexpectedFiles(plugin.files, [/^dist\/docs\/[\w-]+\.md$/])).toEqual([]);
    expect(plugin.files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "dist/index.js", "dist/index.d.ts", "dist/docs/no-fire-and-forget.md"]));
    for (const name of ["jscodeshift", "ts-morph", "@babel/core", "commander", "@corral/runtime"]) expect(Object.keys(plugin.dependencies)).not.toContain(name);
  });

  it("passes publint's strict checks", async () => {
    expect(await packagingProblems(plugin.tarball)).toEqual([]);
  });

  it.each(setups)("lints with the README's eslint.config.js under ESLint $eslint and TypeScript $typescript", async (setup) => {
    const project = join(folder.path, setup.name);
    await mkdir(join(project, "src"), { recursive: true });
    const readme = await readFile(join(repositoryRoot, "README.md"), "utf8");
    const config = /```js\n(\/\/ eslint\.config\.js[\s\S]*?)```/.exec(readme)?.[1];
    expect(config, "README shows an eslint.config.js").toBeDefined();
    const manifest = {
      name: `plugin-${setup.name}`,
      private: true,
      type: "module",
      devDependencies: { "eslint-plugin-corral": `file:${plugin.tarball}`, eslint: setup.eslint, typescript: setup.typescript },
      ...(setup.typescriptEslint && {
        overrides: { "@typescript-eslint/parser": setup.typescriptEslint, "@typescript-eslint/utils": setup.typescriptEslint },
      }),
    };
    await writeFile(join(project, "src", "handler.ts"), buggy);
    await installProject(project, { "package.json": JSON.stringify(manifest, null, 2), "eslint.config.js": config ?? "", "tsconfig.json": JSON.stringify(tsconfig) });

    const installed = await installedPackages(project);
    for (const name of ["jscodeshift", "ts-morph", "@babel/core", "recast", "flow-parser", "corral"]) expect(installed).not.toContain(name);
    const version = async (name: string): Promise<string> =>
      (JSON.parse(await readFile(join(project, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    if (setup.typescriptEslint) expect(await version("@typescript-eslint/parser")).toBe(setup.typescriptEslint);
    expect(await version("eslint")).toMatch(setup.eslint.startsWith("^") ? /^10\./ : /^9\.15\.0$/);

    const eslint = join(project, "node_modules", "eslint", "bin", "eslint.js");
    const result = await command(process.execPath, [eslint, "--format", "json", "."], project);
    const reports = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
    const findings = reports.flatMap((report) => report.messages.map((message) => `${report.filePath.slice(project.length + 1)} ${message.ruleId}`));
    expect(findings.sort()).toEqual(expectedRules.map((rule) => `src/handler.ts ${rule}`));
    expect(result.code).toBe(1);
  }, 300_000);
});
