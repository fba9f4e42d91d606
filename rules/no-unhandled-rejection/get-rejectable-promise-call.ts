import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";
import { getPromiseChainHandling } from "../util/get-promise-chain-handling.js";
import { getPromiseCombinatorName } from "../util/get-promise-combinator-name.js";

const wrapperTypes: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

/**
 * getRejectablePromiseCall returns the call or `new` expression that `expression` is (also through
 * `as`, `!`, `satisfies` and `?.`) when its result may be a promise that can reject, and undefined
 * otherwise. Purely syntactic: it is the pre-check that decides which initializers are worth a type
 * query. Shapes that settle without rejecting are left out: a chain ending in `.catch(handler)` or
 * `.then(onFulfilled, onRejected)` whose handler does not rethrow, `Promise.allSettled(…)`, and `new Promise(executor)` whose
 * executor declares no `reject` parameter.
 */
export function getRejectablePromiseCall(
  expression: TSESTree.Expression,
): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let node: TSESTree.Node = expression;
  while (wrapperTypes.has(node.type)) node = (node as { expression: TSESTree.Node }).expression;
  if (node.type === AST_NODE_TYPES.NewExpression) return isResolveOnlyPromise(node) ? undefined : node;
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (getPromiseChainHandling(node) === "handled") return undefined;
  return getCalleeName(node) === "allSettled" && getPromiseCombinatorName(node) === "allSettled" ? undefined : node;
}

function isResolveOnlyPromise(node: TSESTree.NewExpression): boolean {
  const executor = node.arguments[0];
  return (
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === "Promise" &&
    (executor?.type === AST_NODE_TYPES.ArrowFunctionExpression || executor?.type === AST_NODE_TYPES.FunctionExpression) &&
    executor.params.length < 2 &&
    executor.params.every((parameter) => parameter.type !== AST_NODE_TYPES.RestElement)
  );
}
