import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { isThenableType } from "ts-api-utils";

/**
 * isThenable tells whether `node`'s type is a Promise or any other thenable (an object whose `then`
 * takes callbacks), or a union that contains one: those are the values whose rejection can escape.
 */
export function isThenable(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const checker = services.program.getTypeChecker();
  return isThenableType(checker, tsNode, checker.getTypeAtLocation(tsNode));
}
