// The codemod's pieces that need no type-checked program: imports, names, discovery, writing,
// options and the rewrite driver's handling of findings it cannot place.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { importsRuntime, planDependency, runtimeRange } from "../../codemods/pipeline/dependency.js";
import { corralRulesOf, overrideConfigs } from "../../codemods/pipeline/lint-config.js";
import { collectGarbage, collectStageGarbage, HeapBudget, stageGarbageBytes } from "../../codemods/pipeline/memory.js";
import { discoverFiles } from "../../codemods/pipeline/discover.js";
import { maxTimeoutMs, resolveOptions } from "../../codemods/pipeline/options.js";
import { parserFor, rewriteFile } from "../../codemods/pipeline/rewrite.js";
import type { RuntimeExport } from "eslint-plugin-corral";
import { compose, overlapReason } from "../../codemods/transforms/compose.js";
import { addRuntimeImports } from "../../codemods/transforms/runtime-import.js";
import { CodemodInputError, type Finding } from "../../codemods/pipeline/types.js";
import { writeAtomically } from "../../codemods/pipeline/write.js";
import { createProject, repositoryRoot } from "./project.js";

const j = parserFor("file.ts");

function withImports(source: string, ...names: [RuntimeExport, string][]): string {
  return addRuntimeImports(j, source, names.map(([name, local]) => ({ name, local })));
}

// A site rewrite that wraps `[start, end)` of the text in `open` and `close`.
function wrap(start: number, end: number, open: string, close: string) {
  return { range: [start, end] as const, rewrite: { edits: [{ range: [start, start] as const, text: open }, { range: [end, end] as const, text: close }], imports: [] } };
}

describe("addRuntimeImports", () => {
  it("merges into the last named import of @corral/runtime", () => {
    const source = `import { map } from "@corral/runtime";\nimport x from "x";\nexport const y = x;\n`;
    expect(withImports(source, ["go", "go"])).toBe(`import { map, go } from "@corral/runtime";\nimport x from "x";\nexport const y = x;\n`);
  });

  it("adds one declaration among the package imports, in the last import's quote and semicolon style, names sorted", () => {
    const source = `import { a } from '@app/a'\nimport b from 'b'\nimport c from './c'\nexport const d = a + b + c\n`;
    expect(withImports(source, ["map", "map"], ["ErrGroup", "ErrGroup"], ["go", "corralGo"])).toBe(
      `import { a } from '@app/a'\nimport { ErrGroup, go as corralGo, map } from '@corral/runtime'\nimport b from 'b'\nimport c from './c'\nexport const d = a + b + c\n`,
    );
  });

  it("puts a first import below a header of line comments, and above a doc comment", () => {
    expect(withImports(`// The header.\nexport const a = 1;\n`, ["go", "go"])).toBe(`// The header.\nimport { go } from "@corral/runtime";\n\nexport const a = 1;\n`);
    expect(withImports(`/** Documents a. */\nexport const a = 1;\n`, ["go", "go"])).toBe(`import { go } from "@corral/runtime";\n\n/** Documents a. */\nexport const a = 1;\n`);
    expect(withImports(`/* License. */\n\n/** Documents a. */\nexport const a = 1;\n`, ["go", "go"])).toBe(`/* License. */\n\nimport { go } from "@corral/runtime";\n\n/** Documents a. */\nexport const a = 1;\n`);
  });

  it("leaves the text alone when nothing is needed", () => {
    expect(withImports("export const a = 1;\n")).toBe("export const a = 1;\n");
  });
});

