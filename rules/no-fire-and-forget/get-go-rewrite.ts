import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { childNodes } from "../util/child-nodes.js";
import { getRejectionHandler, type RejectionHandler, whereInstalled } from "../util/process-rejection-handler.js";
import { getCorralRuntimeImport } from "../util/get-corral-runtime-import.js";
import { getSupervisorRouting, unroutedGoReason } from "../util/supervisor-routing.js";
import { isInTestCallback } from "../util/is-test-runner-call.js";
import { manual, rewriteOf, type RewriteVerdict, type TextEdit } from "../util/rewrite.js";
import { catchPassesTo, getEnclosingTry, getExecutorReject, getLocalErrorOwner } from "./get-error-owner.js";
import { getFatalEventHandler, getFatalOutcome, getProgramStart, getScriptEntry, getShutdownPath } from "./get-fatal-path.js";
import { getSynchronousThrow } from "./get-synchronous-throw.js";
import { isVoidReturningCallbackSink } from "./is-void-returning-callback-sink.js";

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** GoRewriteInput is what getGoRewrite needs to know of the rule's run. */
export interface GoRewriteInput {
  sourceCode: TSESLint.SourceCode;
  services: ParserServicesWithTypeInformation;
  /** codemod is true in the codemod's lint run, which rewrites without a person choosing each site. */
  codemod: boolean;
}


/**
 * getDroppedGoRewrite decides what becomes of a dropped promise: `x.catch(reject)` where the
 * `reject` of an enclosing `new Promise` owns the failure, `go(() => work())` where nothing else
 * does (`void work()` the same, and an async IIFE `(async () => { … })()` becomes
 * `go(async () => { … })`), or a person's decision, with the reason. `go` runs the function at
 * once, so the work starts when it did, and its default supervisor raises a failure as the same
 * unhandled rejection as before; what it adds is the task's owner and name. Refused: where the value
 * is read (`p || q`), the expression awaits or yields or may throw before a promise exists (which
 * `go` would catch), the code has an error channel of its own, a failure is meant to end the process,
 * the program routes every unhandled rejection itself (so `void` is deliberate), or it runs in a
 * test, where the runner must see the failure to fail the test.
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
  const fatal = getFatalEventHandler(node) ?? getProgramStart(node) ?? getShutdownPath(node, argument) ?? getFatalOutcome(node, argument, sourceCode) ?? getScriptEntry(sourceCode);
  if (fatal) return manual(fatal);
  const reject = getExecutorReject(input, node);
  const central = getRejectionHandler(input.services.program);
  if (central) return manual(centralReason(central, whereInstalled(central, input.services.program.getCurrentDirectory()), reject));
  if (suspends(argument)) return manual("the expression awaits or yields, which cannot move into the function `go` runs; await the work, or hand it to `go` by hand");
  // A `try` around the site whose `catch` does something else with a failure (ignores it, logs it)
  // is the owner the code's author chose; one whose `catch` passes it to `reject` agrees with it.
  const enclosingTry = getEnclosingTry(node);
  if (reject !== undefined && (enclosingTry === undefined || catchPassesTo(enclosingTry, reject))) return getRejectRewrite(input, node, argument, reject);
  const owner = getLocalErrorOwner(input, node);
  if (owner) return manual(owner);
  const iife = getAsyncIife(argument);
  if (iife) return getIifeRewrite(input, node, iife);
  const thrown = getSynchronousThrow(input.services, sourceCode, argument);
  if (thrown !== undefined) return manual(synchronousThrowReason(thrown));
  const go = getGo(input, node);
  if (typeof go === "string") return manual(go);
  const open: TextEdit =
    node.type === AST_NODE_TYPES.UnaryExpression
      ? { range: [node.range[0], keywordEnd(sourceCode, node)], text: `${go.reference}(() => ` }
      : { range: [node.range[0], node.range[0]], text: `${go.reference}(() => ` };
  return rewriteOf([open, { range: [node.range[1], node.range[1]], text: ")" }], go);
}

// The `go` a rewrite references, or why none may be used. A person choosing the editor's suggestion
// decides where the failure goes; the codemod, which rewrites every site at once, hands work to `go`
// only where the program routes a failed task somewhere (see getSupervisorRouting).
function getGo(input: GoRewriteInput, node: TSESTree.Node): ReturnType<typeof getCorralRuntimeImport> {
  if (input.codemod && getSupervisorRouting(input.services.program) === undefined) return unroutedGoReason;
  return getCorralRuntimeImport(input.sourceCode, input.services, "go", node);
}

function centralReason(handler: RejectionHandler, where: string, reject: string | undefined): string {
  const local = reject === undefined ? "" : `; the failure also belongs to \`${reject}\` of the enclosing \`new Promise\` (\`.catch(${reject})\` would send it there instead of to that handler)`;
  return `the program handles unhandled rejections in one place (\`${handler.what}\` in ${where}), so this failure already reaches it and the drop is the program's deliberate fire-and-forget: \`go\` would add a dependency and change nothing${local}`;
}

function synchronousThrowReason(thrown: string): string {
  return `\`${thrown.length > 80 ? `${thrown.slice(0, 77)}…` : thrown}\` may throw before a promise exists (it is not an \`async\` function's call), and that throw reaches the caller today; \`go\` would catch it and report it as the task's failure instead: make the function \`async\`, or decide by hand`;
}

// Member access binds tighter than these, so `.catch(…)` can follow them without parentheses.
const chainable = new Set<string>([AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.ChainExpression, AST_NODE_TYPES.ThisExpression]);

/**
 * getRejectRewrite routes a promise dropped inside a `new Promise` executor (or a callback in it)
 * to the executor's `reject`: `void child.send(m)` becomes `child.send(m).catch(reject)`. The
 * promise the executor builds then fails with the error, at once, where before its owner waited
 * for a settlement that never came (a timeout, or forever) while the failure went elsewhere. The
 * work starts as before, and a synchronous throw still reaches the caller.
 */
