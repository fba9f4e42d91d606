import {
  AST_NODE_TYPES,
  ASTUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from "@typescript-eslint/utils";
import ts from "typescript";
import { type RuntimeExport, runtimeModule } from "../util/runtime.js";

/** CorralRuntimeImport says how code at some place reaches an export of @corral/runtime. */
export interface CorralRuntimeImport {
  /** reference is the expression that names the export there: `map`, an alias, or `runtime.map`. */
  reference: string;
  /** fix adds or extends the import; absent when the export is already imported and in scope. */
  fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;
}

/**
 * getCorralRuntimeImport finds how `name` from @corral/runtime can be used at `at`: through an
 * existing import (also aliased, or a namespace import) that is not shadowed there; else by adding
 * `name` to an existing `import { … } from "@corral/runtime"`, or a new import after the last import
 * (or at the top of a module without one). Undefined when adding the binding could change what
 * another identifier means (a local or global `name` already exists) or the file is a script, where
 * an import would turn its top-level declarations from globals into module locals.
 */
export function getCorralRuntimeImport(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  name: RuntimeExport,
  at: TSESTree.Node,
): CorralRuntimeImport | undefined {
  const scope = sourceCode.getScope(at);
  const program = sourceCode.ast;
  const imports = program.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const runtimeImports = imports.filter((declaration) => declaration.source.value === runtimeModule && declaration.importKind !== "type");
  for (const specifier of runtimeImports.flatMap((declaration) => declaration.specifiers)) {
    const visible = ASTUtils.findVariable(scope, specifier.local.name)?.defs.some((definition) => definition.node === specifier);
    if (!visible) continue;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { reference: `${specifier.local.name}.${name}` };
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== "type" && importedName(specifier) === name) {
      return { reference: specifier.local.name };
    }
  }
  const taken = ASTUtils.findVariable(scope, name) !== null || sourceCode.scopeManager?.globalScope?.through.some((reference) => reference.identifier.name === name);
  if (taken) return undefined;
  const namedImport = runtimeImports.flatMap((declaration) => declaration.specifiers).findLast((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier);
  if (namedImport) return { reference: name, fix: (fixer) => fixer.insertTextAfter(namedImport, `, ${name}`) };
  if (!ts.isExternalModule(services.esTreeNodeToTSNodeMap.get(program))) return undefined;
  const quote = imports[0]?.source.raw.startsWith("'") ? "'" : '"';
  const statement = `import { ${name} } from ${quote}${runtimeModule}${quote};`;
  const lastImport = imports.at(-1);
  const first = program.body[0];
  if (lastImport) return { reference: name, fix: (fixer) => fixer.insertTextAfter(lastImport, `\n${statement}`) };
  return first ? { reference: name, fix: (fixer) => fixer.insertTextBefore(first, `${statement}\n`) } : undefined;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}