describe("compose", () => {
  it("applies nested rewrites that edit different places, the outer one's text outside the inner one's", () => {
    const source = "f(g(x));";
    const inner = wrap(2, 6, "[", "]");
    const outer = wrap(0, 7, "go(() => ", ")");
    expect(compose(source, [outer, inner])).toMatchObject({ text: "go(() => f([g(x)]));", refused: new Map() });
  });

  it("carries an inner rewrite into the text an outer one moves", () => {
    const source = "a(); b(x);";
    const inner = { range: [5, 9] as const, rewrite: { edits: [{ range: [8, 8] as const, text: ", s" }], imports: [] } };
    const outer = { range: [0, 10] as const, rewrite: { edits: [{ range: [0, 10] as const, text: "all([a(), b(x)]);" }], imports: [] } };
    expect(compose(source, [inner, outer]).text).toBe("all([a(), b(x, s)]);");
  });

  it("refuses an outer rewrite that replaces an inner one's code without keeping its text", () => {
    const source = "a(b);";
    const inner = { range: [2, 3] as const, rewrite: { edits: [{ range: [3, 3] as const, text: "!" }], imports: [] } };
    const outer = { range: [0, 4] as const, rewrite: { edits: [{ range: [0, 4] as const, text: "c()" }], imports: [] } };
    const composition = compose(source, [outer, inner]);
    expect(composition.text).toBe("a(b!);");
    expect(composition.refused.get(outer)).toBe(overlapReason);
  });

  // `Promise.all(xs.map((x) => f(x)))`: require-timeout gives `f(x)` a deadline, and the map rewrite
  // passes it its signal, at the very same place.
  const source = "all(xs.map((x) => f(x)));";
  const deadline = { range: [18, 22] as const, rewrite: { edits: [{ range: [21, 21] as const, text: ", { signal: AbortSignal.timeout(9) }" }], imports: [] } };
  const plain = [{ range: [0, 11] as const, text: "map(xs, " }, { range: [22, 24] as const, text: ", { concurrency: 8 })" }];
  const threaded = [...plain, { range: [13, 13] as const, text: ", _index, signal" }, { range: [21, 21] as const, text: ", { signal: timeoutSignal(1, signal) }" }];
  const mapImport = { name: "map", local: "map" } as const;
  const bothImports = [mapImport, { name: "timeoutSignal", local: "timeoutSignal" } as const];

  it("refuses two rewrites adding text at one place inside the inner one's code", () => {
    const outer = { range: [0, 24] as const, rewrite: { edits: threaded, imports: bothImports } };
    const composition = compose(source, [outer, deadline]);
    expect(composition.text).toBe("all(xs.map((x) => f(x, { signal: AbortSignal.timeout(9) })));");
    expect(composition.refused.get(outer)).toBe(overlapReason);
  });

  it("applies a colliding rewrite's fallback, with the fallback's imports only", () => {
    const outer = { range: [0, 24] as const, rewrite: { edits: threaded, imports: bothImports, fallback: { edits: plain, imports: [mapImport] } } };
    const composition = compose(source, [outer, deadline]);
    expect(composition).toMatchObject({ text: "map(xs, (x) => f(x, { signal: AbortSignal.timeout(9) }), { concurrency: 8 });", refused: new Map(), imports: [mapImport] });
    expect(composition.accepted).toEqual([deadline, outer]);
    // Alone, the whole rewrite is applied.
    expect(compose(source, [outer])).toMatchObject({ text: "map(xs, (x, _index, signal) => f(x, { signal: timeoutSignal(1, signal) }), { concurrency: 8 });", imports: bothImports });
  });

  it("keeps wrapping an inner rewrite at its edges", () => {
    const inner = { range: [5, 9] as const, rewrite: { edits: [{ range: [5, 5] as const, text: "void " }], imports: [] } };
    const outer = wrap(5, 9, "go(() => ", ")");
    expect(compose("a(); f(x);", [inner, outer])).toMatchObject({ text: "a(); go(() => void f(x));", refused: new Map() });
  });
});

