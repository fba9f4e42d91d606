import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { perProgram } from "../util/analysis-engine.js";
import { getDeadlineOptions, isDeadlineOptionName, isDisablingValue } from "../util/deadline-options.js";
import { skipOuterExpressions } from "../util/project-functions.js";

/**
 * ClientDeadline is what the rule can tell about the deadline a call's client applies: "deadline"
 * (built with a timeout, or a library whose documented default is one), "none" (built in view
 * with no timeout, or switched off), or "unknown" (built where the program does not show: a
 * parameter, an injected field, a factory of the project's own, an options object spread in).
 */
export type ClientDeadline = "deadline" | "none" | "unknown";

/**
 * libraryDefaults are the packages whose clients time a request out unless told otherwise,
 * documented as their request timeout: ky (10 s to the response), openai (10 minutes), stripe
 * (80 s), puppeteer (30 s for navigation and waits). docs/rules/require-timeout.md says why these
 * count and Node's fetch (undici's 300 s headersTimeout and bodyTimeout) does not.
 */
export const libraryDefaults: ReadonlySet<string> = new Set(["ky", "openai", "stripe", "puppeteer", "puppeteer-core"]);

const maximumDepth = 8;

/** ClientDeadlineAnalysis answers for one program; see getClientDeadline. */
export interface ClientDeadlineAnalysis {
  /** ofCall tells what deadline the call's options and its client give it. */
  ofCall(call: ts.CallExpression): ClientDeadline;
  /** ofCallOptions tells what the agents and dispatchers in the call's options literals give it; undefined when they say nothing. */
  ofCallOptions(call: ts.CallExpression): ClientDeadline | undefined;
}

/**
 * getClientDeadline follows the receiver of `call` (`api` in `api.get(url)`, `db` in
 * `db.collection("x").findOne()`, `this.s3` in `this.s3.send(command)`) back to where it was
 * built, when the program shows it: a `const` (here or imported from another file of the
 * project), a class field's initializer or its one assignment in the constructor, or the chain
 * of calls it was made by (`axios.create({ timeout })`, `got.extend(…)`, `client.db()`). The
 * nearest construction that sets a request timeout (`timeout`, `requestTimeout` inside a
 * `requestHandler`, a `dispatcher` Agent's `headersTimeout`) decides; one that sets it to `0` or
 * `false` switches it off; a package's own object (`axios`, `got`, an imported `fetch`) has the
 * package's documented default. The call's own options count the same way (`{ dispatcher }`,
 * `{ agent }`). Answers are memoized per node for the program.
 */
