import ts from "typescript";
import { isTestFile } from "./is-test-file.js";

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
 * findInProgramCode returns the first node `find` accepts, with its file, in the program's own files
 * (in file-name order; not its dependencies, declaration files or tests, which are a test runner's
 * business), walking only files whose text `mentions`: the program-wide facts the rules look up
 * once per program (its unhandled-rejection handler, where its supervised failures go).
 */
export function findInProgramCode<T>(program: ts.Program, mentions: (text: string) => boolean, find: (node: ts.Node, file: ts.SourceFile) => T | undefined): { found: T; node: ts.Node; file: ts.SourceFile } | undefined {
  const files = program
    .getSourceFiles()
    .filter((file) => mentions(file.text) && isProjectDeclaration(program, file) && !isTestFile(program, file))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const file of files) {
    let result: { found: T; node: ts.Node; file: ts.SourceFile } | undefined;
    const visit = (node: ts.Node): void => {
      if (result) return;
      const found = find(node, file);
      if (found !== undefined) result = { found, node, file };
      else ts.forEachChild(node, visit);
    };
    visit(file);
    if (result) return result;
  }
  return undefined;
}

/** lineOf is the 1-based line where `node` starts in `file`. */
export function lineOf(node: ts.Node, file: ts.SourceFile): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
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
