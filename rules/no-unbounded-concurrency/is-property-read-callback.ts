import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * isPropertyReadCallback tells whether `callback` only reads a property of its parameter, calling
 * nothing: `(puller) => puller.finished`, `(task) => { return task.done!; }`, also through `?.`,
 * `!`, `as` and literal indexes. Mapping with it collects promises that already exist, so it
 * starts no task; the fan-out, if any, is wherever those promises were started. A getter that
 * starts work when read is the one case this cannot see.
 */
export function isPropertyReadCallback(callback: TSESTree.Node): boolean {
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const [parameter] = callback.params;
  const read = callback.body.type === AST_NODE_TYPES.BlockStatement ? getSoleReturnValue(callback.body) : callback.body;
  if (parameter?.type !== AST_NODE_TYPES.Identifier || !read) return false;
  let current = unwrap(read);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed && current.property.type !== AST_NODE_TYPES.Literal) return false;
    current = unwrap(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && current.name === parameter.name;
}

function getSoleReturnValue(body: TSESTree.BlockStatement): TSESTree.Expression | undefined {
  const [statement, ...rest] = body.body;
  return rest.length === 0 && statement?.type === AST_NODE_TYPES.ReturnStatement ? (statement.argument ?? undefined) : undefined;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.ChainExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSAsExpression
  ) {
    current = current.expression;
  }
  return current;
}
