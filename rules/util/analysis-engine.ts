import ts from "typescript";
import { type FunctionWithBody, skipOuterExpressions } from "./project-functions.js";

/** Binding is the function passed for a parameter, with the bindings in force where it was written. */
export interface Binding {
  value: ts.Expression;
  bindings: Bindings | undefined;
}

/** Bindings map the parameters of a function being analysed for one call to the functions passed. */
export type Bindings = ReadonlyMap<ts.Symbol, Binding>;

/**
 * AnalysisEngine is what the rules' whole-program yes/no questions about functions share (can its
 * promise reject, does it start asynchronous work, does it reach the network):
 * - `ask` memoizes an answer per node, once per program. A node asked about again while its
 *   answer is being worked out is part of a cycle (a function calling itself, a Map holding what was
 *   read from it), which adds nothing of its own: the answer there is "no", and an answer that relied
 *   on such an assumption is not cached, since the assumed node may still turn out "yes". Past
 *   `maximumDepth` nested questions the answer is `tooDeep`, and answers that relied on it are not
 *   cached either: otherwise what a file is told would depend on which files were linted before it.
 * - Bindings let a wrapper (`trace(name, async () => …)`, `withLock(key, fn)`) be analysed for one
 *   call, with its function parameters bound to what the call passes; answers found under bindings
 *   hold for that call only and are not cached.
 */
export interface AnalysisEngine {
  /** ask answers `question` about `node`, memoized as described above. */
  ask(node: ts.Node, question: () => boolean): boolean;
  /** getBinding returns what the parameter `identifier` is bound to in the function being analysed. */
  getBinding(identifier: ts.Identifier): Binding | undefined;
  /** withBindings runs `run` with `bindings` in force. */
  withBindings<T>(bindings: Bindings | undefined, run: () => T): T;
  /** bindFunctionArguments binds each parameter of `declaration` that `call` passes a function (or a bound parameter) for. */
  bindFunctionArguments(declaration: FunctionWithBody, call: ts.CallExpression): Bindings;
}

/** createAnalysisEngine returns an engine for one question over the program `checker` belongs to. */
export function createAnalysisEngine(checker: ts.TypeChecker, maximumDepth: number, tooDeep: boolean): AnalysisEngine {
  const answers = new Map<ts.Node, boolean>();
  const inProgress = new Set<ts.Node>();
  let depth = 0;
  let assumptions = 0;
  let cutoffs = 0;
  let bindings: Bindings | undefined;

  function ask(node: ts.Node, question: () => boolean): boolean {
    const known = bindings === undefined ? answers.get(node) : undefined;
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      assumptions++;
      return false;
    }
    if (depth >= maximumDepth) {
      cutoffs++;
      return tooDeep;
    }
    const assumptionsBefore = assumptions;
    const cutoffsBefore = cutoffs;
    inProgress.add(node);
    depth++;
    try {
      const answer = question();
      const cacheable = bindings === undefined && cutoffs === cutoffsBefore && (answer || assumptions === assumptionsBefore);
      if (cacheable) answers.set(node, answer);
      return answer;
    } finally {
      depth--;
      inProgress.delete(node);
    }
  }

  function getBinding(identifier: ts.Identifier): Binding | undefined {
    const symbol = bindings && checker.getSymbolAtLocation(identifier);
    return symbol ? bindings?.get(symbol) : undefined;
  }

  function withBindings<T>(next: Bindings | undefined, run: () => T): T {
    const saved = bindings;
    bindings = next;
    try {
      return run();
    } finally {
      bindings = saved;
    }
  }

  function bindFunctionArguments(declaration: FunctionWithBody, call: ts.CallExpression): Bindings {
    const bound = new Map<ts.Symbol, Binding>();
    declaration.parameters.forEach((parameter, index) => {
      const argument = call.arguments[index];
      if (!argument || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return;
      const symbol = checker.getSymbolAtLocation(parameter.name);
      const inner = skipOuterExpressions(argument);
      const binding = ts.isIdentifier(inner) ? getBinding(inner) : ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? { value: inner, bindings } : undefined;
      if (symbol && binding) bound.set(symbol, binding);
    });
    return bound;
  }

  return { ask, getBinding, withBindings, bindFunctionArguments };
}

/**
 * perProgram wraps `create` so that it runs once per program: the analyses' caches live as long as
 * the program they describe, and a program the project service replaces takes its caches with it.
 */
export function perProgram<T>(create: (program: ts.Program) => T): (program: ts.Program) => T {
  const created = new WeakMap<ts.Program, T>();
  return (program) => {
    let value = created.get(program);
    if (value === undefined) {
      value = create(program);
      created.set(program, value);
    }
    return value;
  };
}
