import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "./get-callee-name.js";

/** PromiseCombinatorName is a static method of `Promise` that waits on a collection of promises. */
export type PromiseCombinatorName = "all" | "allSettled" | "any" | "race";

const combinatorNames: ReadonlySet<string> = new Set<PromiseCombinatorName>(["all", "allSettled", "any", "race"]);

/**
 * getPromiseCombinatorName returns "all", "allSettled", "any" or "race" for a call of that method on
 * `Promise` or `globalThis.Promise` (also through `?.`, `!` and `["all"]`), undefined for any other
 * call. Purely syntactic, so a rule can skip every other call before asking the type checker.
 */
export function getPromiseCombinatorName(call: TSESTree.CallExpression): PromiseCombinatorName | undefined {
  const name = getCalleeName(call);
  if (name === undefined || !combinatorNames.has(name)) return undefined;
  let callee: TSESTree.Node = call.callee;
  while (callee.type === AST_NODE_TYPES.TSNonNullExpression || callee.type === AST_NODE_TYPES.ChainExpression) {
    callee = callee.expression;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return isPromiseConstructor(callee.object) ? (name as PromiseCombinatorName) : undefined;
}

function isPromiseConstructor(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === "Promise";
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === "globalThis" &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === "Promise"
  );
}
