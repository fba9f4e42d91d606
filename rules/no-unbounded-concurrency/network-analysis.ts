import ts from "typescript";
import { createAnalysisEngine, perProgram } from "../util/analysis-engine.js";
import { getProjectFunction, hasBody, isProjectDeclaration, skipOuterExpressions } from "../util/project-functions.js";
import { takesAbortSignal, takesRequestTimeout } from "../util/takes-deadline.js";
import { getImplementations } from "./get-implementations.js";

/**
 * NetworkAnalysis tells whether a task reaches the network on its own: it calls, directly or
 * through the project's own functions (the implementations of an abstract or interface method
 * included), an API that takes an AbortSignal, recognised by structure whatever its type's name
 * (`fetch`, node's `http.request` and sockets, undici, axios, got, ky, openai, an AWS SDK client's
 * `send(command, { abortSignal })`), through any of its overloads (`got(url)`), other than node's
 * timers, events, file system and in-memory transforms (crypto, zlib, streams), and not a test
 * double's implementation in a test or spec file; a dependency's API that takes a request timeout
 * instead (Stripe's `{ timeout }`); or a function the project only declares. A database client's query or a Redis command
 * takes no signal: the client queues it on its pool or its one connection, which bounds it.
 */
export interface NetworkAnalysis {
  /** reachesNetwork tells whether running `node` (a function, or an expression such as a pushed call) reaches the network. */
  reachesNetwork(node: ts.Node): boolean;
  /** signatureReachesNetwork tells whether calling a function of this signature (passed by reference: `items.map(fetchUser)`) reaches the network. */
  signatureReachesNetwork(signature: ts.Signature): boolean;
}

const maximumDepth = 10;
// Node's timers and events take a signal to stop waiting, not to release a socket or a descriptor;
// crypto's hashes and ciphers, zlib's and stream's transforms and readline's interfaces take one
// through their stream options, to tear down an object that computes in memory. Node's file system
// takes one too, but a file read or write reaches no peer and no rate limit: only thousands of files
// at once run out of descriptors (EMFILE), and reviewers judged the file fan-outs of real code (a
// monorepo's package.json files, a logger's appends) harmless; checkPooledTasks reports them.
const localModules = /\/node_modules\/@types\/node\/(?:timers|events|crypto|zlib|stream|readline|string_decoder|fs)(?:\/promises|\/web|\/consumers)?\.d\.ts$/;

/** getNetworkAnalysis returns the analysis for `program`, created once per program with its cache. */
export const getNetworkAnalysis: (program: ts.Program) => NetworkAnalysis = perProgram(createNetworkAnalysis);

function createNetworkAnalysis(program: ts.Program): NetworkAnalysis {
  const checker = program.getTypeChecker();
  const { ask, getBinding, withBindings, bindFunctionArguments } = createAnalysisEngine(checker, maximumDepth, false);
  const overloadAnswers = new Map<ts.Declaration, boolean>();

  function functionReachesNetwork(node: ts.Node): boolean {
    return hasBody(node) && ask(node, () => containsNetworkCall(node.body));
  }

  function containsNetworkCall(node: ts.Node): boolean {
    if (ts.isCallExpression(node) && (callReachesNetwork(node) || node.arguments.some(isNetworkReference))) return true;
    return ts.forEachChild(node, (child) => containsNetworkCall(child) || undefined) ?? false;
  }

  function callReachesNetwork(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    const bound = ts.isIdentifier(callee) ? getBinding(callee) : undefined;
    if (bound) return withBindings(bound.bindings, () => functionReachesNetwork(bound.value));
    const own = getProjectFunction(program, checker, call);
    if (own && !ts.isArrowFunction(callee) && !ts.isFunctionExpression(callee)) {
      const callBindings = bindFunctionArguments(own, call);
      if (callBindings.size > 0) return withBindings(callBindings, () => ask(own, () => containsNetworkCall(own.body)));
    }
    if (own) return functionReachesNetwork(own);
    const signature = checker.getResolvedSignature(call);
    return signature !== undefined && (signatureReachesNetwork(signature) || overloadReachesNetwork(call, signature));
  }

  // A dependency's overload chosen for a call without options (`got(url)`) takes no signal, but
  // the function does: its other signatures say what it is.
  function overloadReachesNetwork(call: ts.CallExpression, signature: ts.Signature): boolean {
    const declaration = signature.declaration;
    if (!declaration || ts.isJSDocSignature(declaration) || isProjectDeclaration(program, declaration)) return false;
    let answer = overloadAnswers.get(declaration);
    if (answer === undefined) {
      const others = checker.getTypeAtLocation(call.expression).getCallSignatures();
      answer = others.length > 1 && others.some((other) => other !== signature && signatureReachesNetwork(other));
      overloadAnswers.set(declaration, answer);
    }
    return answer;
  }

  // A function handed on by reference (`items.map(fetchUser)`) runs as a call would.
  function isNetworkReference(argument: ts.Expression): boolean {
    const inner = skipOuterExpressions(argument);
    if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner)) return false;
    return checker.getTypeAtLocation(inner).getCallSignatures().some(signatureReachesNetwork);
  }

  // A dependency's function reaches the network when it takes an AbortSignal; the project's own
  // function with a body when something it calls does; an abstract or interface method when one of
  // its implementations in the project does. A function the project only declares (`declare function
  // fetchUser(…)`, a stand-in for an API whose code is elsewhere) is taken to reach it; a method of a
  // type the project never implements, or a callback's type, says nothing, and the rule stays quiet.
  function signatureReachesNetwork(signature: ts.Signature): boolean {
    const declaration = signature.declaration;
    if (!declaration || ts.isJSDocSignature(declaration) || localModules.test(declaration.getSourceFile().fileName)) return false;
    if (takesAbortSignal(checker, signature)) return true;
    // A dependency's request that is bounded by a timeout option rather than a signal (Stripe's).
    if (!isProjectDeclaration(program, declaration)) return takesRequestTimeout(checker, signature);
    if (hasBody(declaration)) return functionReachesNetwork(declaration);
    if (isAmbient(declaration)) return true;
    return isMember(declaration) && getImplementations(program, declaration).some(functionReachesNetwork);
  }

  return {
    reachesNetwork: (node) => (hasBody(node) ? functionReachesNetwork(node) : containsNetworkCall(node)),
    signatureReachesNetwork,
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
