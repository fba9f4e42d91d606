import { AST_NODE_TYPES, ASTUtils, ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { createRule } from "./util/create-rule.js";
import { findLoopPushes } from "./no-unbounded-concurrency/find-loop-pushes.js";
import { getAwaitedAndReturnedExpressions } from "./no-unbounded-concurrency/get-awaited-and-returned-expressions.js";
import { getCalleeName } from "./util/get-callee-name.js";
import { getPromiseCombinatorName, type PromiseCombinatorName } from "./util/get-promise-combinator-name.js";
import { getPushLoopRewrite } from "./no-unbounded-concurrency/get-push-loop-rewrite.js";
import { getInlineMapRewrite, getVariableMapRewrite, type MapRewriteInput } from "./no-unbounded-concurrency/get-runtime-map-rewrite.js";
import { isCodemodRun, isManual, manual, manualMessage, rewriteSuggestions, type RewriteVerdict } from "./util/rewrite.js";
import { getSpreadIterable } from "./no-unbounded-concurrency/get-spread-iterable.js";
import { getWaitedCollection } from "./no-unbounded-concurrency/get-waited-collection.js";
import { isArrayFromCall } from "./no-unbounded-concurrency/is-array-from-call.js";
import { isArrayOfThenables } from "./util/is-array-of-thenables.js";
import { isBoundedArraySource } from "./no-unbounded-concurrency/is-bounded-array-source.js";
import { getAsyncWorkAnalysis } from "./no-unbounded-concurrency/async-work-analysis.js";
import { isBoundedCollection, isCappedQueryResult } from "./no-unbounded-concurrency/is-bounded-collection.js";
import { getNetworkAnalysis } from "./no-unbounded-concurrency/network-analysis.js";
import { isOneTransactionTask } from "./no-unbounded-concurrency/is-one-transaction-task.js";
import { isOwnResourceTask } from "./no-unbounded-concurrency/is-own-resource-task.js";
import { isConcurrencyLimiterCall } from "./no-unbounded-concurrency/is-concurrency-limiter-call.js";
import { isPropertyReadCallback } from "./no-unbounded-concurrency/is-property-read-callback.js";
import { isThenable } from "./util/is-thenable.js";
import { isVariableLengthArray } from "./no-unbounded-concurrency/is-variable-length-array.js";

export type Options = [
  {
    /** limiters are extra names of functions or methods that bound concurrency, beyond the built-in ones. */
    limiters?: string[];
    /** ignoreAwaitingLoops skips push loops that await between pushes, which paces how fast tasks start. */
    ignoreAwaitingLoops?: boolean;
    /**
     * checkPooledTasks also reports fan-outs whose tasks reach no network API of their own (a
     * database or Redis client, which queues them on its pool or connection). @default false
     */
    checkPooledTasks?: boolean;
    /** concurrency is the bound the suggested `map(…, { concurrency })` writes. @default 8 */
    concurrency?: number;
    /**
     * checkRecordRelations also reports fan-outs over the rows of a query pinned to one record
     * (`findAll({ where: { userId } })`), its to-many relation, usually small. @default false
     */
    checkRecordRelations?: boolean;
    /**
     * checkLimitedQueries also reports fan-outs over the rows of a query capped with a limit and no
     * position (`findAll({ where, limit })`), whatever the tasks reach. @default false
     */
    checkLimitedQueries?: boolean;
  },
];

export type MessageIds = "unboundedMap" | "unboundedIterableMap" | "unboundedArrayFrom" | "unboundedPushLoop" | "boundWithRuntimeMap" | "boundWithErrGroup" | "leaveManual";

/**
 * strictOptions also report push loops that await between pushes (paced, but still unbounded),
 * fan-outs of tasks that only reach a client with a pool or one connection of its own, which
 * queues them (the pool bounds the sockets, not the memory, and other callers wait behind them),
 * fan-outs over one record's relation, which a tenant's rows (`where: { teamId }`) can make large,
 * and fan-outs over the rows of a query capped with a limit (a run's worth, often hundreds).
 */
export const strictOptions: Options = [{ ignoreAwaitingLoops: false, checkPooledTasks: true, checkRecordRelations: true, checkLimitedQueries: true }];

// Calls that bound how many tasks run: p-limit's `limit`/`limitFunction`, p-queue's `add`/`addAll`,
// async-sema's and corral's Semaphore `acquire`, async-mutex's `runExclusive`, bottleneck's
// `schedule`/`wrap`/`submit`, corral's ErrGroup `go`/`tryGo` and WorkerPool `submit`/`trySubmit`.
const builtInLimiters = ["limit", "limitFunction", "add", "addAll", "acquire", "runExclusive", "schedule", "wrap", "submit", "trySubmit", "go", "tryGo"];
/**
 * defaultConcurrency is the bound a suggested or rewritten `map`/`ErrGroup` uses unless configured:
 * a starting point to tune to the resource, as Go code picks a SetLimit.
 */
export const defaultConcurrency = 8;
const longestQuotedCollection = 40;

// Each message's first sentence is the bug and the fix (160 characters at most, the meta-tests
// check); the Go pattern follows in a few words; the whole lesson is on the rule's page.
const goPattern = " Go bounds a fan-out with errgroup's `g.SetLimit(n)` or a worker pool.";

interface Finding {
  messageId: Exclude<MessageIds, "boundWithRuntimeMap">;
  /** collection is the expression whose size decides how many tasks start. */
  collection: TSESTree.Node;
  /**
   * isPooled tells whether only checkPooledTasks reports it (its tasks reach no API that takes a
   * signal); a function, because only a codemod run asks, and the answer costs type queries.
   */
  isPooled?: () => boolean;
}

export default createRule<Options, MessageIds>({
  name: "no-unbounded-concurrency",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Promise.all/allSettled/any/race over a dynamically sized collection of started tasks",
      requiresTypeChecking: true,
      recommended: "recommended",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          limiters: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Extra names of functions or methods that bound concurrency, such as a project's own `throttle`.",
          },
          ignoreAwaitingLoops: {
            type: "boolean",
            description: "Skip push loops that await between pushes (paced, though still unbounded).",
          },
          checkPooledTasks: {
            type: "boolean",
            description: "Also report fan-outs whose tasks reach no API that takes an AbortSignal (database and Redis clients queue them on their pool or connection).",
          },
          concurrency: { type: "integer", minimum: 1, description: "The bound the suggested `map(…, { concurrency })` writes." },
          checkRecordRelations: {
            type: "boolean",
            description: "Also report fan-outs over the rows of a query pinned to one record (`findAll({ where: { userId } })`).",
          },
          checkLimitedQueries: {
            type: "boolean",
            description: "Also report fan-outs over the rows of a query capped with a limit and no offset (`findAll({ where, limit })`), whatever the tasks reach.",
          },
        },
      },
    ],
    messages: {
      unboundedMap: "`Promise.{{method}}` starts a task per item of `{{collection}}`, all at once; {{fix}}." + goPattern,
      unboundedIterableMap: "`Promise.{{method}}` starts a task per element of `{{collection}}`, all at once; {{fix}}." + goPattern,
      unboundedArrayFrom: "`Promise.{{method}}(Array.from({{collection}}, …))` starts a task per element, all at once; {{fix}}." + goPattern,
      unboundedPushLoop: "A loop starts a task per iteration into `{{collection}}`, all at once; {{fix}}." + goPattern,
      boundWithRuntimeMap:
        "Rewrite to `{{replacement}}({{collection}}, …, { concurrency: {{concurrency}} })` from @corral/runtime: same results, at most {{concurrency}} at once. Go: errgroup's `g.SetLimit(n)`.",
      boundWithErrGroup:
        "Start the tasks through `new {{replacement}}({ limit: {{concurrency}} })` from @corral/runtime and await its `wait()`: at most {{concurrency}} at once. Go: errgroup's `g.SetLimit({{concurrency}})`.",
      leaveManual: manualMessage,
    },
  },
  defaultOptions: [{ limiters: [], ignoreAwaitingLoops: true, checkPooledTasks: false, checkRecordRelations: false, checkLimitedQueries: false, concurrency: defaultConcurrency }],
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const sourceCode = context.sourceCode;
    const asyncWork = getAsyncWorkAnalysis(services.program);
    const network = getNetworkAnalysis(services.program);
    const checker = services.program.getTypeChecker();
    const limiterNames = new Set([...builtInLimiters, ...(options.limiters ?? [])]);

    function isLimiter(node: TSESTree.Node): boolean {
      return isConcurrencyLimiterCall(node, limiterNames, sourceCode);
    }

    // A callback is bounded when what it returns or awaits goes through a limiter, or when it is a
    // limiter-made function: `limiter.wrap(fn)` inline or in a const.
    function isLimitedCallback(callback: TSESTree.Node): boolean {
      if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) {
        const { awaited, returned } = getAwaitedAndReturnedExpressions(callback, sourceCode.visitorKeys);
        return [...awaited, ...returned].some(isLimiter);
      }
      if (callback.type !== AST_NODE_TYPES.Identifier) return isLimiter(callback);
      const definition = ASTUtils.findVariable(sourceCode.getScope(callback), callback)?.defs[0];
      return definition?.type === "Variable" && definition.parent.kind === "const" && !!definition.node.init && isLimiter(definition.node.init);
    }

    const collectionContext = { sourceCode, services, recordRelationsAreCapped: !options.checkRecordRelations, limitedQueriesAreCapped: !options.checkLimitedQueries };

    // Tasks that wait on no I/O, or that queue on one transaction's connection, run nothing at once.
    function isHarmlessTask(task: TSESTree.Node, boundary: TSESTree.Node): boolean {
      const isInline = task.type === AST_NODE_TYPES.ArrowFunctionExpression || task.type === AST_NODE_TYPES.FunctionExpression;
      return (isInline && !asyncWork.startsAsyncWork(services.esTreeNodeToTSNodeMap.get(task))) || isOneTransactionTask(task, sourceCode, boundary);
    }

    // What the tasks reach decides whether the fan-out is reported: the network, or anything with
    // checkPooledTasks; with checkLimitedQueries, a run's worth of rows from a capped query is
    // reported whatever they reach.
    function isReportableTask(task: TSESTree.Node, collection: TSESTree.Node | undefined): boolean {
      return options.checkPooledTasks === true || reachesSignalApi(task, collection);
    }

    function isPooledOnly(task: TSESTree.Node, collection: TSESTree.Node | undefined): boolean {
      return options.checkPooledTasks === true && !reachesSignalApi(task, collection);
    }

    function reachesSignalApi(task: TSESTree.Node, collection: TSESTree.Node | undefined): boolean {
      if (options.checkLimitedQueries === true && collection && isCappedQueryResult(collection, sourceCode)) return true;
      const tsNode = services.esTreeNodeToTSNodeMap.get(task);
      if (task.type !== AST_NODE_TYPES.Identifier && task.type !== AST_NODE_TYPES.MemberExpression) return network.reachesNetwork(tsNode) || reachesNetworkThroughConst(task);
      return checker
        .getTypeAtLocation(tsNode)
        .getCallSignatures()
        .some((signature) => network.signatureReachesNetwork(signature));
    }

    // A pushed `promise.then(…)` whose promise a `const` started: what the `const` holds counts too.
    function reachesNetworkThroughConst(task: TSESTree.Node): boolean {
      let head: TSESTree.Node = task;
      while (head.type === AST_NODE_TYPES.CallExpression && head.callee.type === AST_NODE_TYPES.MemberExpression) head = head.callee.object;
      if (head.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = ASTUtils.findVariable(sourceCode.getScope(head), head)?.defs[0];
      const init = definition?.type === "Variable" && definition.parent.kind === "const" ? definition.node.init : null;
      return !!init && network.reachesNetwork(services.esTreeNodeToTSNodeMap.get(init));
    }

    // An object with behaviour: a property or method it can be called through (not a string's).
    function hasMethods(element: TSESTree.Identifier): boolean {
      const type = checker.getNonNullableType(services.getTypeAtLocation(element));
      if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type)) return false;
      return checker
        .getApparentType(type)
        .getProperties()
        .some((property) => checker.getTypeOfSymbol(property).getCallSignatures().length > 0);
    }

    /**
     * isUnboundedFanOut decides a fan-out of `task` over `collection`: reported unless the
     * collection is capped, the task starts no I/O or queues on one transaction, the collection is
     * the object's own resources, or (without checkPooledTasks) the task reaches no network API.
     */
    function isUnboundedFanOut(collection: TSESTree.Node | undefined, element: TSESTree.Node | undefined, task: TSESTree.Node, boundary: TSESTree.Node): boolean {
      if (collection && (isBoundedCollection(collection, collectionContext) || isOwnResourceTask(collection, element, task, boundary, sourceCode, hasMethods))) return false;
      return !isHarmlessTask(task, boundary) && isReportableTask(task, collection);
    }

    function classifyMap(call: TSESTree.CallExpression, receiver: TSESTree.Expression): Finding | undefined {
      const callback = call.arguments[0];
      if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return undefined;
      if (isLimitedCallback(callback) || isPropertyReadCallback(callback)) return undefined;
      if (!isVariableLengthArray(services, receiver) || !isArrayOfThenables(services, call)) return undefined;
      const element = isFunctionNode(callback) ? callback.params[0] : undefined;
      if (!isUnboundedFanOut(receiver, element, callback, callback)) return undefined;
      const iterable = getSpreadIterable(receiver);
      const isPooled = () => isPooledOnly(callback, receiver);
      if (iterable) return { messageId: "unboundedIterableMap", collection: iterable, isPooled };
      return { messageId: "unboundedMap", collection: receiver, isPooled };
    }

    function classifyArrayFrom(call: TSESTree.CallExpression): Finding | undefined {
      const [source, mapper] = call.arguments;
      if (!source || !mapper || source.type === AST_NODE_TYPES.SpreadElement || mapper.type === AST_NODE_TYPES.SpreadElement) return undefined;
      if (isBoundedArraySource(source, sourceCode) || isLimitedCallback(mapper)) return undefined;
      const element = isFunctionNode(mapper) ? mapper.params[0] : undefined;
      if (!isArrayOfThenables(services, call) || !isUnboundedFanOut(source, element, mapper, mapper)) return undefined;
      return { messageId: "unboundedArrayFrom", collection: source, isPooled: () => isPooledOnly(mapper, source) };
    }

    function classifyCollection(node: TSESTree.Node): Finding | undefined {
      const expression = getWaitedCollection(node);
      if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = getCalleeName(expression);
      if (name === "map" || name === "flatMap") return classifyMap(expression, expression.callee.object);
      return isArrayFromCall(expression) ? classifyArrayFrom(expression) : undefined;
    }

    // `const tasks = items.map(fn)` is the same fan-out as the inline form, named by its source
    // (`items`) but left to the codemod to rewrite; `tasks` filled by a loop of pushes is the
    // hand-written form.
    function classifyVariable(identifier: TSESTree.Identifier, consumer: TSESTree.CallExpression): Finding | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || definition?.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      const declared = definition.node.id;
      const reassigned = variable.references.some((reference) => reference.isWrite() && reference.identifier !== declared);
      const initialized = definition.node.init && !reassigned ? classifyCollection(definition.node.init) : undefined;
      if (initialized) return initialized;
      const started = findLoopPushes(variable, consumer).flatMap(({ push, loop }) =>
        isBoundedLoop(loop) ? [] : push.arguments.filter((argument) => isStartedTask(argument) && isUnboundedFanOut(getIterated(loop), getLoopElement(loop), argument, loop)).map((argument) => ({ argument, loop })),
      );
      if (started.length === 0) return undefined;
      return { messageId: "unboundedPushLoop", collection: identifier, isPooled: () => started.every(({ argument, loop }) => isPooledOnly(argument, getIterated(loop))) };
    }

    // A loop is bounded when it awaits a limiter (`await semaphore.acquire()`), and paced when it awaits
    // anything else; a forEach callback's awaits pace nothing, since forEach does not wait for them.
    function getIterated(loop: TSESTree.Node): TSESTree.Node | undefined {
      if (loop.type === AST_NODE_TYPES.ForOfStatement) return loop.right;
      return loop.type === AST_NODE_TYPES.CallExpression && loop.callee.type === AST_NODE_TYPES.MemberExpression ? loop.callee.object : undefined;
    }

    function getLoopElement(loop: TSESTree.Node): TSESTree.Node | undefined {
      if (loop.type === AST_NODE_TYPES.ForOfStatement) {
        return loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0]?.id : loop.left;
      }
      const callback = loop.type === AST_NODE_TYPES.CallExpression ? loop.arguments[0] : undefined;
      return callback && isFunctionNode(callback) ? callback.params[0] : undefined;
    }

    function isBoundedLoop(loop: TSESTree.Node): boolean {
      const root = loop.type === AST_NODE_TYPES.CallExpression ? (loop.arguments[0] ?? loop) : loop;
      const { awaited } = getAwaitedAndReturnedExpressions(root, sourceCode.visitorKeys);
      if (awaited.some(isLimiter)) return true;
      return (options.ignoreAwaitingLoops ?? true) && loop.type !== AST_NODE_TYPES.CallExpression && awaited.length > 0;
    }

    function isStartedTask(argument: TSESTree.CallExpressionArgument): boolean {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return isArrayOfThenables(services, argument.argument);
      return !isLimiter(argument) && isThenable(services, argument);
    }

    function describeFix(method: PromiseCombinatorName, finding: Finding, collection: string): string {
      if (method === "race" || method === "any") {
        return "start them through an `ErrGroup({ limit })` from @corral/runtime";
      }
      const runtimeMap = method === "all" ? "map" : "mapSettled";
      if (finding.messageId === "unboundedPushLoop") {
        return `start them with \`${runtimeMap}(source, fn, { concurrency })\` from @corral/runtime, not a loop`;
      }
      return `use \`${runtimeMap}(${collection}, fn, { concurrency })\` from @corral/runtime`;
    }

    function getRewrite(input: MapRewriteInput, finding: Finding, argument: TSESTree.Node, collectionNode: TSESTree.Node): RewriteVerdict {
      if (finding.messageId === "unboundedPushLoop" && collectionNode.type === AST_NODE_TYPES.Identifier) return getPushLoopRewrite(input, collectionNode);
      if (collectionNode.type === AST_NODE_TYPES.Identifier) return getVariableMapRewrite(input, collectionNode);
      if (finding.messageId === "unboundedIterableMap" || finding.messageId === "unboundedMap" || finding.messageId === "unboundedArrayFrom") return getInlineMapRewrite(input, argument, collectionNode);
      return manual("no mechanical rewrite for this shape");
    }

    function describeCollection(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/g, " ");
      return text.length <= longestQuotedCollection ? text : `${text.slice(0, longestQuotedCollection - 1)}…`;
    }

    return {
      CallExpression(node) {
        const method = getPromiseCombinatorName(node);
        const argument = node.arguments[0];
        if (!method || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
        const collectionNode = getWaitedCollection(argument);
        const finding =
          collectionNode.type === AST_NODE_TYPES.Identifier ? classifyVariable(collectionNode, node) : classifyCollection(collectionNode);
        if (!finding) return;
        const collection = describeCollection(finding.collection);
        const runtimeMap = method === "all" ? "map" : "mapSettled";
        const concurrency = options.concurrency ?? defaultConcurrency;
        const input: MapRewriteInput = { sourceCode, services, combinator: node, exportName: runtimeMap, concurrency };
        const refusePooled = isCodemodRun(context) && !hasOwnBound(context.options) && finding.isPooled?.() === true;
        const rewrite = refusePooled ? manual(pooledBoundReason) : getRewrite(input, finding, argument, collectionNode);
        const runtime = isManual(rewrite) ? undefined : rewrite.runtime;
        const suggestion = runtime?.name === "ErrGroup" ? "boundWithErrGroup" : "boundWithRuntimeMap";
        context.report({
          node: argument,
          messageId: finding.messageId,
          data: { method, collection, fix: describeFix(method, finding, collection) },
          suggest: rewriteSuggestions(context, rewrite, suggestion, { replacement: runtime?.reference ?? runtimeMap, collection, concurrency }),
        });
      },
    };
  },
});

// A pool wants a bound near its size, a pipelined connection none at all (each batch of `concurrency`
// becomes a round trip): a default picked for sockets fits neither, so the codemod applies the
// rewrite to such a fan-out only with a bound somebody chose for that resource.
const pooledBoundReason =
  "the tasks reach no API that takes a signal: they queue on a client's pool or pipeline on its one connection, where the right bound is the pool's size (a pipeline loses a round trip per batch), which the code does not show; set the rule's `concurrency` option or pass `--concurrency <n>` to apply the rewrite with that bound";

function hasOwnBound(ruleOptions: readonly unknown[]): boolean {
  const [first] = ruleOptions;
  return typeof first === "object" && first !== null && (first as { concurrency?: unknown }).concurrency !== undefined;
}

function isFunctionNode(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}
