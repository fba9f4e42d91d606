import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { childNodes } from "../util/child-nodes.js";

// A comment that explains why the tasks run together: pipelining on one connection, a deliberate
// burst. The codemod leaves those to the person who wrote the comment.
const deliberateComment = /concurren|parallel|at once|simultaneous|pipelin|in flight|same time|together|one connection|single connection|round[- ]?trip/i;
// Calls that end or release something: at shutdown every one must start now, and a bound of n
// makes closing n·k resources take k rounds of the slowest close.
const teardownName = /^(?:kill|close|stop|shutdown|shutDown|destroy|disconnect|abort|cancel|terminate|dispose|quit|teardown|tearDown|end|unsubscribe|release|drain|flush|exit)(?:[A-Z_0-9]|$)/;
const linesAbove = 3;

/**
 * getDeliberateFanOut says why the tasks at `combinator` may run together on purpose, or undefined:
 * a comment in the statement or on the lines just above it speaks of concurrency, or the tasks
 * close, stop or release things (`Promise.all(workers.map((w) => w.close()))` at shutdown, where a
 * bound of 8 makes it last ⌈n/8⌉ times as long).
 */
export function getDeliberateFanOut(sourceCode: TSESLint.SourceCode, combinator: TSESTree.Node, callback: TSESTree.Node): string | undefined {
  const statement = enclosingStatement(combinator);
  const firstLine = Math.max(1, statement.loc.start.line - linesAbove);
  const comment = sourceCode
    .getAllComments()
    .find((candidate) => candidate.loc.start.line >= firstLine && candidate.loc.end.line <= statement.loc.end.line && candidate.range[1] <= statement.range[1] && deliberateComment.test(candidate.value));
  if (comment) return `a comment says the tasks run together on purpose ("${comment.value.trim().slice(0, 60)}"): bounding them could break what it describes; bound them by hand if that is safe`;
  const teardown = calleeNames(callback).find((name) => teardownName.test(name)) ?? enclosingFunctionName(combinator, teardownName);
  if (teardown) {
    return `the tasks tear things down (\`${teardown}\`): at shutdown each must start now, and a bound would make it take ⌈n/limit⌉ rounds of the slowest; leave it unbounded or bound it by hand`;
  }
  return undefined;
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !/Statement$|Declaration$/.test(current.type)) current = current.parent;
  return current;
}

// The names of the functions the callback calls, or its own name when it is a reference.
function calleeNames(callback: TSESTree.Node): string[] {
  if (callback.type === AST_NODE_TYPES.Identifier) return [callback.name];
  if (callback.type === AST_NODE_TYPES.MemberExpression && callback.property.type === AST_NODE_TYPES.Identifier) return [callback.property.name];
  const names: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) names.push(callee.name);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) names.push(callee.property.name);
    }
    childNodes(node).forEach(visit);
  };
  visit(callback);
  return names;
}

function enclosingFunctionName(node: TSESTree.Node, pattern: RegExp): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      const owner = current.parent;
      const name =
        current.type !== AST_NODE_TYPES.ArrowFunctionExpression && current.id
          ? current.id.name
          : (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.Property || owner?.type === AST_NODE_TYPES.PropertyDefinition) && owner.key.type === AST_NODE_TYPES.Identifier
            ? owner.key.name
            : owner?.type === AST_NODE_TYPES.VariableDeclarator && owner.id.type === AST_NODE_TYPES.Identifier
              ? owner.id.name
              : undefined;
      return name && pattern.test(name) ? name : undefined;
    }
  }
  return undefined;
}
