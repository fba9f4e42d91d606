// The codemod's pieces that need no type-checked program: imports, names, discovery, writing,
// options and the rewrite driver's handling of findings it cannot place.
import { chmod, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFiles } from "../../codemods/pipeline/discover.js";
import { resolveOptions } from "../../codemods/pipeline/options.js";
import { parserFor, rewriteFile } from "../../codemods/pipeline/rewrite.js";
import type { RuntimeExport } from "eslint-plugin-corral";
import { compose, overlapReason } from "../../codemods/transforms/compose.js";
import { addRuntimeImports } from "../../codemods/transforms/runtime-import.js";
import { CodemodInputError, type Finding } from "../../codemods/pipeline/types.js";
import { writeAtomically } from "../../codemods/pipeline/write.js";
import { createProject } from "./project.js";

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

  it("adds one declaration after the last import, in its quote and semicolon style, names sorted", () => {
    const source = `import a from 'a'\nimport b from 'b'\nexport const c = a + b\n`;
    expect(withImports(source, ["map", "map"], ["ErrGroup", "ErrGroup"], ["go", "corralGo"])).toBe(
      `import a from 'a'\nimport b from 'b'\nimport { ErrGroup, go as corralGo, map } from '@corral/runtime'\nexport const c = a + b\n`,
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
});

describe("discoverFiles", () => {
  it("walks folders outside git for TypeScript sources, without node_modules, dot folders or declarations", async () => {
    const directory = await createProject({ "src/a.ts": "", "src/b.tsx": "", "src/c.d.ts": "", "src/d.js": "", "node_modules/x/e.ts": "", ".cache/f.ts": "" }, { tsconfig: false });
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
    expect(options).toMatchObject({ paths: ["."], rules: ["require-timeout"], concurrency: 8, timeout: 30_000, dry: false, check: false });
  });

  it.each([{ concurrency: 0 }, { timeout: 1.5 }, { only: ["nope"] }])("rejects %j with a CodemodInputError", (options) => {
    expect(() => resolveOptions(options)).toThrow(CodemodInputError);
  });
});
