import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { childNodes } from "../util/child-nodes.js";
import { getCorralRuntimeImport } from "../util/get-corral-runtime-import.js";
import { isInTestCallback } from "../util/is-test-runner-call.js";
import { manual, rewriteOf, type RewriteVerdict, type TextEdit } from "../util/rewrite.js";
import { isVoidReturningCallbackSink } from "./is-void-returning-callback-sink.js";

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** GoRewriteInput is what getGoRewrite needs to know of the rule's run. */
export interface GoRewriteInput {
  sourceCode: TSESLint.SourceCode;
  services: ParserServicesWithTypeInformation;
}

const functionTypes = new Set<string>([AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.FunctionDeclaration]);

/**
 * getDroppedGoRewrite hands a dropped promise to `go`: `work()` becomes `go(() => work())`, `void
 * work()` the same, and an async IIFE `(async () => { … })()` (also under `void`) becomes
 * `go(async () => { … })`. `go` runs the function at once, so the work starts when it did; its
 * failure goes to the default supervisor instead of ending the process. Refused where the value is
 * read (`p || q`), the expression awaits or yields, the code has an error channel of its own, or
 * it runs in a test, where the runner must see the failure to fail the test.
 */
export function getDroppedGoRewrite(input: GoRewriteInput, node: TSESTree.Node): RewriteVerdict {
  const { sourceCode } = input;
  const argument = node.type === AST_NODE_TYPES.UnaryExpression ? node.argument : node;
  if (argument.type === AST_NODE_TYPES.ArrayExpression || isArrayMaker(argument)) {
    return manual("`void` drops an array of promises: decide who waits for it, then await `map(items, fn, { concurrency })` or start each under an ErrGroup");
  }
  if (node.parent?.type === AST_NODE_TYPES.LogicalExpression && node.parent.left === node) {
    return manual(`\`${node.parent.operator}\` reads this promise's value (always truthy), so handing it to \`go\` would change which side runs; split the statement`);
  }
  if (isInTestCallback(node)) {
    return manual("the promise is dropped inside a test: supervised by `go`, its failure would be printed while the test passes; await it so the test runner sees it");
  }
  const channel = getOwnErrorChannel(input, node) ?? getFatalEventHandler(node) ?? getProgramStart(node) ?? getShutdownPath(node, argument);
  if (channel) return manual(channel);
  const iife = getAsyncIife(argument);
  if (iife) return getIifeRewrite(input, node, iife);
  if (suspends(argument)) return manual("the expression awaits or yields, which cannot move into the function `go` runs; await the work, or hand it to `go` by hand");
  const go = getCorralRuntimeImport(sourceCode, input.services, "go", node);
  if (typeof go === "string") return manual(go);
  const open: TextEdit =
    node.type === AST_NODE_TYPES.UnaryExpression
      ? { range: [node.range[0], keywordEnd(sourceCode, node)], text: `${go.reference}(() => ` }
      : { range: [node.range[0], node.range[0]], text: `${go.reference}(() => ` };
  return rewriteOf([open, { range: [node.range[1], node.range[1]], text: ")" }], go);
}

// `(async () => { … })()` with no arguments, and a function that takes none and reads no
// `arguments` (`go` calls it with its AbortSignal).
function getAsyncIife(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = node.callee;
  if ((callee.type === AST_NODE_TYPES.ArrowFunctionExpression || callee.type === AST_NODE_TYPES.FunctionExpression) && callee.async) return node;
  return undefined;
}

