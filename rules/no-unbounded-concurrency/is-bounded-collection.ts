import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import { getCalleeName } from "../util/get-callee-name.js";
import { getPromiseCombinatorName } from "../util/get-promise-combinator-name.js";
import { isArrayFromCall } from "./is-array-from-call.js";
import { isBoundedArraySource, isGrownAt } from "./is-bounded-array-source.js";

// Calls whose result has no more elements than the array they are called on or given first.
const keepingMethods = new Set(["map", "filter", "slice", "sort", "toSorted", "reverse", "toReversed", "fill", "values", "keys", "entries"]);
const keepingFunctions = new Set(["uniq", "uniqBy", "uniqWith", "compact", "sortBy", "orderBy", "filter", "reject", "shuffle"]);
const limitKeys = new Set(["limit", "take", "first", "last", "pageSize", "perPage", "per_page"]);
const offsetKeys = new Set(["offset", "skip", "cursor", "page", "after", "before", "startAfter"]);
const batchName = /batch|chunk/i;
const batchOption = /^(?:batch|chunk)(?:Size|Limit)$/i;
const maximumDepth = 10;
// A primary or foreign key: `id`, `userId`, `document_id`.
const keyName = /^id$|[a-z0-9]Id$|_id$/;
const scalarFlags = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike;

/**
 * CollectionContext is what following a collection back needs: the file's scopes and the types,
 * and whether the rows of one record's relation count as capped.
 */
export interface CollectionContext {
  sourceCode: TSESLint.SourceCode;
  services: ParserServicesWithTypeInformation;
  /** recordRelationsAreCapped counts the result of a query pinned to one record (isRecordRelationQuery) as capped. */
  recordRelationsAreCapped: boolean;
  /** limitedQueriesAreCapped counts the result of a query given a limit and no position (isCappedQueryResult) as capped. */
  limitedQueriesAreCapped: boolean;
}

/**
 * isBoundedCollection tells whether the array `node` has a size the code caps, following it back
 * through `const`s (and `let`s, every value assigned to them), `await`, destructuring (the elements
 * of a `Promise.all`, the properties of a result), `Promise.all`'s result, and calls that keep or
 * shrink an array (`map`, `filter`, `slice`, lodash's `uniqBy`, `new Set(…)`, `[...xs]`). An array
 * built from several sources (`[...a, ...b]`, `ok ? a : b`, a `let` assigned twice) is capped when
 * every source is. Capped are:
 * - a literal array, a two-argument `slice`/`splice`, `Array(4)`, `Array.from({ length: 4 })`, with
 *   a length written in the code or `Math.min(n, 100)`;
 * - `Object.keys`/`values`/`entries` of an object whose type lists its keys (an enum, a constant
 *   object), not a record with an index signature;
 * - a page: the result of a call given both a limit (`limit`, `take`, `first`, `pageSize`) and a
 *   position (`offset`, `skip`, `cursor`, `page`), as paginated queries are; with
 *   `limitedQueriesAreCapped`, also one given a limit alone (`findAll({ where, limit })`);
 * - a batch: the loop variable of `for (const batch of chunk(items, 10))`, or the parameter of a
 *   callback given to a batch iterator (`findAllInBatches`, a call with a `batchSize` option);
 * - with `recordRelationsAreCapped`, the rows of one record's to-many relation (isRecordRelationQuery).
 * A query with a `limit` alone is not a page: it caps how much work a run takes on (a cron task's
 * batch of 500), which independent judges counted as bounded (issue #14: a limit validated by a
 * pagination schema, a task's batch size), so only `limitedQueriesAreCapped` makes it capped.
 */
export function isBoundedCollection(node: TSESTree.Node, context: CollectionContext): boolean {
  return isBounded(node, context, new Set(), 0);
}

function isBounded(node: TSESTree.Node, context: CollectionContext, seen: Set<TSESTree.Node>, depth: number): boolean {
  if (seen.has(node) || depth > maximumDepth) return false;
  seen.add(node);
  if (isCapped(node, context)) return true;
  const sources = getSources(node, context.sourceCode);
  return sources !== undefined && sources.length > 0 && sources.every((source) => isBounded(source, context, seen, depth + 1));
}

/**
 * isCappedQueryResult tells whether the array `node` (followed back as isBoundedCollection does)
 * is the result of a call given a limit but no position (`findAll({ where, limit })`): a run's
 * worth of rows, up to a cap chosen for how much work a run takes on, often thousands.
 */
