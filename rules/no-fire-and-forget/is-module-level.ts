import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";

/**
 * isModuleLevel tells whether `node` runs when its module is evaluated: it lies outside every
 * function and every class member initializer, as a script's `void main()` does (also inside a
 * top-level `if` or block). A rejection there ends the process while it starts, with the error's
 * stack trace, which is what an entry point usually wants.
 */
export function isModuleLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ASTUtils.isFunction(current) || current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) {
      return false;
    }
  }
  return true;
}
