import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isArrayFromCall } from "./is-array-from-call.js";

/**
 * getSpreadIterable returns the iterable an array is a snapshot of: `set` for `[...set]` and
 * `map.values()` for `Array.from(map.values())`, the whole literal for `[...a, ...b]`; undefined for
 * any other array. Such an array is as large as the iterable happens to be at run time.
 */
export function getSpreadIterable(array: TSESTree.Node): TSESTree.Node | undefined {
  if (array.type === AST_NODE_TYPES.ArrayExpression) {
    const [only] = array.elements;
    if (array.elements.length === 1 && only?.type === AST_NODE_TYPES.SpreadElement) return only.argument;
    return array.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? array : undefined;
  }
  if (!isArrayFromCall(array) || array.arguments.length !== 1) return undefined;
  const [source] = array.arguments;
  return source?.type === AST_NODE_TYPES.SpreadElement ? undefined : source;
}
