// Passing the run's signal on. `map` and an ErrGroup abort the signal they hand each task at the
// first failure, but a task that never hands it to its I/O keeps running after the result is
// decided: the rewritten callback takes the signal and gives it to the calls it makes directly that
// take one, as Go passes the errgroup's ctx to every call. Whether a call takes a signal, and the
// edit that passes one, are require-timeout's own (getAbortSignalParameters, getDeadlineFix).
import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { isDeadlineOptionName } from "../util/deadline-options.js";
import { type AbortSignalParameter, getAbortSignalParameters } from "../util/get-abort-signal-parameter.js";
import { getDeadlineFix } from "../util/get-deadline-fix.js";
import { getSignalInScope } from "../util/get-signal-in-scope.js";
import { isOptionPossiblyPassed } from "../util/is-option-possibly-passed.js";
import type { TextEdit } from "../util/rewrite.js";
import { getAwaitedAndReturnedExpressions } from "./get-awaited-and-returned-expressions.js";

/** signalParameter is the name a rewritten callback takes the run's signal by. */
export const signalParameter = "signal";

/** SignalThreads are the calls of a task that the run's signal can be passed to. */
export interface SignalThreads {
  /**
   * timeoutAt is a call whose own `AbortSignal.timeout(ms)` becomes `timeoutSignal(ms, signal)`
   * (the runtime's way to bound a call by a timeout and a parent signal both), where the rewrite
   * must import timeoutSignal; undefined when no call has one.
   */
  timeoutAt: TSESTree.Node | undefined;
  /** edits passes the signal to each of those calls, given the reference to timeoutSignal at timeoutAt. */
  edits(timeoutSignal: string): TextEdit[];
}

type Thread = { edits: TextEdit[] } | { timeout: TSESTree.CallExpression; ms: TSESTree.Node };

/**
 * getSignalThreads returns how to pass a parameter named `signal` to the calls `task` makes
 * directly (what it awaits or returns, or `task` itself when it is an expression: the head of a
 * `.then` chain included), or undefined when none can take it. A call takes it when its signature
 * has a parameter typed AbortSignal or options with one, and it passes no signal yet: the signal
 * goes into an options object literal, or as a new last argument. A call that already passes one
 * keeps it, except `AbortSignal.timeout(ms)`, which becomes `timeoutSignal(ms, signal)`; options
 * passed as a variable are left alone (spreading them could lose what they hold, as a class
 * instance's accessors). Undefined too where `signal`, `_item` or `_index` already appear in `scope`,
 * so the new parameters capture no reference, and where the caller has a signal of its own in scope:
 * that one is what the calls should get (require-timeout suggests it), and the run's signal, which
 * does not follow it, would silence that finding.
 */
export function getSignalThreads(sourceCode: TSESLint.SourceCode, services: ParserServicesWithTypeInformation, task: TSESTree.Node, scope: readonly TSESTree.Node[]): SignalThreads | undefined {
  if (usesNewNames(sourceCode, scope) || getSignalInScope(sourceCode, services, task) !== undefined) return undefined;
  const threads = getDirectCalls(sourceCode, task).flatMap((call) => threadCall(sourceCode, services, call) ?? []);
  if (threads.length === 0) return undefined;
  const timeout = threads.find((thread) => "timeout" in thread);
  return {
    timeoutAt: timeout && "timeout" in timeout ? timeout.timeout : undefined,
    edits: (timeoutSignal) =>
      threads.flatMap((thread) =>
        "edits" in thread
          ? thread.edits
          : [
              { range: thread.timeout.callee.range, text: timeoutSignal },
              { range: [thread.ms.range[1], thread.ms.range[1]], text: `, ${signalParameter}` },
            ],
      ),
  };
}

/**
 * getSignalParameterEdits adds to `callback`'s parameters, as corral's map calls it with
 * `(item, index, signal)`, what it needs to take the signal: `(id)` becomes `(id, _index, signal)`,
 * `id =>` becomes `(id, _index, signal) =>`, `()` becomes `(_item, _index, signal)`.
 */