export function isCappedQueryResult(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const seen = new Set<TSESTree.Node>();
  const pending: TSESTree.Node[] = [node];
  while (pending.length > 0 && seen.size < maximumDepth * 2) {
    const current = pending.pop() as TSESTree.Node;
    if (seen.has(current)) continue;
    seen.add(current);
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const keys = getOptionKeys(current);
      if (keys.some((key) => limitKeys.has(key)) && !keys.some((key) => offsetKeys.has(key))) return true;
    }
    pending.push(...(getSources(current, sourceCode) ?? []));
  }
  return false;
}

function isCapped(node: TSESTree.Node, context: CollectionContext): boolean {
  if (isBoundedArraySource(node, context.sourceCode)) return true;
  if (node.type === AST_NODE_TYPES.Identifier) return isBatchVariable(node, context.sourceCode);
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
  if (isArrayOfLength(node, context.sourceCode)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  return (
    isKeysOfFixedObject(node, context.services) ||
    isPageQuery(node) ||
    (context.limitedQueriesAreCapped && isLimitedQuery(node)) ||
    (context.recordRelationsAreCapped && isRecordRelationQuery(node, context.services))
  );
}

// Where an array's elements come from, one step back: every source must be capped for the array
// to be. Undefined when the node is no known derivation.
function getSources(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Node[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return getAssignedValues(node, sourceCode);
    case AST_NODE_TYPES.AwaitExpression:
      return [node.argument];
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return [node.expression];
    case AST_NODE_TYPES.ConditionalExpression:
      return [node.consequent, node.alternate];
    case AST_NODE_TYPES.LogicalExpression:
      return [node.left, node.right];
    case AST_NODE_TYPES.MemberExpression:
      // `result.rows` of a page is a page.
      return node.object.type === AST_NODE_TYPES.ThisExpression ? undefined : [node.object];
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.SpreadElement ? [element.argument] : []));
    case AST_NODE_TYPES.NewExpression:
      return getCalleeName(node) === "Set" && node.arguments[0] && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? [node.arguments[0]] : undefined;
    case AST_NODE_TYPES.CallExpression:
      return getCallSources(node);
    default:
      return undefined;
  }
}

function getCallSources(call: TSESTree.CallExpression): TSESTree.Node[] | undefined {
  const name = getCalleeName(call) ?? "";
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  const [first] = call.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return callee.type === AST_NODE_TYPES.MemberExpression && keepingMethods.has(name) ? [callee.object] : undefined;
  // `await Promise.all(xs.map(f))` has as many results as `xs` has items.
  if (isArrayFromCall(call) || getPromiseCombinatorName(call) === "all" || getPromiseCombinatorName(call) === "allSettled") return [first];
  if (callee.type === AST_NODE_TYPES.MemberExpression && keepingMethods.has(name)) return [callee.object];
  if (callee.type === AST_NODE_TYPES.Identifier && keepingFunctions.has(name)) return [first];
  return undefined;
}

// Every value a variable holds: a `const`'s initializer, each value assigned to a `let`, the
// element of a destructured `Promise.all([…])` or the object a property is destructured from.
function getAssignedValues(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESTree.Node[] | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== "Variable" || variable.references.some((reference) => isGrownAt(reference.identifier))) return undefined;
  const assigned = variable.references.flatMap((reference) => {
    const parent = reference.identifier.parent;
    return !reference.init && reference.isWrite() && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === "=" ? [parent.right] : [];
  });
  if (variable.references.some((reference) => !reference.init && reference.isWrite()) && assigned.length === 0) return undefined;
  const { id, init } = definition.node;
  if (!init) return assigned;
  if (id.type === AST_NODE_TYPES.Identifier || id.type === AST_NODE_TYPES.ObjectPattern) return [init, ...assigned];
  if (id.type !== AST_NODE_TYPES.ArrayPattern) return undefined;
  const index = id.elements.indexOf(definition.name as TSESTree.DestructuringPattern);
  const all = init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init;
  if (index < 0 || all.type !== AST_NODE_TYPES.CallExpression || getCalleeName(all) !== "all") return undefined;
  const [elements] = all.arguments;
  const element = elements?.type === AST_NODE_TYPES.ArrayExpression ? elements.elements[index] : undefined;
  return element && element.type !== AST_NODE_TYPES.SpreadElement ? [element] : undefined;
}

// `Array(4)`, `new Array(4)`: a length written in the code, a `const` bound to one, or `Math.min(n, 100)`.
function isArrayOfLength(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: TSESLint.SourceCode): boolean {
  const [length] = node.arguments;
  return (
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === "Array" &&
    node.arguments.length === 1 &&
    length !== undefined &&
    isCappedNumber(length, sourceCode)
  );
}

