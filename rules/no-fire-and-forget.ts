import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./util/create-rule.js";
import { getCalleeName } from "./util/get-callee-name.js";
import { getCatchHandlerFix } from "./no-fire-and-forget/get-catch-handler-fix.js";
import { getCallbackReturnExpectation } from "./no-fire-and-forget/get-callback-return-expectation.js";
import { getDroppedExpressions } from "./no-fire-and-forget/get-dropped-expressions.js";
import { getDroppedPromiseKind } from "./no-fire-and-forget/get-dropped-promise-kind.js";
import { getFunctionSlotType } from "./no-fire-and-forget/get-function-slot-type.js";
import { getCallbackGoRewrite, getDroppedGoRewrite, type GoRewriteInput } from "./no-fire-and-forget/get-go-rewrite.js";
import { isCodemodRun, isManual, manual, manualMessage, rewriteSuggestions, type RewriteVerdict } from "./util/rewrite.js";
import { isAllowListedCall } from "./no-fire-and-forget/is-allow-listed-call.js";
import { isAwaitAllowedAt } from "./util/is-await-allowed-at.js";
import { isCorralOwnerCall } from "./no-fire-and-forget/is-corral-owner-call.js";
import { isJsxAttributeValue } from "./no-fire-and-forget/is-jsx-attribute-value.js";
import { isKeptPromiseReentry } from "./no-fire-and-forget/is-kept-promise-reentry.js";
import { isPromiseReturningFunction } from "./no-fire-and-forget/is-promise-returning-function.js";
import { isInTestCallback, isTestRunnerCall, mentionsRejectionAssertion } from "./util/is-test-runner-call.js";
import { isThenable } from "./util/is-thenable.js";
import { isVoidReturningCallbackSink } from "./no-fire-and-forget/is-void-returning-callback-sink.js";
import { isMaybePromise } from "./no-fire-and-forget/is-maybe-promise.js";
import { returnsReceiver } from "./no-fire-and-forget/returns-receiver.js";
import { isModuleLevel } from "./no-fire-and-forget/is-module-level.js";
import { returnsExistingPromise } from "./no-fire-and-forget/returns-existing-promise.js";
import { describeRejectionFate } from "./util/process-rejection-handler.js";
import { getRejectionAnalysis } from "./util/rejection-analysis.js";
import { getProjectFunction } from "./util/project-functions.js";

/** Options configures corral/no-fire-and-forget. */
export type Options = [
  {
    /** allowVoid lets `void promise` mark a promise as deliberately ignored. @default false */
    allowVoid?: boolean;
    /** allowList names functions whose dropped promise or async callback is fine. @default [] */
    allowList?: string[];
    /** checkJsxAttributes reports async functions given to void-typed JSX props (`onClick`). @default false */
    checkJsxAttributes?: boolean;
    /** checkUntypedCallbacks reports async callbacks to parameters typed `Function`, `any` or untyped. @default false */
    checkUntypedCallbacks?: boolean;
    /** checkTopLevelVoid reports `void main()` and `main()` at a module's top level, outside every function. @default false */
    checkTopLevelVoid?: boolean;
    /**
     * checkSettledDrops also reports a statement that drops a promise which loses no error (it
     * cannot reject, or it is an object's kept promise on a re-run of its own method), as
     * no-floating-promises does. @default false
     */
    checkSettledDrops?: boolean;
    /**
     * checkTestCallbacks also reports inside the callbacks of test runners (`it`, `test`,
     * `beforeEach`, …), whose runner fails the test on an unhandled rejection. @default false
     */
    checkTestCallbacks?: boolean;
    /**
     * checkMaybePromises also reports a dropped value typed as a promise or a plain value
     * (`void | Promise<void>`), which may be no promise at run time. @default false
     */
    checkMaybePromises?: boolean;
  },
];

/** MessageIds are the kinds of finding corral/no-fire-and-forget reports, and its suggestions. */
export type MessageIds =
  | "droppedPromise"
  | "droppedAsyncIife"
  | "voidedPromise"
  | "droppedPromiseArray"
  | "unhandledThen"
  | "rethrowingCatch"
  | "asyncCallbackDropped"
  | "asyncFunctionToVoid"
  | "unawaitedPromise"
  | "suggestAwait"
  | "suggestCatch"
  | "superviseWithGo"
  | "routeToReject"
  | "leaveManual";

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;
type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