export const getClientDeadline: (program: ts.Program) => ClientDeadlineAnalysis = perProgram((program) => {
  const checker = program.getTypeChecker();
  const answers = new Map<ts.Node, ClientDeadline>();
  const inProgress = new Set<ts.Node>();
  let cutoffs = 0;

  // The call's own data (a filter, a body) is no client option: only an options literal counts,
  // for what it holds (`{ dispatcher: agent }`, `{ agent: new https.Agent({ timeout }) }`).
  function ofCallOptions(call: ts.CallExpression): ClientDeadline | undefined {
    return inArguments(call.arguments.map(skipOuterExpressions).filter(ts.isObjectLiteralExpression), 0);
  }

  function ofCall(call: ts.CallExpression): ClientDeadline {
    const own = ofCallOptions(call);
    if (own !== undefined) return own;
    const callee = skipOuterExpressions(call.expression);
    return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? ofExpression(callee.expression, 0) : ofExpression(callee, 0);
  }

  // What the object an expression evaluates to was built with.
  // An answer that met a cycle (`const a = b.x(); const b = a.y()`) or the depth limit is not
  // cached: what a file is told must not depend on which files were linted before it.
  function ofExpression(node: ts.Expression, depth: number): ClientDeadline {
    const expression = skipAwait(node);
    const known = answers.get(expression);
    if (known !== undefined) return known;
    if (depth > maximumDepth || inProgress.has(expression)) {
      cutoffs++;
      return "unknown";
    }
    const cutoffsBefore = cutoffs;
    inProgress.add(expression);
    try {
      const answer = compute(expression, depth);
      if (cutoffs === cutoffsBefore) answers.set(expression, answer);
      return answer;
    } finally {
      inProgress.delete(expression);
    }
  }

  function compute(expression: ts.Expression, depth: number): ClientDeadline {
    if (ts.isNewExpression(expression) || ts.isCallExpression(expression)) {
      const own = inArguments(expression.arguments ?? [], depth);
      if (own !== undefined) return own;
      const callee = skipOuterExpressions(expression.expression);
      // `client.db()`, `axios.create()`: what a client's method returns inherits its settings.
      if (ts.isPropertyAccessExpression(callee)) return ofExpression(callee.expression, depth + 1);
      return ofDeclarationOf(callee, depth);
    }
    if (ts.isPropertyAccessExpression(expression)) {
      if (expression.expression.kind === ts.SyntaxKind.ThisKeyword) return ofField(expression, depth);
      // `stripe.customers`, `openai.chat.completions`: a namespace of the client's methods.
      return ofExpression(expression.expression, depth + 1);
    }
    if (ts.isIdentifier(expression)) return ofDeclarationOf(expression, depth);
    return "unknown";
  }

  // An identifier's (or a `new X`'s class's) declaration: a package's export has the package's
  // default; a `const` what its initializer built; anything else is unknown.
  function ofDeclarationOf(node: ts.Expression, depth: number): ClientDeadline {
    const declaration = getDeclaration(node);
    if (!declaration) return "unknown";
    const packageName = getPackageName(declaration.getSourceFile().fileName);
    if (packageName !== undefined) return libraryDefaults.has(packageName) ? "deadline" : "none";
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && isConst(declaration)) return ofExpression(declaration.initializer, depth + 1);
    return "unknown";
  }

  // A field set once, by its initializer or by one assignment in the constructor.
  function ofField(access: ts.PropertyAccessExpression, depth: number): ClientDeadline {
    const declaration = checker.getSymbolAtLocation(access)?.valueDeclaration;
    if (!declaration || !ts.isPropertyDeclaration(declaration)) return "unknown";
    if (declaration.initializer) return ofExpression(declaration.initializer, depth + 1);
    const constructor = declaration.parent.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
    const values: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && node !== constructor) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisField(node.left, access.name.text)) values.push(node.right);
      ts.forEachChild(node, visit);
    };
    if (constructor) visit(constructor);
    const [value] = values;
    return value !== undefined && values.length === 1 ? ofExpression(value, depth + 1) : "unknown";
  }

  /**
   * inArguments reads the options a construction or call is given: "deadline" when one sets a
   * request timeout (or holds an agent, dispatcher or handler built with one), "none" when the
   * only one set switches it off, "unknown" for options the code does not show, and undefined
   * when they say nothing about a deadline (the object then inherits one, or the default).
   */
  function inArguments(args: readonly ts.Expression[], depth: number): ClientDeadline | undefined {
    let answer: ClientDeadline | undefined;
    for (const argument of args) {
      const found = inOptions(skipAwait(argument), depth, false);
      if (found === "deadline") return found;
      if (found !== undefined && answer !== "unknown") answer = found;
    }
    return answer;
  }

  // `nested` is a property's value inside options (an agent, a dispatcher, a request handler):
  // only a timeout it is built with counts there, and one built out of view may carry one.
  function inOptions(node: ts.Expression, depth: number, nested: boolean): ClientDeadline | undefined {
    if (depth > maximumDepth) {
      cutoffs++;
      return "unknown";
    }
    if (ts.isNewExpression(node) || (ts.isCallExpression(node) && !nested)) {
      if (inArguments(node.arguments ?? [], depth + 1) === "deadline") return "deadline";
      return ts.isCallExpression(node) && isObjectTyped(node, nested) ? "unknown" : undefined;
    }
    // Inside options, a call computes a value (`body: JSON.stringify(payload)`) or an agent built
    // out of view (`agent: makeAgent()`), which may carry a timeout.
    if (ts.isCallExpression(node)) return isObjectTyped(node, nested) ? "unknown" : undefined;
    if (ts.isIdentifier(node)) {
      const declaration = getDeclaration(node);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConst(declaration) && getPackageName(declaration.getSourceFile().fileName) === undefined) {
        return inOptions(skipAwait(declaration.initializer), depth + 1, nested);
      }
      return isObjectTyped(node, nested) ? "unknown" : undefined;
    }
    if (!ts.isObjectLiteralExpression(node)) return ts.isPropertyAccessExpression(node) && isObjectTyped(node, nested) ? "unknown" : undefined;
    let answer: ClientDeadline | undefined;
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        answer = "unknown";
        continue;
      }
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
      const value = ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : property.name;
      if (name !== undefined && isDeadlineOptionName(name)) {
        if (!isDisablingValue(value) && !isOnlyConnectDelays(value)) return "deadline";
        answer ??= "none";
        continue;
      }
      const found = inOptions(value, depth + 1, true);
      if (found === "deadline") return found;
      if (found === "unknown") answer = "unknown";
    }
    return answer;
  }

  function getDeclaration(node: ts.Expression): ts.Declaration | undefined {
    let symbol = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node) : undefined;
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  }

  // Options out of view may set a timeout: an object at the top (`new Pool(config)`), an instance
  // of a class inside (an agent or dispatcher passed in), not plain data such as `headers` or a
  // body. Only the type's own symbol is asked about, never its properties' types.
  function isObjectTyped(node: ts.Expression, nested: boolean): boolean {
    const type = checker.getTypeAtLocation(node);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return !nested;
    return unionConstituents(type).some((part) => {
      if (!(part.flags & ts.TypeFlags.Object) || part.getCallSignatures().length > 0) return false;
      return nested ? ((part.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) !== 0 : !checker.isArrayType(part);
    });
  }

  return { ofCall, ofCallOptions };
});

