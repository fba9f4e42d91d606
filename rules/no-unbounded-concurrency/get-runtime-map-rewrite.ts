import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { childNodes } from "../util/child-nodes.js";
import { type CorralRuntimeImport, getCorralRuntimeImports } from "../util/get-corral-runtime-import.js";
import { indentationAt, manual, reindentEdits, reindentInsertions, rewriteOf, type RewriteVerdict, type TextEdit, withFallback } from "../util/rewrite.js";
import { getDeliberateFanOut } from "./get-deliberate-fan-out.js";
import { getSignalParameterEdits, getSignalThreads, type SignalThreads } from "./get-signal-threading.js";

/** MapRewriteInput is what the rewrites of a `Promise` combinator over started tasks need. */
export interface MapRewriteInput {
  sourceCode: TSESLint.SourceCode;
  services: ParserServicesWithTypeInformation;
  /** combinator is the `Promise.all(…)`/`Promise.allSettled(…)` call. */
  combinator: TSESTree.CallExpression;
  exportName: "map" | "mapSettled";
  concurrency: number;
}

/** MappedSource is a collection and the callback that starts one task per item, as corral's map takes them. */
export interface MappedSource {
  collection: TSESTree.Node;
  callback: TSESTree.Node;
  /** arrayFrom is the `Array.from(source, fn)` call whose source may be array-like, else undefined. */
  arrayFrom?: TSESTree.CallExpression;
}

/**
 * readMappedSource reads `xs.map(fn)` or `Array.from(xs, fn)` into what corral's map takes, or says
 * why it cannot move: optional chaining, type arguments, a `thisArg`, spread arguments, `flatMap`
 * (which flattens), a parenthesised comma expression, or a callback that may read a third parameter
 * (Array#map passes the array there, corral's map an AbortSignal).
 */
export function readMappedSource(sourceCode: TSESLint.SourceCode, services: ParserServicesWithTypeInformation, call: TSESTree.Node): MappedSource | string {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) {
    return "the collection is not a plain `xs.map(fn)` call (optional chaining, a fallback or a cast around it)";
  }
  if (call.optional || call.callee.optional || call.parent.type === AST_NODE_TYPES.ChainExpression) return "the `map` call uses optional chaining";
  if (call.typeArguments) return "the `map` call has type arguments; rewrite it by hand";
  const name = call.callee.property.type === AST_NODE_TYPES.Identifier ? call.callee.property.name : "";
  const arrayFrom = name === "from" ? call : undefined;
  if (name !== "map" && !arrayFrom) return "`flatMap` flattens its results, which corral's map does not";
  if (call.arguments.length !== (arrayFrom ? 2 : 1)) return "the call passes a `thisArg`, which corral's map does not take";
  const collection = arrayFrom ? call.arguments[0] : call.callee.object;
  const callback = call.arguments[arrayFrom ? 1 : 0];
  if (!collection || !callback || collection.type === AST_NODE_TYPES.SpreadElement || callback.type === AST_NODE_TYPES.SpreadElement) return "the call spreads its arguments";
  if (collection.type === AST_NODE_TYPES.SequenceExpression || callback.type === AST_NODE_TYPES.SequenceExpression) return "a comma expression would need parentheses of its own; rewrite it by hand";
  const problem = thirdParameterProblem(sourceCode, services, callback);
  return problem ?? { collection, callback, arrayFrom };
}

/**
 * mapCallEdits turns the text from `start` to `end` (a `Promise.all(xs.map(fn))`, or just the
 * `xs.map(fn)` it held) into `map(xs, fn, { concurrency })` by replacing only what lies between
 * the kept collection and callback, with `inner`, the callback's own edits (passing the signal on),
 * moved with it; undefined when a comment lies there.
 */
export function mapCallEdits(sourceCode: TSESLint.SourceCode, range: readonly [number, number], source: MappedSource, reference: string, concurrency: number, inner: readonly TextEdit[] = []): TextEdit[] | undefined {
  const { collection, callback, arrayFrom } = source;
  const edits: TextEdit[] = [
    { range: [range[0], collection.range[0]], text: `${reference}(${arrayFrom ? "Array.from(" : ""}` },
    { range: [collection.range[1], callback.range[0]], text: arrayFrom ? "), " : ", " },
    { range: [callback.range[1], range[1]], text: `, { concurrency: ${concurrency} })` },
  ];
  const dropsComment = sourceCode.getAllComments().some((comment) => edits.some((edit) => edit.range[0] <= comment.range[0] && comment.range[1] <= edit.range[1]));
  if (dropsComment) return undefined;
  const indentation = indentationAt(sourceCode.text, range[0]);
  return [
    ...edits,
    ...reindentEdits(sourceCode, collection.range, indentation),
    ...reindentEdits(sourceCode, callback.range, indentation),
    ...reindentInsertions(sourceCode, callback.range, indentation, inner),
  ];
}

/**
 * RewriteImports are the runtime exports a map rewrite references: `map` (or `mapSettled`,
 * `ErrGroup`), and timeoutSignal where a call's `AbortSignal.timeout(ms)` now follows the signal too.
 */
