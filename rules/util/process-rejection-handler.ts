import { relative } from "node:path";
import ts from "typescript";
import { perProgram } from "./analysis-engine.js";
import { isTestFile } from "./is-test-file.js";
import { isProjectDeclaration, skipOuterExpressions } from "./project-functions.js";

/**
 * ProcessRejectionHandler is a process-wide `unhandledRejection` listener that the program's own
 * code installs (`process.on("unhandledRejection", handler)`): where it is, and whether it ends the
 * process itself (it calls `process.exit` or throws) or only reports the rejection and carries on.
 */
export interface ProcessRejectionHandler {
  /** fileName is the absolute path of the file that installs the handler. */
  fileName: string;
  /** line is the 1-based line of the `process.on(…)` call. */
  line: number;
  /** endsProcess is true when the handler calls `process.exit` or throws: the process still ends. */
  endsProcess: boolean;
}

const installers = new Set(["on", "addListener", "prependListener"]);

/**
 * getProcessRejectionHandler returns the `unhandledRejection` listener the program installs, or
 * undefined when it installs none and Node's default applies (since Node 15: print the error and
 * end the process with exit code 1). Found once per program: only files whose text mentions
 * `unhandledRejection` are walked. A listener added with `once` is not counted, since the next
 * rejection meets the default again; nor is one in a test file.
 */
export const getProcessRejectionHandler: (program: ts.Program) => ProcessRejectionHandler | undefined = perProgram(findHandler);

function findHandler(program: ts.Program): ProcessRejectionHandler | undefined {
  const checker = program.getTypeChecker();
  const files = program
    .getSourceFiles()
    // A handler a test suite installs (mocha's global hooks) is not the program's policy.
    .filter((file) => file.text.includes("unhandledRejection") && !isTestFile(program, file) && isProjectDeclaration(program, file))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const file of files) {
    let found: ProcessRejectionHandler | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      const handler = ts.isCallExpression(node) ? getInstalledHandler(node) : undefined;
      if (handler) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found = { fileName: file.fileName, line, endsProcess: endsProcess(handler, checker) };
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    if (found) return found;
  }
  return undefined;
}

// The listener of `process.on("unhandledRejection", listener)`.
function getInstalledHandler(call: ts.CallExpression): ts.Expression | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !installers.has(callee.name.text)) return undefined;
  const target = skipOuterExpressions(callee.expression);
  const isProcess =
    (ts.isIdentifier(target) && target.text === "process") ||
    (ts.isPropertyAccessExpression(target) && target.name.text === "process" && ts.isIdentifier(target.expression) && target.expression.text === "globalThis");
  const [event, listener] = call.arguments;
  return isProcess && event !== undefined && ts.isStringLiteralLike(event) && event.text === "unhandledRejection" ? listener : undefined;
}

// A listener that calls `process.exit` or throws (outside any function of its own) ends the process.
function endsProcess(listener: ts.Expression, checker: ts.TypeChecker): boolean {
  const body = getListenerBody(listener, checker);
  if (body === undefined) return false;
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isThrowStatement(node)) return true;
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "exit" && ts.isIdentifier(callee.expression) && callee.expression.text === "process") return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return ts.isBlock(body) ? body.statements.some(visit) : visit(body);
}

function getListenerBody(listener: ts.Expression, checker: ts.TypeChecker): ts.ConciseBody | undefined {
  const inner = skipOuterExpressions(listener);
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return inner.body;
  const declaration = checker.getSymbolAtLocation(inner)?.valueDeclaration;
  if (declaration && ts.isFunctionDeclaration(declaration)) return declaration.body;
  const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  const value = initializer && skipOuterExpressions(initializer);
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value.body : undefined;
}

/**
 * describeRejectionFate says, for a message, what a rejection nobody handles does in the program,
 * as a verb phrase ("a rejection {{fate}}"): Node's default ends the process; a handler of the
 * program's own that exits ends it too; one that carries on gets it instead, said with where it is
 * installed (relative to `cwd`), since a file run on its own, such as a script, may not install it.
 */
export function describeRejectionFate(program: ts.Program, cwd: string): string {
  const handler = getProcessRejectionHandler(program);
  if (handler === undefined) return "ends the Node process";
  const where = `${relative(cwd, handler.fileName).split("\\").join("/")}:${handler.line}`;
  if (handler.endsProcess) return `ends the process (its \`unhandledRejection\` handler at ${where} exits)`;
  return `reaches only the \`unhandledRejection\` handler at ${where}, not this code`;
}