describe("rewriteFile", () => {
  it("reports a finding the rule offered no rewrite for as manual, with the rule's reason or the message id", () => {
    const base = { file: "a.ts", ruleId: "no-fire-and-forget", messageId: "droppedPromise", message: "", line: 1, column: 18, endLine: 1, endColumn: 24 } as const;
    const refused: Finding = { ...base, suggestions: [{ messageId: "leaveManual", data: { reason: "the reason" }, fix: { range: [0, 0], text: "" } }] };
    const bare: Finding = { ...base, suggestions: [] };
    const { output, sites } = rewriteFile("a.ts", "export const a = work();\n", [refused, bare]);
    expect(output).toBe("export const a = work();\n");
    expect(sites.map((site) => [site.status, site.reason])).toEqual([
      ["manual", "the reason"],
      ["manual", "no mechanical rewrite for `droppedPromise`"],
    ]);
  });

  it("keeps a byte order mark and adds the imports the rewrite needs", () => {
    const rewrite = { edits: [{ range: [11, 11], text: "go(() => " }, { range: [17, 17], text: ")" }], imports: [{ name: "go", local: "go" }] };
    const finding: Finding = { file: "a.ts", ruleId: "no-fire-and-forget", messageId: "droppedPromise", message: "", line: 2, column: 1, endLine: 2, endColumn: 7, suggestions: [{ messageId: "superviseWithGo", data: { rewrite }, fix: { range: [11, 17], text: "" } }] };
    const { output } = rewriteFile("a.ts", "\uFEFFexport {};\nwork();\n", [finding]);
    expect(output).toBe(`\uFEFFimport { go } from "@corral/runtime";\n\nexport {};\ngo(() => work());\n`);
  });

  it("leaves every rewrite that adds a runtime import manual where the runtime cannot be imported, and applies the others", () => {
    const text = "export async function f(url: string) {\n  work();\n  await fetch(url);\n}\n";
    const supervise = { edits: [{ range: [41, 41], text: "go(() => " }, { range: [47, 47], text: ")" }], imports: [{ name: "go", local: "go" }] };
    const deadline = { edits: [{ range: [66, 66], text: ", { signal: AbortSignal.timeout(30_000) }" }], imports: [] };
    const finding = (line: number, messageId: string, rewrite: object): Finding => ({
      file: "a.ts", ruleId: "no-fire-and-forget", messageId, message: "", line, column: 3, endLine: line, endColumn: 10,
      suggestions: [{ messageId: "rewrite", data: { rewrite }, fix: { range: [0, 0], text: "" } }],
    });
    const unavailable = "@corral/runtime is not installed where this file can import it";
    const { output, sites } = rewriteFile("a.ts", text, [finding(2, "droppedPromise", supervise), finding(3, "fetchWithoutSignal", deadline)], { runtimeUnavailable: unavailable });
    expect(output).toBe("export async function f(url: string) {\n  work();\n  await fetch(url, { signal: AbortSignal.timeout(30_000) });\n}\n");
    expect(sites.map((site) => [site.status, site.reason])).toEqual([
      ["manual", unavailable],
      ["rewritten", undefined],
    ]);
  });
});

describe("discoverFiles", () => {
  it("walks folders outside git for TypeScript sources, without node_modules, dot folders or declarations", async () => {
    const directory = await createProject({ "src/a.ts": "", "src/b.tsx": "", "src/c.d.ts": "", "src/d.js": "", "node_modules/x/e.ts": "", ".cache/f.ts": "" }, { tsconfig: false, routing: false });
    const { files, skipped } = await discoverFiles(["."], directory);
    expect(files.map((file) => file.slice(directory.length + 1))).toEqual(["src/a.ts", "src/b.tsx"]);
    expect(skipped).toEqual([]);
  });

  it("skips named files it must not touch, with the reason", async () => {
    const directory = await createProject({ "node_modules/x/e.ts": "", "notes.md": "" }, { tsconfig: false });
    const { skipped } = await discoverFiles(["node_modules/x/e.ts", "notes.md"], directory);
    expect(skipped.map((entry) => entry.reason)).toEqual(["inside node_modules", "not a TypeScript source file"]);
  });

  it("throws a CodemodInputError naming a path that does not exist", async () => {
    const directory = await createProject({}, { tsconfig: false });
    const failure = discoverFiles(["src", "gone.ts"], directory);
    await expect(failure).rejects.toBeInstanceOf(CodemodInputError);
    await expect(failure).rejects.toMatchObject({ message: "path not found: src", file: join(directory, "src") });
  });
});

describe("writeAtomically", () => {
  it("replaces the file, keeps its mode and leaves no temporary file", async () => {
    const directory = await createProject({}, { tsconfig: false });
    const file = join(directory, "script.ts");
    await mkdir(directory, { recursive: true });
    await writeFile(file, "old");
    await chmod(file, 0o750);
    await writeAtomically(file, "new");
    expect((await stat(file)).mode & 0o777).toBe(0o750);
    expect((await readdir(directory)).filter((name) => name.includes("corral"))).toEqual([]);
  });
});

