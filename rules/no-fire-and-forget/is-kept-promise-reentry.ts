import { isThenableType } from "ts-api-utils";
import ts from "typescript";
import { type FunctionWithBody, getProjectFunction, hasBody, skipOuterExpressions } from "../util/project-functions.js";

/**
 * isKeptPromiseReentry tells whether `call` is an object calling one of its own methods again
 * (`this.exec()`, or `self.exec()` through `const self = this`) where that method hands back the
 * promise the object keeps: every value it returns is `this.promise` for a promise-typed property
 * of the class that the method never assigns, or a value not known to be a promise (the rules
 * leave `any` alone everywhere). That promise is the object's one result (a deferred), handed to
 * every caller of the method; the callers outside hold its rejection, so the object's own call,
 * a retry after a redirection say, drops nothing of its own. A private method hands nothing
 * out, and a method that assigns the property starts a promise of its own: both stay reported.
 * The method is the one the type checker resolves, or, for a signature with no body (an
 * interface merged into the class), the function assigned to `Class.prototype.method` in the
 * class's file; a replacement assigned to one instance is not followed, as no call is.
 */
export function isKeptPromiseReentry(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !isThisReference(checker, skipOuterExpressions(callee.expression))) return false;
  const method = checker.getSymbolAtLocation(callee.name);
  if (!method || isPrivate(method)) return false;
  const classType = checker.getTypeAtLocation(callee.expression);
  const implementation = getProjectFunction(program, checker, call) ?? getPrototypeMethod(checker, classType, callee.name.text);
  return implementation !== undefined && handsBackKeptPromise(checker, implementation, classType);
}

// `this`, or a `const` that holds it (`const self = this`, for the callbacks that have their own `this`).
function isThisReference(checker: ts.TypeChecker, node: ts.Expression): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(node)) return false;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const isConst = ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
  return isConst && skipOuterExpressions(declaration.initializer).kind === ts.SyntaxKind.ThisKeyword;
}

function isPrivate(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (declaration) =>
      (ts.isClassElement(declaration) && declaration.name !== undefined && ts.isPrivateIdentifier(declaration.name)) ||
      (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private) !== 0,
  );
}

// `Class.prototype.name = function (…) { … }` among the top-level statements of the class's file.
function getPrototypeMethod(checker: ts.TypeChecker, classType: ts.Type, name: string): FunctionWithBody | undefined {
  const classSymbol = classType.getSymbol();
  const declaration = classSymbol?.valueDeclaration;
  if (!classSymbol || !declaration || !ts.isClassDeclaration(declaration)) return undefined;
  for (const statement of declaration.getSourceFile().statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left) || left.name.text !== name) continue;
    const prototype = left.expression;
    if (!ts.isPropertyAccessExpression(prototype) || prototype.name.text !== "prototype" || !ts.isIdentifier(prototype.expression)) continue;
    const value = skipOuterExpressions(right);
    if (checker.getSymbolAtLocation(prototype.expression) === classSymbol && ts.isFunctionExpression(value) && hasBody(value)) return value;
  }
  return undefined;
}

function handsBackKeptPromise(checker: ts.TypeChecker, implementation: FunctionWithBody, classType: ts.Type): boolean {
  const isAsync = ts.getCombinedModifierFlags(implementation) & ts.ModifierFlags.Async;
  if (isAsync || implementation.asteriskToken) return false;
  const body = implementation.body;
  const returned = ts.isBlock(body) ? collectReturned(body) : [body];
  const kept = returned.filter((value) => getKeptProperty(checker, value, classType) !== undefined);
  if (kept.length === 0) return false;
  const others = returned.filter((value) => !kept.includes(value));
  if (others.some((value) => isThenableType(checker, value, checker.getTypeAtLocation(value)))) return false;
  const keptNames = new Set(kept.map((value) => getKeptProperty(checker, value, classType)));
  return !assignsThisProperty(body, keptNames);
}

// `this.name` where the class declares `name` as a promise.
function getKeptProperty(checker: ts.TypeChecker, value: ts.Expression, classType: ts.Type): string | undefined {
  const read = skipOuterExpressions(value);
  if (!ts.isPropertyAccessExpression(read) || read.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const property = checker.getPropertyOfType(classType, read.name.text);
  if (!property) return undefined;
  const type = checker.getTypeOfSymbol(property);
  return isThenableType(checker, read, type) ? read.name.text : undefined;
}

// The values the function's own `return` statements give, not those of the functions nested in it.
function collectReturned(body: ts.Block): ts.Expression[] {
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returned;
}

// Nested functions count: a callback that reassigns the property starts a new promise too.
function assignsThisProperty(body: ts.Node, names: ReadonlySet<string | undefined>): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = skipOuterExpressions(node.left);
      if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword && names.has(target.name.text)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}
