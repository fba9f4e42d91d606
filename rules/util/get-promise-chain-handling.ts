import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isRethrowingRejectionHandler } from "./is-rethrowing-rejection-handler.js";

/**
 * PromiseChainHandling is what a promise chain does with a rejection when its value is dropped:
 * - "handled": it ends in `.catch(h)` or `.then(f, h)` whose handler does not rethrow (or in
 *   `.finally(f)` after such a handler);
 * - "unhandledThen": it ends in `.then(f)` or `.finally(f)`, which pass the rejection on;
 * - "rethrowingCatch": its rejection handler throws or returns `Promise.reject(…)`;
 * - "unhandled": no chain method handles anything (a bare call, `.catch()` with no handler).
 */
export type PromiseChainHandling = "handled" | "unhandledThen" | "rethrowingCatch" | "unhandled";

/**
 * getPromiseChainHandling classifies, by syntax alone, the promise-valued expression `node` by the
 * last `.then`/`.catch`/`.finally` call it ends in. The caller has already established that `node`
 * is a thenable; this only reads the chain.
 */
export function getPromiseChainHandling(node: TSESTree.Node): PromiseChainHandling {
  const expression = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  if (expression.type !== AST_NODE_TYPES.CallExpression) return "unhandled";
  const callee = expression.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return "unhandled";
  }
  switch (callee.property.name) {
    case "catch":
      return handlingOf(expression.arguments[0], "unhandled");
    case "then":
      return handlingOf(expression.arguments[1], "unhandledThen");
    case "finally": {
      // `finally` passes on whatever the chain before it settled with.
      const before = getPromiseChainHandling(callee.object);
      return before === "unhandled" ? "unhandledThen" : before;
    }
    default:
      return "unhandled";
  }
}

function handlingOf(
  handler: TSESTree.CallExpressionArgument | undefined,
  withoutHandler: PromiseChainHandling,
): PromiseChainHandling {
  if (handler === undefined || isNullish(handler)) return withoutHandler;
  return isRethrowingRejectionHandler(handler) ? "rethrowingCatch" : "handled";
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null)
  );
}
