import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { isThenableType, unionConstituents } from "ts-api-utils";
import ts from "typescript";

/**
 * isMaybePromise tells whether `node` is typed as a promise or a plain value (`void | Promise<void>`,
 * `boolean | Promise<boolean>`): a hook a user may write either way, or a method of a union of
 * clients of which only some return a promise. Whether a promise exists at run time, and so
 * whether anything can reject, depends on which one runs, which the types do not say. `undefined`
 * and `null` do not count: `client?.close()` gives a promise whenever it runs.
 */
export function isMaybePromise(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const checker = services.program.getTypeChecker();
  const parts = unionConstituents(checker.getTypeAtLocation(tsNode));
  const isThenablePart = (part: ts.Type) => isThenableType(checker, tsNode, part);
  const isPlainValue = (part: ts.Type) => !isThenablePart(part) && (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never)) === 0;
  return parts.some(isThenablePart) && parts.some(isPlainValue);
}
