// The virtual project the playground's worker type-checks in (site/build.mjs typings()): the same
// compiler options as the project the docs tests judge the rule pages' examples in, and declarations
// that lost only their comments.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { typings, withoutComments } from "../../site/build.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readJson = (path: string): { compilerOptions: Record<string, unknown> } => JSON.parse(readFileSync(`${root}${path}`, "utf8")) as { compilerOptions: Record<string, unknown> };

describe("the playground's virtual project", () => {
  const files = typings();

  it("has the compiler options of the docs tests' fixture project, the runtime installed rather than mapped to its sources", () => {
    const { paths: _paths, jsx: _jsx, ...fixture } = readJson("tests/rules/fixtures/node/tsconfig.json").compilerOptions;
    expect(readJson("site/src/playground-tsconfig.json").compilerOptions).toEqual(fixture);
  });

  it("holds @corral/runtime's declarations where `import … from \"@corral/runtime\"` finds them", () => {
    // /file.ts is an ES module (the virtual package.json says "type": "module"): under NodeNext it gets
    // the `node` → `import` declarations of the dual package, which re-export the CommonJS build's.
    const manifest = JSON.parse(files["/node_modules/@corral/runtime/package.json"] ?? "{}") as { exports: { ".": { node: { import: { types: string } } } } };
    const entry = `/node_modules/@corral/runtime/${manifest.exports["."].node.import.types.replace(/^\.\//, "")}`;
    expect(files[entry]).toContain('export * from "./cjs/index.js"');
    expect(files["/node_modules/@corral/runtime/dist/cjs/index.d.ts"]).toContain("export");
    const options = ts.convertCompilerOptionsFromJson(readJson("site/src/playground-tsconfig.json").compilerOptions, "/").options;
    const host: ts.ModuleResolutionHost = { fileExists: (name) => name in files, readFile: (name) => files[name], directoryExists: (name) => Object.keys(files).some((path) => path.startsWith(`${name}/`)) };
    expect(ts.resolveModuleName("@corral/runtime", "/file.ts", options, host, undefined, undefined, ts.ModuleKind.ESNext).resolvedModule?.resolvedFileName).toBe(entry);
  });

  it("holds every lib file that a file of it references", () => {
    const referenced = Object.values(files).flatMap((text) => [...text.matchAll(/^\/\/\/ <reference lib="([^"]+)" \/>/gm)].map((match) => `/lib.${match[1]!.toLowerCase()}.d.ts`));
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((path) => !(path in files))).toEqual([]);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["/lib.es5.d.ts", "/lib.es2023.d.ts", "/lib.esnext.disposable.d.ts", "/node_modules/@types/node/index.d.ts"]));
  });

  it("parses every declaration file without a syntax error", () => {
    const broken = Object.entries(files)
      .filter(([path]) => path.endsWith(".d.ts"))
      .filter(([path, text]) => (ts.createSourceFile(path, text, ts.ScriptTarget.Latest) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0)
      .map(([path]) => path);
    expect(broken).toEqual([]);
  });
});

describe("withoutComments", () => {
  it("removes comments and keeps directives, strings and template types that look like them", () => {
    const text = [
      '/// <reference lib="es2020" />',
      "/** A documented interface. */",
      "interface A {",
      "  // a line comment",
      '  url: "http://example.com/*not a comment*/";',
      "  glob: `/*${string}*/`;",
      "  /* trailing */",
      "}",
      "declare const b: number; // after",
    ].join("\n");
    const stripped = withoutComments("a.d.ts", text);
    expect(stripped).toContain('/// <reference lib="es2020" />');
    expect(stripped).toContain('"http://example.com/*not a comment*/"');
    expect(stripped).toContain("`/*${string}*/`");
    expect(stripped).not.toMatch(/documented|a line comment|trailing|after/);
  });

  it("leaves what the type checker sees unchanged: the same declarations, with the same types", () => {
    const text = readFileSync(`${root}node_modules/@types/node/events.d.ts`, "utf8");
    const declarations = (source: string) => {
      const file = ts.createSourceFile("events.d.ts", source, ts.ScriptTarget.Latest);
      const printer = ts.createPrinter({ removeComments: true });
      return printer.printFile(file);
    };
    expect(declarations(withoutComments("events.d.ts", text))).toBe(declarations(text));
  });
});
