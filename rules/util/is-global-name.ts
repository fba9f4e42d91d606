import { ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/**
 * isGlobalName tells whether `name`, read at `at`, is the global of that name (`Promise`,
 * `fetch`): no binding the file declares or imports shadows it there. Lib globals have a variable
 * without definitions, and a global that no lib declares has none at all.
 */
export function isGlobalName(sourceCode: TSESLint.SourceCode, at: TSESTree.Node, name: string): boolean {
  return (ASTUtils.findVariable(sourceCode.getScope(at), name)?.defs.length ?? 0) === 0;
}
