import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

/**
 * getCalleeName returns the name a call is made by: `f` for `f()`, `g` for `a.b.g()` and
 * `a?.["g"]()`, undefined when the callee has no static name. Rules use it for their cheap
 * syntactic pre-checks, before asking the type checker anything.
 */
export function getCalleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  let callee: TSESTree.Node = call.callee;
  while (callee.type === AST_NODE_TYPES.TSNonNullExpression || callee.type === AST_NODE_TYPES.ChainExpression) {
    callee = callee.expression;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  if (callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === "string") {
    return callee.property.value;
  }
  return undefined;
}
