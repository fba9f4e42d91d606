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
 * (`provider.search(query)`, `connection.quit()`) or on a resource of the iteration: an object
 * with behaviour that the loop or callback (`boundary`) creates or looks up among the object's
 * own (`const subscriber = new Subscriber(node)`, `const connection = this.connections.get(key)`).
 * Such a collection holds what the object created or was configured with (its providers, the
 * nodes of a cluster), so its size is set by configuration or topology, not by data.
 */
export function isOwnResourceTask(
  collection: TSESTree.Node,
  element: TSESTree.Node | undefined,
  task: TSESTree.Node,
  boundary: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  isResource: (node: TSESTree.Identifier) => boolean,
): boolean {
  if (!isReadFromThis(collection, sourceCode, 0)) return false;
  const elementName = element?.type === AST_NODE_TYPES.Identifier ? element : undefined;
  if (elementName && isResource(elementName)) return true;
  const isFunction = task.type === AST_NODE_TYPES.ArrowFunctionExpression || task.type === AST_NODE_TYPES.FunctionExpression;
  const calls = isFunction ? Object.values(getAwaitedAndReturnedExpressions(task, sourceCode.visitorKeys)).flat() : [task];
  return (
    calls.length > 0 &&
    calls.every((call) => {
      const receiver = getMethodCallReceiver(call, sourceCode);
      return receiver !== undefined && (receiver.name === elementName?.name || isIterationResource(receiver, boundary, sourceCode, isResource));
    })
  );
}

// A `const` declared inside the loop or callback, holding an object with behaviour it creates
// (`new Subscriber(…)`) or looks up in a collection of the object's own (`this.clients.get(key)`).
function isIterationResource(
  receiver: TSESTree.Identifier,
  boundary: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  isResource: (node: TSESTree.Identifier) => boolean,
): boolean {
  const definition = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver)?.defs[0];
  if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return false;
  const [start, end] = definition.node.range;
  if (start < boundary.range[0] || end > boundary.range[1]) return false;
  const init = definition.node.init;
  const isCreated = init.type === AST_NODE_TYPES.NewExpression;
  const isLookedUp =
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.MemberExpression &&
    init.callee.property.type === AST_NODE_TYPES.Identifier &&
    init.callee.property.name === "get" &&
    isReadFromThis(init.callee.object, sourceCode, 0);
  return (isCreated || isLookedUp) && isResource(receiver);
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

// The variable a task calls a method on: `connection` in `connection.quit()`, `await
// connection.quit()`, `connection.start().then(…)`, or a `const` holding one of those.
function getMethodCallReceiver(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Identifier | undefined {
  let current = node;
  if (current.type === AST_NODE_TYPES.Identifier) {
    const definition = ASTUtils.findVariable(sourceCode.getScope(current), current)?.defs[0];
    if (definition?.type !== "Variable" || definition.parent.kind !== "const" || !definition.node.init) return undefined;
    current = definition.node.init;
  }
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  while (current.type === AST_NODE_TYPES.CallExpression && isChainCall(current)) current = (current.callee as TSESTree.MemberExpression).object;
  if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let callee: TSESTree.Node = current.callee;
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
  return callee.type === AST_NODE_TYPES.Identifier ? callee : undefined;
}

function isChainCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && chainMethods.has(callee.property.name);
}
