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
 */
export function placeRuntimeImport(source: string, imports: readonly ImportSite[]): RuntimeImportPlacement | undefined {
  const first = imports[0];
  if (!first) return undefined;
  const packages = lastPackageGroup(source, imports);
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

// A relative or absolute path is the project's own file; anything else (`react`, `@nestjs/core`, a
// path alias the code base set up to look like one) is placed among the packages.
function isPackage(site: ImportSite): boolean {
  return !/^(?:\.{1,2}(?:\/|$)|\/)/.test(site.specifier);
}

function lastPackageGroup(source: string, imports: readonly ImportSite[]): ImportSite[] {
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
