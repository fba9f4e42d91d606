import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";

/**
 * isAllowListedCall tells whether `call`'s callee matches an entry of a rule's `allowList`: an entry
 * without a dot matches the function or method name (`track` matches `track()` and
 * `analytics.track()`); an entry with dots matches the whole static path (`logger.flush` matches
 * `logger.flush()` and `this.logger.flush()`, not `cache.flush()`).
 */
export function isAllowListedCall(call: TSESTree.CallExpression | TSESTree.NewExpression, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return false;
  const name = getCalleeName(call);
  if (name === undefined) return false;
  const path = staticPath(call.callee);
  return allowList.some((entry) =>
    entry.includes(".") ? path !== undefined && (path === entry || path.endsWith(`.${entry}`)) : entry === name,
  );
}

function staticPath(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ThisExpression:
      return "this";
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return staticPath(node.expression);
    case AST_NODE_TYPES.MemberExpression: {
      const object = staticPath(node.object);
      if (object === undefined || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      return `${object}.${node.property.name}`;
    }
    default:
      return undefined;
  }
}
