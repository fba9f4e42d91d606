import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { childNodes } from "../util/child-nodes.js";

// A comment that explains why the tasks run together: pipelining on one connection, a deliberate
// burst. The codemod leaves those to the person who wrote the comment.
const deliberateComment = /concurren|parallel|at once|simultaneous|pipelin|in flight|same time|together|one connection|single connection|round[- ]?trip/i;
// Calls that end or release something: at shutdown every one must start now, and a bound of n
// makes closing n·k resources take k rounds of the slowest close.
const teardownName = /^(?:kill|close|stop|shutdown|shutDown|destroy|disconnect|abort|cancel|terminate|dispose|quit|teardown|tearDown|end|unsubscribe|release|drain|flush|exit)(?:[A-Z_0-9]|$)/;
const linesAbove = 3;
// Classes whose methods run at shutdown.
const teardownClassName = /Shutdown|Teardown|Terminat/;
// Calls that split a collection into batches: a loop over them bounds each batch's fan-out.
const batchName = /chunk|batch|partition|slices?$/i;
// Methods that change a collection in place: tasks calling them on one shared collection write to
// it in the order they run.
const mutators = new Set(["push", "unshift", "splice", "set", "add", "delete", "clear", "sort", "reverse", "fill"]);

/**
 * getDeliberateFanOut says why the tasks at `combinator` may run together on purpose, or undefined:
 * a comment in the statement or on the lines just above it speaks of concurrency, or the tasks
 * close, stop or release things (`Promise.all(workers.map((w) => w.close()))` at shutdown, where a
 * bound of 8 makes it last ⌈n/8⌉ times as long).
 */
export function getDeliberateFanOut(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  combinator: TSESTree.Node,
  callback: TSESTree.Node,
): string | undefined {
  const statement = enclosingStatement(combinator);
  const firstLine = Math.max(1, statement.loc.start.line - linesAbove);
  const comment = sourceCode
    .getAllComments()
    .find((candidate) => candidate.loc.start.line >= firstLine && candidate.loc.end.line <= statement.loc.end.line && candidate.range[1] <= statement.range[1] && deliberateComment.test(candidate.value));
  if (comment) return `a comment says the tasks run together on purpose ("${comment.value.trim().slice(0, 60)}"): bounding them could break what it describes; bound them by hand if that is safe`;
  const teardown = calleeNames(callback).find((name) => teardownName.test(name)) ?? enclosingFunctionName(combinator, teardownName) ?? enclosingClassName(combinator, teardownClassName);
  if (teardown) {
    return `the tasks tear things down (\`${teardown}\`): at shutdown each must start now, and a bound would make it take ⌈n/limit⌉ rounds of the slowest; leave it unbounded or bound it by hand`;
  }
  const recursion = getRecursiveCall(combinator, callback);
  if (recursion) {
    return `the tasks walk a tree by calling \`${recursion}\` again: each level would bound its own children, so the whole walk would still run up to limit^depth at once, and in-memory steps gain nothing from a bound; bound the work inside, not the walk`;
  }
  const batch = getBatchLoop(sourceCode, combinator);
  if (batch) return `the collection is one batch of a loop over \`${batch}\`, which already bounds how many run at once`;
  const shared = getSharedCollection(sourceCode, services, callback);
  if (shared) {
    return `the tasks hand \`${shared}\` to a function that writes into it: the order of those writes may depend on all tasks starting at once, which a bound changes; bound them by hand if it does not`;
  }
  return undefined;
}

// The name of a collection (array, Set, Map) declared outside `callback` that the tasks hand on to
// a function which writes into it (directly or through the functions it hands it on to): the
// order of those writes follows the order in which the tasks reach them, which a bound changes.
// Writes made by the callback itself are not counted: tasks start in the same order under `map`,
// and writes after an `await` already happen in completion order either way.
function getSharedCollection(sourceCode: TSESLint.SourceCode, services: ParserServicesWithTypeInformation, callback: TSESTree.Node): string | undefined {
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const inside = (node: TSESTree.Node) => node.range[0] >= callback.range[0] && node.range[1] <= callback.range[1];
  const scopes = (sourceCode.scopeManager?.scopes ?? []).filter((scope) => inside(scope.block));
  const checker = services.program.getTypeChecker();
  for (const reference of scopes.flatMap((scope) => scope.references)) {
    const variable = reference.resolved;
    if (!variable || variable.defs.every((definition) => inside(definition.name))) continue;
    const handedTo = getReceivingCall(reference.identifier);
    if (!handedTo) continue;
    const type = services.getTypeAtLocation(reference.identifier);
    const isCollection = type.getProperty("push") !== undefined || (type.getProperty("has") !== undefined && (type.getProperty("add") !== undefined || type.getProperty("set") !== undefined));
    const declaration = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(handedTo.call))?.declaration;
    if (isCollection && declaration && !ts.isJSDocSignature(declaration) && writesInto(checker, declaration, handedTo.slot, 3)) return variable.name;
  }
  return undefined;
}

/** Slot is where a call receives a value: a positional argument, or a property of an object argument. */
type Slot = { index: number } | { property: string };

// The call `identifier` is handed to, and the slot it arrives in.
function getReceivingCall(identifier: TSESTree.Node): { call: TSESTree.CallExpression | TSESTree.NewExpression; slot: Slot } | undefined {
  const parent = identifier.parent;
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(identifier as TSESTree.Expression)) {
    return { call: parent, slot: { index: parent.arguments.indexOf(identifier as TSESTree.CallExpressionArgument) } };
  }
  const object = parent?.type === AST_NODE_TYPES.Property && parent.value === identifier ? parent.parent : undefined;
  const call = object?.parent;
  if (parent?.type !== AST_NODE_TYPES.Property || parent.key.type !== AST_NODE_TYPES.Identifier || (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression)) return undefined;
  return { call, slot: { property: parent.key.name } };
}

