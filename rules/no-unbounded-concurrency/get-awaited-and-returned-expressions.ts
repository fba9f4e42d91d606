import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** AwaitedAndReturnedExpressions are the expressions a function body or a loop waits on or hands back. */
export interface AwaitedAndReturnedExpressions {
  /** awaited are the operands of `await` (and the iterables of `for await`). */
  awaited: TSESTree.Node[];
  /** returned are the arguments of `return`, and the body of an expression-bodied arrow function. */
  returned: TSESTree.Node[];
}

/**
 * getAwaitedAndReturnedExpressions collects what `root` awaits and returns, without entering nested
 * functions: their awaits pause someone else. `root` may itself be a function (its own body is
 * walked) or any statement, such as a loop.
 */
export function getAwaitedAndReturnedExpressions(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): AwaitedAndReturnedExpressions {
  const found: AwaitedAndReturnedExpressions = { awaited: [], returned: [] };
  if (root.type === AST_NODE_TYPES.ArrowFunctionExpression && root.expression) found.returned.push(root.body);
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    if (node !== root && ASTUtils.isFunction(node)) continue;
    if (node.type === AST_NODE_TYPES.AwaitExpression) found.awaited.push(node.argument);
    else if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) found.awaited.push(node.right);
    else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.returned.push(node.argument);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const value of Array.isArray(child) ? child : [child]) {
        if (isNode(value)) pending.push(value);
      }
    }
  }
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
