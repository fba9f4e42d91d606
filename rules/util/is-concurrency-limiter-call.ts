import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "./get-callee-name.js";
import { getModuleImport } from "./get-module-import.js";

const chainMethods = new Set(["then", "catch", "finally"]);
// corral's own bounded fan-out, recognised by import so an array's `.map` is never taken for it.
const runtimeLimiters = new Set(["map", "mapSettled"]);

/**
 * isConcurrencyLimiterCall tells whether `node` is a call that bounds how many tasks run at once:
 * a call whose callee is named in `limiterNames` (`limit(() => …)`, `queue.add(…)`,
 * `semaphore.acquire()`, …) or corral/runtime's `map`/`mapSettled` by import, seen through `await`,
 * `?.`, `!` and a trailing `.then`/`.catch`/`.finally` chain. Purely syntactic.
 */
export function isConcurrencyLimiterCall(
  node: TSESTree.Node,
  limiterNames: ReadonlySet<string>,
  sourceCode: TSESLint.SourceCode,
): boolean {
  let current = node;
  for (;;) {
    if (
      current.type === AST_NODE_TYPES.AwaitExpression ||
      current.type === AST_NODE_TYPES.ChainExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression
    ) {
      current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
    } else if (current.type === AST_NODE_TYPES.CallExpression && isChainCall(current)) {
      current = (current.callee as TSESTree.MemberExpression).object;
    } else {
      break;
    }
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getCalleeName(current);
  if (name !== undefined && limiterNames.has(name)) return true;
  if (current.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const imported = getModuleImport(sourceCode, current.callee);
  return imported?.module === "corral/runtime" && runtimeLimiters.has(imported.imported);
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    chainMethods.has(callee.property.name)
  );
}
