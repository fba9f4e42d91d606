import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import { getPromiseChainHandling } from "../util/get-promise-chain-handling.js";
import { isArrayOfThenables } from "../util/is-array-of-thenables.js";
import { isThenable } from "../util/is-thenable.js";

/**
 * DroppedPromiseKind names how a dropped expression loses a rejection: a plain promise, an async
 * IIFE, an array of promises, a chain ending in `.then(f)`/`.finally(f)`, or a chain whose rejection
 * handler rethrows.
 */
export type DroppedPromiseKind = "droppedPromise" | "droppedAsyncIife" | "droppedPromiseArray" | "unhandledThen" | "rethrowingCatch";

/**
 * getDroppedPromiseKind tells what dropping the value of `expression` loses, or undefined when it
 * loses no rejection (not a thenable, or a chain that handles it). An async IIFE is known by syntax;
 * everything else costs one type query, two for an array.
 */
export function getDroppedPromiseKind(
  services: ParserServicesWithTypeInformation,
  expression: TSESTree.Expression,
): DroppedPromiseKind | undefined {
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : undefined;
  if ((callee?.type === AST_NODE_TYPES.ArrowFunctionExpression || callee?.type === AST_NODE_TYPES.FunctionExpression) && callee.async) {
    return "droppedAsyncIife";
  }
  if (isThenable(services, expression)) {
    const handling = getPromiseChainHandling(expression);
    return handling === "handled" ? undefined : handling === "unhandled" ? "droppedPromise" : handling;
  }
  return isArrayOfThenables(services, expression) ? "droppedPromiseArray" : undefined;
}
