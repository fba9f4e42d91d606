import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { isThenableType, unionConstituents } from "ts-api-utils";
import type ts from "typescript";

/**
 * isArrayOfThenables tells whether `node`'s type is an array or tuple (readonly or not, or a union
 * of them) with a thenable element, such as the `Promise<T>[]` of `items.map(async …)`: dropping it
 * drops every promise in it.
 */
export function isArrayOfThenables(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const checker = services.program.getTypeChecker();
  return unionConstituents(checker.getTypeAtLocation(tsNode)).some(
    (part) =>
      (checker.isArrayType(part) || checker.isTupleType(part)) &&
      checker.getTypeArguments(part as ts.TypeReference).some((element) => isThenableType(checker, tsNode, element)),
  );
}