export interface RewriteImports {
  runtime: CorralRuntimeImport;
  timeoutSignal: CorralRuntimeImport | undefined;
}

/** getRewriteImports finds or adds `name` at `at`, and timeoutSignal where `threads` combine a timeout; a string says why not. */
export function getRewriteImports(input: MapRewriteInput, name: MapRewriteInput["exportName"] | "ErrGroup", at: TSESTree.Node, threads: readonly (SignalThreads | undefined)[] = []): RewriteImports | string {
  const timeoutAt = threads.find((thread) => thread?.timeoutAt)?.timeoutAt;
  const found = getCorralRuntimeImports(input.sourceCode, input.services, [{ name, at }, ...(timeoutAt ? [{ name: "timeoutSignal" as const, at: timeoutAt }] : [])]);
  if (typeof found === "string") return found;
  return { runtime: found[0] as CorralRuntimeImport, timeoutSignal: found[1] };
}

/**
 * CallbackSignal is how a function callback takes corral's map's signal, `(item, index, signal)`,
 * and passes it to the calls it makes (see getSignalThreads).
 */
interface CallbackSignal {
  threads: SignalThreads;
  edits(timeoutSignal: CorralRuntimeImport | undefined): TextEdit[];
}

function getCallbackSignal(input: MapRewriteInput, callback: TSESTree.Node): CallbackSignal | undefined {
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const threads = getSignalThreads(input.sourceCode, input.services, callback, [callback]);
  const parameters = threads && getSignalParameterEdits(input.sourceCode, callback);
  if (!threads || !parameters) return undefined;
  return { threads, edits: (timeoutSignal) => [...parameters, ...threads.edits(timeoutSignal?.reference ?? "")] };
}

/**
 * getInlineMapRewrite rewrites `Promise.all(xs.map(fn))` (or `allSettled`, or `Array.from(xs, fn)`)
 * into `map(xs, fn, { concurrency })` (`mapSettled`): the same results, in the same order, of the
 * same type, with at most `concurrency` calls in flight.
 */
export function getInlineMapRewrite(input: MapRewriteInput, argument: TSESTree.Node, mapCall: TSESTree.Node): RewriteVerdict {
  const { sourceCode, combinator } = input;
  const shape = combinatorProblem(combinator, argument);
  if (shape) return manual(shape);
  if (argument !== mapCall) return manual("the collection is wrapped (a cast, `?.` or an empty-array fallback), which `map` would not keep; rewrite it by hand");
  const source = readMappedSource(sourceCode, input.services, mapCall);
  if (typeof source === "string") return manual(source);
  const deliberate = getDeliberateFanOut(sourceCode, input.services, combinator, source.callback);
  if (deliberate) return manual(deliberate);
  const signal = getCallbackSignal(input, source.callback);
  const imports = getRewriteImports(input, input.exportName, combinator, [signal?.threads]);
  if (typeof imports === "string") return manual(imports);
  const { runtime, timeoutSignal } = imports;
  const edits = mapCallEdits(sourceCode, combinator.range, source, runtime.reference, input.concurrency);
  if (!edits) return manual("a comment inside the `Promise` call would be lost; move it out and run again");
  const plain = rewriteOf(edits, runtime);
  if (!signal) return plain;
  return withFallback(rewriteOf(mapCallEdits(sourceCode, combinator.range, source, runtime.reference, input.concurrency, signal.edits(timeoutSignal)) ?? edits, runtime, timeoutSignal), plain);
}

/**
 * getVariableMapRewrite rewrites `const tasks = xs.map(fn); … await Promise.all(tasks)` into
 * `const tasks = map(xs, fn, { concurrency }); … await tasks`: the tasks start where they did,
 * under `map`, and `tasks` holds its one promise. Only for a plain `const`, unannotated and not
 * exported, read nowhere else, and awaited before anything else suspends (a promise held across
 * an `await` is the very finding no-unhandled-rejection makes).
 */
