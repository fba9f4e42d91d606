import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getPromiseCombinatorName } from "../util/get-promise-combinator-name.js";
import { isTimerPromise } from "./is-timer-promise.js";

const chainMethods = new Set(["then", "catch", "finally"]);
// got's and ky's request promises read their body through methods of their own
// (`got(url).json()`, `ky.get(url).text()`), whose promise waits for the whole request.
const bodyMethods = new Set(["json", "text", "buffer", "arrayBuffer", "blob", "formData", "bytes"]);

/**
 * isAwaitedWithoutTimer tells whether someone waits for the value of `node`, with nothing but the
 * value itself to end the wait: it is awaited, returned (also as an arrow body), yielded, or its
 * promise is consumed: the head of an awaited/returned `.then`/`.catch`/`.finally` chain (or of a
 * request promise's body read, `got(url).json()`), an element
 * of a waited-for `Promise.all`/`allSettled`/`any`/`race` array, or the initializer of a variable
 * that is itself waited for later. A `Promise.race` with a timer arm bounds the wait, so it ends the
 * search with false. Purely syntactic: rules call it before asking the type checker anything.
 */
export function isAwaitedWithoutTimer(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  return isWaitedFor(node, sourceCode, new Set());
}

// `seen` guards against declarators that read themselves (`const q = p || q`): invalid at run time,
// but valid syntax the rule must not loop on.
function isWaitedFor(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, seen: Set<TSESTree.Node>): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ReturnStatement:
        return true;
      case AST_NODE_TYPES.YieldExpression:
        return !parent.delegate;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === current;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.LogicalExpression:
        current = parent;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return false;
        current = parent;
        break;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) !== current) return false;
        current = parent;
        break;
      case AST_NODE_TYPES.MemberExpression: {
        const chained = chainedCall(parent, current);
        if (!chained) return false;
        current = chained;
        break;
      }
      case AST_NODE_TYPES.ArrayExpression: {
        const combinator = parent.parent;
        if (combinator.type !== AST_NODE_TYPES.CallExpression || combinator.arguments[0] !== parent) return false;
        const name = getPromiseCombinatorName(combinator);
        if (!name || (name === "race" && parent.elements.some((arm) => arm !== current && isTimerPromise(arm)))) return false;
        current = combinator;
        break;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init !== current || seen.has(parent)) return false;
        seen.add(parent);
        return isVariableAwaited(parent, sourceCode, seen);
      default:
        return false;
    }
  }
}

// `x.then(f)` is one call whose callee is the member `x.then`: the chain continues from the call.
function chainedCall(member: TSESTree.MemberExpression, object: TSESTree.Node): TSESTree.CallExpression | undefined {
  const call = member.parent;
  const name = getPropertyName(member);
  if (member.object !== object || name === undefined || !(chainMethods.has(name) || bodyMethods.has(name))) return undefined;
  return call.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
}

function getPropertyName(node: TSESTree.MemberExpression): string | undefined {
  if (node.computed) return undefined;
  return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

// `const p = fetch(u); …; await p`: the variable is waited for when any of its reads is.
function isVariableAwaited(
  declarator: TSESTree.VariableDeclarator,
  sourceCode: TSESLint.SourceCode,
  seen: Set<TSESTree.Node>,
): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  return (variable?.references ?? []).some(
    (reference) => reference.isRead() && isWaitedFor(reference.identifier, sourceCode, seen),
  );
}
