import { AST_NODE_TYPES, ASTUtils, ESLintUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./util/create-rule.js";
import { getAsyncExecutorRewrite } from "./no-unhandled-rejection/get-async-executor-rewrite.js";
import { getCalleeChainNames } from "./no-unhandled-rejection/get-callee-chain-names.js";
import { getPromiseAllRewrite } from "./no-unhandled-rejection/get-promise-all-rewrite.js";
import { getPromiseVariableUses } from "./no-unhandled-rejection/get-promise-variable-uses.js";
import { getRejectablePromiseCall } from "./no-unhandled-rejection/get-rejectable-promise-call.js";
import { getUnhandledPromisePath, type PromiseLoss } from "./no-unhandled-rejection/get-unhandled-promise-path.js";
import { isNonPromiseGuard, isPromiseGuard } from "./no-unhandled-rejection/is-promise-guard.js";
import { isAwaitAllowedAt } from "./util/is-await-allowed-at.js";
import { isInTestCallback, mentionsRejectionAssertion } from "./util/is-test-runner-call.js";
import { isThenable } from "./util/is-thenable.js";
import { describeRejectionFate } from "./util/process-rejection-handler.js";
import { getRejectionAnalysis } from "./util/rejection-analysis.js";
import { manual, manualMessage, rewriteSuggestions } from "./util/rewrite.js";
import { isGlobalName } from "./util/is-global-name.js";

/** Options configure corral/no-unhandled-rejection. */
export type Options = [
  {
    /**
     * checkExecutors reports `new Promise(async …)`, whose executor's throws are lost.
     * @default true
     */
    checkExecutors?: boolean;
    /**
     * ignoredCallees names functions, methods or objects anywhere in a call's callee chain (`knex`,
     * `prisma`, `sleep`) whose promises are not checked: lazy query builders that do nothing until
     * awaited, or helpers that never reject.
     * @default []
     */
    ignoredCallees?: string[];
    /**
     * checkTestCallbacks also reports inside the callbacks of test runners (`it`, `test`,
     * `beforeEach`, …), whose runner fails the test on an unhandled rejection.
     * @default false
     */
    checkTestCallbacks?: boolean;
  },
];

/** MessageIds are the findings of corral/no-unhandled-rejection and its suggestions. */
export type MessageIds =
  | "neverHandled"
  | "handledAfterAwait"
  | "skippedByExit"
  | "unhandledOnSomePath"
  | "asyncExecutor"
  | "suggestPromiseAll"
  | "suggestAwaitInitializer"
  | "suggestRejectFromExecutor"
  | "leaveManual";

// Each message's first sentence is the bug and the fix (160 characters at most, the meta-tests
// check); the Go pattern follows in a few words; the whole lesson is on the rule's page. `fate` is
// what happens to a rejection nobody handles in this program (describeRejectionFate).
const goWait = "Go: errgroup's `g.Wait()` receives every goroutine's error.";

/**
 * strictOptions are the options of the `strict` config: the defaults, since every finding is a
 * rejection that can end the process, and the promises of tests too, whose rejection the runner
 * reports as a failure.
 */
export const strictOptions: Options = [{ checkExecutors: true, ignoredCallees: [], checkTestCallbacks: true }];

type Variable = NonNullable<ReturnType<typeof ASTUtils.findVariable>>;
type Start = TSESTree.VariableDeclarator | TSESTree.ExpressionStatement;

/**
 * noUnhandledRejection reports a promise kept in a variable whose rejection can escape: never
 * handled, handled only after another `await` that can fail first, skipped by an early exit or a
 * branch, and `new Promise(async …)` executors.
 * @example
 * // eslint.config.js
 * export default [{ rules: { "corral/no-unhandled-rejection": ["error", { ignoredCallees: ["knex"] }] } }];
 */
const manualReasons = {
  neverHandled: "the promise is never awaited, returned or handled: decide who owns it (await it, return it, or hand it to `go`)",
  skippedByExit: "an early exit skips the handling: handle the promise before leaving, or start it after the check",
  unhandledOnSomePath: "the promise is handled on some paths only: handle it on every path, or start it under `Promise.all`",
  asyncExecutor: "an async `new Promise` executor: write an async function instead, or use the rule's suggestion (a synchronous executor that calls reject)",
} as const;

export default createRule<Options, MessageIds>({
  name: "no-unhandled-rejection",
  meta: {
    type: "problem",
    docs: {
      description: "Require every promise kept in a variable to be handled on every path before anything else can fail",
      requiresTypeChecking: true,
      recommended: "recommended",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          checkExecutors: { type: "boolean", description: "Report `new Promise(async …)` executors." },
          ignoredCallees: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Names anywhere in a callee chain (`knex`, `prisma`, `sleep`) whose promises are lazy or never reject.",
          },
          checkTestCallbacks: {
            type: "boolean",
            description: "Also report inside the callbacks of test runners (`it`, `test`, `beforeEach`, …), which fail the test on an unhandled rejection.",
          },
        },
      },
    ],
    messages: {
      neverHandled: `\`{{name}}\` holds a promise nobody awaits or handles, so its rejection {{fate}}; await it, return it, or start it under \`Promise.all\`. ${goWait}`,
      handledAfterAwait: `If \`{{name}}\` rejects during the {{suspension}} on line {{line}}, the rejection {{fate}}; start both with \`Promise.all([…])\`, or await it first. ${goWait}`,
      skippedByExit: `The {{exit}} on line {{line}} skips handling \`{{name}}\`, so there a rejection {{fate}}; handle it first, or start it after the check. ${goWait}`,
      unhandledOnSomePath: `\`{{name}}\` is not handled on {{path}}, so there a rejection {{fate}}; handle it on every path, or use \`Promise.all\`. ${goWait}`,
      asyncExecutor:
        "A throw in this async executor is unhandled ({{fate}}) and the promise never settles; use a synchronous executor calling `reject`, or an async function. Go sends errors on a channel.",
      suggestPromiseAll: "Start both together with `Promise.all`, as Go's errgroup does; the statements in between then run after both have settled.",
      suggestAwaitInitializer: "Await the promise where it is started, as a Go caller receives a goroutine's result before moving on.",
      suggestRejectFromExecutor: "Run the async body inside a synchronous executor that routes its failure to `reject`, as a Go goroutine sends its error on a channel.",
      leaveManual: manualMessage,
    },
  },
  defaultOptions: [{ checkExecutors: true, ignoredCallees: [], checkTestCallbacks: false }],
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const { sourceCode } = context;
    const rejection = getRejectionAnalysis(services.program);
    // Every message says what happens to the rejection in this program.
    const report = (descriptor: TSESLint.ReportDescriptor<MessageIds>): void => {
      const fate = describeRejectionFate(services.program, context.cwd, services.program.getSourceFile(context.filename));
      context.report({ ...descriptor, data: { ...descriptor.data, fate } });
    };
    const ignoredCallees = new Set(options.ignoredCallees);

    // The findings no rewrite can fix mechanically, and why, for the codemod's report.
    function leaveManual(finding: keyof typeof manualReasons) {
      return rewriteSuggestions(context, manual(manualReasons[finding]), "suggestPromiseAll");
    }

    // Syntax only: the type checker is asked later, and only about a promise the walk finds lost.
    function mayStartPromise(value: TSESTree.Expression): boolean {
      const call = getRejectablePromiseCall(value);
      return call !== undefined && (ignoredCallees.size === 0 || !getCalleeChainNames(call).some((name) => ignoredCallees.has(name)));
    }

    // Inside a test the runner reports an unhandled rejection as a failure (jest-circus, vitest and
    // node:test install a handler for it), which is what a test wants of a promise it does not
    // expect to reject. One it does expect to reject (`expect(p).rejects`, `assert.rejects(p)`)
    // must not escape before its assertion runs, or the runner fails a passing test.
    function isLeftToTestRunner(variable: Variable, start: Start, value: TSESTree.Expression): boolean {
      if (options.checkTestCallbacks === true || !isInTestCallback(start)) return false;
      if (mentionsRejectionAssertion(value)) return false;
      return !variable.references.some((reference) => mentionsRejectionAssertion(getEnclosingStatement(reference.identifier)));
    }

    function check(variable: Variable, reported: TSESTree.Identifier, start: Start, value: TSESTree.Expression): void {
      const scope = getStatementScope(variable);
      const uses = scope && getPromiseVariableUses(variable, start);
      if (!uses) return;
      const isGuard = (test: TSESTree.Expression) => isPromiseGuard(test, uses.identifiers, services);
      const isNonGuard = (test: TSESTree.Expression) => isNonPromiseGuard(test, uses.identifiers, services);
      const loss = uses.handlers.size === 0 ? "never" : getUnhandledPromisePath({ start, scope, ...uses, isPromiseGuard: isGuard, isNonPromiseGuard: isNonGuard }, sourceCode.visitorKeys);
      if (!loss || isLeftToTestRunner(variable, start, value) || !isThenable(services, value) || !rejection.expressionMayReject(services.esTreeNodeToTSNodeMap.get(value))) return;
      const data = { name: reported.name };
      if (loss !== "never") {
        reportLoss(loss, reported, start, data);
        return;
      }
      const awaitable = start.type === AST_NODE_TYPES.VariableDeclarator && variable.references.length === 1 && isAwaitAllowedAt(start);
      const fix = (fixer: TSESLint.RuleFixer) => fixer.insertTextBefore(value, "await ");
      const suggest = [...(awaitable ? [{ messageId: "suggestAwaitInitializer" as const, fix }] : []), ...leaveManual("neverHandled")];
      report({ node: reported, messageId: "neverHandled", data, suggest });
    }

    function reportLoss(loss: PromiseLoss, reported: TSESTree.Identifier, start: Start, data: { name: string }): void {
      const line = loss.node.loc.start.line;
      if (loss.kind === "suspension") {
        const rewrite =
          start.type === AST_NODE_TYPES.VariableDeclarator
            ? getPromiseAllRewrite(sourceCode, start, loss.node)
            : manual("the promise is not kept in a declaration; start both steps with `Promise.all` by hand");
        const suspension = loss.node.type === AST_NODE_TYPES.ForOfStatement ? "`for await` loop" : loss.node.type === AST_NODE_TYPES.YieldExpression ? "`yield`" : "`await`";
        const suggest = rewriteSuggestions(context, rewrite, "suggestPromiseAll");
        report({ node: reported, messageId: "handledAfterAwait", data: { ...data, suspension, line }, suggest });
      } else if (loss.kind === "exit") {
        report({ node: reported, messageId: "skippedByExit", data: { ...data, exit: describeExit(loss.node), line }, suggest: leaveManual("skippedByExit") });
      } else {
        const path = loss.kind === "branch" ? `a path through ${describeBranch(loss.node)} on line ${line}` : `the path that ends on line ${loss.node.loc.end.line}`;
        report({ node: reported, messageId: "unhandledOnSomePath", data: { ...data, path }, suggest: leaveManual("unhandledOnSomePath") });
      }
    }

    return {
      VariableDeclarator(node): void {
        const declaration = node.parent;
        if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init || !isStatementList(declaration.parent)) return;
        if ((declaration.kind !== "const" && declaration.kind !== "let") || !mayStartPromise(node.init)) return;
        const [variable] = sourceCode.getDeclaredVariables(node);
        if (variable) check(variable, node.id, node, node.init);
      },
      "ExpressionStatement > AssignmentExpression.expression"(node: TSESTree.AssignmentExpression): void {
        if (node.operator !== "=" || node.left.type !== AST_NODE_TYPES.Identifier || !mayStartPromise(node.right)) return;
        const statement = node.parent as TSESTree.ExpressionStatement;
        const scope = sourceCode.getScope(node);
        const variable = ASTUtils.findVariable(scope, node.left);
        const definition = variable?.defs[0];
        if (!variable || definition?.type !== "Variable" || definition.parent.kind !== "let") return;
        // Across loop iterations source order is not run order, so such assignments are not judged.
        if (scope.variableScope !== variable.scope.variableScope || isInLoopWithin(statement, variable.scope.block)) return;
        if (isStatementList(statement.parent)) check(variable, node.left, statement, node.right);
      },
      NewExpression(node): void {
        const executor = node.arguments[0];
        if (!options.checkExecutors || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== "Promise") return;
        if ((executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) || !executor.async) return;
        if (!isGlobalName(sourceCode, node, "Promise")) return;
        // An executor whose awaits are all caught (or that awaits nothing) loses no rejection.
        if (!rejection.functionMayReject(services.esTreeNodeToTSNodeMap.get(executor)) || (options.checkTestCallbacks !== true && isInTestCallback(node))) return;
        const rewrite = getAsyncExecutorRewrite(sourceCode, executor);
        const suggest = [
          ...(rewrite ? [{ messageId: "suggestRejectFromExecutor" as const, fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(executor, rewrite) }] : []),
          ...leaveManual("asyncExecutor"),
        ];
        report({ node: executor, messageId: "asyncExecutor", suggest });
      },
    };
  },
});

