import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * getStatementsAfter returns the statements that run, in order, when `statement` completes normally
 * inside `container`, its parent: the rest of a block, or of a `switch` case followed by the later
 * cases it falls through to. Undefined when `container` holds no statement list.
 */
export function getStatementsAfter(statement: TSESTree.Node, container: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  switch (container.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return container.body.slice(container.body.indexOf(statement as TSESTree.Statement) + 1);
    case AST_NODE_TYPES.SwitchCase: {
      const cases = container.parent.cases;
      const rest = container.consequent.slice(container.consequent.indexOf(statement as TSESTree.Statement) + 1);
      return [...rest, ...cases.slice(cases.indexOf(container) + 1).flatMap((switchCase) => switchCase.consequent)];
    }
    default:
      return undefined;
  }
}
