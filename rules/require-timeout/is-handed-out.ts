import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

const transparent = new Set<string>([
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

/**
 * isHandedOut tells whether the object `call` returns (a node:http request, a socket) leaves the
 * function that made it: it is returned, stored in a property, or passed to another function,
 * directly or through the variable it is kept in. Whoever receives it may set its timeout
 * (`socket.setTimeout(ms)` in the caller), which the rule cannot see, so it does not judge it.
 */
export function isHandedOut(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  let node: TSESTree.Node = call;
  while (node.parent && transparent.has(node.parent.type)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
    const [variable] = sourceCode.getDeclaredVariables(parent);
    return (variable?.references ?? []).some((reference) => !reference.init && reference.isRead() && leaves(reference.identifier));
  }
  return leaves(node);
}

function leaves(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent && transparent.has(current.parent.type)) current = current.parent;
  const parent = current.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === current;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === current && parent.left.type === AST_NODE_TYPES.MemberExpression;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== current;
    case AST_NODE_TYPES.Property:
      return parent.value === current;
    default:
      return false;
  }
}