function isCappedNumber(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === "number";
  if (node.type === AST_NODE_TYPES.CallExpression && getCalleeName(node) === "min") {
    const callee = node.callee;
    const isMath = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === "Math";
    return isMath && node.arguments.some((argument) => isCappedNumber(argument, sourceCode));
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  return definition?.type === "Variable" && definition.parent.kind === "const" && !!definition.node.init && isCappedNumber(definition.node.init, sourceCode);
}

// `Object.keys(Status)`: as many keys as the object's type declares, when it declares them all.
function isKeysOfFixedObject(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const callee = call.callee;
  const name = getCalleeName(call);
  const [object] = call.arguments;
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.object.type !== AST_NODE_TYPES.Identifier ||
    callee.object.name !== "Object" ||
    (name !== "keys" && name !== "values" && name !== "entries") ||
    !object ||
    object.type === AST_NODE_TYPES.SpreadElement
  ) {
    return false;
  }
  const checker = services.program.getTypeChecker();
  const type = checker.getNonNullableType(services.getTypeAtLocation(object));
  const isObject = (type.getFlags() & ts.TypeFlags.Object) !== 0;
  return isObject && checker.getIndexInfosOfType(type).length === 0 && type.getProperties().length > 0;
}

// A paginated query: given how many rows to take and from where.
function isPageQuery(call: TSESTree.CallExpression): boolean {
  const keys = getOptionKeys(call);
  return keys.some((key) => limitKeys.has(key)) && keys.some((key) => offsetKeys.has(key));
}

// A query given how many rows to take, from wherever.
function isLimitedQuery(call: TSESTree.CallExpression): boolean {
  return getOptionKeys(call).some((key) => limitKeys.has(key));
}

/**
 * isRecordRelationQuery tells whether `call` is a query for one record's to-many relation: it is
 * given `where: { … }` that pins a key (`userId`, `document_id`, `id`) to one string or number,
 * as `findAll({ where: { userId } })` and Prisma's `findMany({ where: { userId } })` do (an array
 * or an operator object, `{ [Op.in]: ids }`, pins nothing). The rows are what one record owns
 * (a user's sign-in methods, a comment's replies), usually few; a tenant's rows
 * (`where: { teamId }`) are the exception.
 */
export function isRecordRelationQuery(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  return call.arguments.some((argument) => {
    const where = argument.type === AST_NODE_TYPES.ObjectExpression ? getPropertyValue(argument, "where") : undefined;
    return where?.type === AST_NODE_TYPES.ObjectExpression && where.properties.some((property) => isPinnedKey(property, services));
  });
}

function getPropertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === name) return property.value;
  }
  return undefined;
}

function isPinnedKey(property: TSESTree.ObjectLiteralElement, services: ParserServicesWithTypeInformation): boolean {
  if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || !keyName.test(property.key.name)) return false;
  const checker = services.program.getTypeChecker();
  const type = checker.getNonNullableType(services.getTypeAtLocation(property.value));
  return unionConstituents(type).every((part) => (part.getFlags() & scalarFlags) !== 0);
}

// The keys an object literal passed to `call` spells out.
function getOptionKeys(call: TSESTree.CallExpression): string[] {
  return call.arguments.flatMap((argument) =>
    argument.type === AST_NODE_TYPES.ObjectExpression
      ? argument.properties.flatMap((property) =>
          property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? [property.key.name] : [],
        )
      : [],
  );
}

// The loop variable of `for (const batch of chunk(items, 10))`, or a batch iterator's callback parameter.
function isBatchVariable(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (!definition) return false;
  if (definition.type === "Variable") {
    const loop = definition.node.parent.parent;
    if (loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.left !== definition.node.parent) return false;
    return isChunkCall(loop.right, sourceCode);
  }
  if (definition.type !== "Parameter") return false;
  const callback = definition.node;
  const call = callback.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(callback as TSESTree.CallExpressionArgument)) return false;
  return batchName.test(getCalleeName(call) ?? "") || call.arguments.some(hasBatchOption);
}

function isChunkCall(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return (getAssignedValues(node, sourceCode) ?? []).some((source) => isChunkCall(source, sourceCode));
  return node.type === AST_NODE_TYPES.CallExpression && node.arguments.length >= 2 && batchName.test(getCalleeName(node) ?? "");
}

function hasBatchOption(argument: TSESTree.CallExpressionArgument): boolean {
  return (
    argument.type === AST_NODE_TYPES.ObjectExpression &&
    argument.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && batchOption.test(property.key.name),
    )
  );
}
