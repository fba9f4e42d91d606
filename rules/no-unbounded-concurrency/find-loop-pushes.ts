import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";

/** LoopPush is a `push`/`unshift` into an array, made once per iteration of `loop`. */
export interface LoopPush {
  push: TSESTree.CallExpression;
  /** loop is the innermost loop statement, or the `forEach` call, that repeats the push. */
  loop: TSESTree.Node;
}

const pushMethods = new Set(["push", "unshift"]);

/**
 * findLoopPushes returns the pushes into `variable` that a loop repeats, and that run before
 * `consumer` (the loop ends before it starts): `for`, `for…in`, `for…of`, `while`, `do…while` and
 * `forEach` callbacks count. A loop that encloses the declaration does not, since each iteration
 * starts a fresh array; nor a loop that also contains `consumer` (the batch idiom, which waits for
 * each batch inside the loop); nor a push inside any other callback, which may run at any time.
 */
export function findLoopPushes(variable: TSESLint.Scope.Variable, consumer: TSESTree.Node): LoopPush[] {
  const found: LoopPush[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const push = member.parent;
    if (push.type !== AST_NODE_TYPES.CallExpression || push.callee !== member) continue;
    if (!pushMethods.has(getCalleeName(push) ?? "")) continue;
    const loop = getRepeatingLoop(push, variable.scope.block);
    if (loop && loop.range[1] <= consumer.range[0]) found.push({ push, loop });
  }
  return found;
}

/** getRepeatingLoop returns the loop statement or `forEach` call that repeats `node`, inside `boundary`. */
export function getRepeatingLoop(node: TSESTree.Node, boundary: TSESTree.Node): TSESTree.Node | undefined {
  let child = node;
  let parent = node.parent;
  while (parent && parent !== boundary) {
    switch (parent.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        if (parent.body === child) return parent;
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return getForEachCall(parent);
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

function getForEachCall(callback: TSESTree.Node): TSESTree.CallExpression | undefined {
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== callback) return undefined;
  return getCalleeName(call) === "forEach" ? call : undefined;
}
