import { isBuiltin } from "node:module";
import { runtimeModule } from "./runtime.js";

/** ImportSite is an import declaration as the rules (ESTree) and the codemod (jscodeshift) both see it. */
export interface ImportSite {
  /** specifier is the module the declaration imports from. */
  readonly specifier: string;
  readonly start: number;
  readonly end: number;
}

/**
 * RuntimeImportPlacement says where a new runtime import goes: the offset to insert at, and the text
 * to insert there for a `statement` (on a line of its own after or before an existing import).
 */
export interface RuntimeImportPlacement {
  readonly at: number;
  text(statement: string): string;
}

/**
 * placeRuntimeImport chooses where a new `import … from "@corral/runtime"` goes among a file's
 * `imports` (in source order): with the file's package imports, where a person would put it and where
 * lint rules such as import/order and formatters that organise imports keep packages, not after the
 * relative imports. Imports set off by blank lines form groups; the last group with a package import
 * gets it, at its alphabetical place when that group's package imports are sorted (never before one
 * of Node's own modules), else after the last of them. A file with only relative imports gets it before the first one.
 * `aliases` are the project's path aliases (tsconfig `paths` patterns such as `@server/*` that map
 * into the project): an import through one is the project's own code, however much it looks like a
 * package, as are subpath imports (`#db`).
 */
export function placeRuntimeImport(source: string, imports: readonly ImportSite[], aliases: readonly string[] = []): RuntimeImportPlacement | undefined {
  const first = imports[0];
  if (!first) return undefined;
  const isPackage = packageTest(aliases);
  const packages = lastPackageGroup(source, imports, isPackage);
  if (packages.length === 0) return before(first);
  const key = (site: ImportSite) => site.specifier.toLowerCase();
  const sorted = packages.every((site, index) => index === 0 || key(packages[index - 1]!) <= key(site));
  // Node's own modules come first wherever imports are grouped (import/order's "builtin"), so the
  // runtime never goes before one.
  const next = sorted ? packages.find((site) => !isBuiltin(site.specifier) && key(site) > runtimeModule.toLowerCase()) : undefined;
  return next ? before(next) : after(packages.at(-1)!);
}

function before(site: ImportSite): RuntimeImportPlacement {
  return { at: site.start, text: (statement) => `${statement}\n` };
}

function after(site: ImportSite): RuntimeImportPlacement {
  return { at: site.end, text: (statement) => `\n${statement}` };
}

// A relative or absolute path, a subpath import (`#db`) or a path alias is the project's own file;
// anything else (`react`, `@nestjs/core`) is a package.
function packageTest(aliases: readonly string[]): (site: ImportSite) => boolean {
  const patterns = aliases.map((alias) => new RegExp(`^${alias.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`));
  return (site) => !/^(?:\.{1,2}(?:\/|$)|\/|#)/.test(site.specifier) && !patterns.some((pattern) => pattern.test(site.specifier));
}

/**
 * pathAliases returns the `paths` patterns of compiler options that map into the project (`@server/*`
 * to `./server/*`), leaving out those that point a package name at its own files in node_modules.
 */
export function pathAliases(paths: Readonly<Record<string, readonly string[]>> | undefined): string[] {
  return Object.entries(paths ?? {})
    .filter(([, targets]) => targets.some((target) => !/(?:^|[/\\])node_modules[/\\]/.test(target)))
    .map(([pattern]) => pattern);
}

function lastPackageGroup(source: string, imports: readonly ImportSite[], isPackage: (site: ImportSite) => boolean): ImportSite[] {
  const groups: ImportSite[][] = [];
  imports.forEach((site, index) => {
    const previous = imports[index - 1];
    if (!previous || /\n[ \t]*\r?\n/.test(source.slice(previous.end, site.start))) groups.push([]);
    groups.at(-1)!.push(site);
  });
  for (const group of groups.reverse()) {
    const packages = group.filter(isPackage);
    if (packages.length > 0) return packages;
  }
  return [];
}
