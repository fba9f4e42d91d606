import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

// Expressions whose value may be a promise that the statement then drops; everything else (an
// await, an assignment, a literal, `void`, which its own check handles) holds no dropped promise.
const candidates = new Set<string>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.ArrayExpression,
]);

/**
 * getDroppedExpressions lists, by syntax alone, the parts of an expression statement's expression
 * whose value is thrown away and could be a promise: the expression itself, or each branch of a
 * `?:`, both operands of `&&`/`||`/`??` (a promise is truthy, so on the left it is either the
 * result or skipped past) and every element of a comma sequence, seen through type assertions.
 */
export function getDroppedExpressions(expression: TSESTree.Expression): TSESTree.Expression[] {
  switch (expression.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return [...getDroppedExpressions(expression.consequent), ...getDroppedExpressions(expression.alternate)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...getDroppedExpressions(expression.left), ...getDroppedExpressions(expression.right)];
    case AST_NODE_TYPES.SequenceExpression:
      return expression.expressions.flatMap(getDroppedExpressions);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return getDroppedExpressions(expression.expression);
    default:
      return candidates.has(expression.type) ? [expression] : [];
  }
}
