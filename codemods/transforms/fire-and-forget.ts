// no-fire-and-forget: a dropped promise is handed to `go` (the default supervisor), which runs it at
// once, as before, and reports its failure instead of letting it end the process; an async
// callback in a dropped position starts its body under `go` itself.
import type { ASTPath } from "jscodeshift";
import { calleeName, suspends, usesOwnArguments } from "./syntax.js";
import { buildExpression, hole, keep, type Node, rangeOf, spliceExpression, type Edit, holeEdit } from "./template.js";
import { manual, type Site, type SitePlan, type Transform } from "./transform.js";

type FunctionNode = Node & {
  async?: boolean;
  generator?: boolean;
  params: Node[];
  body: Node;
  returnType?: Node | null;
};

const arrayMakers = new Set(["map", "flatMap", "from", "filter"]);

// `go` is resolved before any edit, and used (recording the import) only when the edit runs.
function withGo(site: Site, build: (go: string) => void): SitePlan {
  const resolved = site.runtime.resolve("go", site.path);
  if (typeof resolved === "string") return manual(resolved);
  return { apply: () => build(resolved.use()) };
}

function superviseExpression(site: Site, target: ASTPath): SitePlan {
  if (suspends(site.j, target)) return manual("the expression awaits or yields, which cannot move into the function `go` runs; await the work, or hand it to `go` by hand");
  const kept = keep(target);
  return withGo(site, (go) => kept.path.replace(buildExpression(site, `${go}(() => ${hole(0)})`, [kept.path.node as Node])));
}

function wrapDropped(site: Site): SitePlan {
  const parent = site.path.parent?.node as (Node & { operator?: string; left?: Node }) | undefined;
  if (parent?.type === "LogicalExpression" && parent.left === site.path.node) {
    return manual(`\`${parent.operator}\` reads this promise's value (always truthy), so handing it to \`go\` would change which side runs; split the statement`);
  }
  return superviseExpression(site, site.path);
}

function superviseIife(site: Site): SitePlan {
  const call = site.path.node as Node & { arguments: Node[] };
  const calleePath = site.path.get("callee") as ASTPath;
  const callee = calleePath.node as FunctionNode;
  if (call.arguments.length > 0 || callee.params.length > 0) {
    return manual("the async IIFE takes parameters, and `go` would pass its AbortSignal as the first; move the arguments into the body");
  }
  if (callee.type === "FunctionExpression" && usesOwnArguments(site.j, calleePath)) {
    return manual("the async function reads `arguments`, which would then hold `go`'s AbortSignal");
  }
  const kept = keep(calleePath);
  return withGo(site, (go) => site.path.replace(buildExpression(site, `${go}(${hole(0)})`, [kept.path.node as Node])));
}

// An array of promises is not a task for `go`: its elements would still be dropped one by one.
function isArrayOfPromises(argument: Node): boolean {
  return argument.type === "ArrayExpression" || (argument.type === "CallExpression" && arrayMakers.has(calleeName(argument) ?? ""));
}

function replaceVoid(site: Site): SitePlan {
  const argumentPath = site.path.get("argument") as ASTPath;
  if (isArrayOfPromises(argumentPath.node as Node)) {
    return manual("`void` drops an array of promises: await `map(items, fn, { concurrency })` or start each under an ErrGroup");
  }
  if (suspends(site.j, argumentPath)) return manual("the expression awaits or yields, which cannot move into the function `go` runs");
  const kept = keep(argumentPath);
  return withGo(site, (go) => site.path.replace(buildExpression(site, `${go}(() => ${hole(0)})`, [kept.path.node as Node])));
}

// `async` and the whitespace after it, at the start of a function.
function asyncKeywordEdit(site: Site, node: FunctionNode): Edit | undefined {
  const [start] = rangeOf(node);
  const match = /^async\b\s*/.exec(site.source.slice(start, start + 64));
  return match ? { start, end: start + match[0].length, text: "" } : undefined;
}

/**
 * wrapCallback turns `async (a, b): Promise<T> => body` into `(a, b) => go(async (): Promise<T> =>
 * body)`, and `async function f(a) { … }` into `function f(a) { go(async () => { … }); }`: the
 * parameters, `this` and `arguments` stay the outer function's (an arrow shares them), and the
 * body starts at once, as before, under a supervisor.
 */
function wrapCallback(site: Site): SitePlan {
  const node = site.path.node as FunctionNode;
  if (node.type !== "ArrowFunctionExpression" && node.type !== "FunctionExpression") {
    return manual("a function passed by reference: wrapping it here would change its identity (a later `off(fn)` would not match); start its body with `go(…)` where it is defined");
  }
  if (node.generator) return manual("a generator function returns an iterator, not a promise; own its work by hand");
  const body = node.body;
  if (body.extra?.parenthesized) return manual("the arrow returns an object literal, which the slot ignores; rewrite it by hand");
  const edits: Edit[] = [];
  const asyncEdit = node.async ? asyncKeywordEdit(site, node) : undefined;
  if (node.async && !asyncEdit) return manual("the `async` keyword is not where the rewriter expects it (a comment?); rewrite it by hand");
  if (asyncEdit) edits.push(asyncEdit);
  let returnType = "";
  if (node.returnType) {
    const [start, end] = rangeOf(node.returnType);
    returnType = site.source.slice(start, end);
    edits.push({ start, end, text: "" });
  }
  const keptBody = keep(site.path.get("body") as ASTPath);
  const inner = `${node.async ? "async " : ""}()${returnType} =>`;
  return withGo(site, (go) => {
    const bodyEdit = holeEdit(keptBody);
    const [before, after] = node.type === "ArrowFunctionExpression" ? [`${go}(${inner} `, ")"] : [`{ ${go}(${inner} `, "); }"];
    edits.push({ start: bodyEdit.start, end: bodyEdit.start, text: before }, bodyEdit, { start: bodyEdit.end, end: bodyEdit.end, text: after });
    site.path.replace(spliceExpression(site, node, edits));
  });
}

/** fireAndForget plans the rewrite of a corral/no-fire-and-forget finding. */
export const fireAndForget: Transform = (site) => {
  switch (site.finding.messageId) {
    case "droppedPromise":
    case "unhandledThen":
    case "rethrowingCatch":
      return wrapDropped(site);
    case "droppedAsyncIife":
      return superviseIife(site);
    case "voidedPromise":
      return replaceVoid(site);
    case "asyncCallbackDropped":
    case "asyncFunctionToVoid":
      return wrapCallback(site);
    case "droppedPromiseArray":
      return manual("an array of promises is dropped: decide who waits for it, then await `map(items, fn, { concurrency })` or start each under an ErrGroup");
    default:
      return manual(`no mechanical rewrite for \`${site.finding.messageId}\``);
  }
};
