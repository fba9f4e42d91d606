// The `corral` command: flags, exit codes, bad input, a dirty git tree, and the compiled bin.
import { execFile } from "node:child_process";
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../codemods/cli/command.js";
import { createProject, readFiles, repositoryRoot } from "./project.js";

const run = promisify(execFile);

interface Outcome {
  exit: number;
  stdout: string;
  stderr: string;
}

async function corral(cwd: string, ...argv: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const exit = await runCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { exit, stdout, stderr };
}

const fixable = `import { EventEmitter } from "node:events";

declare function settle(): Promise<never>; async function work(): Promise<void> { return settle(); }
declare function fetchUser(id: string): Promise<string>;

export function start(emitter: EventEmitter): void {
  work();
  emitter.on("ready", async () => {
    await work();
  });
}

export async function users(ids: string[]): Promise<string[]> {
  return Promise.all(ids.map((id) => fetchUser(id)));
}

export async function get(url: string): Promise<Response> {
  return await fetch(url);
}
`;

const manualOnly = `declare function fetchUser(id: string): Promise<string>;

export async function never(): Promise<void> {
  const user = fetchUser("a");
  await fetchUser("b");
}
`;

describe("corral codemod on a git work tree", () => {
  const files = ["src/fix.ts", "src/manual.ts", "src/ignored.ts"];
  let directory: string;
  let originals: Record<string, string>;
  let dry: Outcome;
  let afterDry: Record<string, string>;
  let dirty: Outcome;
  let afterDirty: Record<string, string>;
  let forced: Outcome;
  let afterForced: Record<string, string>;
  let check: Outcome;

  beforeAll(async () => {
    directory = await createProject({ "src/fix.ts": fixable, "src/manual.ts": manualOnly, "src/ignored.ts": fixable, ".gitignore": "src/ignored.ts\nnode_modules/\n" });
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=corral", "-c", "user.email=corral@example.com", "commit", "-qm", "start"]]) {
      await run("git", args, { cwd: directory });
    }
    await appendFile(join(directory, "src/manual.ts"), "// an edit nobody committed yet\n");
    originals = await readFiles(directory, files);
    dry = await corral(directory, "codemod", "--dry", "--json", "--only", "no-fire-and-forget", "src");
    afterDry = await readFiles(directory, files);
    dirty = await corral(directory, "codemod", "src");
    afterDirty = await readFiles(directory, files);
    forced = await corral(directory, "codemod", "--force", "--diff", "--concurrency", "3", "--timeout", "5000", "src");
    afterForced = await readFiles(directory, files);
    check = await corral(directory, "codemod", "--check", "src");
    if (process.env.SHOW) console.log(forced.stdout, forced.stderr, dry.stdout, check.stdout);
  }, 240_000);

  it("--dry --json reports per file, limited by --only, and writes nothing", () => {
    expect(dry.exit).toBe(0);
    expect(afterDry).toEqual(originals);
    const report = JSON.parse(dry.stdout) as { files: { file: string; status: string; sites: { rule: string; status: string }[] }[]; written: boolean };
    expect(report.written).toBe(false);
    const fix = report.files.find((file) => file.file === "src/fix.ts");
    expect(fix?.status).toBe("changed");
    expect(fix?.sites.map((site) => site.rule)).toEqual(["no-fire-and-forget", "no-fire-and-forget"]);
    expect(report.files.find((file) => file.file === "src/manual.ts")?.status).toBe("unchanged");
    expect(report.files.some((file) => file.file.includes("ignored"))).toBe(false);
  });

  it("refuses a dirty tree without --force, naming the file, and writes nothing", () => {
    expect(dirty.exit).toBe(2);
    expect(dirty.stderr).toContain("uncommitted changes");
    expect(dirty.stderr).toContain("src/manual.ts");
    expect(afterDirty).toEqual(originals);
  });

  it("with --force writes the rewrites with the given bounds, prints diffs and a summary", () => {
    expect(forced.exit).toBe(0);
    const fix = afterForced["src/fix.ts"] ?? "";
    expect(fix).toContain("go(() => work());");
    expect(fix).toContain('emitter.on("ready", () => go(async () => {');
    expect(fix).toContain("map(ids, (id) => fetchUser(id), { concurrency: 3 })");
    expect(fix).toContain("fetch(url, { signal: AbortSignal.timeout(5000) })");
    expect(fix).toContain('import { go, map } from "@corral/runtime";');
    expect(forced.stdout).toContain("--- a/src/fix.ts");
    expect(forced.stdout).toContain("+  go(() => work());");
    expect(forced.stdout).toMatch(/src\/manual\.ts:4:9 .*manual.*never awaited/);
    expect(forced.stdout).toMatch(/1 file changed, 1 with manual work only.*4 sites rewritten, 1 left for manual work/);
    expect(forced.stdout).toMatch(/note:.* no ESLint configuration found for these files: linted with corral's recommended config\n/);
  });

  it("leaves git-ignored files and files without rewrites alone", () => {
    expect(afterForced["src/ignored.ts"]).toBe(originals["src/ignored.ts"]);
    expect(afterForced["src/manual.ts"]).toBe(originals["src/manual.ts"]);
  });

  it("--check exits 0 once nothing is left to rewrite", () => {
    expect(check.exit).toBe(0);
    expect(check.stdout).toContain("0 files would change");
  });
});

