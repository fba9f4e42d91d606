import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";

// Names a timer promise goes by in practice: sleep(ms), delay(ms), timeout(ms), setTimeout(ms) from
// node:timers/promises, p-timeout's pTimeout, a `deadline` or `timer` variable. "wait" is left out on
// purpose: waitForShutdown() and friends wait for an event, not for time.
const timerName = /sleep|delay|timeout|deadline|timer/i;
const chainMethods = new Set(["then", "catch", "finally"]);

/**
 * isTimerPromise tells, by syntax alone, whether `node` is a promise that settles after a delay: a
 * `new Promise` whose executor calls `setTimeout`, a call of a function named like sleep, delay or
 * timeout, or a variable named so, optionally followed by `.then`/`.catch`/`.finally`. It decides
 * whether a `Promise.race` has a timer arm, which bounds how long the race can wait.
 */
export function isTimerPromise(node: TSESTree.Node | null): boolean {
  let current = node;
  while (current?.type === AST_NODE_TYPES.CallExpression && isChainCall(current)) {
    current = (current.callee as TSESTree.MemberExpression).object;
  }
  if (!current) return false;
  if (current.type === AST_NODE_TYPES.Identifier) return timerName.test(current.name);
  if (current.type === AST_NODE_TYPES.CallExpression) return timerName.test(getCalleeName(current) ?? "");
  if (current.type !== AST_NODE_TYPES.NewExpression || getCalleeName(current) !== "Promise") return false;
  const executor = current.arguments[0];
  if (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) {
    return false;
  }
  return callsSetTimeout(executor.body);
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    chainMethods.has(callee.property.name)
  );
}

// A shallow walk of the executor's own statements: the sleep idiom calls setTimeout at the top of its
// executor (`(resolve) => setTimeout(resolve, ms)`), and walking nested functions would take a timer
// scheduled inside some unrelated callback for a deadline.
function callsSetTimeout(body: TSESTree.Node): boolean {
  const pending: TSESTree.Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    if (node.type === AST_NODE_TYPES.CallExpression && getCalleeName(node) === "setTimeout") return true;
    if (node.type === AST_NODE_TYPES.BlockStatement) pending.push(...node.body);
    else if (node.type === AST_NODE_TYPES.ExpressionStatement) pending.push(node.expression);
    else if (node.type === AST_NODE_TYPES.SequenceExpression) pending.push(...node.expressions);
    else if (node.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of node.declarations) if (declarator.init) pending.push(declarator.init);
    }
  }
  return false;
}
