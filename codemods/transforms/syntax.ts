// Small syntax questions the transforms ask about babel nodes, without types.
import type { ASTPath, JSCodeshift } from "jscodeshift";
import type { Node } from "./template.js";

const functionTypes = new Set(["FunctionExpression", "ArrowFunctionExpression", "FunctionDeclaration", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);

/** isFunctionNode tells whether `node` starts its own function scope (and its own `await`). */
export function isFunctionNode(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && functionTypes.has(node.type);
}

function isInside(path: ASTPath, ancestor: ASTPath, stopAt: (node: Node) => boolean): boolean {
  for (let current = path.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
    if (current === ancestor || current.node === ancestor.node) return true;
    if (stopAt(current.node as Node)) return false;
  }
  return false;
}

type Finder = Parameters<ReturnType<JSCodeshift>["find"]>[0];

/**
 * findOwn lists the nodes of `type` under `path` (itself included) that belong to its own
 * evaluation: not those inside a nested function, which has its own `await` and `yield`, nor,
 * unless `throughArrows`, its own `this` and `arguments` (an arrow shares those with its parent).
 */
export function findOwn(j: JSCodeshift, path: ASTPath, type: string, throughArrows = false): ASTPath[] {
  const stop = (node: Node) => isFunctionNode(node) && !(throughArrows && node.type === "ArrowFunctionExpression");
  const found: ASTPath[] = path.node.type === type ? [path] : [];
  j(path)
    .find((j as unknown as Record<string, Finder>)[type] as Finder)
    .forEach((candidate) => {
      if (candidate !== path && isInside(candidate as unknown as ASTPath, path, stop)) found.push(candidate as unknown as ASTPath);
    });
  return found;
}

/** suspends tells whether evaluating `path` awaits or yields (not in a nested function). */
export function suspends(j: JSCodeshift, path: ASTPath): boolean {
  return findOwn(j, path, "AwaitExpression").length > 0 || findOwn(j, path, "YieldExpression").length > 0;
}

/** usesOwnArguments tells whether the function at `path` reads its own `arguments`. */
export function usesOwnArguments(j: JSCodeshift, path: ASTPath): boolean {
  const body = path.get("body") as ASTPath;
  return findOwn(j, body, "Identifier", true).some((found) => (found.node as { name: string }).name === "arguments");
}

/** calleeName returns the name a call's callee ends in (`all` for `Promise.all`), if it has one. */
export function calleeName(call: Node): string | undefined {
  const callee = (call as { callee?: Node & { name?: string; property?: Node & { name?: string }; computed?: boolean } }).callee;
  if (!callee) return undefined;
  if (callee.type === "Identifier") return callee.name;
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed) return callee.property?.name;
  return undefined;
}

/** isPromiseCall tells whether `call` is `Promise.<method>(…)`, with any of `methods`. */
export function isPromiseCall(call: Node | undefined, methods: readonly string[]): boolean {
  if (call?.type !== "CallExpression") return false;
  const callee = (call as { callee: Node & { object?: Node & { name?: string }; computed?: boolean } }).callee;
  return callee.type === "MemberExpression" && !callee.computed && callee.object?.type === "Identifier" && callee.object.name === "Promise" && methods.includes(calleeName(call) ?? "");
}
