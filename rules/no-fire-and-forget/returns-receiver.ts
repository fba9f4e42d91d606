import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/**
 * returnsReceiver tells whether `call` is a builder step: a method whose return type is its
 * receiver's own `this` (declared `: this`, or inferred from `return this`), or, as declaration
 * files of JavaScript libraries write it, exactly the receiver's own type (fastify's
 * `header(…): FastifyReply<…>` on a `FastifyReply<…>`), called on an object the code already holds
 * (`this`, a variable or a property, not a new object). Dropping its result drops nothing new:
 * where the receiver is thenable (a reply or request object with a `then`), whoever holds it awaits
 * it, and the next line usually returns it. `then`, `catch` and `finally` are never builder steps:
 * each makes a new promise, which may reject where the receiver did not.
 */
export function returnsReceiver(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isHeldObject(callee.object)) return false;
  if (callee.property.type === AST_NODE_TYPES.Identifier && promiseMethods.has(callee.property.name)) return false;
  const checker = services.program.getTypeChecker();
  const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call));
  const declaration = signature?.getDeclaration();
  if (!signature || !declaration || ts.isJSDocSignature(declaration)) return false;
  if (declaration.type?.kind === ts.SyntaxKind.ThisType) return true;
  const returned = checker.getSignatureFromDeclaration(declaration)?.getReturnType();
  if (returned !== undefined && (returned.flags & ts.TypeFlags.TypeParameter) !== 0 && (returned as ts.TypeParameter & { isThisType?: boolean }).isThisType === true) return true;
  // TypeScript gives one instantiation of a generic type per list of type arguments, so identity is equality.
  const receiver = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callee.object));
  return (receiver.flags & ts.TypeFlags.Object) !== 0 && signature.getReturnType() === receiver;
}

const promiseMethods = new Set(["then", "catch", "finally"]);

// An object the code holds, which outlives this statement: not one created by it.
function isHeldObject(node: TSESTree.Expression): boolean {
  if (node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && isHeldObject(node.object);
}