function getRejectRewrite(input: GoRewriteInput, node: TSESTree.Node, argument: TSESTree.Node, reject: string): RewriteVerdict {
  const { sourceCode } = input;
  const edits: TextEdit[] = [];
  if (node.type === AST_NODE_TYPES.UnaryExpression) edits.push({ range: [node.range[0], keywordEnd(sourceCode, node)], text: "" });
  const target = node.type === AST_NODE_TYPES.UnaryExpression ? node : argument;
  const bare = node.type === AST_NODE_TYPES.UnaryExpression ? sourceCode.text.slice(keywordEnd(sourceCode, node), node.range[1]) : undefined;
  const needsParentheses = node.type === AST_NODE_TYPES.UnaryExpression ? !bare?.startsWith("(") && !chainable.has(argument.type) : !chainable.has(argument.type);
  if (needsParentheses) edits.push({ range: [argument.range[0], argument.range[0]], text: "(" });
  edits.push({ range: [target.range[1], target.range[1]], text: `${needsParentheses ? ")" : ""}.catch(${reject})` });
  return rewriteOf(edits);
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
  const go = getGo(input, node);
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
  const fatal = getFatalEventHandler(callback) ?? getFatalOutcome(callback, callback.body, sourceCode) ?? getScriptEntry(sourceCode);
  if (fatal) return manual(fatal);
  const reject = getExecutorReject(input, callback);
  const central = getRejectionHandler(input.services.program);
  if (central) return manual(centralReason(central, whereInstalled(central, input.services.program.getCurrentDirectory()), reject));
  if (reject !== undefined) {
    return manual(`the function runs inside a \`new Promise\` executor whose \`${reject}\` owns its failures: catch them inside it and pass them on (\`.catch(${reject})\`), rather than to \`go\``);
  }
  const owner = getLocalErrorOwner(input, callback, true);
  if (owner) return manual(owner);
  if (!callback.async && callback.body.type !== AST_NODE_TYPES.BlockStatement) {
    const thrown = getSynchronousThrow(input.services, sourceCode, callback.body);
    if (thrown !== undefined) return manual(synchronousThrowReason(thrown));
  }
  const go = getGo(input, callback);
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

// Whether evaluating `node` awaits or yields, outside nested functions.
function suspends(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return true;
  return !ASTUtils.isFunction(node) && childNodes(node).some(suspends);
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