export function getVariableMapRewrite(input: MapRewriteInput, identifier: TSESTree.Identifier): RewriteVerdict {
  const { sourceCode, combinator } = input;
  const tasks = readTasksVariable(input, identifier);
  if (typeof tasks === "string") return manual(tasks);
  const { variable, definition, declaration } = tasks;
  if (declaration.kind !== "const" || declaration.declarations.length !== 1 || !definition.node.init) {
    return manual("the tasks are not kept in one plain `const` declaration; rewrite them with `map(items, fn, { concurrency })` by hand");
  }
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return manual("the tasks variable is exported, so other modules may read it as an array");
  if (definition.name.typeAnnotation) return manual("the tasks variable has a type annotation (an array of promises), which `map`'s single promise would not match");
  const reads = variable.references.filter((reference) => reference.identifier !== definition.name);
  if (reads.length !== 1) return manual(`\`${variable.name}\` is used besides \`Promise.${combinatorName(combinator)}\`, and would hold one promise instead of an array`);
  if (suspendsBetween(definition.node.range[1], combinator.range[0], combinator)) {
    return manual(`\`${variable.name}\` is awaited only after another \`await\`; start the tasks with \`await map(…)\` where they are awaited`);
  }
  const source = readMappedSource(sourceCode, input.services, definition.node.init);
  if (typeof source === "string") return manual(source);
  const deliberate = getDeliberateFanOut(sourceCode, input.services, combinator, source.callback) ?? getDeliberateFanOut(sourceCode, input.services, definition.node.init, source.callback);
  if (deliberate) return manual(deliberate);
  const signal = getCallbackSignal(input, source.callback);
  const imports = getRewriteImports(input, input.exportName, definition.node.init, [signal?.threads]);
  if (typeof imports === "string") return manual(imports);
  const { runtime, timeoutSignal } = imports;
  const edits = mapCallEdits(sourceCode, definition.node.init.range, source, runtime.reference, input.concurrency);
  if (!edits || sourceCode.getCommentsInside(combinator).length > 0) return manual("a comment inside the `Promise` call would be lost; move it out and run again");
  const unwrap: TextEdit[] = [{ range: [combinator.range[0], identifier.range[0]], text: "" }, { range: [identifier.range[1], combinator.range[1]], text: "" }];
  const plain = rewriteOf([...edits, ...unwrap], runtime);
  if (!signal) return plain;
  const threaded = mapCallEdits(sourceCode, definition.node.init.range, source, runtime.reference, input.concurrency, signal.edits(timeoutSignal)) ?? edits;
  return withFallback(rewriteOf([...threaded, ...unwrap], runtime, timeoutSignal), plain);
}

/** TasksVariable is the variable a `Promise` combinator waits on, with its one declaration. */
export interface TasksVariable {
  variable: TSESLint.Scope.Variable;
  definition: Extract<TSESLint.Scope.Definition, { node: TSESTree.VariableDeclarator }>;
  declaration: TSESTree.VariableDeclaration;
}

/** readTasksVariable resolves the variable `identifier` names, or says why the combinator cannot be rewritten. */
export function readTasksVariable(input: MapRewriteInput, identifier: TSESTree.Identifier): TasksVariable | string {
  const shape = combinatorProblem(input.combinator, identifier);
  if (shape) return shape;
  const variable = ASTUtils.findVariable(input.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== "Variable") return "the tasks are not kept in one variable declared once; rewrite them with `map(items, fn, { concurrency })` by hand";
  return { variable, definition, declaration: definition.parent };
}

/** combinatorProblem says why `Promise.<method>(argument)` has no bounded form, or undefined. */
export function combinatorProblem(combinator: TSESTree.CallExpression, argument: TSESTree.Node): string | undefined {
  const method = combinatorName(combinator);
  if (method !== "all" && method !== "allSettled") {
    return `\`Promise.${method}\` settles with the first task, and no bounded form keeps that: start the tasks through an \`ErrGroup({ limit })\` by hand`;
  }
  if (combinator.arguments.length !== 1 || combinator.arguments[0] !== argument) return "the collection is not the only argument of the `Promise` call";
  if (combinator.typeArguments) return "the `Promise` call has type arguments, which `map` would not take; drop them and run again";
  if (combinator.parent.type === AST_NODE_TYPES.ChainExpression || combinator.optional) return "the `Promise` call uses optional chaining";
  return undefined;
}

function combinatorName(combinator: TSESTree.CallExpression): string {
  const callee = combinator.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : "all";
}

/** suspendsBetween tells whether an `await` or `yield` of `at`'s own function lies in `[start, end)`. */
export function suspendsBetween(start: number, end: number, at: TSESTree.Node): boolean {
  let root: TSESTree.Node = at;
  while (root.parent && !isFunction(root)) root = root.parent;
  const found = (node: TSESTree.Node): boolean => {
    if (node.range[1] <= start || node.range[0] >= end) return false;
    if (node !== root && isFunction(node)) return false;
    const suspending = node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await);
    if (suspending && node.range[0] >= start && node.range[1] <= end) return true;
    return childNodes(node).some(found);
  };
  return found(root);
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function thirdParameterProblem(sourceCode: TSESLint.SourceCode, services: ParserServicesWithTypeInformation, callback: TSESTree.Node): string | undefined {
  if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) {
    if (callback.params.length > 2 || callback.params.some((parameter) => parameter.type === AST_NODE_TYPES.RestElement)) {
      return "the callback takes a third parameter (the array), where corral's map passes an AbortSignal";
    }
    if (callback.type === AST_NODE_TYPES.FunctionExpression && (sourceCode.scopeManager?.acquire(callback)?.set.get("arguments")?.references.length ?? 0) > 0) {
      return "the callback reads `arguments`, whose third element would become corral's AbortSignal";
    }
    return undefined;
  }
  // A function passed by reference is judged by its type: none of its signatures may take a third
  // argument, or it would start receiving an AbortSignal where it expected the array.
  const signatures = services.getTypeAtLocation(callback).getCallSignatures();
  const fits = signatures.length > 0 && signatures.every((signature) => signature.parameters.length <= 2 && !signature.parameters.some(isRestParameter));
  return fits ? undefined : "the callback is passed by reference and may take a third parameter (the array), where corral's map passes an AbortSignal; wrap it as `(item, index) => fn(item, index)`";
}

function isRestParameter(parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
}
