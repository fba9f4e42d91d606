// The `corral` codemod as a project runs it: its tarball and the plugin's installed as
// devDependencies of a fresh project whose application depends on the runtime's tarball, then the
// bin run through npx, the way the README says.
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleBuildOutputs } from "./build-freshness.js";
import { checked, command, installProject, type Packed, type PackageName, packedOnce, repositoryRoot, packagingProblems, type Scratch, scratch, tsc, unexpectedFiles } from "./packages.js";

let folder: Scratch;
let packed: Record<PackageName, Packed>;
let project: string;

const service = `export async function notify(user: string): Promise<void> {
  await fetch(\`https://example.com/notify/\${user}\`, { method: "POST", signal: AbortSignal.timeout(5_000) });
}

export async function handle(users: string[]): Promise<number> {
  notify(users[0] ?? "");
  const results = await Promise.all(users.map((user) => notify(user)));
  return results.length;
}
`;

// The application's start-up says where a failed `go` task goes: the codemod hands dropped work to
// `go` only where a program does.
const main = `import { defaultSupervisor } from "@corral/runtime";

defaultSupervisor.onError = (error, task) => console.error(task.name, error);
`;

const tsconfig = {
  compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", lib: ["ES2023", "ESNext.Disposable", "DOM"], strict: true, noEmit: true, skipLibCheck: true, types: [] },
  include: ["src"],
};

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

beforeAll(async () => {
  expect(staleBuildOutputs(repositoryRoot, ["runtime", "rules", "codemods"]), "a dist/ is older than its sources: run `npm run build`").toEqual([]);
  folder = await scratch("cli-package");
  packed = await packedOnce();
  project = join(folder.path, "app");
  await mkdir(join(project, "src"), { recursive: true });
  await writeFile(join(project, "src", "service.ts"), service);
  await writeFile(join(project, "src", "main.ts"), main);
  const manifest = {
    name: "app",
    private: true,
    type: "module",
    dependencies: { "@corral/runtime": `file:${packed["@corral/runtime"].tarball}` },
    // The plugin is not on the registry yet: its tarball satisfies the codemod's dependency on it.
    devDependencies: { corral: `file:${packed.corral.tarball}`, "eslint-plugin-corral": `file:${packed["eslint-plugin-corral"].tarball}`, typescript: "~5.9.3" },
  };
  await installProject(project, { "package.json": JSON.stringify(manifest, null, 2), "tsconfig.json": JSON.stringify(tsconfig) });
}, 300_000);

afterAll(() => folder?.remove());

describe("the corral tarball", () => {
  it("holds the compiled codemod and its bin, README and LICENSE, and nothing else", () => {
    expect(unexpectedFiles(packed.corral.files)).toEqual([]);
    expect(packed.corral.files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "dist/cli/cli.js", "dist/index.js"]));
    // The codemod acts on the plugin's findings: it depends on the very version released beside it.
    const { version } = JSON.parse(readFileSync(join(repositoryRoot, "rules", "package.json"), "utf8")) as { version: string };
    expect(packed.corral.dependencies["eslint-plugin-corral"]).toBe(version);
  });

  it("passes publint's strict checks", async () => {
    expect(await packagingProblems(packed.corral.tarball)).toEqual([]);
  });

  it("explains a rule through npx, from the rule page the plugin ships", async () => {
    const { stdout } = await checked(npx, ["corral", "explain", "require-timeout"], project);
    expect(stdout).toContain("The Go pattern");
    expect(stdout).toContain("context");
  }, 120_000);

  it("rewrites the project through npx onto the installed runtime, and the result type-checks", async () => {
    const dry = await checked(npx, ["corral", "codemod", "--dry", "--diff", "src"], project);
    expect(dry.stdout).toContain('+import { go, map } from "@corral/runtime";');
    expect(await readFile(join(project, "src", "service.ts"), "utf8")).toBe(service);

    const written = await command(npx, ["corral", "codemod", "src"], project);
    expect(written.code, written.stdout + written.stderr).toBe(0);
    const rewritten = await readFile(join(project, "src", "service.ts"), "utf8");
    expect(rewritten).toContain("go(() => notify(users[0] ?? \"\"))");
    expect(rewritten).toContain("map(users, (user) => notify(user), { concurrency: 8 })");
    const check = await command(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    expect(check.stdout + check.stderr).toBe("");
  }, 120_000);

  it("decides with the project's eslint.config.js under the oldest ESLint it supports (9.15, config looked up from the working folder)", async () => {
    const oldest = join(folder.path, "oldest");
    await mkdir(join(oldest, "src"), { recursive: true });
    await writeFile(join(oldest, "src", "service.ts"), service);
    await writeFile(join(oldest, "src", "main.ts"), main);
    const readme = await readFile(join(repositoryRoot, "README.md"), "utf8");
    const config = /```js\n(\/\/ eslint\.config\.js[\s\S]*?)```/.exec(readme)?.[1];
    const manifest = {
      name: "oldest",
      private: true,
      type: "module",
      dependencies: { "@corral/runtime": `file:${packed["@corral/runtime"].tarball}` },
      devDependencies: { corral: `file:${packed.corral.tarball}`, "eslint-plugin-corral": `file:${packed["eslint-plugin-corral"].tarball}`, eslint: "9.15.0", typescript: "5.9.2" },
      overrides: { "@typescript-eslint/parser": "8.72.0", "@typescript-eslint/utils": "8.72.0" },
    };
    await installProject(oldest, { "package.json": JSON.stringify(manifest, null, 2), "tsconfig.json": JSON.stringify(tsconfig), "eslint.config.js": config ?? "" });
    const dry = await command(npx, ["corral", "codemod", "--dry", "--json", "src"], oldest);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as { files: { file: string; status: string }[]; notices: string[] };
    expect(report.files).toEqual([expect.objectContaining({ file: "src/main.ts", status: "unchanged" }), expect.objectContaining({ file: "src/service.ts", status: "changed" })]);
    // The project's configuration decided, not corral's recommended as a fallback.
    expect(report.notices).toEqual([]);
  }, 300_000);
});
