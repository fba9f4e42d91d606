// no-unbounded-concurrency: `Promise.all(xs.map(fn))` becomes corral's `map(xs, fn, { concurrency })`
// (`allSettled` becomes `mapSettled`): the same results, in the same order, of the same type, with
// at most `concurrency` calls in flight. Push loops are transform-push-loop's.
import type { ASTPath } from "jscodeshift";
import { findVariable } from "./bindings.js";
import { hasCommentOutside, thirdParameterProblem } from "./callback.js";
import { calleeName, findOwn, isPromiseCall } from "./syntax.js";
import { buildExpression, hole, keep, type Kept, type Node, rangeOf } from "./template.js";
import { rewritePushLoop } from "./push-loop.js";
import { manual, type Site, type SitePlan, type Transform } from "./transform.js";

type CallNode = Node & { callee: Node & { object?: Node; optional?: boolean; computed?: boolean }; arguments: Node[]; typeParameters?: Node | null; typeArguments?: Node | null; optional?: boolean };

const runtimeNames = { all: "map", allSettled: "mapSettled" } as const;

/** MappedSource is what corral's map takes: the collection and the callback, as kept paths. */
interface MappedSource {
  collection: Kept;
  callback: Kept;
  /** wrapInArrayFrom is true for `Array.from(source, fn)`, whose source may be array-like. */
  wrapInArrayFrom: boolean;
}

// Reads `xs.map(fn)` or `Array.from(xs, fn)` at `path`; a string says why it cannot move.
function readMappedSource(site: Site, path: ASTPath): MappedSource | string {
  const call = path.node as CallNode;
  if (call.type !== "CallExpression") return "the collection is not a plain `xs.map(fn)` call (optional chaining, a fallback or a cast around it)";
  if (call.typeParameters || call.typeArguments) return "the `map` call has type arguments; rewrite it by hand";
  const isArrayFrom = call.callee.type === "MemberExpression" && calleeName(call) === "from";
  if (calleeName(call) !== "map" && !isArrayFrom) return "`flatMap` flattens its results, which corral's map does not";
  if (call.arguments.length !== (isArrayFrom ? 2 : 1)) return "the call passes a `thisArg`, which corral's map does not take";
  if (call.arguments.some((argument) => argument.type === "SpreadElement")) return "the call spreads its arguments";
  const callbackPath = path.get("arguments", isArrayFrom ? 1 : 0) as ASTPath;
  const problem = thirdParameterProblem(site, callbackPath);
  if (problem) return problem;
  const collectionPath = (isArrayFrom ? path.get("arguments", 0) : path.get("callee", "object")) as ASTPath;
  return { collection: keep(collectionPath), callback: keep(callbackPath), wrapInArrayFrom: isArrayFrom };
}

function buildMap(site: Site, name: string, source: MappedSource): Node {
  const collection = source.wrapInArrayFrom ? `Array.from(${hole(0)})` : hole(0);
  const holes = [source.collection.path.node as Node, source.callback.path.node as Node];
  return buildExpression(site, `${name}(${collection}, ${hole(1)}, { concurrency: ${site.settings.concurrency} })`, holes);
}

function rewriteInline(site: Site, combinator: ASTPath, method: keyof typeof runtimeNames): SitePlan {
  const source = readMappedSource(site, site.path);
  if (typeof source === "string") return manual(source);
  const [start, end] = rangeOf(combinator.node as Node);
  if (hasCommentOutside(site.source, start, end, [[source.collection.start, source.collection.end], [source.callback.start, source.callback.end]])) {
    return manual("a comment inside the `Promise` call would be lost; move it out and run again");
  }
  const resolved = site.runtime.resolve(runtimeNames[method], site.path);
  if (typeof resolved === "string") return manual(resolved);
  return { apply: () => combinator.replace(buildMap(site, resolved.use(), source)) };
}

function declarationParent(declarator: ASTPath): Node | undefined {
  return declarator.parent?.parent?.node as Node | undefined;
}

// `const tasks = xs.map(fn); … await Promise.all(tasks)`: the tasks start where they did, under
// `map`, and `tasks` holds its promise, which the `Promise` call site now awaits directly.
function rewriteVariable(site: Site, combinator: ASTPath, method: keyof typeof runtimeNames): SitePlan {
  const variable = findVariable(site.j, site.path);
  const declarator = variable?.declaration.parent as ASTPath | undefined;
  const declaration = declarator?.parent?.node as (Node & { kind?: string; declarations?: Node[] }) | undefined;
  const id = variable?.declaration.node as (Node & { typeAnnotation?: Node | null }) | undefined;
  if (!variable || !declarator || declarator.node.type !== "VariableDeclarator" || declaration?.kind !== "const" || declaration.declarations?.length !== 1) {
    return manual("the tasks are not kept in one plain `const` declaration; rewrite them with `map(items, fn, { concurrency })` by hand");
  }
  if (declarationParent(declarator)?.type === "ExportNamedDeclaration") return manual("the tasks variable is exported, so other modules may read it as an array");
  if (id?.typeAnnotation) return manual("the tasks variable has a type annotation (an array of promises), which `map`'s single promise would not match");
  if (variable.references.length !== 1) return manual(`\`${variable.name}\` is used besides \`Promise.${method}\`, and would hold one promise instead of an array`);
  // Held across a suspension, the one promise would be the very finding no-unhandled-rejection makes.
  const [, declared] = rangeOf(declarator.node as Node);
  const [waited] = rangeOf(combinator.node as Node);
  const suspensions = ["AwaitExpression", "YieldExpression"].flatMap((type) => findOwn(site.j, variable.scope.path, type));
  if (suspensions.some((suspension) => (suspension.node as Node).start! > declared && (suspension.node as Node).end! <= waited)) {
    return manual(`\`${variable.name}\` is awaited only after another \`await\`; start the tasks with \`await map(…)\` where they are awaited`);
  }
  const source = readMappedSource(site, declarator.get("init") as ASTPath);
  if (typeof source === "string") return manual(source);
  const init = declarator.get("init") as ASTPath;
  const resolved = site.runtime.resolve(runtimeNames[method], init);
  if (typeof resolved === "string") return manual(resolved);
  const kept = keep(site.path);
  return {
    apply: () => {
      init.replace(buildMap(site, resolved.use(), source));
      combinator.replace(kept.path.node);
    },
  };
}

/** unboundedConcurrency plans the rewrite of a corral/no-unbounded-concurrency finding. */
export const unboundedConcurrency: Transform = (site) => {
  const combinator = site.path.parent as ASTPath;
  const call = combinator.node as CallNode;
  if (!isPromiseCall(call, ["all", "allSettled", "race", "any"]) || call.arguments[0] !== site.path.node || call.arguments.length !== 1) {
    return manual("the reported collection is not the only argument of a `Promise` combinator the rewriter recognises");
  }
  if (call.typeParameters || call.typeArguments) return manual("the `Promise` call has type arguments, which `map` would not take; drop them and run again");
  const method = calleeName(call);
  if (method !== "all" && method !== "allSettled") {
    return manual(`\`Promise.${method}\` settles with the first task, and no bounded form keeps that: start the tasks through an \`ErrGroup({ limit })\` by hand`);
  }
  if (site.finding.messageId === "unboundedPushLoop") return rewritePushLoop(site, combinator, method);
  if (site.path.node.type === "Identifier") return rewriteVariable(site, combinator, method);
  return rewriteInline(site, combinator, method);
};
