import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * getCalleeChainNames returns every static name along a call's callee chain, outermost first:
 * `["where", "knex"]` for `knex("users").where(id)`, `["findMany", "user", "prisma"]` for
 * `prisma.user.findMany()`. An allow-list can then match a library by any name it is reached through.
 */
export function getCalleeChainNames(call: TSESTree.CallExpression | TSESTree.NewExpression): string[] {
  const names: string[] = [];
  let node: TSESTree.Node | undefined = call;
  while (node) {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      node = node.callee;
    } else if (node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) {
      node = node.expression;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) names.push(node.property.name);
      node = node.object;
    } else {
      if (node.type === AST_NODE_TYPES.Identifier) names.push(node.name);
      node = undefined;
    }
  }
  return names;
}
