// The codemod's pieces that need no type-checked program: imports, names, discovery, writing,
// options and the rewrite driver's handling of findings it cannot place.
import { chmod, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFiles } from "../../codemods/pipeline/discover.js";
import { resolveOptions } from "../../codemods/pipeline/options.js";
import { parserFor, rewriteFile } from "../../codemods/pipeline/rewrite.js";
import { addRuntimeImports, type RuntimeExport, RuntimeImports } from "../../codemods/transforms/runtime-import.js";
import { formatNumber } from "../../codemods/transforms/template.js";
import { CodemodInputError, type Finding } from "../../codemods/pipeline/types.js";
import { writeAtomically } from "../../codemods/pipeline/write.js";
import { createProject } from "./project.js";

const j = parserFor("file.ts");

function withImports(source: string, ...names: [RuntimeExport, string][]): string {
  return addRuntimeImports(j, source, new Map(names));
}

function resolveAt(source: string, name: RuntimeExport, marker = "HERE"): string {
  const root = j(source);
  const at = root.find(j.Identifier, { name: marker }).paths()[0];
  if (!at) throw new Error(`no ${marker} in the source`);
  const resolved = new RuntimeImports(j, root).resolve(name, at);
  return typeof resolved === "string" ? `manual: ${resolved}` : resolved.use();
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

describe("RuntimeImports.resolve", () => {
  it("reuses an existing import, also aliased or a namespace", () => {
    expect(resolveAt(`import { go as run } from "@corral/runtime";\nexport function f() { HERE; }\n`, "go")).toBe("run");
    expect(resolveAt(`import * as runtime from "@corral/runtime";\nexport function f() { HERE; }\n`, "map")).toBe("runtime.map");
  });

  it("picks a name no identifier of the file uses, and ignores property names", () => {
    expect(resolveAt(`export function f(items: number[]) { return items.map(HERE); }\n`, "map")).toBe("map");
    expect(resolveAt(`const map = new Map();\nexport function f() { HERE; }\n`, "map")).toBe("corralMap");
    expect(resolveAt(`const map = 1, corralMap = 2;\nexport function f() { HERE; }\n`, "map")).toBe("corralMap2");
  });

  it("does not reuse an import shadowed at the site", () => {
    expect(resolveAt(`import { go } from "@corral/runtime";\nexport function f(go: number) { HERE; }\n`, "go")).toBe("corralGo");
  });

  it("refuses to turn a script into a module", () => {
    expect(resolveAt(`function f() { HERE; }\n`, "go")).toMatch(/^manual: the file is a script/);
  });
});

describe("rewriteFile", () => {
  it("reports a finding it cannot place as manual, never silently", () => {
    const finding: Finding = { file: "a.ts", ruleId: "no-fire-and-forget", messageId: "droppedPromise", message: "", line: 1, column: 2, endLine: 1, endColumn: 5, suggestions: [] };
    const { output, sites } = rewriteFile("a.ts", "export const a = work();\n", [finding], { concurrency: 8, timeout: 30_000 });
    expect(output).toBe("export const a = work();\n");
    expect(sites).toEqual([expect.objectContaining({ status: "manual", reason: expect.stringContaining("no counterpart") })]);
  });

  it("keeps a byte order mark", () => {
    const finding: Finding = { file: "a.ts", ruleId: "no-fire-and-forget", messageId: "droppedPromise", message: "", line: 2, column: 1, endLine: 2, endColumn: 7, suggestions: [] };
    const { output } = rewriteFile("a.ts", "\uFEFFexport {};\nwork();\n", [finding], { concurrency: 8, timeout: 30_000 });
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

  it("writes large bounds the way a reader would", () => {
    expect([formatNumber(30_000), formatNumber(1_500_000), formatNumber(5000)]).toEqual(["30_000", "1_500_000", "5000"]);
  });
});
