import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import { unionConstituents } from "ts-api-utils";
import ts from "typescript";

/**
 * isOptionPossiblyPassed tells whether an options argument may set one of `names`: an object
 * literal with such a key (whatever its value), a spread or a computed key whose value may carry
 * one, or an opaque expression (a variable, a call) whose type has such a property or is any or
 * unknown. Only a type that provably lacks every name (an object literal without them, a string,
 * a URL) answers false. The type checker is asked only for spreads and opaque expressions.
 */
export function isOptionPossiblyPassed(
  services: ParserServicesWithTypeInformation,
  argument: TSESTree.Node,
  names: readonly string[],
): boolean {
  if (argument.type === AST_NODE_TYPES.Literal || argument.type === AST_NODE_TYPES.TemplateLiteral) return false;
  if (argument.type === AST_NODE_TYPES.Identifier && argument.name === "undefined") return false;
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return typeMayHave(services, argument, names);
  return argument.properties.some((property) => {
    if (property.type === AST_NODE_TYPES.SpreadElement) return typeMayHave(services, property.argument, names);
    if (property.computed && property.key.type !== AST_NODE_TYPES.Literal) return true;
    const key = property.key;
    const name = key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal ? String(key.value) : undefined;
    return name !== undefined && names.includes(name);
  });
}

function typeMayHave(services: ParserServicesWithTypeInformation, node: TSESTree.Node, names: readonly string[]): boolean {
  const checker = services.program.getTypeChecker();
  const type = services.getTypeAtLocation(node);
  return unionConstituents(type).some((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return true;
    const apparent = checker.getApparentType(part);
    return names.some((name) => apparent.getProperty(name) !== undefined);
  });
}
