import { isThenableType, unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { createAnalysisEngine, perProgram } from "./analysis-engine.js";
import { importsDeclaredModule } from "./dynamic-import.js";
import { type FunctionWithBody, getProjectFunction, hasBody, isProjectDeclaration, skipOuterExpressions } from "./project-functions.js";

/**
 * RejectionAnalysis answers, for code of the program being linted, whether a promise can settle
 * rejected. It reads the TypeScript syntax tree, so it follows a call into the called function's
 * declaration wherever it is in the project (another file included); a function declared in a
 * dependency, or with no body, may always reject.
 *
 * What counts as a rejection: an `await` of a promise that may reject, a `throw`, a `for await`
 * and a returned promise that may reject, each outside a `try` whose `catch` handles it (a `catch`
 * that throws again is itself outside; a `finally` that returns or ends the process discards the
 * rejection). Synchronous code is trusted not to throw: a linter cannot tell which property access
 * or call throws, and the failures these rules are about (I/O) arrive as rejections. So
 * `async () => { try { await work(); } catch (error) { log(error); } }` cannot reject.
 *
 * `Promise.all` (`race`, `any`) of an array literal or of `items.map(fn)` rejects only when an
 * element may. A promise read from a `let`, a class property or a Map held in one may reject as
 * any value the project stores there may. A wrapper of the project's own (`trace(name, async () => …)`) is
 * analysed with the function it is given; a dependency's whose declared type hands back what its
 * callback returns (`AsyncLocalStorage.run`) settles as the callback does. Cycles add no rejection
 * of their own (see AnalysisEngine).
 */
export interface RejectionAnalysis {
  /** functionMayReject tells whether calling `node` (a function-like declaration or expression) may give a promise that rejects. */
  functionMayReject(node: ts.Node): boolean;
  /** expressionMayReject tells whether the promise the expression `node` evaluates to may reject. */
  expressionMayReject(node: ts.Node): boolean;
  /** referenceMayReject tells whether a function passed by reference (`this.handle`, `refresh`) may give a promise that rejects. */
  referenceMayReject(node: ts.Node): boolean;
}

// Beyond this many nested questions the analysis answers "may reject" rather than follow further.
const maximumDepth = 8;

/** getRejectionAnalysis returns the analysis for `program`, created once per program with its cache. */
export const getRejectionAnalysis: (program: ts.Program) => RejectionAnalysis = perProgram(createRejectionAnalysis);

// Picks the value a node stores in `symbol`, if it stores one.
type ValueReader = (node: ts.Node, symbol: ts.Symbol) => ts.Expression | undefined;

function mentionsTypeParameter(type: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && names.has(type.typeName.text)) return true;
  return ts.forEachChild(type, (child) => mentionsTypeParameter(child, names) || undefined) ?? false;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

function createRejectionAnalysis(program: ts.Program): RejectionAnalysis {
  const checker = program.getTypeChecker();
  const { ask, getBinding, withBindings, bindFunctionArguments } = createAnalysisEngine(checker, maximumDepth, true);
  const storedValues = new Map<ValueReader, Map<ts.Symbol, ts.Expression[] | undefined>>();

  function functionMayReject(node: ts.Node): boolean {
    if (!hasBody(node)) return true;
    return ask(node, () => bodyMayReject(node));
  }

  function bodyMayReject(declaration: FunctionWithBody): boolean {
    if (declaration.asteriskToken) return true;
    const body = declaration.body;
    if (!ts.isBlock(body)) return returnedMayReject(body, false);
    return statementsMayReject(body, false);
  }

  // `caught` is true inside a `try` block whose `catch` clause handles what it throws.
  function statementsMayReject(node: ts.Node, caught: boolean): boolean {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isThrowStatement(node)) return !caught || statementsMayReject(node.expression, caught);
    if (ts.isTryStatement(node)) return tryMayReject(node, caught);
    if (ts.isReturnStatement(node)) return node.expression !== undefined && returnedMayReject(node.expression, caught);
    if (ts.isAwaitExpression(node)) {
      if (!caught && expressionMayReject(node.expression)) return true;
      return statementsMayReject(node.expression, caught);
    }
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined && !caught) return true;
    return ts.forEachChild(node, (child) => statementsMayReject(child, caught) || undefined) ?? false;
  }

  // A `catch` runs only when its `try` block throws, and a `finally` that returns or ends the
  // process discards whatever the block threw.
  function tryMayReject(node: ts.TryStatement, caught: boolean): boolean {
    const finallyFails = node.finallyBlock !== undefined && statementsMayReject(node.finallyBlock, caught);
    if (finallyFails) return true;
    const discarded = caught || (node.finallyBlock !== undefined && endsAbruptly(node.finallyBlock));
    if (!node.catchClause) return statementsMayReject(node.tryBlock, discarded);
    if (statementsMayReject(node.tryBlock, true)) return true;
    return statementsMayReject(node.tryBlock, false) && statementsMayReject(node.catchClause.block, discarded);
  }

  function endsAbruptly(block: ts.Block): boolean {
    return block.statements.some(
      (statement) =>
        ts.isReturnStatement(statement) ||
        (ts.isExpressionStatement(statement) && (checker.getTypeAtLocation(statement.expression).flags & ts.TypeFlags.Never) !== 0),
    );
  }

  // `return await p` inside a `try` is caught there; a promise returned as it is leaves the function
  // before any `catch` here could see its rejection.
  function returnedMayReject(expression: ts.Expression, caught: boolean): boolean {
    const inner = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(inner) || !isThenable(inner)) return statementsMayReject(inner, caught);
    return expressionMayReject(inner);
  }

  function expressionMayReject(node: ts.Expression): boolean {
    const expression = skipOuterExpressions(node);
    if (ts.isAwaitExpression(expression)) return expressionMayReject(expression.expression);
    if (ts.isConditionalExpression(expression)) return expressionMayReject(expression.whenTrue) || expressionMayReject(expression.whenFalse);
    if (ts.isBinaryExpression(expression)) return binaryMayReject(expression);
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) return storedMayReject(expression);
    if (ts.isNewExpression(expression)) return newPromiseMayReject(expression);
    if (ts.isCallExpression(expression)) return ask(expression, () => callMayReject(expression));
    if (ts.isLiteralExpression(expression) || ts.isVoidExpression(expression) || ts.isObjectLiteralExpression(expression)) return false;
    return expression.kind !== ts.SyntaxKind.UndefinedKeyword && expression.kind !== ts.SyntaxKind.NullKeyword;
  }

  function binaryMayReject(expression: ts.BinaryExpression): boolean {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) return expressionMayReject(expression.right);
    const logical =
      operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.QuestionQuestionToken;
    return !logical || expressionMayReject(expression.left) || expressionMayReject(expression.right);
  }

  // A variable or property holding a promise may reject as any value the project stores in it may.
  function storedMayReject(expression: ts.Identifier | ts.PropertyAccessExpression): boolean {
    if (ts.isIdentifier(expression) && expression.text === "undefined") return false;
    const symbol = checker.getSymbolAtLocation(ts.isIdentifier(expression) ? expression : expression.name);
    const values = symbol && getStoredValues(symbol, readAssignment);
    const declaration = symbol?.valueDeclaration;
    if (values === undefined || !declaration) return true;
    // Asked once per variable, so a value that reads the variable again (`p = p.then(…)`) is a cycle.
    return ask(declaration, () => values.some((value) => expressionMayReject(value)));
  }

  // `map.get(key)` on a Map the project keeps in a variable or property gives what `set` stored.
  function mapEntryMayReject(map: ts.Expression): boolean {
    const target = skipOuterExpressions(map);
    if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return true;
    const symbol = checker.getSymbolAtLocation(ts.isIdentifier(target) ? target : target.name);
    const entries = symbol && getStoredValues(symbol, readMapSet);
    const declaration = symbol?.valueDeclaration;
    if (entries === undefined || !declaration) return true;
    return ask((declaration as ts.NamedDeclaration).name ?? declaration, () => entries.some((value) => expressionMayReject(value)));
  }

  /**
   * getStoredValues finds, in the scope that owns `symbol` (the class of a private property, the
   * function or file of a variable), every value `read` picks out of a node; undefined when the
   * symbol is not the project's own variable or private property. Cached per symbol and reader.
   */
  function getStoredValues(symbol: ts.Symbol, read: ValueReader): ts.Expression[] | undefined {
    let bySymbol = storedValues.get(read);
    if (!bySymbol) {
      bySymbol = new Map();
      storedValues.set(read, bySymbol);
    }
    if (!bySymbol.has(symbol)) bySymbol.set(symbol, findStoredValues(symbol, read));
    return bySymbol.get(symbol);
  }

  function findStoredValues(symbol: ts.Symbol, read: ValueReader): ts.Expression[] | undefined {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !isProjectDeclaration(program, declaration)) return undefined;
    if (read === readAssignment && ts.isVariableDeclaration(declaration) && isConst(declaration)) {
      return declaration.initializer ? [declaration.initializer] : undefined;
    }
    const owner = getOwner(declaration);
    if (!owner) return undefined;
    const values: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      const value = read(node, symbol);
      if (value) values.push(value);
      ts.forEachChild(node, visit);
    };
    visit(owner);
    return values;
  }

  // The node whose code alone can write `declaration`: the class of a private property, the
  // function or file of a variable; undefined when code elsewhere may write it too (a public or
  // protected property, an exported or \`declare\`d variable).
  function getOwner(declaration: ts.Declaration): ts.Node | undefined {
    if (ts.isPropertyDeclaration(declaration)) {
      const isPrivate =
        ts.isPrivateIdentifier(declaration.name) || (declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword) ?? false);
      return isPrivate ? declaration.parent : undefined;
    }
    if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
    const statement = declaration.parent.parent;
    const isShared = ts.isVariableStatement(statement) && (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword) ?? false);
    if (isShared) return undefined;
    let owner: ts.Node = declaration.parent;
    while (!ts.isSourceFile(owner) && !ts.isFunctionLike(owner)) owner = owner.parent;
    return owner;
  }

  function readAssignment(node: ts.Node, symbol: ts.Symbol): ts.Expression | undefined {
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.initializer && checker.getSymbolAtLocation(node.name) === symbol) {
      return node.initializer;
    }
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const target = skipOuterExpressions(node.left);
    const name = ts.isIdentifier(target) ? target : ts.isPropertyAccessExpression(target) ? target.name : undefined;
    return name && checker.getSymbolAtLocation(name) === symbol ? node.right : undefined;
  }

  function readMapSet(node: ts.Node, symbol: ts.Symbol): ts.Expression | undefined {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "set") return undefined;
    const target = skipOuterExpressions(node.expression.expression);
    const name = ts.isIdentifier(target) ? target : ts.isPropertyAccessExpression(target) ? target.name : undefined;
    return name && checker.getSymbolAtLocation(name) === symbol ? node.arguments[1] : undefined;
  }

  // `new Promise(executor)` rejects through `reject`; an executor that does not take it only resolves.
  function newPromiseMayReject(expression: ts.NewExpression): boolean {
    const executor = expression.arguments?.[0];
    if (!ts.isIdentifier(expression.expression) || expression.expression.text !== "Promise" || !executor) return true;
    const inner = skipOuterExpressions(executor);
    if (!ts.isArrowFunction(inner) && !ts.isFunctionExpression(inner)) return true;
    const isAsync = inner.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    return isAsync || inner.parameters.length >= 2 || inner.parameters.some((parameter) => parameter.dotDotDotToken !== undefined);
  }

  function callMayReject(call: ts.CallExpression): boolean {
    if (call.arguments.some(isNodeStyleCallback) || importsDeclaredModule(program, call)) return false;
    const callee = skipOuterExpressions(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = callee.expression;
      const [first, second] = call.arguments;
      if (method === "catch") return first === undefined ? expressionMayReject(receiver) : callbackMayReject(first);
      if (method === "then") {
        const settled = second === undefined ? expressionMayReject(receiver) : callbackMayReject(second);
        return settled || (first !== undefined && callbackMayReject(first));
      }
      if (method === "finally") return expressionMayReject(receiver) || (first !== undefined && callbackMayReject(first));
      if (ts.isIdentifier(receiver) && receiver.text === "Promise") return promiseStaticMayReject(method, call);
      if (method === "get" && call.arguments.length === 1 && isMap(receiver)) return mapEntryMayReject(receiver);
    }
    const bound = ts.isIdentifier(callee) ? getBinding(callee) : undefined;
    if (bound) return withBindings(bound.bindings, () => callbackMayReject(bound.value));
    const declaration = getProjectFunction(program, checker, call);
    if (declaration === undefined) {
      const passed = getPassthroughArgument(call);
      return passed === undefined || callbackMayReject(passed);
    }
    const callBindings = bindFunctionArguments(declaration, call);
    if (callBindings.size === 0) return functionMayReject(declaration);
    return withBindings(callBindings, () => ask(declaration, () => bodyMayReject(declaration)));
  }

  /**
   * getPassthroughArgument returns the argument a function with no body here (a dependency's
   * `AsyncLocalStorage.run`, a tracer's `with`, an interface's `trace`) hands its result back from,
   * as its declared type says: it returns `ReturnType<F>` for a parameter typed `F`, or exactly the
   * type a function parameter returns (`R` for `callback: () => R`), written in terms of its type
   * parameters. Its promise then settles as that function's does. `transaction(cb: () => PromiseLike<T>): Promise<T>`
   * is no passthrough: its own work may fail too.
   */
  function getPassthroughArgument(call: ts.CallExpression): ts.Expression | undefined {
    const declaration = checker.getResolvedSignature(call)?.declaration;
    if (!declaration || ts.isJSDocSignature(declaration) || !declaration.type || !declaration.typeParameters) return undefined;
    const returned = declaration.type;
    const typeParameters = new Set(declaration.typeParameters.map((parameter) => parameter.name.text));
    const returnTypeOf =
      ts.isTypeReferenceNode(returned) && ts.isIdentifier(returned.typeName) && returned.typeName.text === "ReturnType" ? returned.typeArguments?.[0] : undefined;
    const returnedText = returned.getText();
    if (!returnTypeOf && !mentionsTypeParameter(returned, typeParameters)) return undefined;
    const index = declaration.parameters.findIndex(({ type }) => {
      if (type === undefined) return false;
      if (returnTypeOf) return type.getText() === returnTypeOf.getText() && typeParameters.has(type.getText());
      return ts.isFunctionTypeNode(type) && type.type.getText() === returnedText;
    });
    return index >= 0 ? call.arguments[index] : undefined;
  }

  // A promise-returning API given a Node-style callback (`(error, result) => …`) hands its failure
  // to the callback (ioredis's commands, `standard-as-callback`'s asCallback): the callback is the
  // rejection handler.
  function isNodeStyleCallback(argument: ts.Expression): boolean {
    const slot = checker.getContextualType(argument);
    const signatures = slot ? unionConstituents(checker.getNonNullableType(slot)).flatMap((part) => part.getCallSignatures()) : [];
    const firstParameters = signatures.flatMap((signature) => signature.getParameters().slice(0, 1));
    if (firstParameters.length > 0) return firstParameters.some((parameter) => isErrorType(checker.getTypeOfSymbol(parameter)));
    const inner = skipOuterExpressions(argument);
    if (!ts.isArrowFunction(inner) && !ts.isFunctionExpression(inner)) return false;
    const [first] = inner.parameters;
    return first !== undefined && ts.isIdentifier(first.name) && /^err(?:or)?$/.test(first.name.text);
  }

  function isErrorType(type: ts.Type): boolean {
    return unionConstituents(checker.getNonNullableType(type)).some((part) => {
      const symbol = part.getSymbol();
      return symbol !== undefined && /Error$/.test(symbol.getName()) && checker.getPropertyOfType(part, "message") !== undefined;
    });
  }

  function isMap(node: ts.Expression): boolean {
    const name = checker.getTypeAtLocation(node).getSymbol()?.getName();
    return name === "Map" || name === "WeakMap";
  }

  // `Promise.all([a, b])` and `Promise.all(items.map(fn))` reject only when an element does.
  function promiseStaticMayReject(method: string, call: ts.CallExpression): boolean {
    const [first] = call.arguments;
    if (method === "allSettled") return false;
    if (method === "resolve") return first !== undefined && isThenable(first) && expressionMayReject(first);
    if (method === "all" || method === "race" || method === "any") {
      const mapped = first && getArrayMapCallback(first);
      if (mapped) return callbackMayReject(mapped);
      if (!first || !ts.isArrayLiteralExpression(first)) return true;
      return first.elements.some((element) => ts.isSpreadElement(element) || (isThenable(element) && expressionMayReject(element)));
    }
    return true;
  }

  // The function of `items.map(fn)` on an array: its results are the elements.
  function getArrayMapCallback(node: ts.Expression): ts.Expression | undefined {
    const call = skipOuterExpressions(node);
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== "map") return undefined;
    const receiverType = checker.getTypeAtLocation(call.expression.expression);
    const isArray = checker.isArrayType(receiverType) || checker.isTupleType(receiverType);
    return isArray && call.arguments.length === 1 ? call.arguments[0] : undefined;
  }

  function isThenable(node: ts.Expression): boolean {
    return isThenableType(checker, node, checker.getTypeAtLocation(node));
  }

  // A `.then`/`.catch`/`.finally` callback settles the chain rejected when it throws (synchronously
  // too: the chain catches it) or returns a promise that rejects.
  function callbackMayReject(callback: ts.Expression): boolean {
    const inner = skipOuterExpressions(callback);
    if (inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === "undefined")) return true;
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return functionMayReject(inner);
    return referenceMayReject(inner);
  }

  function referenceMayReject(node: ts.Expression): boolean {
    const signatures = checker.getTypeAtLocation(node).getCallSignatures();
    if (signatures.length === 0) return true;
    // A function that returns no promise is synchronous code, trusted not to throw (see above):
    // `.finally(release)` with `release: () => void` adds no rejection of its own.
    if (signatures.every((signature) => !isThenableType(checker, node, signature.getReturnType()))) return false;
    return signatures.some((signature) => {
      const declaration = signature.declaration;
      return declaration === undefined || !isProjectDeclaration(program, declaration) || functionMayReject(declaration);
    });
  }

  return {
    functionMayReject,
    expressionMayReject: (node) => !ts.isExpression(node) || expressionMayReject(node),
    referenceMayReject: (node) => !ts.isExpression(node) || referenceMayReject(node),
  };
}
