import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "./get-callee-name.js";

/**
 * isRethrowingRejectionHandler tells, by syntax alone, whether `handler` (the argument of `.catch(h)`
 * or the second one of `.then(f, h)`) passes the rejection on: its own body throws outside a
 * `try` that catches, or it returns `Promise.reject(…)`. Such a handler handles nothing, so the chain
 * it ends still rejects. A handler that is not an inline function (`.catch(logError)`) cannot be
 * read here and counts as handling.
 */
export function isRethrowingRejectionHandler(handler: TSESTree.Node): boolean {
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler.type !== AST_NODE_TYPES.FunctionExpression) {
    return false;
  }
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return isPromiseReject(handler.body);
  return passesRejectionOn(handler.body);
}

// Walks the handler's statements only, never into expressions: a `throw` inside a callback the
// handler defines runs later, if ever, and is not the handler rejecting.
function passesRejectionOn(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type === AST_NODE_TYPES.ReturnStatement) return node.argument !== null && isPromiseReject(node.argument);
  if (node.type === AST_NODE_TYPES.TryStatement && node.handler) {
    // A throw in the try block is caught right there; the catch clause and finally can still rethrow.
    return passesRejectionOn(node.handler.body) || (node.finalizer !== null && passesRejectionOn(node.finalizer));
  }
  return statementChildren(node).some(passesRejectionOn);
}

function statementChildren(node: TSESTree.Node): TSESTree.Node[] {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
      return node.body;
    case AST_NODE_TYPES.IfStatement:
      return node.alternate ? [node.consequent, node.alternate] : [node.consequent];
    case AST_NODE_TYPES.TryStatement:
      return node.finalizer ? [node.block, node.finalizer] : [node.block];
    case AST_NODE_TYPES.SwitchStatement:
      return node.cases.flatMap((switchCase) => switchCase.consequent);
    case AST_NODE_TYPES.LabeledStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return [node.body];
    default:
      return [];
  }
}

function isPromiseReject(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression) return isPromiseReject(node.argument);
  if (node.type !== AST_NODE_TYPES.CallExpression || getCalleeName(node) !== "reject") return false;
  const callee = node.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === "Promise"
  );
}
