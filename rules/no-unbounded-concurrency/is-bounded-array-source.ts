import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";

const batchMethods = new Set(["slice", "splice"]);
const growingMethods = new Set(["push", "unshift", "splice"]);

/**
 * isBoundedArraySource tells, by syntax alone, whether `node` is an array whose size the code fixes
 * or caps: an array literal without spreads (`["eu", "us"]`), a batch cut with two arguments
 * (`items.slice(index, index + 10)`, `queue.splice(0, 10)`), or a `const` bound to one of those and
 * never grown with `push`/`unshift`/`splice`; also the array-like `{ length: 4 }` that `Array.from`
 * maps, its length a number literal or a `const` bound to one (`const workers = 4`). Waiting on all
 * of such an array at once is bounded.
 */
export function isBoundedArraySource(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (isBoundedInitializer(node, sourceCode)) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    definition?.type !== "Variable" ||
    definition.parent.kind !== "const" ||
    definition.node.id.type !== AST_NODE_TYPES.Identifier ||
    !definition.node.init ||
    !isBoundedInitializer(definition.node.init, sourceCode)
  ) {
    return false;
  }
  return !(variable?.references ?? []).some((reference) => isGrownAt(reference.identifier));
}

function isBoundedInitializer(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node.properties.some((property) => isFixedLength(property, sourceCode));
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.arguments.length === 2 &&
    batchMethods.has(getCalleeName(node) ?? "")
  );
}

/** isGrownAt tells whether the reference `identifier` is the array of a `push`, `unshift` or `splice` call. */
export function isGrownAt(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const call = member.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && growingMethods.has(getCalleeName(call) ?? "");
}

function isFixedLength(property: TSESTree.ObjectLiteralElement, sourceCode: TSESLint.SourceCode): boolean {
  return (
    property.type === AST_NODE_TYPES.Property &&
    !property.computed &&
    property.key.type === AST_NODE_TYPES.Identifier &&
    property.key.name === "length" &&
    isNumberConstant(property.value, sourceCode)
  );
}

// The count is written in the code: `4`, or a `const` initialized with it, which nothing can change.
function isNumberConstant(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return isNumberLiteral(node);
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  return definition?.type === "Variable" && definition.parent.kind === "const" && !!definition.node.init && isNumberLiteral(definition.node.init);
}

function isNumberLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === "number";
}
