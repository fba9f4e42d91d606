import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { childNodes } from "../util/child-nodes.js";

// Where a failure is meant to end the process: on these paths the unhandled rejection (or the
// explicit exit) is the program's way out, and the site is left to a person, who decides how it
// should end (`go`, which by default raises the failure the same way, would only add churn, and
// would catch a synchronous throw that ends the process today).

// Process events on which the process is meant to end.
const fatalEvents = new Set(["uncaughtException", "unhandledRejection", "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR2", "exit", "beforeExit"]);
const listenerMethods = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

function isProcessMember(node: TSESTree.Node, names: ReadonlySet<string>): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.Identifier || node.object.name !== "process") return undefined;
  return node.property.type === AST_NODE_TYPES.Identifier && names.has(node.property.name) ? node.property.name : undefined;
}

/** getFatalEventHandler says why `go` must not take over work in (or as) a handler of a process event such as `SIGTERM`. */
export function getFatalEventHandler(node: TSESTree.Node): string | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (!ASTUtils.isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.Expression)) continue;
    const event = call.arguments[0];
    if (isProcessMember(call.callee, listenerMethods) && event?.type === AST_NODE_TYPES.Literal && fatalEvents.has(String(event.value))) {
      return `the function handles the process's \`${String(event.value)}\`, where a failure that ends the process is the way out: handle the failure and exit explicitly`;
    }
  }
  return undefined;
}

/**
 * getProgramStart says why a promise dropped at the top level of a module (`void main();`, an
 * async IIFE that runs a script) stays as it is: its failure ended the process with exit code 1,
 * which is how a script or a service that cannot start reports it.
 */
export function getProgramStart(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ASTUtils.isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return "it starts the program at the top level of the module: its failure ended the process with exit code 1, as a failed run should; await it, or catch the failure and set `process.exitCode`";
}

// Names on the way out of a process: a failure there ended the process, as it should.
const shutdownName = /shutdown|terminate|teardown|^exit$|^fatal$|^kill$|^crash$/i;

/**
 * getShutdownPath says why work on the way out of the process (`ShutdownHelper.execute(1)`, or any
 * promise dropped in a function named `fatal` or `shutdown`) stays as it is: its failure ended the
 * process, which is where that path was going.
 */
export function getShutdownPath(node: TSESTree.Node, expression: TSESTree.Node): string | undefined {
  const names: string[] = [];
  for (let current: TSESTree.Node | undefined = expression; current; ) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (current.property.type === AST_NODE_TYPES.Identifier) names.push(current.property.name);
      current = current.object;
    } else {
      if (current.type === AST_NODE_TYPES.Identifier) names.push(current.name);
      current = undefined;
    }
  }
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration && current.id) names.push(current.id.name);
    if ((current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.Property) && current.key.type === AST_NODE_TYPES.Identifier) names.push(current.key.name);
  }
  const name = names.find((candidate) => shutdownName.test(candidate));
  return name ? `it is on the way out of the process (\`${name}\`): a failure there ended the process, which is where this path was going` : undefined;
}

const exits = new Set(["exit", "abort", "kill", "reallyExit"]);

// The first `process.exit(…)` (or abort/kill) in `node`, nested functions included.
function findExit(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, nested: boolean): string | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression && isProcessMember(node.callee, exits)) return sourceCode.getText(node);
  if (!nested && ASTUtils.isFunction(node)) return undefined;
  for (const child of childNodes(node)) {
    const found = findExit(child, sourceCode, nested);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * getFatalOutcome says why work whose own code ends the process on a bad outcome stays as it is: a
 * startup check whose callback calls `process.exit(1)` (`void validate(config).then((errors) => {
 * … process.exit(1); })`), or a function that exits itself. Its failure (a rejection, or a throw
 * while it starts) ending the process too is what that code means, and it often runs before any
 * handler is installed.
 */
export function getFatalOutcome(node: TSESTree.Node, expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  const inWork = findExit(expression, sourceCode, true);
  if (inWork !== undefined) {
    return `the work ends the process itself on a bad outcome (\`${inWork}\`), so its failure is meant to be fatal too, as the unhandled rejection (or a synchronous throw) is today; handle the failure and exit explicitly`;
  }
  for (let current = node.parent; current; current = current.parent) {
    if (!ASTUtils.isFunction(current)) continue;
    const own = findExit(current.body, sourceCode, false);
    if (own !== undefined) return `the enclosing function ends the process itself (\`${own}\`): a failure on this path is meant to be fatal; handle the failure and exit explicitly`;
    return undefined;
  }
  return undefined;
}

// `main()`, `void main()`, `main().catch(…)`, `await main()`: the call the statement makes first.
function startedCall(expression: TSESTree.Expression): TSESTree.CallExpression | undefined {
  let current: TSESTree.Expression = expression;
  for (;;) {
    if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === "void") current = current.argument;
    else if (current.type === AST_NODE_TYPES.AwaitExpression) current = current.argument;
    else if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && !current.callee.computed) current = current.callee.object;
    else break;
  }
  return current.type === AST_NODE_TYPES.CallExpression ? current : undefined;
}

function isLocalFunction(sourceCode: TSESLint.SourceCode, name: string): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const moduleScope = globalScope?.childScopes.find((scope) => scope.type === "module") ?? globalScope;
  const variable = moduleScope?.set.get(name);
  return (
    variable?.defs.some(
      (definition) =>
        definition.node.type === AST_NODE_TYPES.FunctionDeclaration ||
        (definition.node.type === AST_NODE_TYPES.VariableDeclarator && ASTUtils.isFunction(definition.node.init)),
    ) ?? false
  );
}

// The statements a module runs when loaded, with the bodies of top-level `if`s and blocks
// (`if (require.main === module) main();`).
function topLevelStatements(statements: readonly TSESTree.ProgramStatement[] | readonly TSESTree.Statement[]): TSESTree.Statement[] {
  const found: TSESTree.Statement[] = [];
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.IfStatement) found.push(...topLevelStatements([statement.consequent, ...(statement.alternate ? [statement.alternate] : [])]));
    else if (statement.type === AST_NODE_TYPES.BlockStatement) found.push(...topLevelStatements(statement.body));
    else found.push(statement as TSESTree.Statement);
  }
  return found;
}

/**
 * getScriptEntry says why a drop inside a script stays as it is: the module itself starts the
 * program when it is run (a top-level `void main()`, `main().catch(…)` or `execute();` of a function
 * it declares, or a `#!` line). A one-off script's way to report a failure is to end with exit code
 * 1; whether this failure should end it, or be handled while it goes on (with a stream paused or a
 * connection open), is a person's decision.
 */
export function getScriptEntry(sourceCode: TSESLint.SourceCode): string | undefined {
  const program = sourceCode.ast;
  if (sourceCode.text.startsWith("#!")) return "the file is a script (it starts with `#!`): a failure in it ended the run with exit code 1, which is how a script reports it; decide whether this failure should end the script or be handled where it happens";
  for (const statement of topLevelStatements(program.body)) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const call = startedCall(statement.expression);
    if (call?.callee.type === AST_NODE_TYPES.Identifier && isLocalFunction(sourceCode, call.callee.name)) {
      return `the file is a script: its top level starts the program (\`${sourceCode.getText(statement).replace(/;$/, "")}\`, line ${statement.loc.start.line}), and a failure in it ended the run with exit code 1, which is how a script reports it; decide whether this failure should end the script or be handled where it happens (a stream left paused or a connection left open would keep it running)`;
    }
  }
  return undefined;
}
