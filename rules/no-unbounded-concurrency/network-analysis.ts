import ts from "typescript";
import { createAnalysisEngine, perProgram } from "../util/analysis-engine.js";
import { getProjectFunction, hasBody, isProjectDeclaration, skipOuterExpressions } from "../util/project-functions.js";
import { takesAbortSignal } from "../util/takes-abort-signal.js";
import { getImplementations } from "./get-implementations.js";

/**
 * NetworkAnalysis tells whether a task reaches the network on its own: it calls, directly or
 * through the project's own functions (the implementations of an abstract or interface method
 * included), an API that takes an AbortSignal (`fetch`, node's `http.request` and sockets, undici,
 * an SDK's `send(command, { abortSignal })`), other than node's file system, timers, events and
 * streams. A database client's query or a Redis command takes none: the client queues it on its
 * pool or its one connection, which bounds it.
 */
export interface NetworkAnalysis {
  /** reachesNetwork tells whether running `node` (a function, or an expression such as a pushed call) reaches the network. */
  reachesNetwork(node: ts.Node): boolean;
}

const maximumDepth = 10;
const localModules = /\/node_modules\/@types\/node\/(?:fs|timers|events|stream|readline)(?:\/promises)?\.d\.ts$/;

/** getNetworkAnalysis returns the analysis for `program`, created once per program with its cache. */
export const getNetworkAnalysis: (program: ts.Program) => NetworkAnalysis = perProgram(createNetworkAnalysis);

function createNetworkAnalysis(program: ts.Program): NetworkAnalysis {
  const checker = program.getTypeChecker();
  const { ask, getBinding, withBindings, bindFunctionArguments } = createAnalysisEngine(checker, maximumDepth, false);

  function functionReachesNetwork(node: ts.Node): boolean {
    return hasBody(node) && ask(node, () => containsNetworkCall(node.body));
  }

  function containsNetworkCall(node: ts.Node): boolean {
    if (ts.isCallExpression(node) && callReachesNetwork(node)) return true;
    return ts.forEachChild(node, (child) => containsNetworkCall(child) || undefined) ?? false;
  }

  function callReachesNetwork(call: ts.CallExpression): boolean {
    const signature = checker.getResolvedSignature(call);
    const declaration = signature?.declaration;
    if (signature && declaration && !localModules.test(declaration.getSourceFile().fileName) && takesAbortSignal(checker, signature)) return true;
    const callee = skipOuterExpressions(call.expression);
    const bound = ts.isIdentifier(callee) ? getBinding(callee) : undefined;
    if (bound) return withBindings(bound.bindings, () => functionReachesNetwork(bound.value));
    const own = getProjectFunction(program, checker, call);
    if (own) {
      const callBindings = bindFunctionArguments(own, call);
      return callBindings.size === 0 ? functionReachesNetwork(own) : withBindings(callBindings, () => ask(own, () => containsNetworkCall(own.body)));
    }
    if (!declaration || ts.isJSDocSignature(declaration) || !isProjectDeclaration(program, declaration)) return false;
    // The project's own function without a body: an abstract or interface method runs one of its
    // implementations; a function only declared (`declare function fetchUser(…)`) is unknown work,
    // which may be anything. A callback's type (a parameter, a property) says nothing either way.
    if (isMember(declaration)) return getImplementations(program, declaration).some(functionReachesNetwork);
    return isAmbient(declaration);
  }

  return {
    reachesNetwork: (node) => (hasBody(node) ? functionReachesNetwork(node) : containsNetworkCall(node)),
  };
}

function isMember(declaration: ts.Node): boolean {
  return ts.isClassLike(declaration.parent) || ts.isInterfaceDeclaration(declaration.parent);
}

// Written under `declare` (`declare function f(…)`, the members of `declare const api: {…}`).
function isAmbient(declaration: ts.Node): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}