// Each message's first sentence is the bug and the fix (160 characters at most, the meta-tests
// check); the Go pattern follows in a few words; the whole lesson is on the rule's page. `fate` is
// what happens to a rejection nobody handles in this program (describeRejectionFate): Node's
// default ends the process; a process-wide handler of the program's own may only log it.
const goOwner = "Go: every goroutine has an owner (an errgroup, a supervisor with recover).";
const moveWorkOut = "keep it synchronous and start the work with `go(() => …)`, or catch inside";

/**
 * strictOptions also report async functions in JSX props typed to return void (idiomatic in React,
 * and only logged in a browser), in parameters whose type does not say what happens to the result,
 * `void main()` at a module's top level (a script's entry point, where crashing on the rejection
 * with its stack trace is usually what the script wants), statements that drop a promise which
 * loses no error (no-floating-promises reports them; they lose nothing but readability), drops
 * inside test callbacks, whose runner reports the rejection as a failure, and drops of a value
 * typed as a promise or a plain value (`void | Promise<void>`), which may be no promise at all.
 */
export const strictOptions: Options = [
  {
    allowVoid: false,
    allowList: [],
    checkJsxAttributes: true,
    checkUntypedCallbacks: true,
    checkTopLevelVoid: true,
    checkSettledDrops: true,
    checkTestCallbacks: true,
    checkMaybePromises: true,
  },
];

