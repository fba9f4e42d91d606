import { isThenableType } from "ts-api-utils";
import ts from "typescript";
import { getProjectFunction, hasBody } from "../util/project-functions.js";

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
const analyses = new WeakMap<ts.Program, AsyncWorkAnalysis>();

/** getAsyncWorkAnalysis returns the analysis for `program`, created once per program with its cache. */
export function getAsyncWorkAnalysis(program: ts.Program): AsyncWorkAnalysis {
  let analysis = analyses.get(program);
  if (analysis === undefined) {
    analysis = createAsyncWorkAnalysis(program);
    analyses.set(program, analysis);
  }
  return analysis;
}

function createAsyncWorkAnalysis(program: ts.Program): AsyncWorkAnalysis {
  const checker = program.getTypeChecker();
  const answers = new Map<ts.Node, boolean>();
  const inProgress = new Set<ts.Node>();
  let depth = 0;
  let assumptions = 0;

  // A function met again while its answer is being worked out calls itself: the recursion starts
  // nothing the rest of its body does not, so the answer is the least consistent one.
  function startsAsyncWork(node: ts.Node): boolean {
    if (!hasBody(node) || node.asteriskToken) return true;
    const known = answers.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      assumptions++;
      return false;
    }
    if (depth >= maximumDepth) return true;
    const assumptionsBefore = assumptions;
    inProgress.add(node);
    depth++;
    try {
      const answer = containsWork(node.body);
      if (answer || assumptions === assumptionsBefore) answers.set(node, answer);
      return answer;
    } finally {
      depth--;
      inProgress.delete(node);
    }
  }

  function containsWork(node: ts.Node): boolean {
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined) return true;
    if (ts.isNewExpression(node) && isThenable(node)) return true;
    if (ts.isCallExpression(node) && isThenable(node) && callStartsWork(node)) return true;
    if (ts.isAwaitExpression(node) && !ts.isCallExpression(stripParentheses(node.expression)) && isThenable(node.expression)) return true;
    return ts.forEachChild(node, (child) => containsWork(child) || undefined) ?? false;
  }

  function callStartsWork(call: ts.CallExpression): boolean {
    const callee = stripParentheses(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise") {
      return !["resolve", "all", "allSettled", "race", "any"].includes(callee.name.text);
    }
    const declaration = getProjectFunction(program, checker, call);
    return declaration === undefined || startsAsyncWork(declaration);
  }

  function isThenable(node: ts.Expression): boolean {
    return isThenableType(checker, node, checker.getTypeAtLocation(node));
  }

  return { startsAsyncWork };
}

function stripParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? stripParentheses(node.expression) : node;
}
