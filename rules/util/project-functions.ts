import ts from "typescript";

/** FunctionWithBody is a function-like declaration whose body the rules can read. */
export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/**
 * isProjectDeclaration tells whether `declaration` is the project's own code: in a source file of
 * the program that is neither a declaration file nor a dependency's. Only such code is read to
 * decide what a call does; a dependency's implementation is not in the program.
 */
export function isProjectDeclaration(program: ts.Program, declaration: ts.Node): boolean {
  const file = declaration.getSourceFile();
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/");
}

/**
 * getProjectFunction returns the function a call runs when the type checker can tell and the
 * project declares it with a body: the function of an IIFE, else the declaration of the resolved
 * signature (a function, a method, an arrow function held in a property or a variable). Undefined
 * for a dependency's function, an overload or abstract signature, or a callee of unknown type.
 */
export function getProjectFunction(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): FunctionWithBody | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) return callee;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  return declaration !== undefined && hasBody(declaration) && isProjectDeclaration(program, declaration) ? declaration : undefined;
}

/** hasBody tells whether `node` is a function-like declaration with a body. */
export function hasBody(node: ts.Node): node is FunctionWithBody {
  return ts.isFunctionLike(node) && "body" in node && node.body !== undefined;
}

/** skipOuterExpressions looks through parentheses, `as`, `!`, `satisfies` and `<T>` assertions. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
