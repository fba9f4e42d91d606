import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isThenableType, unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { relative, sep } from "node:path";
import { type AbortSignalParameter, getAbortSignalParameters } from "./util/get-abort-signal-parameter.js";
import { getCalleeName } from "./util/get-callee-name.js";
import { getDeadlineConflict } from "./require-timeout/get-deadline-conflict.js";
import { getDeadlineFix } from "./util/get-deadline-fix.js";
import { getCorralRuntimeImport } from "./util/get-corral-runtime-import.js";
import { manual, manualMessage, rewriteOf, rewriteSuggestions, type RewriteVerdict, type TextEdit } from "./util/rewrite.js";
import { getIoCallForm, type IoCallForm } from "./require-timeout/get-io-call-form.js";
import { getSignalInScope } from "./util/get-signal-in-scope.js";
import { createRule } from "./util/create-rule.js";
import { getRuntimeFolder, isRuntimeFile } from "./util/is-runtime-declaration.js";
import { runtimeLimiters } from "./util/runtime.js";
import { isAwaitedWithoutTimer } from "./require-timeout/is-awaited-without-timer.js";
import { isOptionPossiblyPassed } from "./util/is-option-possibly-passed.js";
import { isTimerPromise } from "./require-timeout/is-timer-promise.js";
import { isTimeoutSetOnResult } from "./require-timeout/is-timeout-set-on-result.js";
import { isHandedOut } from "./require-timeout/is-handed-out.js";
import { hasOwnDeadline } from "./require-timeout/has-own-deadline.js";
import { isInNoSignalBranch, isSignalIgnoredByImplementations } from "./require-timeout/is-signal-unwanted.js";
import { getClientDeadline, isTimeoutConfigurableClient } from "./require-timeout/get-client-deadline.js";
import { isInTestCallback } from "./util/is-test-runner-call.js";
import { matchesGlob } from "./util/matches-glob.js";
import { hasBody, isProjectDeclaration } from "./util/project-functions.js";
import { perProgram } from "./util/analysis-engine.js";

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
    /**
     * checkTests also checks test files and the callbacks of test runners, whose own timeout is a deadline.
     * @default false
     */
    checkTests?: boolean;
    /**
     * testFilePatterns are the globs, relative to ESLint's working directory, of the files that are tests.
     * @default defaultTestFilePatterns
     */
    testFilePatterns?: string[];
  },
];

/** MessageIds are the kinds of finding corral/require-timeout reports, and its suggestions. */
export type MessageIds =
  | "fetchWithoutSignal"
  | "nodeRequestWithoutTimeout"
  | "socketWithoutTimeout"
  | "onceWithoutSignal"
  | "signalNotPassed"
  | "timeoutNotSet"
  | "clientWithoutTimeout"
  | "passCallerSignal"
  | "passTimeoutSignal"
  | "passCallerDeadline"
  | "leaveManual";

type FindingId = Exclude<MessageIds, "passCallerSignal" | "passTimeoutSignal" | "passCallerDeadline" | "leaveManual">;

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

/**
 * defaultTestFilePatterns are the files require-timeout takes for tests unless configured: the
 * `*.test.*`/`*.spec.*` and `*.mock.*` files and the `test`, `tests`, `__tests__` and `__mocks__`
 * folders of vitest, jest, mocha and node:test projects. A test runs under its runner's timeout.
 */
export const defaultTestFilePatterns: readonly string[] = [
  "**/*.{test,spec}.*",
  "**/*.mock.*",
  "**/{test,tests,__tests__,__mocks__}/**",
];

