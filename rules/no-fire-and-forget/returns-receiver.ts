import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/**
 * returnsReceiver tells whether `call` is a builder step: a method whose return type is its
 * receiver's own `this` (declared `: this`, or inferred from `return this`), called on an object
 * the code already holds (`this`, a variable or a property, not a new object). Dropping its result
 * drops nothing new: where the receiver is thenable (a request object that extends Promise), whoever
 * holds it awaits it, and the next line usually returns it.
 */
export function returnsReceiver(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isHeldObject(callee.object)) return false;
  const checker = services.program.getTypeChecker();
  const declaration = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call))?.getDeclaration();
  if (!declaration || ts.isJSDocSignature(declaration)) return false;
  if (declaration.type?.kind === ts.SyntaxKind.ThisType) return true;
  const returned = checker.getSignatureFromDeclaration(declaration)?.getReturnType();
  return returned !== undefined && (returned.flags & ts.TypeFlags.TypeParameter) !== 0 && (returned as ts.TypeParameter & { isThisType?: boolean }).isThisType === true;
}

// An object the code holds, which outlives this statement: not one created by it.
function isHeldObject(node: TSESTree.Expression): boolean {
  if (node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && isHeldObject(node.object);
}
