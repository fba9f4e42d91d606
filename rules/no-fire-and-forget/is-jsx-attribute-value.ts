import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

// Parents through which an expression still lands in the same slot (`onClick={ok ? f : undefined}`).
const branchParents = new Set<string>([
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

/**
 * isJsxAttributeValue tells whether `node` is the value of a JSX attribute (`onClick={node}`),
 * directly or as a branch of a `?:`, `&&`/`||`/`??` or type assertion there.
 */
export function isJsxAttributeValue(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent && branchParents.has(current.parent.type)) current = current.parent;
  return current.parent?.type === AST_NODE_TYPES.JSXExpressionContainer && current.parent.parent.type === AST_NODE_TYPES.JSXAttribute;
}
