import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/**
 * isTimeoutSetOnResult tells whether the object a call returns gets `.setTimeout(…)` called on it:
 * chained (`http.get(url, onResponse).on("error", onError).setTimeout(5_000)`, the emitter methods
 * return `this`) or through the variable it is stored in (`const socket = net.connect(…);
 * socket.setTimeout(5_000)`). That is how node:http requests and net sockets get an idle deadline
 * after the fact, so a rule looking for a `timeout` option must accept it too.
 */
export function isTimeoutSetOnResult(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.ChainExpression) {
      current = parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
      const [variable] = sourceCode.getDeclaredVariables(parent);
      return (variable?.references ?? []).some((reference) => reference.isRead() && isSetTimeoutObject(reference.identifier));
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return false;
    if (isSetTimeoutObject(current)) return true;
    const next: TSESTree.Node = parent.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== parent) return false;
    current = next;
  }
}

function isSetTimeoutObject(node: TSESTree.Node): boolean {
  const member = node.parent;
  return (
    member?.type === AST_NODE_TYPES.MemberExpression &&
    member.object === node &&
    !member.computed &&
    member.property.type === AST_NODE_TYPES.Identifier &&
    member.property.name === "setTimeout" &&
    member.parent.type === AST_NODE_TYPES.CallExpression &&
    member.parent.callee === member
  );
}
