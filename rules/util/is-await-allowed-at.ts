import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * isAwaitAllowedAt tells whether an `await` may be written at `node`: its nearest enclosing function
 * is async. Top-level await is not offered, since whether a file is an ES module depends on build
 * settings a rule cannot see; class field initializers and static blocks never allow it.
 */
export function isAwaitAllowedAt(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return current.async;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
      case AST_NODE_TYPES.StaticBlock:
        return false;
      default:
        break;
    }
  }
  return false;
}