describe("options", () => {
  it("fills in defaults and accepts rule ids with or without the namespace", () => {
    const options = resolveOptions({ only: ["corral/require-timeout", "require-timeout"] });
    // No bound given: each file gets the timeoutMs and concurrency its rules' configuration sets.
    expect(options).toMatchObject({ paths: ["."], rules: ["require-timeout"], concurrency: undefined, timeout: undefined, dry: false, check: false });
    expect(resolveOptions({ timeout: maxTimeoutMs, concurrency: 1 })).toMatchObject({ timeout: 2 ** 31 - 1, concurrency: 1 });
  });

  it.each([
    [{ concurrency: 0 }, "--concurrency must be an integer from 1 to 2147483647, got 0"],
    [{ concurrency: 2.5 }, "--concurrency must be an integer"],
    [{ concurrency: Number.NaN }, "got NaN"],
    [{ timeout: 1.5 }, "--timeout must be an integer"],
    // Node clamps a longer delay to 1 ms: every rewritten call would abort at once.
    [{ timeout: 3_000_000_000 }, "--timeout must be an integer from 1 to 2147483647 (the longest delay Node's timers keep; a longer one fires after 1 ms), got 3000000000"],
    [{ only: ["nope"] }, "unknown rule `nope`"],
  ])("rejects %j with a CodemodInputError naming the option", (options, message) => {
    expect(() => resolveOptions(options)).toThrow(CodemodInputError);
    expect(() => resolveOptions(options)).toThrow(message);
  });
});

describe("planDependency", () => {
  it("adds @corral/runtime to `dependencies` in order, keeping the indentation, line endings and final newline", () => {
    const text = '{\r\n    "name": "app",\r\n    "dependencies": {\r\n        "zod": "^3.0.0",\r\n        "axios": "^1.0.0"\r\n    }\r\n}\r\n';
    const planned = planDependency(text, "^1.2.3");
    expect(planned?.change).toBe("added");
    // The existing list is not sorted, so the new entry is appended rather than reordering it.
    expect(planned?.text).toBe('{\r\n    "name": "app",\r\n    "dependencies": {\r\n        "zod": "^3.0.0",\r\n        "axios": "^1.0.0",\r\n        "@corral/runtime": "^1.2.3"\r\n    }\r\n}\r\n');
    const sorted = planDependency('{\n\t"dependencies": {\n\t\t"axios": "1",\n\t\t"zod": "3"\n\t}\n}', "^1.2.3");
    expect(sorted?.text).toBe('{\n\t"dependencies": {\n\t\t"@corral/runtime": "^1.2.3",\n\t\t"axios": "1",\n\t\t"zod": "3"\n\t}\n}');
  });

  it("creates `dependencies` before `devDependencies`, and moves the runtime out of them with its range", () => {
    const created = planDependency('{\n  "name": "app",\n  "devDependencies": {\n    "typescript": "5"\n  },\n  "license": "MIT"\n}\n', "^1.2.3");
    expect(created?.text).toBe('{\n  "name": "app",\n  "dependencies": {\n    "@corral/runtime": "^1.2.3"\n  },\n  "devDependencies": {\n    "typescript": "5"\n  },\n  "license": "MIT"\n}\n');
    const moved = planDependency('{\n  "devDependencies": {\n    "@corral/runtime": "file:../runtime.tgz",\n    "typescript": "5"\n  }\n}\n', "^1.2.3");
    expect(moved?.change).toBe("moved");
    expect(JSON.parse(moved?.text ?? "{}")).toEqual({ devDependencies: { typescript: "5" }, dependencies: { "@corral/runtime": "file:../runtime.tgz" } });
  });

  it("leaves a package that already depends on the runtime, or declares it a peer, alone", () => {
    expect(planDependency('{ "dependencies": { "@corral/runtime": "^0.1.0" } }')).toBeUndefined();
    expect(planDependency('{ "peerDependencies": { "@corral/runtime": "^0.1.0" }, "devDependencies": { "@corral/runtime": "^0.1.0" } }')).toBeUndefined();
  });

  it("adds the version released beside the codemod", async () => {
    const { version } = JSON.parse(await readFile(join(repositoryRoot, "runtime", "package.json"), "utf8")) as { version: string };
    expect(runtimeRange).toBe(`^${version}`);
  });

  it("tells which texts import the runtime", () => {
    expect(importsRuntime('import { go } from "@corral/runtime";')).toBe(true);
    expect(importsRuntime("import {go} from'@corral/runtime'")).toBe(true);
    expect(importsRuntime('import { go } from "@corral/runtime-extra";\n// @corral/runtime')).toBe(false);
  });
});