function getIifeRewrite(input: GoRewriteInput, node: TSESTree.Node, call: TSESTree.CallExpression): RewriteVerdict {
  const callee = call.callee as FunctionLike;
  if (call.arguments.length > 0 || callee.params.length > 0) {
    return manual("the async IIFE takes parameters, and `go` would pass its AbortSignal as the first; move the arguments into the body");
  }
  if (callee.generator) return manual("an async generator returns an iterator, not a promise; own its work by hand");
  if (callee.type === AST_NODE_TYPES.FunctionExpression && readsArguments(input.sourceCode, callee)) {
    return manual("the async function reads `arguments`, which would then hold `go`'s AbortSignal");
  }
  const between = [input.sourceCode.text.slice(node.range[0], callee.range[0]), input.sourceCode.text.slice(callee.range[1], call.range[1])];
  if (!/^(?:void\s+)?[(\s]*$/.test(between[0] ?? "") || !/^[)\s]*\(\s*\)$/.test(between[1] ?? "")) {
    return manual("a comment or type assertion around the async IIFE would be lost; move it and run again");
  }
  const go = getCorralRuntimeImport(input.sourceCode, input.services, "go", node);
  if (typeof go === "string") return manual(go);
  return rewriteOf(
    [
      { range: [node.range[0], callee.range[0]], text: `${go.reference}(` },
      { range: [callee.range[1], call.range[1]], text: ")" },
    ],
    go,
  );
}

/**
 * getCallbackGoRewrite moves an async callback's body under `go`, where the function it is given
 * to is known to ignore what it returns (an event listener, a timer, `forEach`):
 * `async (a): Promise<T> => body` becomes `(a) => go(async (): Promise<T> => body)`, and
 * `async function f(a) { … }` becomes `function f(a) { go(async () => { … }); }`, so parameters,
 * `this`, `arguments` and the function's identity stay the outer function's. Anywhere else the
 * caller may use the returned promise whatever its type says (an options object's `worker:`, a
 * `() => void` parameter that is awaited after all), and handing it `undefined` instead would turn a
 * failure it waits for into one it never sees: refused.
 */
export function getCallbackGoRewrite(input: GoRewriteInput, callback: TSESTree.Node, sink: TSESTree.CallExpression | TSESTree.NewExpression | undefined): RewriteVerdict {
  const { sourceCode } = input;
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) {
    return manual("a function passed by reference: wrapping it here would change its identity (a later `off(fn)` would not match); start its body with `go(…)` where it is defined");
  }
  if (!sink || !isVoidReturningCallbackSink(sink)) {
    return manual(
      "whoever calls this function receives the promise it returns, and may await it although the type says `void`: handing the body to `go` would give it `undefined`, so a failure it waits for would only be logged; catch inside the function, or make the type say it returns a promise",
    );
  }
  if (callback.generator) return manual("a generator function returns an iterator, not a promise; own its work by hand");
  const channel = getOwnErrorChannel(input, callback) ?? getFatalEventHandler(callback);
  if (channel) return manual(channel);
  const go = getCorralRuntimeImport(sourceCode, input.services, "go", callback);
  if (typeof go === "string") return manual(go);
  if (!callback.async) {
    // `() => work()`: the arrow returns the promise of an expression, which `go` can own as it is.
    if (callback.body.type === AST_NODE_TYPES.BlockStatement) return manual("the function returns a promise from a block body; start its work with `go(…)` by hand");
    return rewriteOf([{ range: [callback.body.range[0], callback.body.range[0]], text: `${go.reference}(() => ` }, { range: [callback.body.range[1], callback.body.range[1]], text: ")" }], go);
  }
  const asyncToken = sourceCode.getFirstToken(callback);
  const afterAsync = asyncToken && sourceCode.getTokenAfter(asyncToken, { includeComments: true });
  if (asyncToken?.value !== "async" || !afterAsync) return manual("the `async` keyword is not where the rewriter expects it; rewrite it by hand");
  const edits: TextEdit[] = [{ range: [asyncToken.range[0], afterAsync.range[0]], text: "" }];
  let returnType = "";
  if (callback.returnType) {
    returnType = sourceCode.getText(callback.returnType);
    edits.push({ range: callback.returnType.range, text: "" });
  }
  const body = callback.body;
  const [open, close] = callback.type === AST_NODE_TYPES.ArrowFunctionExpression ? [`${go.reference}(async ()${returnType} => `, ")"] : [`{ ${go.reference}(async ()${returnType} => `, "); }"];
  edits.push({ range: [body.range[0], body.range[0]], text: open }, { range: [body.range[1], body.range[1]], text: close });
  return rewriteOf(edits, go);
}

/**
 * getOwnErrorChannel says why `go` is the wrong owner inside a class that reports its failures
 * itself (it has an `emit` method, an EventEmitter's 'error' event): `go` would log the failure
 * through the default supervisor where the class's users listen for it.
 */
