import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

// Expressions `.catch` can be appended to as they stand; anything looser (`a ? p : q`, `a || p`)
// would need parentheses and may not be a promise on every branch, so it gets no suggestion.
const memberOperands = new Set<string>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
]);

/**
 * getCatchHandlerFix returns a fix that appends `.catch((error: unknown) => { console.error(error); })`
 * to the promise-valued `node` (without the annotation in JavaScript files), or undefined where a
 * `.catch` cannot simply be appended. `new Task` without an argument list is parenthesised, since
 * `new Task.catch(…)` would construct `Task.catch`.
 */
export function getCatchHandlerFix(
  sourceCode: TSESLint.SourceCode,
  node: TSESTree.Node,
  filename: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const parameter = /\.[cm]?jsx?$/.test(filename) ? "error" : "error: unknown";
  const handler = `.catch((${parameter}) => { console.error(error); })`;
  if (memberOperands.has(node.type)) return (fixer) => fixer.insertTextAfter(node, handler);
  if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const text = sourceCode.getText(node);
  return (fixer) => (text.endsWith(")") ? fixer.insertTextAfter(node, handler) : fixer.replaceText(node, `(${text})${handler}`));
}
