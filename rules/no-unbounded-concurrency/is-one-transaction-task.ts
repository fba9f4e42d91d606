import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getAwaitedAndReturnedExpressions } from "./get-awaited-and-returned-expressions.js";

const transactionKeys = new Set(["transaction", "trx", "tx"]);
const chainMethods = new Set(["then", "catch", "finally"]);

/**
 * isOneTransactionTask tells whether every task `task` starts (a mapping callback's awaited and
 * returned calls, or a pushed call) is handed one transaction that comes from outside it:
 * `(row) => row.destroy({ transaction })`. A database transaction holds one connection, on which
 * the driver runs its queries one after another, so such tasks are queued, not run at once.
 */
export function isOneTransactionTask(task: TSESTree.Node, sourceCode: TSESLint.SourceCode, boundary: TSESTree.Node = task): boolean {
  const isFunction = task.type === AST_NODE_TYPES.ArrowFunctionExpression || task.type === AST_NODE_TYPES.FunctionExpression;
  const calls = isFunction ? Object.values(getAwaitedAndReturnedExpressions(task, sourceCode.visitorKeys)).flat() : [task];
  return calls.length > 0 && calls.every((call) => isTransactionCall(call, boundary, sourceCode));
}

function isTransactionCall(node: TSESTree.Node, boundary: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  while (current.type === AST_NODE_TYPES.CallExpression && isChainCall(current)) current = (current.callee as TSESTree.MemberExpression).object;
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  return current.arguments.some(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          transactionKeys.has(property.key.name) &&
          isFromOutside(property.value, boundary, sourceCode),
      ),
  );
}

// The same transaction for every task: a variable declared outside the task (or the loop that
// starts the tasks), not one each task makes.
function isFromOutside(value: TSESTree.Node, boundary: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let root = value;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const declaration = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0]?.name;
  return declaration !== undefined && (declaration.range[0] < boundary.range[0] || declaration.range[1] > boundary.range[1]);
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && chainMethods.has(callee.property.name);
}