// got's `timeout: { connect: 1_000 }` bounds connecting only, as a `connectTimeout` would.
function isOnlyConnectDelays(value: ts.Expression): boolean {
  return (
    ts.isObjectLiteralExpression(value) &&
    value.properties.every((property) => property.name !== undefined && ts.isIdentifier(property.name) && !isDeadlineOptionName(`${property.name.text}Timeout`))
  );
}

function skipAwait(node: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(node);
  while (ts.isAwaitExpression(current)) current = skipOuterExpressions(current.expression);
  return current;
}

function isThisField(node: ts.Expression, name: string): boolean {
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

const packageNames = new Map<string, string | undefined>();

/** getPackageName returns the npm package a file belongs to (`@aws-sdk/client-s3`), or undefined outside node_modules. */
export function getPackageName(fileName: string): string | undefined {
  if (packageNames.has(fileName)) return packageNames.get(fileName);
  const at = fileName.lastIndexOf("/node_modules/");
  let name: string | undefined;
  if (at >= 0) {
    const [first = "", second = ""] = fileName.slice(at + "/node_modules/".length).split("/");
    name = first.startsWith("@") ? `${first}/${second}` : first;
  }
  packageNames.set(fileName, name);
  return name;
}

/**
 * isTimeoutConfigurableClient tells whether the receiver of `call` is an instance of a class whose
 * constructor takes a request timeout among its options (pg's `Pool` and `Client` take
 * `statement_timeout` and `query_timeout`, ioredis's `Redis` a `commandTimeout`): its calls take no
 * deadline of their own, but the client can bound them all. Memoized per class.
 */
export const isTimeoutConfigurableClient: (program: ts.Program) => (call: ts.CallExpression) => boolean = perProgram((program) => {
  const checker = program.getTypeChecker();
  const answers = new Map<ts.Symbol, boolean>();
  return (call) => {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const symbol = checker.getTypeAtLocation(callee.expression).getSymbol();
    const declaration = symbol?.declarations?.find(ts.isClassDeclaration);
    if (!symbol || !declaration) return false;
    let answer = answers.get(symbol);
    if (answer === undefined) {
      answer = checker
        .getTypeOfSymbolAtLocation(symbol, declaration)
        .getConstructSignatures()
        .some((signature) => signature.getParameters().some((parameter) => getDeadlineOptions(checker, checker.getTypeOfSymbol(parameter)).timeouts.length > 0));
      answers.set(symbol, answer);
    }
    return answer;
  };
});
