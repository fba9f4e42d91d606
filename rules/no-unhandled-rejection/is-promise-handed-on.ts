import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

// The value of a node under one of these reaches the parent's own parent unchanged, so the question
// is asked again one level up: `await (ready ? p : q)` awaits `p`.
const transparentTypes: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.SequenceExpression,
]);

// Reading a promise here neither handles it nor lets its value escape.
const inspectingTypes: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.SwitchStatement,
  AST_NODE_TYPES.SwitchCase,
]);

const handlerMethods: ReadonlySet<string> = new Set(["then", "catch", "finally"]);

/**
 * isPromiseHandedOn tells whether evaluating `reference`, a read of a variable that holds a promise,
 * takes care of the promise: awaits, returns, yields or throws it, attaches a handler (`.then`,
 * `.catch`, `.finally`), or hands it on (an argument, an element, a property, an assignment, an
 * export, a JSX attribute, an expression statement or `void`, which no-fire-and-forget judges).
 * Only plain inspections answer false: `p === q`, `typeof p`, `p.status`, a condition, a template.
 * Unknown places answer true, so the rule stays quiet where it cannot tell.
 */
export function isPromiseHandedOn(reference: TSESTree.Node): boolean {
  let node: TSESTree.Node = reference;
  let parent = node.parent;
  while (parent && transparentTypes.has(parent.type) && flowsThrough(parent, node)) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return true;
  if (inspectingTypes.has(parent.type)) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === "void";
    case AST_NODE_TYPES.TemplateLiteral:
      return parent.parent.type === AST_NODE_TYPES.TaggedTemplateExpression;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node && isHandlerCall(parent);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== node;
    default:
      return true;
  }
}

function flowsThrough(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  if (parent.type === AST_NODE_TYPES.ConditionalExpression) return parent.test !== child;
  if (parent.type === AST_NODE_TYPES.SequenceExpression) return parent.expressions.at(-1) === child;
  return true;
}

function isHandlerCall(member: TSESTree.MemberExpression): boolean {
  const property = member.property;
  const name = member.computed
    ? property.type === AST_NODE_TYPES.Literal && typeof property.value === "string"
      ? property.value
      : undefined
    : property.type === AST_NODE_TYPES.Identifier
      ? property.name
      : undefined;
  if (name === undefined || !handlerMethods.has(name)) return false;
  let callee: TSESTree.Node = member;
  while (callee.parent?.type === AST_NODE_TYPES.ChainExpression || callee.parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
    callee = callee.parent;
  }
  return callee.parent?.type === AST_NODE_TYPES.CallExpression && callee.parent.callee === callee;
}
