import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isThenableType, unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { type AbortSignalParameter, getAbortSignalParameter } from "./require-timeout/get-abort-signal-parameter.js";
import { getCalleeName } from "./util/get-callee-name.js";
import { getDeadlineFix } from "./require-timeout/get-deadline-fix.js";
import { getIoCallForm, type IoCallForm } from "./require-timeout/get-io-call-form.js";
import { getSignalInScope } from "./require-timeout/get-signal-in-scope.js";
import { createRule } from "./util/create-rule.js";
import { isRuntimeDeclaration, isRuntimeFile } from "./util/is-runtime-declaration.js";
import { runtimeLimiters } from "./util/runtime.js";
import { isAwaitedWithoutTimer } from "./require-timeout/is-awaited-without-timer.js";
import { isOptionPossiblyPassed } from "./require-timeout/is-option-possibly-passed.js";
import { isTimerPromise } from "./require-timeout/is-timer-promise.js";
import { isTimeoutSetOnResult } from "./require-timeout/is-timeout-set-on-result.js";

/** Options configures corral/require-timeout. */
export type Options = [
  {
    /**
     * checkDependencies also checks functions declared in node_modules that accept an AbortSignal.
     * @default false (true in strictOptions)
     */
    checkDependencies?: boolean;
    /**
     * allow lists callee names the rule skips, as written (`client.query`) or by last name (`query`).
     * @default []
     */
    allow?: string[];
    /**
     * timeoutMs is the timeout, in milliseconds, the suggestions pass to `AbortSignal.timeout`.
     * @default 30000
     */
    timeoutMs?: number;
  },
];

/** MessageIds are the kinds of finding corral/require-timeout reports, and its suggestions. */
export type MessageIds =
  | "fetchWithoutSignal"
  | "nodeRequestWithoutTimeout"
  | "socketWithoutTimeout"
  | "onceWithoutSignal"
  | "signalNotPassed"
  | "passCallerSignal"
  | "passTimeoutSignal";

type FindingId = Exclude<MessageIds, "passCallerSignal" | "passTimeoutSignal">;

const findings: Record<IoCallForm["kind"], FindingId> = {
  fetch: "fetchWithoutSignal",
  httpRequest: "nodeRequestWithoutTimeout",
  socket: "socketWithoutTimeout",
  once: "onceWithoutSignal",
};
// Dependencies' functions that take a signal but end by themselves: local file I/O and timers.
const boundedByNature = /\/node_modules\/@types\/node\/(?:fs|timers)(?:\/promises)?\.d\.ts$/;

/**
 * defaultTimeoutMs is the deadline, in milliseconds, a suggested or rewritten timeout uses unless
 * configured: long enough for a slow upstream, short enough that a hung one frees its caller.
 */
export const defaultTimeoutMs = 30_000;

/** strictOptions extends the AbortSignal check to dependencies, too noisy to adopt on an existing codebase. */
export const strictOptions: Options = [{ checkDependencies: true, allow: [], timeoutMs: defaultTimeoutMs }];

