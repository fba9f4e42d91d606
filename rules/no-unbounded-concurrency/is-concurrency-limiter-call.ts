import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getCalleeName } from "../util/get-callee-name.js";
import { getModuleImport } from "../util/get-module-import.js";
import { runtimeLimiters, runtimeModule } from "../util/runtime.js";

const chainMethods = new Set(["then", "catch", "finally"]);
// corral's own bounded fan-out, recognised by import so an array's `.map` is never taken for it.
const limiterFunctions: ReadonlySet<string> = new Set(runtimeLimiters.functions);
const limiterClasses: ReadonlySet<string> = new Set(runtimeLimiters.classes);

/**
 * isConcurrencyLimiterCall tells whether `node` is a call that bounds how many tasks run at once:
 * a call whose callee is named in `limiterNames` (`limit(() => …)`, `queue.add(…)`,
 * `semaphore.acquire()`, …), @corral/runtime's `map`/`mapSettled` by import, or any method of a
 * `const` holding a corral `Semaphore`, `ErrGroup`, `WorkerPool` or `RateLimiter`, seen through `await`,
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
  const callee = current.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return isRuntimeExport(sourceCode, callee, limiterFunctions);
  return callee.type === AST_NODE_TYPES.MemberExpression && isRuntimeLimiterInstance(sourceCode, callee.object);
}

function isRuntimeExport(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier, names: ReadonlySet<string>): boolean {
  const imported = getModuleImport(sourceCode, identifier);
  return imported?.module === runtimeModule && names.has(imported.imported);
}

// `const semaphore = new Semaphore(4)`: every method of a corral limiter bounds what it runs, so
// `semaphore.run(fn)` counts without putting a name as common as `run` on the list.
function isRuntimeLimiterInstance(sourceCode: TSESLint.SourceCode, object: TSESTree.Node): boolean {
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(object), object)?.defs[0];
  if (definition?.type !== "Variable" || definition.parent.kind !== "const") return false;
  const init = definition.node.init;
  return (
    init?.type === AST_NODE_TYPES.NewExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    isRuntimeExport(sourceCode, init.callee, limiterClasses)
  );
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
