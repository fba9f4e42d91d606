import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * getWaitedCollection returns the collection a `Promise.all`-style argument waits on, seen through type
 * assertions, `?.` chains, `!` and an empty-array fallback: the `xs?.map(fn)` call of
 * `(xs?.map(fn) ?? []) as Promise<T>[]`.
 */
export function getWaitedCollection(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (
      current.type === AST_NODE_TYPES.ChainExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.type === AST_NODE_TYPES.TSAsExpression
    ) {
      current = current.expression;
    } else if (isEmptyArrayFallback(current)) {
      current = current.left;
    } else {
      return current;
    }
  }
}

function isEmptyArrayFallback(node: TSESTree.Node): node is TSESTree.LogicalExpression {
  return (
    node.type === AST_NODE_TYPES.LogicalExpression &&
    node.operator !== "&&" &&
    node.right.type === AST_NODE_TYPES.ArrayExpression &&
    node.right.elements.length === 0
  );
}
