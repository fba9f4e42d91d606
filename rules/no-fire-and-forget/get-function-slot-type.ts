import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/**
 * getFunctionSlotType returns the type a function expression or function reference `node` is
 * expected to have where it stands: the parameter it is passed to, the property, variable or
 * return type it is assigned to (TypeScript's contextual type). An object literal method
 * (`{ async run() {} }`) has no contextual type of its own in the checker's public API, so its
 * slot is read as the property of the same name on the object literal's contextual type.
 */
export function getFunctionSlotType(services: ParserServicesWithTypeInformation, node: TSESTree.Node): ts.Type | undefined {
  const checker = services.program.getTypeChecker();
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  if (!ts.isMethodDeclaration(tsNode)) return ts.isExpression(tsNode) ? checker.getContextualType(tsNode) : undefined;
  const name = tsNode.name;
  if (!ts.isObjectLiteralExpression(tsNode.parent) || !(ts.isIdentifier(name) || ts.isLiteralExpression(name))) return undefined;
  const objectType = checker.getContextualType(tsNode.parent);
  const property = objectType && checker.getNonNullableType(objectType).getProperty(name.text);
  return property ? checker.getTypeOfSymbol(property) : undefined;
}
