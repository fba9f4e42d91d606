// The `corral` command: flags, exit codes, bad input, a dirty git tree, and the compiled bin.
import { execFile } from "node:child_process";
import { appendFile, chmod, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
    expect(dirty.stderr).toContain("corral: files the codemod would write have uncommitted changes (src/manual.ts); commit or stash them, or pass --force");
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
    [["codemod", "--config", "loose", "."], '--config must be recommended or strict, got "loose"'],
    [["explain", "no-such-rule"], "unknown rule `no-such-rule`"],
    [["frobnicate"], "unknown command"],
  ])("corral %j exits 2 with a clear message", async (argv, message) => {
    const directory = await createProject({ "a.ts": "export const a = 1;\n" });
    const outcome = await corral(directory, ...argv);
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain(message);
  });

  it("exits 2, naming the file and why, when no file could be checked (no tsconfig includes it): no silent pass in CI", async () => {
    const directory = await createProject({ "a.ts": "export const a = 1;\n" }, { tsconfig: false, routing: false });
    for (const argv of [["codemod", "."], ["codemod", "--check", "."]]) {
      const outcome = await corral(directory, ...argv);
      expect(outcome.exit).toBe(2);
      expect(outcome.stderr).toContain("the one file under . was not checked: a.ts: no tsconfig includes it: add a tsconfig.json whose `include` covers it, or pass --project <tsconfig>");
      expect(outcome.stderr).not.toContain("allowDefaultProject");
    }
  }, 60_000);

  it("exits 2 when the paths hold no TypeScript file", async () => {
    const directory = await createProject({ "notes.md": "# notes\n" }, { routing: false });
    const outcome = await corral(directory, "codemod", "--check", ".");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("no TypeScript file to check under .");
    expect(outcome.stderr).not.toContain("JavaScript");
  });

  it("tells a JavaScript-only folder that JavaScript is not supported yet", async () => {
    const directory = await createProject({ "src/index.js": "export const a = 1;\n", "src/util.mjs": "export const b = 2;\n" });
    const outcome = await corral(directory, "codemod", "src");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("no TypeScript file to check under src (2 JavaScript files: corral's rules and codemod work on TypeScript; JavaScript is not supported yet)");
  });

  it("suggests --dry for --dry-run", async () => {
    const outcome = await corral(repositoryRoot, "codemod", "--dry-run", ".");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toContain("error: unknown option '--dry-run'\n(Did you mean --dry?)");
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

  it("renders the page's Markdown at the given width, with no Markdown left and links as web addresses", async () => {
    const narrow = await corral(repositoryRoot, "explain", "no-fire-and-forget");
    const { explainRule } = await import("../../codemods/cli/explain.js");
    const at60 = explainRule("no-fire-and-forget", { columns: 60, color: false });
    const at120 = explainRule("no-fire-and-forget", { columns: 120, color: false });
    // Prose and lists are reflowed to the width; only lines of code blocks keep their length, and a
    // word longer than the width (a web address) stands on a line of its own.
    const page = await readFile(join(repositoryRoot, "docs/rules/no-fire-and-forget.md"), "utf8");
    const codeLines = new Set([...page.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].flatMap((block) => (block[1] ?? "").split("\n").map((line) => line.trim())));
    const overlong = (text: string, width: number) => text.split("\n").filter((line) => line.length > width && !codeLines.has(line.trim()) && /\s/.test(line.trim()));
    expect(overlong(at60, 60)).toEqual([]);
    expect(overlong(at120, 120)).toEqual([]);
    expect(overlong(at120, 100).length).toBeGreaterThan(0);
    for (const text of [at60, narrow.stdout]) {
      expect(text).not.toMatch(/\*\*\S|\]\((?:\.\.?\/|https?:)|^#+ /m);
      expect(text).toContain("ends the process");
      expect(text).not.toContain("../codemods.md");
      expect(text).toContain("https://github.com/corral-ts/corral/blob/main/docs/codemods.md");
    }
    expect(at60).not.toContain("\u001b[");
    expect(explainRule("no-fire-and-forget", { columns: 60, color: true })).toContain("\u001b[1m");
  });

  it("wraps at COLUMNS, else the terminal's width, else 80", async () => {
    const { terminalColumns } = await import("../../codemods/cli/explain.js");
    expect(terminalColumns({ COLUMNS: "72" }, 200)).toBe(72);
    expect(terminalColumns({}, 132)).toBe(132);
    expect(terminalColumns({}, undefined)).toBe(80);
    expect(terminalColumns({ COLUMNS: "wide" }, undefined)).toBe(80);
  });

  it("links --help to the codemod's page on the web, which the package does not ship", async () => {
    const help = await corral(repositoryRoot, "--help");
    expect(help.stdout).toContain("https://github.com/corral-ts/corral/blob/main/docs/codemods.md");
    expect(help.stdout).not.toMatch(/see docs\//);
  });

  it("answers --version and --help without loading the rules or the pipeline", async () => {
    // A module that loads typescript (the plugin, the pipeline) takes over a second to start.
    const probe = `const { runCommand } = await import(${JSON.stringify(pathToFileURL(join(repositoryRoot, "codemods/dist/cli/command.js")).href)});
      for (const argv of [["--version"], ["--help"]]) await runCommand(argv, { stdout: () => {}, stderr: () => {} });
      const { createRequire } = await import("node:module");
      const loaded = Object.keys(createRequire(${JSON.stringify(join(repositoryRoot, "probe.js"))}).cache);
      console.log(JSON.stringify(loaded.filter((file) => /node_modules[\\/](?:typescript|eslint|ts-morph|jscodeshift|@typescript-eslint)[\\/]/.test(file))));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", probe], { cwd: repositoryRoot });
    expect(JSON.parse(stdout)).toEqual([]);
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

describe("what the codemod may write", () => {
  async function gitProject(files: Record<string, string>): Promise<string> {
    const directory = await createProject(files);
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=corral", "-c", "user.email=corral@example.com", "commit", "-qm", "start"]]) {
      await run("git", args, { cwd: directory });
    }
    return directory;
  }
  const manifest = (extra: object = {}) => `${JSON.stringify({ name: "app", private: true, ...extra }, null, 2)}\n`;

  it("writes after an install changed package.json: it only adds the runtime there, and says so", async () => {
    const directory = await gitProject({ "package.json": manifest(), "src/fix.ts": fixable, "README.md": "# app\n" });
    // What `npm install --save-dev …` leaves, and an edit outside what the codemod writes.
    await writeFile(join(directory, "package.json"), manifest({ devDependencies: { typescript: "^5.9.0" } }));
    await appendFile(join(directory, "README.md"), "more\n");
    const outcome = await corral(directory, "codemod", "src");
    expect(outcome.stderr).toBe("");
    expect(outcome.exit).toBe(0);
    expect(await readFile(join(directory, "src/fix.ts"), "utf8")).toContain("go(() => work());");
    const written = JSON.parse(await readFile(join(directory, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(written.devDependencies).toEqual({ typescript: "^5.9.0" });
    expect(written.dependencies?.["@corral/runtime"]).toMatch(/^\^\d/);
    expect(outcome.stdout).toMatch(/note:.* package\.json: added @corral\/runtime \S+ to `dependencies`/);
  }, 120_000);

  it("refuses before any work, naming the file, and a package.json it would move the runtime in", async () => {
    // No tsconfig: the lint would fail on every file, so the refusal must come before it.
    const directory = await createProject({ "src/fix.ts": fixable }, { tsconfig: false });
    await writeFile(join(directory, "package.json"), manifest({ devDependencies: { "@corral/runtime": "^0.1.0" } }));
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=corral", "-c", "user.email=corral@example.com", "commit", "-qm", "start"]]) {
      await run("git", args, { cwd: directory });
    }
    await appendFile(join(directory, "src/fix.ts"), "// not committed\n");
    await writeFile(join(directory, "package.json"), manifest({ devDependencies: { "@corral/runtime": "^0.1.0", typescript: "^5.9.0" } }));
    const outcome = await corral(directory, "codemod", "src");
    expect(outcome.exit).toBe(2);
    expect(outcome.stderr).toBe(
      "corral: files the codemod would write have uncommitted changes (package.json, where it would move @corral/runtime from devDependencies to dependencies; src/fix.ts); commit or stash them, or pass --force\n",
    );
  }, 120_000);

  it("refuses a read-only file and a file in a read-only folder, writes nothing, counts nothing as rewritten", async () => {
    const directory = await createProject({ "src/fix.ts": fixable, "src/locked/fix.ts": fixable, "src/other.ts": fixable });
    await chmod(join(directory, "src/fix.ts"), 0o444);
    await chmod(join(directory, "src/locked"), 0o555);
    try {
      const outcome = await corral(directory, "codemod", "--json", "src");
      expect(outcome.exit).toBe(3);
      expect(outcome.stderr).toContain("corral: src/fix.ts: not rewritten: it is read-only (mode 444): make it writable (chmod u+w) to let corral rewrite it");
      expect(outcome.stderr).toContain("corral: src/locked/fix.ts: not rewritten: it is in a read-only folder (mode 555)");
      const report = JSON.parse(outcome.stdout) as { written: boolean; notWritten: string; summary: { rewrittenSites: number; error: number } };
      expect(report.written).toBe(false);
      expect(report.notWritten).toBe("src/fix.ts is read-only, so nothing was written");
      expect(report.summary.error).toBe(2);
      // Only src/other.ts's sites, which would be written once the others can be.
      expect(report.summary.rewrittenSites).toBe(4);
      expect(await readFiles(directory, ["src/fix.ts", "src/locked/fix.ts", "src/other.ts"])).toEqual({ "src/fix.ts": fixable, "src/locked/fix.ts": fixable, "src/other.ts": fixable });
      expect((await stat(join(directory, "src/fix.ts"))).mode & 0o777).toBe(0o444);
    } finally {
      await chmod(join(directory, "src/locked"), 0o755);
    }
  }, 120_000);

  it("lints with corral's own config for one run with --config, which the exit-2 message names", async () => {
    const directory = await createProject({ "src/fix.ts": `${fixable}\nasync function main(): Promise<void> {\n  await work();\n}\n\nvoid main();\n`, "eslint.config.js": 'export default [{ files: ["**/*.ts"], rules: {} }];\n' });
    const refused = await corral(directory, "codemod", "--dry", "src");
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain("or try corral's own config for this run with `--config recommended` (or `--config strict`)");
    const recommended = await corral(directory, "codemod", "--dry", "--json", "--config", "recommended", "src");
    expect(recommended.exit).toBe(0);
    const strict = await corral(directory, "codemod", "--dry", "--json", "--config", "strict", "src");
    expect(strict.exit).toBe(0);
    type Report = { notices: string[]; summary: { rewrittenSites: number; manualSites: number } };
    const [loose, tight] = [JSON.parse(recommended.stdout) as Report, JSON.parse(strict.stdout) as Report];
    expect(loose.notices).toContain("linted with corral's recommended config (--config recommended), in place of the project's ESLint configuration");
    expect(tight.notices).toContain("linted with corral's strict config (--config strict), in place of the project's ESLint configuration");
    // The file's top level starts the program (`void main()`), so the codemod treats it as a script
    // whose dropped work a failure ends: the two drops stay manual, the fan-out and the fetch are rewritten.
    expect(loose.summary.rewrittenSites).toBe(2);
    expect(loose.summary.manualSites).toBe(2);
    // strict also reports the module-level `void main()`.
    expect(tight.summary.rewrittenSites + tight.summary.manualSites).toBeGreaterThan(loose.summary.rewrittenSites + loose.summary.manualSites);
  }, 120_000);
});