describe("corralRulesOf", () => {
  const foreign = { meta: { name: "eslint-plugin-corral", version: "0.0.0" }, rules: {} };

  it("finds corral's rules under the namespace the project gave the plugin, with their options; off stays off", () => {
    const config = {
      plugins: { async: foreign, other: { meta: { name: "eslint-plugin-other" } } },
      rules: {
        "async/no-unbounded-concurrency": [2, { limiters: ["throttle"] }],
        "async/no-fire-and-forget": "warn",
        "async/require-timeout": ["off", { timeoutMs: 5 }],
        "corral/no-unhandled-rejection": "error",
      },
    } as unknown as Linter.Config;
    expect(corralRulesOf(config)).toEqual([
      { ruleId: "no-fire-and-forget", eslintId: "async/no-fire-and-forget", severity: 1, options: [] },
      { ruleId: "no-unbounded-concurrency", eslintId: "async/no-unbounded-concurrency", severity: 2, options: [{ limiters: ["throttle"] }] },
    ]);
    expect(corralRulesOf(config, ["require-timeout", "no-fire-and-forget"]).map((rule) => rule.ruleId)).toEqual(["no-fire-and-forget"]);
  });
});

describe("HeapBudget", () => {
  it("collects garbage only past its threshold, then waits for a quarter more than what is alive", async () => {
    let used = 100;
    const collections: number[] = [];
    const budget = new HeapBudget(1_000, () => used, async () => {
      collections.push(used);
      used = Math.round(used * 0.8);
    });
    await budget.check();
    used = 1_000;
    await budget.check();
    // 800 alive after the collection: a quarter more is the budget itself, the next threshold.
    used = 1_100;
    await budget.check();
    // 880 alive: the next threshold is 1100; 1600 alive after the next one moves it up to 2000.
    used = 2_000;
    await budget.check();
    used = 1_900;
    await budget.check();
    expect(collections).toEqual([1_000, 1_100, 2_000]);
  });

  it("between stages, collects only a heap past the threshold (a small project's run pays no collection)", async () => {
    const collected: number[] = [];
    const collect = async () => void collected.push(1);
    expect(await collectStageGarbage(stageGarbageBytes, () => stageGarbageBytes - 1, collect)).toBe(false);
    expect(collected).toEqual([]);
    expect(await collectStageGarbage(stageGarbageBytes, () => stageGarbageBytes, collect)).toBe(true);
    expect(collected).toEqual([1]);
  });

  it("really frees what is no longer referenced", async () => {
    let garbage: number[][] | undefined = Array.from({ length: 64 }, (_, index) => new Array<number>(100_000).fill(index));
    const before = process.memoryUsage().heapUsed;
    garbage = undefined;
    await collectGarbage();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 20 * 2 ** 20);
  });
});

describe("overrideConfigs", () => {
  it("gives each group of files configured alike one config object, the project's options merged, glob syntax escaped", () => {
    const timeout = { ruleId: "require-timeout", eslintId: "async/require-timeout", severity: 1, options: [{ allow: ["ping"], timeoutMs: 5000 }] } as const;
    const other = { ruleId: "no-fire-and-forget", eslintId: "async/no-fire-and-forget", severity: 2, options: [] } as const;
    const files = new Map([
      ["/app/src/a.ts", [timeout, other]],
      ["/app/src/[id]/b.ts", [timeout]],
      ["/app/src/c.ts", [other]],
    ]);
    expect(overrideConfigs("/app", files, { "require-timeout": { timeoutMs: 7000 } })).toEqual([
      { files: ["src/a.ts", "src/\\[id\\]/b.ts"], rules: { "async/require-timeout": [1, { allow: ["ping"], timeoutMs: 7000 }] } },
    ]);
    expect(overrideConfigs("/app", files, {})).toEqual([]);
  });
});