describe("corral codemod on bad input", () => {
  it("names a file that does not parse, with its line, exits 3 and writes nothing", async () => {
    const directory = await createProject({ "broken.ts": "export const value = 1;\nexport function (\n", "good.ts": "declare function settle(): Promise<never>; async function work(): Promise<void> { return settle(); }\nexport function start(): void {\n  work();\n}\n" });
    const before = await readFiles(directory, ["good.ts", "broken.ts"]);
    const outcome = await corral(directory, "codemod", ".");
    expect(outcome.exit).toBe(3);
    expect(outcome.stderr).toMatch(/broken\.ts.*broken\.ts:2:\d+/);
    expect(await readFiles(directory, ["good.ts", "broken.ts"])).toEqual(before);
  }, 120_000);

  it.each([
    [["codemod", "missing-folder"], "path not found: missing-folder"],
    [["codemod", "--project", "missing.json", "."], "tsconfig not found: missing.json"],
    [["codemod", "--only", "no-such-rule", "."], "unknown rule `no-such-rule`"],
    [["codemod", "--concurrency", "0", "."], "--concurrency must be an integer from 1 to 2147483647, got 0"],
    [["codemod", "--concurrency", "many", "."], '--concurrency must be an integer, got "many"'],
    [["codemod", "--timeout", "3000000000", "."], "--timeout must be an integer from 1 to 2147483647 (the longest delay Node's timers keep"],
    [["codemod", "--timeout", "1.5", "."], '--timeout must be an integer, got "1.5"'],
    [["explain", "no-such-rule"], "unknown rule `no-such-rule`"],
    [["frobnicate"], "unknown command"],
  ])("corral %j exits 2 with a clear message", async (argv, message) => {
    const directory = await createProject({ "a.ts": "export const a = 1;\n" });
    const outcome = await corral(directory, ...argv);
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain(message);
  });

  it("exits 2, naming the file and why, when no file could be checked (no tsconfig includes it): no silent pass in CI", async () => {
    const directory = await createProject({ "a.ts": "export const a = 1;\n" }, { tsconfig: false });
    for (const argv of [["codemod", "."], ["codemod", "--check", "."]]) {
      const outcome = await corral(directory, ...argv);
      expect(outcome.exit).toBe(2);
      expect(outcome.stderr).toMatch(/none of the 1 files under \. was checked: a\.ts: no tsconfig includes it/);
    }
  }, 60_000);

  it("exits 2 when the paths hold no TypeScript file", async () => {
    const directory = await createProject({ "notes.md": "# notes\n" });
    const outcome = await corral(directory, "codemod", "--check", ".");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("no TypeScript file to check under .");
  });
});

describe("corral explain and help", () => {
  it.each(["no-fire-and-forget", "corral/no-unhandled-rejection", "no-unbounded-concurrency", "require-timeout"])("explains %s: the bug, the Go pattern, the fix", async (rule) => {
    const outcome = await corral(repositoryRoot, "explain", rule);
    expect(outcome.exit).toBe(0);
    for (const section of ["The bug at run time", "The Go pattern", "The fix"]) expect(outcome.stdout).toContain(section);
    expect(outcome.stdout).not.toContain("When Not To Use It");
    expect(outcome.stdout).not.toContain("```");
  });

  it("--help exits 0 and lists both commands; no command exits 2", async () => {
    const help = await corral(repositoryRoot, "--help");
    expect(help.exit).toBe(0);
    expect(help.stdout).toMatch(/codemod \[options\] \[paths\.\.\.\][\s\S]*explain <rule>/);
    expect((await corral(repositoryRoot)).exit).toBe(2);
  });

  const bin = join(repositoryRoot, "codemods/dist/cli/cli.js");
  it("the compiled bin runs under node with a shebang", async () => {
    expect((await readFile(bin, "utf8")).startsWith("#!/usr/bin/env node\n")).toBe(true);
    const { stdout } = await run(process.execPath, [bin, "codemod", "--help"]);
    expect(stdout).toContain("--concurrency <n>");
  });
});