export function getSignalParameterEdits(sourceCode: TSESLint.SourceCode, callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TextEdit[] | undefined {
  // A `this` parameter is no argument: the signal would land in the index's place.
  if (callback.params.some((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === "this")) return undefined;
  const [item, index] = callback.params;
  if (index) return [{ range: [index.range[1], index.range[1]], text: `, ${signalParameter}` }];
  if (item) {
    const rest = { range: [item.range[1], item.range[1]] as const, text: `, _index, ${signalParameter}` };
    const before = sourceCode.getTokenBefore(item);
    if (before?.value === "(" && before.range[0] >= callback.range[0]) return [rest];
    return [{ range: [item.range[0], item.range[0]], text: "(" }, { ...rest, text: `${rest.text})` }];
  }
  const after = callback.typeParameters?.range[1] ?? callback.id?.range[1] ?? callback.range[0];
  const opening = sourceCode.getTokens(callback).find((token) => token.range[0] >= after && token.value === "(");
  return opening ? [{ range: [opening.range[1], opening.range[1]], text: `_item, _index, ${signalParameter}` }] : undefined;
}

const newNames = new Set([signalParameter, "_item", "_index"]);

// Whether code in `nodes` declares or refers to a name the new parameters would take (a property
// key or a member's name, `{ signal: … }` or `controller.signal`, is neither).
function usesNewNames(sourceCode: TSESLint.SourceCode, nodes: readonly TSESTree.Node[]): boolean {
  const inside = (identifier: TSESTree.Node) => nodes.some((node) => node.range[0] <= identifier.range[0] && identifier.range[1] <= node.range[1]);
  return (sourceCode.scopeManager?.scopes ?? []).some(
    (scope) =>
      scope.references.some((reference) => newNames.has(reference.identifier.name) && inside(reference.identifier)) ||
      scope.variables.some((variable) => newNames.has(variable.name) && variable.defs.some((definition) => inside(definition.name))),
  );
}

const chainMethods = new Set(["then", "catch", "finally"]);

// What `task` calls directly: a function's awaited and returned calls (not those of functions
// nested in it, which run when someone else decides), or the expression itself.
function getDirectCalls(sourceCode: TSESLint.SourceCode, task: TSESTree.Node): TSESTree.CallExpression[] {
  const isFunction = task.type === AST_NODE_TYPES.ArrowFunctionExpression || task.type === AST_NODE_TYPES.FunctionExpression;
  const { awaited, returned } = isFunction ? getAwaitedAndReturnedExpressions(task, sourceCode.visitorKeys) : { awaited: [], returned: [task] };
  const calls = new Set<TSESTree.CallExpression>();
  for (const start of [...awaited, ...returned]) {
    let expression: TSESTree.Node = start;
    for (;;) {
      if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = expression.argument;
      else if (expression.type === AST_NODE_TYPES.TSAsExpression || expression.type === AST_NODE_TYPES.TSNonNullExpression || expression.type === AST_NODE_TYPES.TSSatisfiesExpression) {
        expression = expression.expression;
      } else {
        const chained = getChainedPromise(expression);
        if (!chained) break;
        expression = chained;
      }
    }
    if (expression.type === AST_NODE_TYPES.CallExpression) calls.add(expression);
  }
  return [...calls];
}

// `p.then(f)` (or catch, finally): the promise `p` the chain starts from.
function getChainedPromise(node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed) return undefined;
  const { object, property } = node.callee;
  return property.type === AST_NODE_TYPES.Identifier && chainMethods.has(property.name) ? object : undefined;
}

function threadCall(sourceCode: TSESLint.SourceCode, services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): Thread | undefined {
  if (call.optional || call.parent.type === AST_NODE_TYPES.ChainExpression || call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const checker = services.program.getTypeChecker();
  const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call));
  if (!signature) return undefined;
  const parameters = getAbortSignalParameters(checker, signature).filter((parameter) => parameter.kind === "signal" || parameter.signalOption !== undefined);
  const slot = parameters.at(-1);
  if (!slot || parameters.some((parameter) => parameter !== slot && isSignalPassed(services, call.arguments[parameter.index], parameter))) return undefined;
  const argument = call.arguments[slot.index];
  if (argument && isSignalPassed(services, argument, slot)) return getTimeoutThread(sourceCode, argument, slot);
  if (argument && argument.type !== AST_NODE_TYPES.ObjectExpression && !isNullish(argument)) return undefined;
  if ((!argument || isNullish(argument)) && slot.kind === "options" && !takesSignalAlone(checker, signature, slot)) return undefined;
  const edits = getDeadlineFix(sourceCode, services, call, slot, signalParameter);
  return edits ? { edits } : undefined;
}

function signalNames(parameter: AbortSignalParameter): string[] {
  return (parameter.deadlineOptions ?? []).filter((name) => !isDeadlineOptionName(name));
}

function isSignalPassed(services: ParserServicesWithTypeInformation, argument: TSESTree.Node | undefined, parameter: AbortSignalParameter): boolean {
  if (!argument || isNullish(argument)) return false;
  return parameter.kind === "signal" || isOptionPossiblyPassed(services, argument, signalNames(parameter));
}

// `AbortSignal.timeout(ms)`, as the signal argument or the one signal an options literal holds.
function getTimeoutThread(sourceCode: TSESLint.SourceCode, argument: TSESTree.Node, slot: AbortSignalParameter): Thread | undefined {
  let value: TSESTree.Node = argument;
  if (slot.kind === "options") {
    if (argument.type !== AST_NODE_TYPES.ObjectExpression || argument.properties.some((property) => property.type !== AST_NODE_TYPES.Property || property.computed)) return undefined;
    const names = signalNames(slot);
    const signals = argument.properties.filter((property) => property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && names.includes(property.key.name));
    const [only] = signals;
    if (signals.length !== 1 || only?.type !== AST_NODE_TYPES.Property || only.shorthand) return undefined;
    value = only.value;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression || value.optional || value.arguments.length !== 1) return undefined;
  const [ms] = value.arguments;
  const callee = value.callee;
  if (!ms || ms.type === AST_NODE_TYPES.SpreadElement || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.optional) return undefined;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== "AbortSignal" || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== "timeout") return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee.object);
  if ((variable && variable.defs.length > 0) || sourceCode.getText(callee).includes("\n") || sourceCode.getCommentsInside(callee).length > 0) return undefined;
  return { timeout: value, ms };
}

// Whether `{ signal }` alone fits the options: some object type of the parameter has the signal
// option and nothing else it requires.
function takesSignalAlone(checker: ts.TypeChecker, signature: ts.Signature, slot: AbortSignalParameter): boolean {
  const parameter = signature.getParameters()[slot.index];
  if (!parameter) return false;
  return unionConstituents(checker.getNonNullableType(checker.getTypeOfSymbol(parameter))).some((part) => {
    const properties = checker.getApparentType(part).getProperties();
    return properties.some((property) => property.getName() === slot.signalOption) && properties.every((property) => property.getName() === slot.signalOption || (property.flags & ts.SymbolFlags.Optional) !== 0);
  });
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.Literal && node.value === null);
}
