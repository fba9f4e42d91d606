import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { getCalleeName } from "../util/get-callee-name.js";
import { isRuntimeDeclaration } from "../util/is-runtime-declaration.js";
import { runtimeOwnerNames } from "../util/runtime.js";

/**
 * isCorralOwnerCall tells whether `call` hands work to an owner from @corral/runtime: `go(…)`,
 * `group.go(…)`, `supervisor.go(…)`, `tryGo`, `map`/`mapSettled`, `pool.submit`. Where the type
 * checker knows the callee's declaration, it decides by that declaration's file lying in the
 * folder @corral/runtime resolves to, so a local function named `go` is not an owner; where it
 * does not (an unresolved import, an untyped receiver), it decides by name.
 */
export function isCorralOwnerCall(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const name = getCalleeName(call);
  if (name === undefined || !runtimeOwnerNames.has(name) || call.type !== AST_NODE_TYPES.CallExpression) return false;
  const checker = services.program.getTypeChecker();
  const calleeNode = services.esTreeNodeToTSNodeMap.get(call.callee);
  const nameNode = ts.isPropertyAccessExpression(calleeNode)
    ? calleeNode.name
    : ts.isElementAccessExpression(calleeNode)
      ? calleeNode.argumentExpression
      : calleeNode;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length === 0) return true;
  const importingFile = calleeNode.getSourceFile().fileName;
  return declarations.some((declaration) => isRuntimeDeclaration(services.program, declaration, importingFile));
}
