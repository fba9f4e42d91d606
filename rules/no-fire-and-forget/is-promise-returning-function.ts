import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import { isThenableType } from "ts-api-utils";

// Concise bodies that cannot evaluate to a promise; the checker is not asked about them.
const valueBodies = new Set<string>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.JSXElement,
  AST_NODE_TYPES.JSXFragment,
]);

/**
 * isPromiseReturningFunction tells whether calling `node` gives a promise (or another thenable):
 * an async function by syntax alone; a generator (async or not) never; any other inline function or function
 * reference (`refresh`, `this.save.bind(this)`) by the return type of its call signatures.
 */
export function isPromiseReturningFunction(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) {
    if (node.generator) return false;
    if (node.async) return true;
    if (valueBodies.has(node.body.type)) return false;
  }
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const checker = services.program.getTypeChecker();
  return checker
    .getTypeAtLocation(tsNode)
    .getCallSignatures()
    .some((signature) => isThenableType(checker, tsNode, signature.getReturnType()));
}
