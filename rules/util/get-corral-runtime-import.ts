import {
  AST_NODE_TYPES,
  ASTUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from "@typescript-eslint/utils";
import ts from "typescript";
import type { RuntimeImportNeed } from "./rewrite.js";
import { type RuntimeExport, runtimeModule } from "./runtime.js";
import { pathAliases, placeRuntimeImport } from "./runtime-import-placement.js";

/** CorralRuntimeImport says how code at some place reaches an export of @corral/runtime. */
export interface CorralRuntimeImport {
  /** name is the runtime export reached. */
  name: RuntimeExport;
  /** reference is the expression that names the export there: `map`, an alias, or `runtime.map`. */
  reference: string;
  /** import is the specifier to add, for the codemod, which merges a file's imports into one. */
  import?: RuntimeImportNeed;
  /** fix adds or extends the import; absent when the export is already imported and in scope. */
  fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

/** scriptReason is why no runtime export can be added to a file TypeScript does not treat as a module. */
export const scriptReason =
  "the file is a script to TypeScript (no import or export, and no `\"type\": \"module\"` or `moduleDetection: \"force\"` that makes it a module): importing from @corral/runtime would turn its top-level declarations into module locals";

/**
 * getCorralRuntimeImport finds how `name` from @corral/runtime can be used at `at`: through an
 * existing import (also aliased, or a namespace import) that is not shadowed there; else by adding
 * a specifier to the last `import { … } from "@corral/runtime"`, or a new import among the file's
 * package imports (placeRuntimeImport), or at the top. The local name is `name`, or `corralName`
 * (`corralName2`, …) when `name` already means something at `at` or anywhere in the file refers to
 * a global of that name, so the added binding never captures a reference. A string says why no
 * import can be added: the file is a script by TypeScript's own module detection, where an import
 * would change its top-level scope.
 */
export function getCorralRuntimeImport(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  name: RuntimeExport,
  at: TSESTree.Node,
): CorralRuntimeImport | string {
  const found = getCorralRuntimeImports(sourceCode, services, [{ name, at }]);
  return typeof found === "string" ? found : (found[0] as CorralRuntimeImport);
}

/**
 * getCorralRuntimeImports is getCorralRuntimeImport for several exports one rewrite uses, each at
 * its own site (`map` at the call it replaces, `timeoutSignal` inside its callback): the ones to add
 * share one fix, so a file without a runtime import gets a single `import { map, timeoutSignal } from
 * "@corral/runtime"`, not a declaration per export. The first export to add carries that fix; a
 * string says why none can be added.
 */
export function getCorralRuntimeImports(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  uses: readonly { name: RuntimeExport; at: TSESTree.Node }[],
): CorralRuntimeImport[] | string {
  const program = sourceCode.ast;
  const imports = program.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const runtimeImports = imports.filter((declaration) => declaration.source.value === runtimeModule && declaration.importKind !== "type");
  const found = uses.map(({ name, at }) => findExisting(sourceCode.getScope(at), runtimeImports, name) ?? { name, reference: "" });
  const missing = found.filter((entry) => entry.reference === "");
  if (missing.length === 0) return found;
  if (!ts.isExternalModule(services.esTreeNodeToTSNodeMap.get(program))) return scriptReason;
  const specifiers: string[] = [];
  for (const entry of missing) {
    const at = uses[found.indexOf(entry)]?.at ?? program;
    const local = freeName(sourceCode, sourceCode.getScope(at), entry.name);
    entry.reference = local;
    entry.import = { name: entry.name, local };
    specifiers.push(local === entry.name ? entry.name : `${entry.name} as ${local}`);
  }
  const fix = addSpecifiers(sourceCode, imports, runtimeImports, specifiers, pathAliases(services.program.getCompilerOptions().paths));
  if (typeof fix === "string") return fix;
  (missing[0] as CorralRuntimeImport).fix = fix;
  return found;
}

// The import of `name` through which code in `scope` reaches it (also aliased, or a namespace
// import), when one is not shadowed there.
function findExisting(scope: TSESLint.Scope.Scope, runtimeImports: readonly TSESTree.ImportDeclaration[], name: RuntimeExport): CorralRuntimeImport | undefined {
  for (const specifier of runtimeImports.flatMap((declaration) => declaration.specifiers)) {
    const visible = ASTUtils.findVariable(scope, specifier.local.name)?.defs.some((definition) => definition.node === specifier);
    if (!visible) continue;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { name, reference: `${specifier.local.name}.${name}` };
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== "type" && importedName(specifier) === name) {
      return { name, reference: specifier.local.name };
    }
  }
  return undefined;
}

// The fix that adds `specifiers`: to the last `import { … } from "@corral/runtime"`, else in a new
// declaration among the package imports (placeRuntimeImport; the tsconfig's path `aliases` are not
// packages), else before the first statement.
function addSpecifiers(
  sourceCode: TSESLint.SourceCode,
  imports: readonly TSESTree.ImportDeclaration[],
  runtimeImports: readonly TSESTree.ImportDeclaration[],
  specifiers: readonly string[],
  aliases: readonly string[],
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | string {
  const list = specifiers.join(", ");
  const namedImport = runtimeImports.flatMap((declaration) => declaration.specifiers).findLast((candidate) => candidate.type === AST_NODE_TYPES.ImportSpecifier);
  if (namedImport) return (fixer) => fixer.insertTextAfter(namedImport, `, ${list}`);
  const quote = imports[0]?.source.raw.startsWith("'") ? "'" : '"';
  const statement = `import { ${list} } from ${quote}${runtimeModule}${quote};`;
  const placement = placeRuntimeImport(sourceCode.text, imports.map((declaration) => ({ specifier: declaration.source.value, start: declaration.range[0], end: declaration.range[1] })), aliases);
  const first = sourceCode.ast.body[0];
  if (placement) return (fixer) => fixer.insertTextAfterRange([placement.at, placement.at], placement.text(statement));
  if (!first) return "the file has no statement to put the runtime import before";
  return (fixer) => fixer.insertTextBefore(first, `${statement}\n`);
}

// A name is free when nothing visible at the site declares it, no module-level declaration or
// global reference anywhere uses it (a module-level import would capture those).
function freeName(sourceCode: TSESLint.SourceCode, scope: TSESLint.Scope.Scope, name: string): string {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const moduleScope = globalScope?.childScopes.find((child) => child.type === "module");
  const isTaken = (candidate: string) =>
    ASTUtils.findVariable(scope, candidate) !== null ||
    moduleScope?.set.has(candidate) === true ||
    globalScope?.through.some((reference) => reference.identifier.name === candidate) === true;
  const capitalized = `corral${name[0]?.toUpperCase()}${name.slice(1)}`;
  for (let suffix = 0; ; suffix++) {
    const candidate = suffix === 0 ? name : suffix === 1 ? capitalized : `${capitalized}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}