export default createRule<Options, MessageIds>({
  name: "no-fire-and-forget",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow promises and async callbacks that are started and dropped, with nobody owning their errors",
      requiresTypeChecking: true,
      recommended: "recommended",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allowVoid: { type: "boolean", description: "Allow `void promise` as a deliberate, unhandled drop." },
          allowList: {
            type: "array",
            items: { type: "string" },
            description: "Function or method names (`track`) or dotted paths (`logger.flush`) whose dropped promise or async callback is fine.",
          },
          checkJsxAttributes: { type: "boolean", description: "Also report async functions given to JSX props typed to return void." },
          checkUntypedCallbacks: {
            type: "boolean",
            description: "Also report async functions passed to parameters whose type does not say what happens to their result (`Function`, `any`).",
          },
          checkTopLevelVoid: {
            type: "boolean",
            description: "Also report `void main()`, `main()` and an async IIFE at a module's top level, outside every function (a script's entry point).",
          },
          checkSettledDrops: {
            type: "boolean",
            description: "Also report a statement that drops a promise which loses no error (its function catches every error, or an object re-runs its own method whose kept promise its callers hold), as no-floating-promises does.",
          },
          checkTestCallbacks: {
            type: "boolean",
            description: "Also report inside the callbacks of test runners (`it`, `test`, `beforeEach`, …), which fail the test on an unhandled rejection.",
          },
          checkMaybePromises: {
            type: "boolean",
            description: "Also report a dropped value typed as a promise or a plain value (`void | Promise<void>`), which may be no promise at run time.",
          },
        },
      },
    ],
    messages: {
      droppedPromise: `This promise is dropped: a rejection {{fate}} and nobody waits for it; await it, return it, or hand it to \`go(() => …)\`. ${goOwner}`,
      droppedAsyncIife: `This async IIFE runs unowned: a throw inside it {{fate}}; await it, or run the body with \`go(async () => { … })\`. ${goOwner}`,
      voidedPromise: `\`void\` silences the warning but handles nothing: a rejection still {{fate}}; await it, or hand it to \`go(() => …)\` or add \`.catch\`. ${goOwner}`,
      droppedPromiseArray:
        "These promises are dropped: the first rejection {{fate}} and nobody waits for the rest; await `map(items, fn, { concurrency })` or an ErrGroup. Go: errgroup's Wait returns the first error.",
      unhandledThen: `This dropped chain ends in \`.{{method}}(…)\`, which passes a rejection on to nobody, so it {{fate}}; await it, or end it with \`.catch\`. ${goOwner}`,
      rethrowingCatch: `This dropped chain's rejection handler throws again, so a rejection still {{fate}}; await the chain, or handle the error in the handler. ${goOwner}`,
      asyncCallbackDropped: `{{sink}} drops this function's promise, so a rejection {{fate}}; ${moveWorkOut}. ${goOwner}`,
      asyncFunctionToVoid: `Its caller expects \`void\` and drops this promise, so a rejection {{fate}}; ${moveWorkOut}. ${goOwner}`,
      unawaitedPromise:
        "Nobody waits for this promise (it loses no error): the next line runs before it ends and shutdown cuts it off; await it, or mark it `void` or `go(() => …)`. Go waits with `g.Wait()`.",
      suggestAwait: "Await it, so a rejection reaches this async function's caller (Go: wait for the goroutine before returning).",
      suggestCatch: "Add a `.catch` handler that logs the error, so a rejection is handled instead of ending the process (Go: recover in the goroutine).",
      superviseWithGo:
        "Hand the work to `go` from @corral/runtime: it starts at once with an owner, and a failure still reaches the host's handlers (Go's `go` under a supervisor).",
      routeToReject:
        "Pass a rejection to the enclosing `new Promise`'s `reject`, so that promise fails at once instead of never settling (Go: send the error to the owner's channel).",
      leaveManual: manualMessage,
    },
  },
  defaultOptions: [
    {
      allowVoid: false,
      allowList: [],
      checkJsxAttributes: false,
      checkUntypedCallbacks: false,
      checkTopLevelVoid: false,
      checkSettledDrops: false,
      checkTestCallbacks: false,
      checkMaybePromises: false,
    },
  ],
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const rejection = getRejectionAnalysis(services.program);
    // Every message that says what happens to the rejection says it for this program.
    const report = (descriptor: TSESLint.ReportDescriptor<MessageIds>): void => {
      const fate = describeRejectionFate(services.program, context.cwd, services.program.getSourceFile(context.filename));
      context.report({ ...descriptor, data: { ...descriptor.data, fate } });
    };
    const sourceCode = context.sourceCode;
    const allowList = options.allowList ?? [];
    const rewriteInput: GoRewriteInput = { sourceCode, services, codemod: isCodemodRun(context) };
    const droppedArray = manual("an array of promises is dropped: decide who waits for it, then await `map(items, fn, { concurrency })` or start each under an ErrGroup");
    // strict only: no error can be lost, so whether to wait for the work is a decision about order.
    const settledDrop = manual("the promise cannot reject, so no error is lost: whether the code after it should wait for the work is a decision about order, not a mechanical fix");

    // A rewrite that uses no runtime export routes the failure to a local owner (`.catch(reject)`).
    function goSuggestions(verdict: RewriteVerdict) {
      return rewriteSuggestions(context, verdict, !isManual(verdict) && verdict.runtime === undefined ? "routeToReject" : "superviseWithGo");
    }

    function asCall(node: TSESTree.Node): CallLike | undefined {
      const expression = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
      return expression.type === AST_NODE_TYPES.CallExpression || expression.type === AST_NODE_TYPES.NewExpression ? expression : undefined;
    }

    function isExempt(call: CallLike | undefined): boolean {
      return call !== undefined && (isTestRunnerCall(call) || isAllowListedCall(call, allowList));
    }

    /**
     * findingFor says how a dropped expression loses a rejection, or undefined when it does not, or
     * (without checkMaybePromises) when it may be no promise at all.
     */
    function findingFor(expression: TSESTree.Expression): MessageIds | undefined {
      if (isExempt(asCall(expression))) return undefined;
      const kind = getDroppedPromiseKind(services, expression);
      const mayBeNone = kind === "droppedPromise" && options.checkMaybePromises !== true && isMaybePromise(services, expression);
      return mayBeNone ? undefined : kind;
    }

    function suggestionsFor(node: TSESTree.Node, awaitFix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined) {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (awaitFix) suggestions.push({ messageId: "suggestAwait", fix: awaitFix });
      const appendCatch = getCatchHandlerFix(sourceCode, node, context.filename);
      if (appendCatch) suggestions.push({ messageId: "suggestCatch", fix: appendCatch });
      return suggestions;
    }

    // Inside a test the runner reports an unhandled rejection as a failure (jest-circus, vitest and
    // node:test install a handler for it), so a drop there loses no error: checkTestCallbacks
    // reports it all the same. A dropped assertion that a promise rejects (`expect(p).rejects…`)
    // is still reported: the test passes without checking anything.
    function isTestCode(node: TSESTree.Node): boolean {
      return options.checkTestCallbacks !== true && isInTestCallback(node) && !mentionsRejectionAssertion(node);
    }

    // A dropped promise loses an error only when it may reject and nobody else holds it: the
    // object re-running one of its own methods (a retry) gets back the promise it already handed
    // to that method's callers, and a builder step (`request.body(x)`, returning `this`) hands back
    // the object the code already holds.
    function losesRejection(expression: TSESTree.Expression): boolean {
      if (isTestCode(expression)) return false;
      const call = asCall(expression);
      if (call?.type === AST_NODE_TYPES.CallExpression && (returnsReceiver(services, call) || callsExistingPromiseGetter(call))) return false;
      const tsNode = services.esTreeNodeToTSNodeMap.get(expression);
      if (!rejection.expressionMayReject(tsNode)) return false;
      return call?.type !== AST_NODE_TYPES.CallExpression || !isKeptPromiseReentry(services.program, checker, services.esTreeNodeToTSNodeMap.get(call));
    }

    // A statement that drops a promise which loses no error: only checkSettledDrops reports it, as
    // no-floating-promises does, for the work nobody waits for.
    function statementFindingFor(expression: TSESTree.Expression): MessageIds | undefined {
      const finding = findingFor(expression);
      if (finding === "droppedPromiseArray") return isTestCode(expression) ? undefined : finding;
      if (finding === undefined || losesRejection(expression)) return finding;
      return options.checkSettledDrops ? "unawaitedPromise" : undefined;
    }

    function checkStatement(statement: TSESTree.ExpressionStatement): void {
      if (statement.directive !== undefined) return;
      for (const expression of getDroppedExpressions(statement.expression)) {
        const messageId = statementFindingFor(expression);
        if (messageId === undefined || isEntryPointCall(statement, messageId)) continue;
        const call = asCall(expression);
        const method = (call && getCalleeName(call)) ?? "then";
        const awaitFix = isAwaitAllowedAt(expression) ? (fixer: TSESLint.RuleFixer) => fixer.insertTextBefore(expression, "await ") : undefined;
        report({
          node: expression,
          messageId,
          data: { method },
          suggest:
            messageId === "droppedPromiseArray"
              ? goSuggestions(droppedArray)
              : messageId === "unawaitedPromise"
                ? [...(awaitFix ? [{ messageId: "suggestAwait" as const, fix: awaitFix }] : []), ...goSuggestions(settledDrop)]
                : [...suggestionsFor(expression, awaitFix), ...goSuggestions(getDroppedGoRewrite(rewriteInput, expression))],
        });
      }
    }

    // A call at a module's top level, outside every function (`main();`, `bootstrap();`, an async
    // IIFE), starts the program as `void main()` does: a rejection ends the process as it starts,
    // with the error's stack trace, which is the handling an entry point wants. checkTopLevelVoid
    // reports both.
    function isEntryPointCall(statement: TSESTree.ExpressionStatement, messageId: MessageIds): boolean {
      return !options.checkTopLevelVoid && (messageId === "droppedPromise" || messageId === "droppedAsyncIife") && isModuleLevel(statement);
    }

    // `void` states that the drop is deliberate, so it is reported only where the drop loses a
    // rejection, whatever the options: checkSettledDrops is about drops that do not say so.
    function voidedFindingFor(expression: TSESTree.Expression): MessageIds | undefined {
      const finding = findingFor(expression);
      return finding !== undefined && losesRejection(expression) ? finding : undefined;
    }

    function checkVoid(node: TSESTree.UnaryExpression): void {
      if (options.allowVoid || (!options.checkTopLevelVoid && isModuleLevel(node))) return;
      const findings = getDroppedExpressions(node.argument).map(voidedFindingFor);
      const messageId = findings.includes("rethrowingCatch") ? "rethrowingCatch" : findings.find((finding) => finding !== undefined);
      if (messageId === undefined) return;
      const voidKeyword = sourceCode.getFirstToken(node);
      const awaitFix =
        node.parent.type === AST_NODE_TYPES.ExpressionStatement && voidKeyword && isAwaitAllowedAt(node)
          ? (fixer: TSESLint.RuleFixer) => fixer.replaceText(voidKeyword, "await")
          : undefined;
      report({
        node,
        messageId: messageId === "rethrowingCatch" ? messageId : "voidedPromise",
        suggest:
          messageId === "droppedPromiseArray"
            ? goSuggestions(getDroppedGoRewrite(rewriteInput, node))
            : [...suggestionsFor(node.argument, awaitFix), ...goSuggestions(getDroppedGoRewrite(rewriteInput, node))],
      });
    }

    /** dropsCallbackResult decides whether `call` drops what its function argument `argument` returns. */
    function dropsCallbackResult(call: CallLike, argument: TSESTree.Node): boolean {
      const slotType = getFunctionSlotType(services, argument);
      const expectation = getCallbackReturnExpectation(checker, slotType, services.esTreeNodeToTSNodeMap.get(argument));
      // A sink known by name drops the result unless its type promises to take a thenable: lib.dom
      // types listeners as returning `any`, which says nothing about what happens to a promise.
      if (isVoidReturningCallbackSink(call)) return expectation !== "thenable";
      return expectation === "void" || (expectation === "unspecified" && options.checkUntypedCallbacks === true);
    }

    function reportCallback(call: CallLike, argument: TSESTree.Node): void {
      const name = getCalleeName(call);
      const sink = name === undefined ? "The function it is passed to" : `\`${name}\``;
      const suggest = goSuggestions(getCallbackGoRewrite(rewriteInput, argument, call));
      report({ node: argument, messageId: "asyncCallbackDropped", data: { sink }, suggest });
    }

    // `promise.finally(f)` waits for a promise `f` returns and passes its rejection down the chain,
    // whatever lib.es2018's `() => void` says: the chain owns it, and a dropped chain is the
    // statement's finding.
    function isPromiseFinally(call: CallLike): boolean {
      return (
        call.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        getCalleeName(call) === "finally" &&
        isThenable(services, call.callee.object)
      );
    }

    function checkCallbackArgument(call: CallLike, callback: FunctionLike): void {
      // An async Promise executor is no-unhandled-rejection's finding; the `new Promise` is ours.
      if (call.type === AST_NODE_TYPES.NewExpression && getCalleeName(call) === "Promise") return;
      if (isPromiseFinally(call)) return;
      if (isExempt(call) || !isPromiseReturningFunction(services, callback)) return;
      if (dropsCallbackResult(call, callback) && !isCorralOwnerCall(services, call) && functionMayReject(callback)) reportCallback(call, callback);
    }

    function checkFunctionReferences(call: TSESTree.CallExpression): void {
      if (!isVoidReturningCallbackSink(call) || isExempt(call)) return;
      for (const argument of call.arguments) {
        const isReference =
          argument.type === AST_NODE_TYPES.Identifier ||
          argument.type === AST_NODE_TYPES.MemberExpression ||
          argument.type === AST_NODE_TYPES.CallExpression;
        if (
          isReference &&
          isPromiseReturningFunction(services, argument) &&
          dropsCallbackResult(call, argument) &&
          rejection.referenceMayReject(services.esTreeNodeToTSNodeMap.get(argument)) &&
          !isTestCode(argument)
        ) {
          reportCallback(call, argument);
        }
      }
    }

    function checkAssignedFunction(callback: FunctionLike): void {
      const parent = callback.parent;
      if (!options.checkJsxAttributes && isJsxAttributeValue(callback)) return;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.typeAnnotation === undefined) return;
      if (!isPromiseReturningFunction(services, callback)) return;
      const slotType = getFunctionSlotType(services, callback);
      if (getCallbackReturnExpectation(checker, slotType, services.esTreeNodeToTSNodeMap.get(callback)) === "void" && functionMayReject(callback)) {
        report({ node: callback, messageId: "asyncFunctionToVoid", suggest: goSuggestions(getCallbackGoRewrite(rewriteInput, callback, undefined)) });
      }
    }

    // A call of a function of this file that only hands back a promise someone else started and
    // owns (`release()` returning the worker's promise) drops a second reference, not a rejection.
    function callsExistingPromiseGetter(call: TSESTree.CallExpression): boolean {
      const tsCall = services.esTreeNodeToTSNodeMap.get(call);
      const declaration = getProjectFunction(services.program, checker, tsCall);
      if (!declaration || declaration.getSourceFile() !== tsCall.getSourceFile()) return false;
      const callee = services.tsNodeToESTreeNodeMap.get(declaration);
      const isFunction = callee.type === AST_NODE_TYPES.ArrowFunctionExpression || callee.type === AST_NODE_TYPES.FunctionExpression || callee.type === AST_NODE_TYPES.FunctionDeclaration;
      return isFunction && returnsExistingPromise(callee);
    }

    // A function whose promise cannot reject, or that only hands back a promise someone else
    // started, or that runs inside a test, loses nothing when its caller drops the promise.
    function functionMayReject(callback: FunctionLike): boolean {
      return !returnsExistingPromise(callback) && rejection.functionMayReject(services.esTreeNodeToTSNodeMap.get(callback)) && !isTestCode(callback);
    }

    function checkFunction(callback: FunctionLike): void {
      const parent = callback.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
        if (parent.arguments.includes(callback)) checkCallbackArgument(parent, callback);
        return;
      }
      if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) return;
      checkAssignedFunction(callback);
    }

    return {
      ExpressionStatement: checkStatement,
      'UnaryExpression[operator="void"]': checkVoid,
      CallExpression: checkFunctionReferences,
      ArrowFunctionExpression: checkFunction,
      FunctionExpression: checkFunction,
    };
  },
});