/** strictOptions extends the AbortSignal check to dependencies, too noisy to adopt on an existing codebase. */
export const strictOptions: Options = [
  { checkDependencies: true, allow: [], timeoutMs: defaultTimeoutMs, checkTests: false, testFilePatterns: [...defaultTestFilePatterns] },
];

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
          // Node clamps a longer timer to 1 ms, so every call would abort at once.
          timeoutMs: { type: "integer", minimum: 1, maximum: 2_147_483_647, description: "Timeout, in milliseconds, the suggestions pass to `AbortSignal.timeout` (at most 2³¹−1)." },
          checkTests: {
            type: "boolean",
            description: "Also check test files and the callbacks of test runners (`it`, `test`, `beforeEach`, …), which run under the runner's timeout.",
          },
          testFilePatterns: {
            type: "array",
            items: { type: "string" },
            description: "Globs, relative to ESLint's working directory, of the files that are tests.",
          },
        },
      },
    ],
    messages: {
      // Each message's first sentence is the bug and the fix (160 characters at most, the
      // meta-tests check); the Go pattern follows in a few words; the lesson is on the rule's page.
      fetchWithoutSignal:
        "`{{callee}}` has no `signal`: a stalled server holds it for minutes (Node: 300 s a phase) or for good (browsers); pass `{ signal: AbortSignal.timeout(ms) }`. Go gives every call a `ctx`.",
      nodeRequestWithoutTimeout:
        "`{{callee}}` has no `signal` or `timeout`, so a silent server holds it and its socket forever; pass `signal: AbortSignal.timeout(ms)` or the caller's. Go: `http.Client{Timeout}`.",
      socketWithoutTimeout:
        "`{{callee}}` opens a socket with no `signal` or `timeout`, so a silent host holds it forever; pass a `signal`, or a `timeout` and destroy it on 'timeout'. Go: `net.Dialer{Timeout}`.",
      onceWithoutSignal:
        "`{{callee}}` waits with no `signal`, so an event never emitted hangs it forever; pass `{ signal }` third, the caller's or `AbortSignal.timeout(ms)`. Go selects on `ctx.Done()` too.",
      signalNotPassed:
        "`{{callee}}` accepts an AbortSignal but gets none, so nobody can cancel it when it stalls; pass the caller's `signal` or `AbortSignal.timeout(ms)`. Go passes its `ctx` down.",
      timeoutNotSet:
        "`{{callee}}` takes a timeout (`{{option}}`) but none is set, so a stalled server holds it as long as it likes; set `{{option}}` on the call or its client. Go: `context.WithTimeout`.",
      clientWithoutTimeout:
        "`{{callee}}` runs on a client built with no timeout, so a server that stops answering holds it forever; set the client's request timeout where it is built. Go: `context.WithTimeout`.",
      passCallerSignal:
        "Pass the caller's own `{{signal}}`, as Go passes its `ctx` down: when the caller is cancelled or times out, this call stops too.",
      passTimeoutSignal:
        "Pass `AbortSignal.timeout({{timeout}})`, like Go's `context.WithTimeout`: the call is aborted if it has not finished after {{timeout}} ms.",
      passCallerDeadline:
        "Pass `timeoutSignal({{timeout}}, {{signal}})` from @corral/runtime: the call stops when the caller is cancelled or after {{timeout}} ms. Go: `context.WithTimeout(ctx, …)`.",
      leaveManual: manualMessage,
    },
  },
  defaultOptions: [{ checkDependencies: false, allow: [], timeoutMs: defaultTimeoutMs, checkTests: false, testFilePatterns: [...defaultTestFilePatterns] }],
  create(context, [options]) {
    const { checkDependencies = false, allow = [], timeoutMs = defaultTimeoutMs, checkTests = false } = options;
    if (!checkTests && matchesGlob(relative(context.cwd, context.filename).split(sep).join("/"), options.testFilePatterns ?? defaultTestFilePatterns)) {
      return {};
    }
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const sourceCode = context.sourceCode;
    // For the runtime's own code, its functions are the project's; elsewhere they are a dependency
    // wherever the runtime resolves from this file.
    const runtimeFolder = isRuntimeFile(services.program, context.physicalFilename) ? null : getRuntimeFolder(services.program, context.physicalFilename);
    const callApis = getCallApiCache(services.program)(checkDependencies, runtimeFolder);

    function isDeadlinePassed(call: TSESTree.CallExpression, form: IoCallForm): boolean {
      return call.arguments.some(
        (argument, index) =>
          index >= form.firstOptionIndex &&
          !isFunction(argument) &&
          (argument.type === AST_NODE_TYPES.SpreadElement || isOptionPossiblyPassed(services, argument, form.deadlineOptions)),
      );
    }

    /**
     * getCallApi says how the function `call` runs takes a deadline, worked out once per
     * declaration: the parameters that carry one and whose code it is. A dependency's overload
     * chosen for a call without options (`got(url)`) borrows the deadline parameters of the
     * callee's other signatures that start with the same parameters.
     */
    function getCallApi(call: TSESTree.CallExpression, callNode: ts.CallExpression): CallApi {
      const signature = checker.getResolvedSignature(callNode);
      const declaration = signature?.declaration;
      if (!signature || !declaration) return noApi;
      let api = callApis.get(declaration);
      if (api === undefined) {
        api = computeCallApi(declaration, callNode);
        callApis.set(declaration, api);
      }
      if (api.parameters.length > 0 || api.overloads.length === 0) return api;
      const names = signature.getParameters().map((parameter) => parameter.getName());
      const count = Math.min(call.arguments.length, names.length);
      const overload = api.overloads.find((candidate) => names.slice(0, count).every((name, index) => candidate.names[index] === name));
      return overload ? { ...api, parameters: overload.parameters, isRequest: overload.parameters.some((parameter) => parameter.isRequest === true) } : api;
    }

    function computeCallApi(declaration: ts.SignatureDeclaration | ts.JSDocSignature, callNode: ts.CallExpression): CallApi {
      if (ts.isJSDocSignature(declaration)) return noApi;
      const file = declaration.getSourceFile();
      if (services.program.isSourceFileDefaultLibrary(file)) return noApi;
      // The runtime is a dependency wherever it resolves (a link or a workspace is outside
      // node_modules), and its map/mapSettled wait only as long as the work they run, whose own
      // I/O this rule checks: asking them for a signal too would report the codemod's own output.
      const fromRuntime = runtimeFolder !== null && file.fileName.startsWith(runtimeFolder);
      if (fromRuntime && isRuntimeFanOut(declaration)) return noApi;
      const isDependency = fromRuntime || file.fileName.includes("/node_modules/");
      if (isDependency && boundedByNature.test(file.fileName)) return noApi;
      const signature = checker.getSignatureFromDeclaration(declaration);
      if (!signature || !isThenableType(checker, declaration, checker.getReturnTypeOfSignature(signature))) return noApi;
      const parameters = getAbortSignalParameters(checker, signature);
      if (!isDependency) {
        // The project's own functions are asked for a signal, as they always were; a timeout
        // option of their own is a deadline the call may pass, not a reason to report it.
        const signals = parameters.filter((parameter) => parameter.kind === "signal" || parameter.signalOption !== undefined);
        // A wrapper of the project's own that applies a deadline when it is given none is bounded.
        if (signals.length > 0 && hasBody(declaration) && isProjectDeclaration(services.program, declaration) && hasOwnDeadline(checker, declaration)) return noApi;
        // An interface's method whose every implementation in the project drops the signal.
        const slotIndex = signals.at(-1)?.index;
        if (slotIndex !== undefined && isSignalIgnoredByImplementations(services.program, declaration, slotIndex)) return noApi;
        return { parameters: signals, isDependency, isRequest: false, isNodeCore: false, overloads: [] };
      }
      // Node's own APIs are recognised by import (fetch, http, net, events.once); others of its,
      // such as a promisified `exec` with a `timeout`, only with checkDependencies.
      const isNodeCore = nodeCore.test(file.fileName);
      const isRequest = !isNodeCore && parameters.some((parameter) => parameter.isRequest === true);
      const others = parameters.length > 0 ? [] : checker.getTypeAtLocation(callNode.expression).getCallSignatures();
      const overloads =
        others.length <= 1
          ? []
          : others
              .map((other) => ({ names: other.getParameters().map((parameter) => parameter.getName()), parameters: getAbortSignalParameters(checker, other) }))
              .filter((other) => other.parameters.length > 0);
      return { parameters, isDependency, isRequest, isNodeCore, overloads };
    }

    /**
     * checkDependencyCall decides a waited-for call of a dependency's function: one that takes an
     * HTTP request's options (a signal beside a timeout or headers) in the recommended options,
     * any that takes a deadline, or runs on a client whose constructor takes one (pg, ioredis),
     * with checkDependencies. A call that passes none is still bounded by a client built with a
     * timeout, or by a library's documented default; where the client is built out of view, only
     * checkDependencies reports it.
     */
    function checkDependencyCall(call: TSESTree.CallExpression, callNode: ts.CallExpression, api: CallApi): void {
      const { parameters } = api;
      if (parameters.length === 0) {
        if (!checkDependencies || api.isNodeCore || !isTimeoutConfigurableClient(services.program)(callNode)) return;
        if (getClientDeadline(services.program).ofCall(callNode) !== "none" || (!checkTests && isInTestCallback(call))) return;
        report(call, "clientWithoutTimeout", undefined, clientReason);
        return;
      }
      if (!(api.isRequest || checkDependencies) || isSignalPassed(call, parameters) || (!checkTests && isInTestCallback(call))) return;
      const client = getClientDeadline(services.program).ofCall(callNode);
      if (client === "deadline" || (client === "unknown" && !checkDependencies)) return;
      const slot = parameters.at(-1) as AbortSignalParameter;
      if (slot.kind === "signal" || slot.signalOption !== undefined) {
        report(call, "signalNotPassed", slot);
        return;
      }
      const option = slot.deadlineOptions?.[0] ?? "timeout";
      report(call, "timeoutNotSet", undefined, `\`${getCalleeName(call) ?? "the callee"}\` takes a \`${option}\` option and no AbortSignal: set \`${option}\` on the call, or on the client where it is constructed, by hand`, { option });
    }

    // Any parameter that can carry a deadline and is given one bounds the call.
    function isSignalPassed(call: TSESTree.CallExpression, parameters: readonly AbortSignalParameter[]): boolean {
      return parameters.some((parameter) => {
        const argumentsUpTo = call.arguments.slice(0, parameter.index + 1);
        if (argumentsUpTo.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return true;
        const argument = argumentsUpTo[parameter.index];
        if (!argument || isNullish(argument)) return false;
        return parameter.kind === "signal" || isOptionPossiblyPassed(services, argument, parameter.deadlineOptions ?? ["signal"]);
      });
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

    // An fs read or write stream (it has the file's `path`, its byte count and `pending`): its events
    // come from the local disk, which ends in an event or an 'error', never a stalled peer.
    function isFileStream(node: TSESTree.Node | undefined): boolean {
      if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
      const type = services.getTypeAtLocation(node);
      const has = (name: string) => type.getProperty(name) !== undefined;
      return has("path") && has("pending") && (has("bytesWritten") || has("bytesRead"));
    }

    function isUrl(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return true;
      return unionConstituents(services.getTypeAtLocation(node)).some(
        (part) => (part.flags & ts.TypeFlags.StringLike) !== 0 || part.getProperty("href") !== undefined,
      );
    }

    function report(call: TSESTree.CallExpression, messageId: FindingId, slot: AbortSignalParameter | undefined, manualReason = noSlotReason, extra: Record<string, string> = {}): void {
      const calleeText = sourceCode.getText(call.callee);
      const callee = calleeText.length <= 40 && !calleeText.includes("\n") ? calleeText : (getCalleeName(call) ?? "this call");
      const conflict = getDeadlineConflict(services, call);
      if (conflict) {
        context.report({ node: call, messageId, data: { callee, ...extra }, suggest: rewriteSuggestions(context, manual(conflict), "passTimeoutSignal") });
        return;
      }
      const callerSignal = slot && getSignalInScope(sourceCode, services, call);
      const timeout = formatMilliseconds(timeoutMs);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const callerEdits = callerSignal && slot && getDeadlineFix(sourceCode, services, call, slot, callerSignal);
      if (callerEdits) suggest.push({ messageId: "passCallerSignal", data: { signal: callerSignal }, fix: applyEdits(callerEdits) });
      const timeoutEdits = slot && getDeadlineFix(sourceCode, services, call, slot, `AbortSignal.timeout(${timeout})`);
      const noSlot = manual(manualReason);
      if (!callerSignal) {
        suggest.push(...rewriteSuggestions(context, timeoutEdits ? rewriteOf(timeoutEdits) : noSlot, "passTimeoutSignal", { timeout }));
      } else {
        if (timeoutEdits) suggest.push({ messageId: "passTimeoutSignal", data: { timeout }, fix: applyEdits(timeoutEdits) });
        suggest.push(...rewriteSuggestions(context, getCallerDeadline(call, slot, callerSignal, timeout) ?? noSlot, "passCallerDeadline", { timeout, signal: callerSignal }));
      }
      context.report({ node: call, messageId, data: { callee, ...extra }, suggest });
    }

    // The codemod's rewrite where the caller has a signal: `timeoutSignal(ms, signal)` bounds the call
    // by both, without the listener `AbortSignal.any` leaves on a long-lived caller signal (Node 20).
    function getCallerDeadline(call: TSESTree.CallExpression, slot: AbortSignalParameter | undefined, callerSignal: string, timeout: string): RewriteVerdict | undefined {
      if (!slot) return undefined;
      const timeoutSignal = getCorralRuntimeImport(sourceCode, services, "timeoutSignal", call);
      if (typeof timeoutSignal === "string") return manual(timeoutSignal);
      const edits = getDeadlineFix(sourceCode, services, call, slot, `${timeoutSignal.reference}(${timeout}, ${callerSignal})`);
      return edits ? rewriteOf(edits, timeoutSignal) : undefined;
    }

    function isAllowed(call: TSESTree.CallExpression): boolean {
      return allow.length > 0 && (allow.includes(getCalleeName(call) ?? "") || allow.includes(sourceCode.getText(call.callee)));
    }

    return {
      CallExpression(call) {
        const form = getIoCallForm(sourceCode, call);
        if (form) {
          const waited = form.promised
            ? isAwaitedWithoutTimer(call, sourceCode)
            : !isTimeoutSetOnResult(call, sourceCode) && !isHandedOut(call, sourceCode);
          if (!waited || isAllowed(call) || isDeadlinePassed(call, form) || (!checkTests && isInTestCallback(call))) return;
          if (form.kind === "once" && isFileStream(call.arguments[0])) return;
          // An agent or dispatcher built with timeouts (`{ dispatcher: new Agent({ headersTimeout }) }`).
          const client = getClientDeadline(services.program).ofCallOptions(services.esTreeNodeToTSNodeMap.get(call));
          if (client === "deadline" || (client === "unknown" && !checkDependencies)) return;
          report(call, findings[form.kind], getSlot(call, form));
          return;
        }
        // withTimeout, withDeadline, sleep: a function named for its timer bounds its own wait.
        if (isTimerPromise(call) || !isAwaitedWithoutTimer(call, sourceCode) || isAllowed(call)) return;
        const callNode = services.esTreeNodeToTSNodeMap.get(call);
        const api = getCallApi(call, callNode);
        if (api.isDependency) {
          checkDependencyCall(call, callNode, api);
          return;
        }
        const slot = api.parameters.at(-1);
        if (slot && !isSignalPassed(call, api.parameters) && (checkTests || !isInTestCallback(call)) && !isInNoSignalBranch(services, call)) report(call, "signalNotPassed", slot);
      },
    };
  },
});

