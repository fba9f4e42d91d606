import { isThenableType } from "ts-api-utils";
import ts from "typescript";
import { createAnalysisEngine, perProgram } from "../util/analysis-engine.js";
import { getProjectFunction, hasBody, isProjectDeclaration, skipOuterExpressions } from "../util/project-functions.js";

/**
 * AsyncWorkAnalysis tells whether a task function starts asynchronous work: a call that returns a
 * promise (awaited or not), a `for await` or a `new Promise`, other than calls of the project's own
 * functions that start none. An `async` callback that only computes or collects into a list
 * (`async (node) => { entries.push(toEntry(node)); }`, or a recursive walk of an in-memory tree)
 * starts none: running all of them at once bounds nothing, since nothing waits on I/O.
 */
export interface AsyncWorkAnalysis {
  /** startsAsyncWork tells whether calling the function-like `node` starts asynchronous work. */
  startsAsyncWork(node: ts.Node): boolean;
}

const maximumDepth = 6;

/** getAsyncWorkAnalysis returns the analysis for `program`, created once per program with its cache. */
export const getAsyncWorkAnalysis: (program: ts.Program) => AsyncWorkAnalysis = perProgram(createAsyncWorkAnalysis);

function createAsyncWorkAnalysis(program: ts.Program): AsyncWorkAnalysis {
  const checker = program.getTypeChecker();
  const { ask, getBinding, withBindings, bindFunctionArguments } = createAnalysisEngine(checker, maximumDepth, true);

  function startsAsyncWork(node: ts.Node): boolean {
    if (!hasBody(node) || node.asteriskToken) return true;
    return ask(node, () => containsWork(node.body));
  }

  function containsWork(node: ts.Node): boolean {
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined) return true;
    if (ts.isNewExpression(node) && isThenable(node)) return true;
    if (ts.isCallExpression(node) && ((isThenable(node) && callStartsWork(node)) || node.arguments.some(isWorkReference))) return true;
    if (ts.isAwaitExpression(node) && !ts.isCallExpression(skipOuterExpressions(node.expression)) && isThenable(node.expression)) return true;
    return ts.forEachChild(node, (child) => containsWork(child) || undefined) ?? false;
  }

  function callStartsWork(call: ts.CallExpression): boolean {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise") {
      return !["resolve", "all", "allSettled", "race", "any"].includes(callee.name.text);
    }
    const bound = ts.isIdentifier(callee) ? getBinding(callee) : undefined;
    if (bound) return withBindings(bound.bindings, () => startsAsyncWork(bound.value));
    const declaration = getProjectFunction(program, checker, call);
    if (declaration === undefined) return true;
    const callBindings = bindFunctionArguments(declaration, call);
    if (callBindings.size === 0) return startsAsyncWork(declaration);
    return withBindings(callBindings, () => ask(declaration, () => containsWork(declaration.body)));
  }

  // A function handed on by reference (`items.map(fetchUser)`) that returns a promise starts work
  // when it is called, unless it is the project's own and starts none.
  function isWorkReference(argument: ts.Expression): boolean {
    const inner = skipOuterExpressions(argument);
    if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner)) return false;
    return checker
      .getTypeAtLocation(inner)
      .getCallSignatures()
      .some((signature) => {
        if (!isThenableType(checker, inner, signature.getReturnType())) return false;
        const declaration = signature.declaration;
        return !declaration || !hasBody(declaration) || !isProjectDeclaration(program, declaration) || startsAsyncWork(declaration);
      });
  }

  function isThenable(node: ts.Expression): boolean {
    return isThenableType(checker, node, checker.getTypeAtLocation(node));
  }

  return { startsAsyncWork };
}