export default createRule<Options, MessageIds>({
  name: "require-timeout",
  meta: {
    type: "problem",
    docs: {
      description: "Require a deadline (an AbortSignal or a timeout) on I/O that is waited for and could otherwise wait forever",
      requiresTypeChecking: true,
      recommended: "recommended",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          checkDependencies: {
            type: "boolean",
            description: "Also report calls of functions declared in node_modules that accept an AbortSignal when none is passed.",
          },
          allow: { type: "array", items: { type: "string" }, description: "Callee names (`fetch`, `client.query`) never reported." },
          timeoutMs: { type: "number", minimum: 1, description: "Timeout, in milliseconds, the suggestions pass to `AbortSignal.timeout`." },
        },
      },
    ],
    messages: {
      fetchWithoutSignal:
        "`{{callee}}` is waited for with no `signal`: a server that accepts the connection and never answers makes it hang forever, holding a socket, the request handler and its memory, and one slow upstream stalls everything behind it. Go gives every blocking call a `ctx` (`context.WithTimeout`, `http.Client{Timeout}`). Pass a deadline in the init: `{ signal: AbortSignal.timeout(ms) }`, or the caller's own `signal`.",
      nodeRequestWithoutTimeout:
        "`{{callee}}` has neither a `signal` nor a `timeout`: a server that stops answering keeps the request, its socket and its callbacks alive forever, until the process runs out of sockets. Go builds requests with `http.NewRequestWithContext(ctx, …)` on an `http.Client{Timeout}`. Pass `signal: AbortSignal.timeout(ms)`, or the caller's own `signal`, in the options.",
      socketWithoutTimeout:
        "`{{callee}}` opens a socket with neither a `signal` nor a `timeout`: a host that never accepts or never answers keeps it, its file descriptor and everything waiting on it forever. Go dials with `net.Dialer{Timeout}` or `DialContext(ctx, …)`. Pass a `signal` in the options, or a `timeout` (or `socket.setTimeout(ms)`) and destroy the socket on 'timeout'.",
      onceWithoutSignal:
        "`{{callee}}` waits for an event with no `signal`: if the event is never emitted, the waiting function never resumes and keeps everything it holds alive. Go selects on the channel and on `<-ctx.Done()` together. Pass `{ signal }` as the third argument, the caller's own or `AbortSignal.timeout(ms)`.",
      signalNotPassed:
        "`{{callee}}` accepts an AbortSignal but none is passed: nobody can cancel it, so when what it waits on stalls it waits forever, holding sockets and memory, and a caller's timeout only abandons it. Go passes the caller's `ctx` to every blocking call. Pass the caller's own `signal`, or `AbortSignal.timeout(ms)`.",
      passCallerSignal:
        "Pass the caller's own `{{signal}}`, as Go passes its `ctx` down: when the caller is cancelled or times out, this call stops too.",
      passTimeoutSignal:
        "Pass `AbortSignal.timeout({{timeout}})`, like Go's `context.WithTimeout`: the call is aborted if it has not finished after {{timeout}} ms.",
    },
  },
  defaultOptions: [{ checkDependencies: false, allow: [], timeoutMs: defaultTimeoutMs }],
  create(context, [{ checkDependencies = false, allow = [], timeoutMs = defaultTimeoutMs }]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const sourceCode = context.sourceCode;
    const signalParameters = new Map<ts.Declaration, AbortSignalParameter | null>();
    const lintsRuntime = isRuntimeFile(services.program, context.physicalFilename);

    function isDeadlinePassed(call: TSESTree.CallExpression, form: IoCallForm): boolean {
      return call.arguments.some(
        (argument, index) =>
          index >= form.firstOptionIndex &&
          !isFunction(argument) &&
          (argument.type === AST_NODE_TYPES.SpreadElement || isOptionPossiblyPassed(services, argument, form.deadlineOptions)),
      );
    }

    function getSignalParameter(call: TSESTree.CallExpression): AbortSignalParameter | undefined {
      const callNode = services.esTreeNodeToTSNodeMap.get(call);
      const declaration = checker.getResolvedSignature(callNode)?.declaration;
      if (!declaration) return undefined;
      let parameter = signalParameters.get(declaration);
      if (parameter === undefined) {
        parameter = computeSignalParameter(declaration) ?? null;
        signalParameters.set(declaration, parameter);
      }
      return parameter ?? undefined;
    }

    function computeSignalParameter(declaration: ts.SignatureDeclaration | ts.JSDocSignature): AbortSignalParameter | undefined {
      if (ts.isJSDocSignature(declaration)) return undefined;
      const file = declaration.getSourceFile();
      if (services.program.isSourceFileDefaultLibrary(file)) return undefined;
      // The runtime is a dependency wherever it resolves (a link or a workspace is outside
      // node_modules), and its map/mapSettled wait only as long as the work they run, whose own
      // I/O this rule checks: asking them for a signal too would report the codemod's own output.
      // For the runtime's own code, its functions are the project's.
      const fromRuntime = !lintsRuntime && isRuntimeDeclaration(services.program, declaration, context.physicalFilename);
      if (fromRuntime && isRuntimeFanOut(declaration)) return undefined;
      if ((fromRuntime || file.fileName.includes("/node_modules/")) && (!checkDependencies || boundedByNature.test(file.fileName))) return undefined;
      const signature = checker.getSignatureFromDeclaration(declaration);
      if (!signature || !isThenableType(checker, declaration, checker.getReturnTypeOfSignature(signature))) return undefined;
      return getAbortSignalParameter(checker, signature);
    }

    function isSignalPassed(call: TSESTree.CallExpression, parameter: AbortSignalParameter): boolean {
      const argumentsUpTo = call.arguments.slice(0, parameter.index + 1);
      if (argumentsUpTo.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return true;
      const argument = argumentsUpTo[parameter.index];
      if (!argument || isNullish(argument)) return false;
      return parameter.kind === "signal" || isOptionPossiblyPassed(services, argument, ["signal"]);
    }

    // Where a suggestion puts the signal; undefined where no local edit fits (net.connect(port, host)).
    function getSlot(call: TSESTree.CallExpression, form: IoCallForm): AbortSignalParameter | undefined {
      const objectIndex = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.ObjectExpression);
      if (form.kind === "fetch") return { index: 1, kind: "options" };
      if (form.kind === "once") return { index: 2, kind: "options" };
      if (objectIndex >= form.firstOptionIndex) return { index: objectIndex, kind: "options" };
      const first = call.arguments[0];
      return form.kind === "httpRequest" && first && isUrl(first) ? { index: 1, kind: "options" } : undefined;
    }

    function isUrl(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return true;
      return unionConstituents(services.getTypeAtLocation(node)).some(
        (part) => (part.flags & ts.TypeFlags.StringLike) !== 0 || part.getProperty("href") !== undefined,
      );
    }

    function report(call: TSESTree.CallExpression, messageId: FindingId, slot: AbortSignalParameter | undefined): void {
      const calleeText = sourceCode.getText(call.callee);
      const callee = calleeText.length <= 40 && !calleeText.includes("\n") ? calleeText : (getCalleeName(call) ?? "this call");
      const callerSignal = slot && getSignalInScope(sourceCode, services, call);
      const timeout = formatMilliseconds(timeoutMs);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const callerFix = callerSignal && slot && getDeadlineFix(sourceCode, services, call, slot, callerSignal);
      if (callerFix) suggest.push({ messageId: "passCallerSignal", data: { signal: callerSignal }, fix: callerFix });
      const timeoutFix = slot && getDeadlineFix(sourceCode, services, call, slot, `AbortSignal.timeout(${timeout})`);
      if (timeoutFix) suggest.push({ messageId: "passTimeoutSignal", data: { timeout }, fix: timeoutFix });
      context.report({ node: call, messageId, data: { callee }, suggest });
    }

    function isAllowed(call: TSESTree.CallExpression): boolean {
      return allow.length > 0 && (allow.includes(getCalleeName(call) ?? "") || allow.includes(sourceCode.getText(call.callee)));
    }

    return {
      CallExpression(call) {
        const form = getIoCallForm(sourceCode, call);
        if (form) {
          const waited = form.promised ? isAwaitedWithoutTimer(call, sourceCode) : !isTimeoutSetOnResult(call, sourceCode);
          if (!waited || isAllowed(call) || isDeadlinePassed(call, form)) return;
          report(call, findings[form.kind], getSlot(call, form));
          return;
        }
        // withTimeout, withDeadline, sleep: a function named for its timer bounds its own wait.
        if (isTimerPromise(call) || !isAwaitedWithoutTimer(call, sourceCode) || isAllowed(call)) return;
        const parameter = getSignalParameter(call);
        if (parameter && !isSignalPassed(call, parameter)) report(call, "signalNotPassed", parameter);
      },
    };
  },
});

function isRuntimeFanOut(declaration: ts.SignatureDeclaration): boolean {
  const name = declaration.name && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  return (runtimeLimiters.functions as readonly string[]).includes(name ?? "");
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.Literal && node.value === null);
}

// 30000 → "30_000": the suggestion writes the number the way a reader would.
function formatMilliseconds(milliseconds: number): string {
  return Number.isInteger(milliseconds) && milliseconds >= 10_000 ? String(milliseconds).replace(/\B(?=(\d{3})+$)/g, "_") : String(milliseconds);
}
