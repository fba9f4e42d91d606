import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";

/** AbruptStatement is a statement that moves control to an enclosing statement. */
export type AbruptStatement = TSESTree.BreakStatement | TSESTree.ContinueStatement | TSESTree.ThrowStatement;

/**
 * getAbruptCompletionTarget returns the statement that receives control from `statement` inside its
 * own function: for `break`, the labeled statement, or the innermost loop or `switch`; for
 * `continue`, the loop it repeats; for `throw`, the innermost `try` whose block holds it and that has
 * a `catch`. Undefined when control leaves the function (a `throw` nobody catches here).
 */
export function getAbruptCompletionTarget(statement: AbruptStatement): TSESTree.Node | undefined {
  let child: TSESTree.Node = statement;
  for (let node: TSESTree.Node | undefined = statement.parent; node && !ASTUtils.isFunction(node); child = node, node = node.parent) {
    if (!receives(statement, node, child)) continue;
    // `continue label` repeats the loop the label names.
    return statement.type === AST_NODE_TYPES.ContinueStatement && node.type === AST_NODE_TYPES.LabeledStatement ? node.body : node;
  }
  return undefined;
}

function receives(statement: AbruptStatement, node: TSESTree.Node, child: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement) {
    return node.type === AST_NODE_TYPES.TryStatement && node.block === child && node.handler !== null;
  }
  if (statement.label) return node.type === AST_NODE_TYPES.LabeledStatement && node.label.name === statement.label.name;
  return ASTUtils.isLoop(node) || (statement.type === AST_NODE_TYPES.BreakStatement && node.type === AST_NODE_TYPES.SwitchStatement);
}
