import { dirname } from "node:path";
import ts from "typescript";
import { perProgram } from "./analysis-engine.js";

/**
 * importsDeclaredModule tells whether `call` is an `import("…")` that loads on a correct install,
 * so its promise rejects only as synchronous code throws (a module's top level), which the rules
 * trust not to: a Node built-in, a file of the project that the program resolves, or a package the
 * importing file's nearest package.json lists under `dependencies` that the program resolves too.
 * A package that is optional (`optionalDependencies`, a peer, one only under `devDependencies`) or
 * not declared may be missing where the code runs, which is why code imports it lazily: that
 * `import()` may reject. Without a file system to read package.json (the browser), a package is
 * taken as undeclared.
 */
export function importsDeclaredModule(program: ts.Program, call: ts.CallExpression): boolean {
  if (call.expression.kind !== ts.SyntaxKind.ImportKeyword) return false;
  const [specifier] = call.arguments;
  if (!specifier || !ts.isStringLiteralLike(specifier)) return false;
  const name = specifier.text;
  if (name.startsWith("node:")) return true;
  if (program.getTypeChecker().getSymbolAtLocation(specifier) === undefined) return false;
  if (name.startsWith(".") || name.startsWith("/")) return true;
  const packageName = (name.startsWith("@") ? name.split("/").slice(0, 2) : name.split("/").slice(0, 1)).join("/");
  return declaredDependencies(manifestsOf(program), dirname(call.getSourceFile().fileName))?.has(packageName) ?? false;
}

// The `dependencies` of the package.json nearest to a folder, by folder; undefined when none is
// read. Kept as long as the program, so an editor sees a dependency added since.
const manifestsOf = perProgram((): Map<string, ReadonlySet<string> | undefined> => new Map());

function declaredDependencies(dependenciesByFolder: Map<string, ReadonlySet<string> | undefined>, folder: string): ReadonlySet<string> | undefined {
  if (dependenciesByFolder.has(folder)) return dependenciesByFolder.get(folder);
  const sys = ts.sys as ts.System | undefined;
  let found: ReadonlySet<string> | undefined;
  const manifest = `${folder}/package.json`;
  if (sys?.fileExists(manifest)) found = readDependencies(sys.readFile(manifest));
  else if (sys && dirname(folder) !== folder) found = declaredDependencies(dependenciesByFolder, dirname(folder));
  dependenciesByFolder.set(folder, found);
  return found;
}

function readDependencies(text: string | undefined): ReadonlySet<string> | undefined {
  try {
    const { dependencies, optionalDependencies } = JSON.parse(text ?? "") as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    // npm also installs an optional dependency listed under both, and lets its install fail.
    return new Set(Object.keys(dependencies ?? {}).filter((name) => !(name in (optionalDependencies ?? {}))));
  } catch {
    return undefined;
  }
}