// The name a function's body knows the value in `slot` by: the parameter, or the property.
function nameInBody(declaration: ts.SignatureDeclaration, slot: Slot): string | undefined {
  if ("property" in slot) return slot.property;
  const parameter = declaration.parameters[slot.index];
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
}

// Whether the function `declaration` writes into what it receives in `slot`, or hands it on to a
// function that does, up to `depth` calls deep.
function writesInto(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration, slot: Slot, depth: number): boolean {
  const body = "body" in declaration ? (declaration.body as ts.Node | undefined) : undefined;
  const name = nameInBody(declaration, slot);
  if (!body || !name || depth === 0 || declaration.getSourceFile().isDeclarationFile) return false;
  const writes = new RegExp(`\\b${name}\\s*\\.\\s*(?:${[...mutators].join("|")})\\s*\\(`);
  if (writes.test(body.getText())) return true;
  let handsOn = false;
  const visit = (node: ts.Node): void => {
    if (handsOn) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const passed = (node.arguments ?? []).flatMap((argument, index): Slot[] => {
        if (ts.isIdentifier(argument) && argument.text === name) return [{ index }];
        if (!ts.isObjectLiteralExpression(argument)) return [];
        return argument.properties.flatMap((property): Slot[] =>
          (ts.isShorthandPropertyAssignment(property) && property.name.text === name) || (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer) && property.initializer.text === name)
            ? [{ property: ts.isIdentifier(property.name) ? property.name.text : name }]
            : [],
        );
      });
      const target = passed.length > 0 ? checker.getResolvedSignature(node)?.declaration : undefined;
      if (target && !ts.isJSDocSignature(target) && passed.some((inner) => writesInto(checker, target, inner, depth - 1))) handsOn = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return handsOn;
}

function enclosingClassName(node: TSESTree.Node, pattern: RegExp): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) && current.id && pattern.test(current.id.name)) return current.id.name;
  }
  return undefined;
}

// The name of the enclosing function (or method) when the callback calls it again: a recursive
// walk. A function is called by its own name, a method on this or another instance.
function getRecursiveCall(combinator: TSESTree.Node, callback: TSESTree.Node): string | undefined {
  const functions = new Set<string>();
  const methods = new Set<string>();
  for (let current = combinator.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration && current.id) functions.add(current.id.name);
    if (current.type === AST_NODE_TYPES.MethodDefinition && current.key.type === AST_NODE_TYPES.Identifier) methods.add(current.key.name);
    if ((current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) && current.parent.type === AST_NODE_TYPES.VariableDeclarator && current.parent.id.type === AST_NODE_TYPES.Identifier) {
      functions.add(current.parent.id.name);
    }
    // A class field holding an arrow (`walk = async () => …`) is called like a method.
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.key.type === AST_NODE_TYPES.Identifier && current.value?.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      methods.add(current.key.name);
    }
  }
  let found: string | undefined;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.Identifier && functions.has(callee.name)) found = callee.name;
      // `this.walk(…)` or `child.walk(…)` inside the method `walk`: the same method, one level down.
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && methods.has(callee.property.name)) found = callee.property.name;
    }
    childNodes(node).forEach(visit);
  };
  visit(callback);
  return found;
}

// The batching call or variable when the collection is the binding of a `for…of` over batches.
function getBatchLoop(sourceCode: TSESLint.SourceCode, combinator: TSESTree.Node): string | undefined {
  const argument = combinator.type === AST_NODE_TYPES.CallExpression ? combinator.arguments[0] : undefined;
  const mapCall = argument?.type === AST_NODE_TYPES.CallExpression && argument.callee.type === AST_NODE_TYPES.MemberExpression ? argument.callee.object : undefined;
  if (mapCall?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = sourceCode.getScope(mapCall).references.find((reference) => reference.identifier === mapCall)?.resolved?.defs[0];
  const loop = definition?.type === "Variable" ? definition.parent.parent : undefined;
  if (loop?.type !== AST_NODE_TYPES.ForOfStatement) return undefined;
  const source = loop.right;
  const name = source.type === AST_NODE_TYPES.CallExpression ? calleeNames(source)[0] : source.type === AST_NODE_TYPES.Identifier ? source.name : undefined;
  return name !== undefined && batchName.test(name) ? name : undefined;
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && !/Statement$|Declaration$/.test(current.type)) current = current.parent;
  return current;
}

// The names of the functions the callback calls, or its own name when it is a reference.
function calleeNames(callback: TSESTree.Node): string[] {
  if (callback.type === AST_NODE_TYPES.Identifier) return [callback.name];
  if (callback.type === AST_NODE_TYPES.MemberExpression && callback.property.type === AST_NODE_TYPES.Identifier) return [callback.property.name];
  const names: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) names.push(callee.name);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) names.push(callee.property.name);
    }
    childNodes(node).forEach(visit);
  };
  visit(callback);
  return names;
}

function enclosingFunctionName(node: TSESTree.Node, pattern: RegExp): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      const owner = current.parent;
      const name =
        current.type !== AST_NODE_TYPES.ArrowFunctionExpression && current.id
          ? current.id.name
          : (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.Property || owner?.type === AST_NODE_TYPES.PropertyDefinition) && owner.key.type === AST_NODE_TYPES.Identifier
            ? owner.key.name
            : owner?.type === AST_NODE_TYPES.VariableDeclarator && owner.id.type === AST_NODE_TYPES.Identifier
              ? owner.id.name
              : undefined;
      return name && pattern.test(name) ? name : undefined;
    }
  }
  return undefined;
}