function getOwnErrorChannel(input: GoRewriteInput, node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    const tsClass = input.services.esTreeNodeToTSNodeMap.get(current.parent) as ts.ClassLikeDeclaration;
    const checker = input.services.program.getTypeChecker();
    const symbol = tsClass.name ? checker.getSymbolAtLocation(tsClass.name) : undefined;
    const instance = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
    if (instance?.getProperty("emit")) {
      return "the enclosing class has an error channel of its own (it emits events, such as 'error'): `go` would hand the failure to the default supervisor, which logs it, instead of to the class's listeners; report it there, for instance `.catch((error) => this.emit(\"error\", error))`";
    }
    return undefined;
  }
  return undefined;
}

// Process events on which the process is meant to end: a failure in their handler ending it is
// the way out, where `go` would log the failure and keep a process that should stop running.
const fatalEvents = new Set(["uncaughtException", "unhandledRejection", "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR2", "exit", "beforeExit"]);
const listenerMethods = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/** getFatalEventHandler says why `go` must not take over work in (or as) a handler of a process event such as `SIGTERM`. */
function getFatalEventHandler(node: TSESTree.Node): string | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (!functionTypes.has(current.type)) continue;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.Expression)) continue;
    const callee = call.callee;
    const event = call.arguments[0];
    const isProcess = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "process";
    const method = callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : "";
    if (isProcess && listenerMethods.has(method) && event?.type === AST_NODE_TYPES.Literal && fatalEvents.has(String(event.value))) {
      return `the function handles the process's \`${String(event.value)}\`, where a failure that ends the process is the way out: \`go\` would log it and keep a process running that should stop; handle the failure and exit explicitly`;
    }
  }
  return undefined;
}

// Names on the way out of a process: a failure there ended the process, as it should.
const shutdownName = /shutdown|terminate|teardown|^exit$|^fatal$|^kill$|^crash$/i;

/**
 * getProgramStart says why a promise dropped at the top level of a module (`void main();`, an
 * async IIFE that runs a script) stays as it is: its failure ended the process with exit code 1,
 * which is how a script or a service that cannot start reports it; under `go` it is only logged,
 * and the process may end with exit code 0.
 */
function getProgramStart(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (functionTypes.has(current.type) || current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return "it starts the program at the top level of the module: its failure ended the process with exit code 1, as a failed run should; under `go` it would only be logged and the process could exit 0; await it, or catch the failure and set `process.exitCode`";
}

/**
 * getShutdownPath says why work on the way out of the process (`ShutdownHelper.execute(1)`, or any
 * promise dropped in a function named `fatal` or `shutdown`) stays as it is: its failure ended the
 * process, which is where that path was going; `go` would log it and keep the process running.
 */
function getShutdownPath(node: TSESTree.Node, expression: TSESTree.Node): string | undefined {
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
  return name
    ? `it is on the way out of the process (\`${name}\`): a failure there ended the process, which is where this path was going; \`go\` would log it and keep the process running`
    : undefined;
}

// Whether evaluating `node` awaits or yields, outside nested functions.
function suspends(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return true;
  return !functionTypes.has(node.type) && childNodes(node).some(suspends);
}

function isArrayMaker(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = node.callee.property;
  return property.type === AST_NODE_TYPES.Identifier && ["map", "flatMap", "from", "filter"].includes(property.name);
}

// The end of `void` and the space after it, where `go(() => ` replaces them.
function keywordEnd(sourceCode: TSESLint.SourceCode, node: TSESTree.UnaryExpression): number {
  const next = sourceCode.getTokenAfter(sourceCode.getFirstToken(node) as TSESTree.Token, { includeComments: true });
  return next?.range[0] ?? node.argument.range[0];
}

function readsArguments(sourceCode: TSESLint.SourceCode, callee: TSESTree.FunctionExpression): boolean {
  return (sourceCode.getScope(callee.body).set.get("arguments")?.references.length ?? 0) > 0 || (sourceCode.scopeManager?.acquire(callee)?.set.get("arguments")?.references.length ?? 0) > 0;
}
