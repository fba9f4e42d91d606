// `node scripts/dual-package.mjs <package folder>…`: gives a workspace package that `tsc -b` built as
// ESM (its tsconfig.json, into dist/) a CommonJS build for Node, so `require()` loads it on every
// Node the package supports (require of an ES module needs Node 20.19 or 22.12), with declarations
// for both. Any package built this way (@corral/runtime, @corral/redis) reuses this script.
//
// The dual-package hazard is avoided by giving each host exactly one implementation:
//   - in Node (and Bun and Deno, which also match the "node" condition) `require` and `import` both
//     reach the CommonJS build: dist/node.mjs is an ES module that re-exports it, so `instanceof`
//     and module state (the runtime's defaultSupervisor) are the same objects for both;
//   - everywhere else (browsers, bundlers targeting them) the ESM build in dist/ is the only copy.
// A second copy of the code is built, but no program loads both.
//
// Output, beside tsc's ESM build in dist/:
//   dist/cjs/*.js, *.d.ts   the CommonJS build and its declarations (dist/cjs/package.json says
//                           "type": "commonjs", so TypeScript's node16 reads them as CommonJS)
//   dist/node.mjs           export const { a, b, … } = <the CommonJS build>, names from the checker
//   dist/node.d.mts         export * from "./cjs/index.js"
// The package.json must route to them; the script checks that it does and says what to write if not.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

/** expectedExports is the `exports["."]` every dual package has. */
export const expectedExports = {
  node: {
    import: { types: "./dist/node.d.mts", default: "./dist/node.mjs" },
    require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" },
  },
  types: "./dist/index.d.ts",
  default: "./dist/index.js",
};

function fail(message) {
  throw new Error(`dual-package: ${message}`);
}

function formatDiagnostics(diagnostics) {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" });
}

// The package's own compiler options with CommonJS output: everything else (target, lib, strictness)
// stays what the ESM build uses, so both builds are the same program but for the module format.
function commonJsOptions(folder, dist) {
  const configFile = join(folder, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail(formatDiagnostics([diagnostic])) });
  if (!parsed) fail(`${configFile} could not be read`);
  if (parsed.errors.length > 0) fail(formatDiagnostics(parsed.errors));
  const options = {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    // verbatimModuleSyntax forbids `import` syntax in a CommonJS file; the ESM build keeps it.
    verbatimModuleSyntax: false,
    outDir: join(dist, "cjs"),
    declaration: true,
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    noEmit: false,
  };
  return { fileNames: parsed.fileNames, options };
}

// The value exports of the entry point, as the checker sees them (types are left to the .d.mts):
// reading them from the source, not by loading the build, keeps a package's dependencies unloaded.
function valueExportNames(program, entry) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) fail(`${entry} is not a module`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .filter((name) => name !== "default")
    .sort();
}

function checkManifest(folder) {
  const manifestFile = join(folder, "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  const problems = [];
  if (JSON.stringify(manifest.exports?.["."]) !== JSON.stringify(expectedExports)) problems.push(`"exports": { ".": ${JSON.stringify(expectedExports)} }`);
  if (manifest.main !== expectedExports.node.require.default) problems.push(`"main": "${expectedExports.node.require.default}"`);
  if (manifest.types !== expectedExports.node.require.types) problems.push(`"types": "${expectedExports.node.require.types}"`);
  if (problems.length > 0) fail(`${manifestFile} does not route to the dual build; it needs ${problems.join(", ")}`);
}

/**
 * buildDualPackage writes the CommonJS build and the Node ESM entry of the package in `folder`
 * beside its ESM build in `dist` (default: the package's dist/; a test that compiles the package
 * elsewhere passes its own).
 */
export function buildDualPackage(folder, dist = join(folder, "dist")) {
  checkManifest(folder);
  const entry = join(folder, "index.ts");
  const { fileNames, options } = commonJsOptions(folder, dist);
  if (!fileNames.includes(entry)) fail(`${relative(process.cwd(), entry)} is not in ${join(folder, "tsconfig.json")}`);
  const outDir = join(dist, "cjs");
  rmSync(outDir, { recursive: true, force: true });
  const program = ts.createProgram(fileNames, options);
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) fail(`the CommonJS build of ${folder} failed:\n${formatDiagnostics(diagnostics)}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
  const names = valueExportNames(program, entry);
  const header = "// Generated by scripts/dual-package.mjs: Node's `import` gets the CommonJS build that `require` gets,\n// so both share one copy of every class and of the module's state.\n";
  writeFileSync(join(dist, "node.mjs"), `${header}import implementation from "./cjs/index.js";\n\nexport const {\n${names.map((name) => `  ${name},`).join("\n")}\n} = implementation;\n`);
  writeFileSync(join(dist, "node.d.mts"), `${header}export * from "./cjs/index.js";\n`);
  return names;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folders = process.argv.slice(2);
  if (folders.length === 0) fail("usage: node scripts/dual-package.mjs <package folder>…");
  for (const folder of folders) {
    const names = buildDualPackage(resolve(folder));
    console.log(`dual-package: ${folder}: CommonJS build in dist/cjs, ${names.length} exports in dist/node.mjs`);
  }
}
