import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { unionConstituents } from "ts-api-utils";

/**
 * isVariableLengthArray tells whether `node`'s type is an `Array` or `ReadonlyArray` (or a union of
 * them, `null` and `undefined` aside), never a tuple: its length is only known at run time. A type
 * parameter counts by its constraint; any other type, `any` included, does not count.
 */
export function isVariableLengthArray(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  const type = checker.getNonNullableType(services.getTypeAtLocation(node));
  const constituents = unionConstituents(checker.getBaseConstraintOfType(type) ?? type);
  return (
    constituents.length > 0 &&
    constituents.every((constituent) => checker.isArrayType(constituent) && !checker.isTupleType(constituent))
  );
}
