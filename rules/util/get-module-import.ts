import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** ModuleImport says where an identifier was imported from: `imported` is a name, "default" or "*". */
export interface ModuleImport {
  /** module is the specifier without a `node:` prefix, so `node:http` and `http` compare equal. */
  module: string;
  /** imported is the exported name (`request` even for `import { request as send }`), "default" or "*". */
  imported: string;
}

/**
 * getModuleImport resolves `identifier` through the scopes to an ES import or an
 * `import x = require("…")` declaration, and returns the module and name it binds; undefined for
 * anything declared in the file or not declared at all. Rules use it to recognise a module's API
 * by import rather than by name alone, so a local `get()` is never taken for `http.get`.
 */
export function getModuleImport(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): ModuleImport | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (definition?.type !== "ImportBinding") return undefined;
  const declaration = definition.node;
  if (declaration.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const reference = declaration.moduleReference;
    if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
    return { module: withoutNodePrefix(reference.expression.value), imported: "*" };
  }
  const source = definition.parent;
  if (source.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const module = withoutNodePrefix(source.source.value);
  if (declaration.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { module, imported: "*" };
  if (declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module, imported: "default" };
  const imported = declaration.imported;
  return { module, imported: imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value };
}

function withoutNodePrefix(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice("node:".length) : specifier;
}