// The statement (or declaration) a node is part of.
function getEnclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !/Statement$|Declaration$/.test(current.type)) current = current.parent;
  return current;
}

function isStatementList(node: TSESTree.Node | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.BlockStatement ||
    node?.type === AST_NODE_TYPES.Program ||
    node?.type === AST_NODE_TYPES.StaticBlock ||
    node?.type === AST_NODE_TYPES.SwitchCase
  );
}

// The statements a variable lives among: a function's body for a function-scoped `let`.
function getStatementScope(variable: Variable): TSESTree.Node | undefined {
  const block = variable.scope.block;
  if (block.type === AST_NODE_TYPES.ArrowFunctionExpression || block.type === AST_NODE_TYPES.FunctionExpression || block.type === AST_NODE_TYPES.FunctionDeclaration) {
    return block.body?.type === AST_NODE_TYPES.BlockStatement ? block.body : undefined;
  }
  return isStatementList(block) || block.type === AST_NODE_TYPES.SwitchStatement ? block : undefined;
}

function isInLoopWithin(statement: TSESTree.Node, block: TSESTree.Node): boolean {
  for (let node = statement.parent; node && node !== block; node = node.parent) {
    if (ASTUtils.isLoop(node)) return true;
  }
  return false;
}

const exitNames: Partial<Record<AST_NODE_TYPES, string>> = {
  [AST_NODE_TYPES.ReturnStatement]: "`return`",
  [AST_NODE_TYPES.ThrowStatement]: "`throw`",
  [AST_NODE_TYPES.BreakStatement]: "`break`",
  [AST_NODE_TYPES.ContinueStatement]: "`continue`",
};

function describeExit(node: TSESTree.Node): string {
  return exitNames[node.type] ?? "reassignment";
}

function describeBranch(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.IfStatement) return "the `if`";
  if (node.type === AST_NODE_TYPES.SwitchStatement) return "the `switch`";
  if (node.type === AST_NODE_TYPES.TryStatement) return "the `try`/`catch`";
  if (node.type === AST_NODE_TYPES.LabeledStatement) return "the labeled statement";
  return "the loop (which may run no iteration)";
}
