import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * isArrayFromCall tells whether `node` is a call of `Array.from` (also `Array?.from`, `Array["from"]`):
 * a copy of an iterable or array-like, mapped when a second argument is given. Purely syntactic.
 */
export function isArrayFromCall(node: TSESTree.Node): node is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const { object, property, computed } = node.callee;
  const isFrom = computed
    ? property.type === AST_NODE_TYPES.Literal && property.value === "from"
    : property.type === AST_NODE_TYPES.Identifier && property.name === "from";
  return isFrom && object.type === AST_NODE_TYPES.Identifier && object.name === "Array";
}
