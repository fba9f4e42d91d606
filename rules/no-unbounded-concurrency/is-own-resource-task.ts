import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getAwaitedAndReturnedExpressions } from "./get-awaited-and-returned-expressions.js";

const chainMethods = new Set(["then", "catch", "finally"]);
// Helpers that regroup or reorder a collection they are given first: lodash's and its kind.
const collectionHelpers = new Set(["groupBy", "keyBy", "partition", "sortBy", "orderBy", "uniq", "uniqBy", "filter", "values", "flatten", "compact"]);

/**
 * isOwnResourceTask tells whether a fan-out asks each of an object's own resources to do one
 * thing: the collection is read from `this` (`this.providers`, `this.getServices()`,
 * `this.connections.values()`, or a `const` holding one of those), and its elements are objects
 * with behaviour (`isResource`: they have methods, as services, connections, child processes and
 * handlers do, where rows of data have none) or each task is a method call on its element
 * (`provider.search(query)`, `connection.quit()`). Such a collection holds what the object created
 * or was configured with, so its size is set by configuration, not by data.
 */
export function isOwnResourceTask(
  collection: TSESTree.Node,
  element: TSESTree.Node | undefined,
  task: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  isResource: (element: TSESTree.Identifier) => boolean,
): boolean {
  if (!element || element.type !== AST_NODE_TYPES.Identifier || !isReadFromThis(collection, sourceCode, 0)) return false;
  if (isResource(element)) return true;
  const isFunction = task.type === AST_NODE_TYPES.ArrowFunctionExpression || task.type === AST_NODE_TYPES.FunctionExpression;
  const calls = isFunction ? Object.values(getAwaitedAndReturnedExpressions(task, sourceCode.visitorKeys)).flat() : [task];
  return calls.length > 0 && calls.every((call) => isMethodCallOn(call, element.name, sourceCode));
}

function isReadFromThis(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > 12) return false;
  switch (node.type) {
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return isReadFromThis(node.object, sourceCode, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const [first] = node.arguments;
      if (node.callee.type === AST_NODE_TYPES.Identifier && collectionHelpers.has(node.callee.name)) {
        return first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && isReadFromThis(first, sourceCode, depth + 1);
      }
      return isReadFromThis(node.callee, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.AwaitExpression:
      return isReadFromThis(node.argument, sourceCode, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
      return isReadFromThis(node.expression, sourceCode, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && !!definition.node.init && isReadFromThis(definition.node.init, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

function isMethodCallOn(node: TSESTree.Node, name: string, sourceCode: TSESLint.SourceCode): boolean {
  let current = node;
  if (current.type === AST_NODE_TYPES.Identifier) {
    const definition = ASTUtils.findVariable(sourceCode.getScope(current), current)?.defs[0];
    if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
    current = definition.node.init;
  }
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  while (current.type === AST_NODE_TYPES.CallExpression && isChainCall(current)) current = (current.callee as TSESTree.MemberExpression).object;
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  let callee: TSESTree.Node = current.callee;
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === name && current.callee.type === AST_NODE_TYPES.MemberExpression;
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && chainMethods.has(callee.property.name);
}
