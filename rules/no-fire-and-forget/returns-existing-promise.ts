import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

const readTypes = new Set<string>([AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.ThisExpression]);

/**
 * returnsExistingPromise tells whether the non-async function `node` only hands back a promise
 * that already exists: every value it returns is a variable or property read (`return this.promise`,
 * also as `Promise.resolve(this.promise)`), none is another call. Such a function starts no work; the promise belongs to whoever started it, so a
 * caller that drops what it returns drops nothing of its own.
 */
export function returnsExistingPromise(node: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): boolean {
  if (node.async || node.generator) return false;
  if (node.body.type !== AST_NODE_TYPES.BlockStatement) return isRead(node.body);
  const returned: TSESTree.Node[] = [];
  collectReturns(node.body, returned);
  return returned.length > 0 && returned.every(isRead);
}

function isRead(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = current.expression;
  }
  // `Promise.resolve(p)` hands back `p` itself when it is a promise already (and otherwise a
  // promise that settles with it): still the existing promise, nothing new started.
  if (isPromiseResolve(current)) return isRead(current.arguments[0] as TSESTree.Node);
  return readTypes.has(current.type);
}

function isPromiseResolve(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1 || node.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return false;
  const callee = node.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Promise" && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === "resolve";
}

// The returned values of the function's own statements, not of the functions nested in it.
function collectReturns(node: TSESTree.Node, returned: TSESTree.Node[]): void {
  if (node.type === AST_NODE_TYPES.ReturnStatement) {
    if (node.argument) returned.push(node.argument);
    return;
  }
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) return;
  for (const value of Object.values(node)) {
    if (value === node.parent) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object" && typeof (child as { type?: unknown }).type === "string") collectReturns(child as TSESTree.Node, returned);
    }
  }
}