/** CallApi is how a callee takes a deadline, and whose code it is. */
interface CallApi {
  /** parameters carry a deadline (see getAbortSignalParameters). */
  parameters: AbortSignalParameter[];
  /** isDependency: declared in node_modules, or the runtime's. */
  isDependency: boolean;
  /** isRequest: a dependency's function that takes an HTTP request's options, which the recommended options check. */
  isRequest: boolean;
  /** isNodeCore: declared by @types/node or undici-types, whose APIs the rule knows by import. */
  isNodeCore: boolean;
  /** overloads are the callee's other signatures that carry a deadline, for a call whose own carries none. */
  overloads: { names: string[]; parameters: AbortSignalParameter[] }[];
}

const noApi: CallApi = { parameters: [], isDependency: false, isRequest: false, isNodeCore: false, overloads: [] };
const nodeCore = /\/node_modules\/(?:@types\/node|undici-types)\//;
const noSlotReason = "no argument a local edit can add a deadline to (for instance `net.connect(port, host)`); pass a `signal` or `timeout` by hand";
const clientReason = "the deadline belongs where the client is constructed (`statement_timeout`/`query_timeout` for pg, `commandTimeout` for ioredis), which a local edit of this call cannot set";

// How each callee takes a deadline, worked out once per program (per value of checkDependencies
// and per folder the runtime resolves to, which decide it) rather than once per file.
const getCallApiCache = perProgram(() => {
  const caches = new Map<string, Map<ts.Declaration, CallApi>>();
  return (checkDependencies: boolean, runtimeFolder: string | null): Map<ts.Declaration, CallApi> => {
    const key = `${String(checkDependencies)}:${runtimeFolder ?? ""}`;
    let cache = caches.get(key);
    if (cache === undefined) {
      cache = new Map();
      caches.set(key, cache);
    }
    return cache;
  };
});

function applyEdits(edits: readonly TextEdit[]): TSESLint.ReportFixFunction {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range as [number, number], edit.text));
}

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
