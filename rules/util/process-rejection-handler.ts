import { relative } from "node:path";
import ts from "typescript";
import { perProgram } from "./analysis-engine.js";
import { isTestFile } from "./is-test-file.js";
import { findInProgramCode, lineOf, skipOuterExpressions } from "./project-functions.js";

/**
 * RejectionHandler is where the program's own code routes every unhandled rejection: a process
 * `unhandledRejection` listener, a global `unhandledrejection` listener (a browser's), or an error
 * tracker's SDK whose default integrations install one (Sentry's `init`).
 */
export interface RejectionHandler {
  /** what names the installing code as a person would: `process.on("unhandledRejection", …)`. */
  what: string;
  /** fileName is the absolute path of the file that installs the handler. */
  fileName: string;
  /** line is the 1-based line of the installing call. */
  line: number;
  /** once is true for a listener added with `once`: the next rejection meets the default again. */
  once: boolean;
  /** endsProcess is true when a process listener calls `process.exit` or throws: the process still ends. */
  endsProcess: boolean;
}

const processInstallers = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);
// SDKs whose `init` installs an unhandled-rejection handler by default (Sentry's onUnhandledRejection
// integration, on by default in its Node, Bun, Deno and browser SDKs, which logs and carries on).
const trackerModules = /^@sentry\/(?:node|bun|deno|browser|nestjs|nextjs|remix|sveltekit|astro|react|vue|angular|electron|aws-serverless|google-cloud-serverless)$/;

/**
 * getRejectionHandler returns the first handler of unhandled rejections the program's own files
 * install (in file-name order; not its dependencies, declaration files or tests, whose handlers are
 * a test runner's business), or undefined when there is none and the host's default applies (Node
 * 15+: print the error and end the process with exit code 1). Found once per program: only files
 * whose text mentions `unhandledRejection` or `@sentry/` are walked.
 */
export function getRejectionHandler(program: ts.Program): RejectionHandler | undefined {
  return findOnce(program) ?? undefined;
}

// perProgram caches a value per program; null stands for "none", which undefined cannot.
const findOnce = perProgram((program: ts.Program): RejectionHandler | null => findHandler(program) ?? null);

function findHandler(program: ts.Program): RejectionHandler | undefined {
  const checker = program.getTypeChecker();
  const result = findInProgramCode(program, (text) => /unhandled[Rr]ejection|@sentry\//.test(text), getInstalled);
  if (!result) return undefined;
  const { found: installed, node, file } = result;
  const endsProcess = installed.listener !== undefined && listenerEndsProcess(installed.listener, checker);
  return { what: installed.what, fileName: file.fileName, line: lineOf(node, file), once: installed.once, endsProcess };
}

interface Installed {
  what: string;
  once: boolean;
  /** listener is a process listener, whose body tells whether it ends the process. */
  listener?: ts.Expression;
}

function getInstalled(node: ts.Node, file: ts.SourceFile): Installed | undefined {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
    const { name, expression } = node.left;
    return name.text === "onunhandledrejection" && isGlobalTarget(expression) ? { what: `${node.left.getText(file)} = …`, once: false } : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = skipOuterExpressions(node.expression);
  const [event, listener] = node.arguments;
  const eventName = event && ts.isStringLiteralLike(event) ? event.text : undefined;
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (eventName === "unhandledRejection" && processInstallers.has(method) && isProcess(skipOuterExpressions(callee.expression))) {
      return { what: `process.${method}("unhandledRejection", …)`, once: method.toLowerCase().includes("once"), ...(listener ? { listener } : {}) };
    }
    if (eventName === "unhandledrejection" && method === "addEventListener" && isGlobalTarget(callee.expression)) return { what: `addEventListener("unhandledrejection", …)`, once: false };
  } else if (ts.isIdentifier(callee) && callee.text === "addEventListener" && eventName === "unhandledrejection") {
    return { what: `addEventListener("unhandledrejection", …)`, once: false };
  }
  return getTrackerInit(callee, file);
}

function isProcess(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === "process";
  return ts.isPropertyAccessExpression(expression) && expression.name.text === "process" && ts.isIdentifier(expression.expression) && ["global", "globalThis"].includes(expression.expression.text);
}

function isGlobalTarget(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) && ["window", "self", "globalThis"].includes(expression.text);
}

// `Sentry.init(…)` where the file imports a tracker SDK as `Sentry`, or `init(…)` imported from one.
function getTrackerInit(callee: ts.Expression, file: ts.SourceFile): Installed | undefined {
  if (!file.text.includes("@sentry/")) return undefined;
  const { namespaces, inits } = trackerBindings(file);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "init" && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text)) {
    return { what: `${callee.expression.text}.init(…)`, once: false };
  }
  return ts.isIdentifier(callee) && inits.has(callee.text) ? { what: `${callee.text}(…) of Sentry`, once: false } : undefined;
}

const bindingsOf = new WeakMap<ts.SourceFile, { namespaces: Set<string>; inits: Set<string> }>();

// The names a file binds to a tracker SDK: `import * as Sentry from "@sentry/node"` gives `Sentry`,
// `import { init } from "@sentry/node"` gives `init`.
function trackerBindings(file: ts.SourceFile): { namespaces: Set<string>; inits: Set<string> } {
  const cached = bindingsOf.get(file);
  if (cached) return cached;
  const namespaces = new Set<string>();
  const inits = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !trackerModules.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) namespaces.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === "init") inits.add(element.name.text);
  }
  const found = { namespaces, inits };
  bindingsOf.set(file, found);
  return found;
}

// A listener that calls `process.exit` or throws (outside any function of its own) ends the process.
function listenerEndsProcess(listener: ts.Expression, checker: ts.TypeChecker): boolean {
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
 * whereInstalled is the handler's file and line relative to `cwd`, with forward slashes:
 * `src/main.ts:48`.
 */
export function whereInstalled(handler: RejectionHandler, cwd: string): string {
  return `${relative(cwd, handler.fileName).split("\\").join("/")}:${handler.line}`;
}

/**
 * describeRejectionFate says, for a message, what a rejection nobody handles does in the program,
 * as a verb phrase ("a rejection {{fate}}"): Node's default ends the process, and so does a handler
 * of the program's own that exits; one that carries on gets it instead, said with where it is
 * installed (relative to `cwd`), since a file run on its own, such as a script, may not install it.
 * A listener added with `once` does not count: the next rejection meets the default again. In a
 * test file (`file`), the test runner's own handler gets it, whatever the program installs; in a
 * module marked `"use client"` (React's directive for code that runs in the browser), the browser's.
 */
export function describeRejectionFate(program: ts.Program, cwd: string, file?: ts.SourceFile): string {
  if (file !== undefined && isTestFile(program, file)) return "reaches the test runner's handler (an error of the whole run), not this test";
  if (file !== undefined && isClientModule(file)) return "reaches only the browser's `unhandledrejection` event (a console error), not this code";
  const handler = getRejectionHandler(program);
  if (handler === undefined || handler.once) return "ends the Node process";
  const where = whereInstalled(handler, cwd);
  if (handler.endsProcess) return `ends the process (its \`unhandledRejection\` handler at ${where} exits)`;
  return `reaches only \`${handler.what}\` at ${where}, not this code`;
}

// A module whose first statement is the `"use client"` directive runs in the browser.
function isClientModule(file: ts.SourceFile): boolean {
  const [first] = file.statements;
  return first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
}
