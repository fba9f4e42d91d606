import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from "@typescript-eslint/utils";
import { isThenableType, unionConstituents } from "ts-api-utils";
import ts from "typescript";

/**
 * isPromiseGuard tells whether `test` holds only when the variable (known by its references
 * `identifiers`) holds a thenable, so the branch taken when it fails runs with no promise to handle:
 * `value instanceof Promise`, a type guard whose predicate is a thenable (`isPromise(value)`,
 * node's `util.types.isPromise`), and `typeof value.then === "function"`. A hook typed
 * `void | Promise<void>` is checked this way before its promise is collected:
 * `const r = hook(); if (r instanceof Promise) pending.push(r);`.
 */
export function isPromiseGuard(test: TSESTree.Expression, identifiers: ReadonlySet<TSESTree.Node>, services: ParserServicesWithTypeInformation): boolean {
  if (test.type === AST_NODE_TYPES.BinaryExpression) {
    if (test.operator === "instanceof") {
      return identifiers.has(test.left) && test.right.type === AST_NODE_TYPES.Identifier && test.right.name === "Promise";
    }
    return isThenMethodTest(test, identifiers);
  }
  if (test.type !== AST_NODE_TYPES.CallExpression) return false;
  const index = test.arguments.findIndex((argument) => identifiers.has(argument));
  if (index < 0) return false;
  const checker = services.program.getTypeChecker();
  const tsCall = services.esTreeNodeToTSNodeMap.get(test);
  const signature = checker.getResolvedSignature(tsCall);
  const predicate = signature && checker.getTypePredicateOfSignature(signature);
  return (
    predicate !== undefined &&
    predicate.kind === ts.TypePredicateKind.Identifier &&
    predicate.parameterIndex === index &&
    predicate.type !== undefined &&
    isThenableType(checker, tsCall, predicate.type)
  );
}

// `typeof value.then === "function"` (also `?.then`, `==`, and the operands swapped).
function isThenMethodTest(test: TSESTree.BinaryExpression, identifiers: ReadonlySet<TSESTree.Node>): boolean {
  if (test.operator !== "===" && test.operator !== "==") return false;
  const [typeOf, literal] = test.left.type === AST_NODE_TYPES.UnaryExpression ? [test.left, test.right] : [test.right, test.left];
  if (typeOf.type !== AST_NODE_TYPES.UnaryExpression || typeOf.operator !== "typeof") return false;
  if (literal.type !== AST_NODE_TYPES.Literal || literal.value !== "function") return false;
  const read = typeOf.argument.type === AST_NODE_TYPES.ChainExpression ? typeOf.argument.expression : typeOf.argument;
  return (
    read.type === AST_NODE_TYPES.MemberExpression &&
    !read.computed &&
    read.property.type === AST_NODE_TYPES.Identifier &&
    read.property.name === "then" &&
    identifiers.has(read.object)
  );
}

/**
 * isNonPromiseGuard tells whether `test` holds only when the variable (known by its references
 * `identifiers`) holds no thenable: `"name" in value`, where some of the types the variable may hold
 * have a property `name` and none of its thenable ones does, as when a function returns a cached
 * result or a promise of it (`const r = load(); if ("rows" in r) return r.rows;`). TypeScript
 * narrows the variable the same way there.
 */
export function isNonPromiseGuard(test: TSESTree.Expression, identifiers: ReadonlySet<TSESTree.Node>, services: ParserServicesWithTypeInformation): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || test.operator !== "in" || !identifiers.has(test.right)) return false;
  if (test.left.type !== AST_NODE_TYPES.Literal || typeof test.left.value !== "string") return false;
  const name = test.left.value;
  const checker = services.program.getTypeChecker();
  const node = services.esTreeNodeToTSNodeMap.get(test.right);
  const parts = unionConstituents(checker.getTypeAtLocation(node));
  const thenable = parts.filter((part) => isThenableType(checker, node, part));
  return thenable.length < parts.length && parts.some((part) => part.getProperty(name) !== undefined) && thenable.every((part) => part.getProperty(name) === undefined);
}
