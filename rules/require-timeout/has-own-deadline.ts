import ts from "typescript";

/**
 * hasOwnDeadline tells whether the function `declaration` (the project's own, with a body) bounds
 * its I/O by itself when the caller passes no deadline: somewhere in its body it sets a `timeout`
 * (or `timeoutMs`, `requestTimeout`, `deadline`) option, calls `AbortSignal.timeout` or aborts from
 * a timer, with a value of its own choosing: a constant, or a fallback (`init.timeout ?? 10_000`).
 * A value taken from the caller alone (`timeout: options.timeout`) is the caller's deadline, not one
 * of its own.
 */
export function hasOwnDeadline(checker: ts.TypeChecker, declaration: ts.FunctionLikeDeclaration & { body: ts.Node }): boolean {
  const parameters = getCallerValues(checker, declaration);
  const isOwn = (value: ts.Expression): boolean => isOwnValue(checker, value, parameters);
  const visit = (node: ts.Node): boolean => {
    if (ts.isPropertyAssignment(node) && isDeadlineKey(node.name) && isOwn(node.initializer)) return true;
    if (ts.isCallExpression(node) && isAbortSignalTimeout(node) && node.arguments[0] !== undefined && isOwn(node.arguments[0])) return true;
    return ts.forEachChild(node, (child) => visit(child) || undefined) ?? false;
  };
  return visit(declaration.body);
}

const deadlineKey = /^(?:timeout|timeoutMs|requestTimeout|deadline)$/;

function isDeadlineKey(name: ts.PropertyName): boolean {
  return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && deadlineKey.test(name.text);
}

function isAbortSignalTimeout(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "timeout" && ts.isIdentifier(callee.expression) && callee.expression.text === "AbortSignal";
}

// A value the function chose: it reads none of the parameters, or falls back to one that does not.
function isOwnValue(checker: ts.TypeChecker, value: ts.Expression, parameters: ReadonlySet<ts.Symbol>): boolean {
  if (ts.isBinaryExpression(value)) {
    const operator = value.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return isOwnValue(checker, value.right, parameters);
    }
  }
  if (ts.isIdentifier(value) && value.text === "undefined") return false;
  return !readsAny(checker, value, parameters);
}

function readsAny(checker: ts.TypeChecker, node: ts.Node, symbols: ReadonlySet<ts.Symbol>): boolean {
  if (ts.isIdentifier(node)) {
    const symbol = checker.getSymbolAtLocation(node);
    return symbol !== undefined && symbols.has(symbol);
  }
  return ts.forEachChild(node, (child) => readsAny(checker, child, symbols) || undefined) ?? false;
}

// The parameters, and the variables of the body computed from them (`const { timeout } = init`).
function getCallerValues(checker: ts.TypeChecker, declaration: ts.FunctionLikeDeclaration & { body: ts.Node }): Set<ts.Symbol> {
  const values = new Set(declaration.parameters.flatMap((parameter) => boundSymbols(checker, parameter.name)));
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && readsAny(checker, node.initializer, values)) {
      for (const symbol of boundSymbols(checker, node.name)) values.add(symbol);
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.body);
  return values;
}

function boundSymbols(checker: ts.TypeChecker, name: ts.BindingName): ts.Symbol[] {
  if (ts.isIdentifier(name)) {
    const symbol = checker.getSymbolAtLocation(name);
    return symbol ? [symbol] : [];
  }
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundSymbols(checker, element.name) : []));
}
