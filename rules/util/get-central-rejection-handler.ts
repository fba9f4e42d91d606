import { relative } from "node:path";
import ts from "typescript";

/**
 * CentralRejectionHandler is where a program routes every unhandled rejection itself: a process
 * `unhandledRejection` listener, a window `unhandledrejection` listener, or an error tracker's SDK
 * whose default integrations install one (Sentry's `init`).
 */
export interface CentralRejectionHandler {
  /** what is the installing code as a person would name it: `process.on("unhandledRejection", …)`. */
  what: string;
  /** where is the file and line, relative to the program's folder: `server/main.ts:48`. */
  where: string;
}

const processListeners = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);
// SDKs whose `init` installs an unhandled-rejection handler by default (Sentry's onUnhandledRejection
// integration, on by default in its Node, Bun, Deno and browser SDKs).
const trackerModules = /^@sentry\/(?:node|bun|deno|browser|nestjs|nextjs|remix|sveltekit|astro|react|vue|angular|electron|aws-serverless|google-cloud-serverless)$/;

const handlers = new WeakMap<ts.Program, CentralRejectionHandler | null>();
// A test setup that installs a handler for the runner's sake says nothing about the program.
const testFile = /(?:\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$)|(?:[/\\](?:__tests__|__mocks__|tests?|e2e)[/\\])/;

function isProcess(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === "process";
  return ts.isPropertyAccessExpression(expression) && expression.name.text === "process" && ts.isIdentifier(expression.expression) && ["global", "globalThis"].includes(expression.expression.text);
}

function isGlobalTarget(expression: ts.Expression | undefined): boolean {
  return expression === undefined || (ts.isIdentifier(expression) && ["window", "self", "globalThis"].includes(expression.text));
}

function stringArgument(call: ts.CallExpression): string | undefined {
  const [first] = call.arguments;
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

// The names a file binds to a tracker SDK: `import * as Sentry from "@sentry/node"` gives `Sentry`,
// `import { init } from "@sentry/node"` gives `init`.
function trackerBindings(file: ts.SourceFile): { namespaces: Set<string>; inits: Set<string> } {
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
  return { namespaces, inits };
}

function describeCall(call: ts.CallExpression, file: ts.SourceFile): string | undefined {
  const callee = call.expression;
  const event = stringArgument(call);
  if (ts.isPropertyAccessExpression(callee) && processListeners.has(callee.name.text) && isProcess(callee.expression) && event === "unhandledRejection") {
    return `process.${callee.name.text}("unhandledRejection", …)`;
  }
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  const target = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  if (method === "addEventListener" && event === "unhandledrejection" && isGlobalTarget(target)) return `addEventListener("unhandledrejection", …)`;
  if (!file.text.includes("@sentry/")) return undefined;
  const { namespaces, inits } = trackerBindings(file);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "init" && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text)) return `${callee.expression.text}.init(…)`;
  if (ts.isIdentifier(callee) && inits.has(callee.text)) return `${callee.text}(…) of Sentry`;
  return undefined;
}

function findIn(file: ts.SourceFile, program: ts.Program): CentralRejectionHandler | undefined {
  let found: CentralRejectionHandler | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const what = describeCall(node, file);
      if (what) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found = { what, where: `${relative(program.getCurrentDirectory(), file.fileName)}:${line}` };
        return;
      }
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === "onunhandledrejection" && isGlobalTarget(node.left.expression)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      found = { what: `${node.left.getText(file)} = …`, where: `${relative(program.getCurrentDirectory(), file.fileName)}:${line}` };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * getCentralRejectionHandler finds, anywhere in the program's own files (not its dependencies or
 * declaration files, nor its tests), code that routes every unhandled rejection to one place: a process
 * `unhandledRejection` listener (a server's logger, metrics and error tracker), a global
 * `unhandledrejection` listener, or Sentry's `init`. In such a program a dropped promise's failure is
 * already reported, so `void promise` is the program's deliberate way to start work in the
 * background. Files are searched by their text first, so a large program costs one scan of it,
 * once per program.
 */
export function getCentralRejectionHandler(program: ts.Program): CentralRejectionHandler | undefined {
  const cached = handlers.get(program);
  if (cached !== undefined) return cached ?? undefined;
  let found: CentralRejectionHandler | undefined;
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file) || /[/\\]node_modules[/\\]/.test(file.fileName) || testFile.test(file.fileName)) continue;
    const text = file.text;
    if (!/unhandled[Rr]ejection|@sentry\//.test(text)) continue;
    found = findIn(file, program);
    if (found) break;
  }
  handlers.set(program, found ?? null);
  return found;
}
