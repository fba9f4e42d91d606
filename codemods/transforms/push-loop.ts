// A loop that pushes started tasks into an array, then `await Promise.all(tasks);`, becomes an
// ErrGroup with a limit: each push starts its task through `group.go(() => task)`, at most `limit`
// at once, and the await waits for the group. The task expression now runs when the group starts
// it, so it may only read variables that nothing reassigns.
import type { ASTPath } from "jscodeshift";
import { findVariable, isBindingOrReference, isWrite, scopeOf, type Variable } from "./bindings.js";
import { findOwn, suspends } from "./syntax.js";
import { buildExpression, hole, keep, type Kept, type Node } from "./template.js";
import { manual, type Site, type SitePlan } from "./transform.js";

type ForNode = Node & { update?: Node | null; init?: Node | null };

const loopTypes = new Set(["ForStatement", "ForOfStatement", "ForInStatement", "WhileStatement", "DoWhileStatement"]);

// A per-iteration `let` of a `for` header changes only in the update clause, between iterations.
function isForHeaderVariable(variable: Variable): boolean {
  const declaration = variable.declaration.parent?.parent as ASTPath | undefined;
  const loop = declaration?.parent?.node as ForNode | undefined;
  if (loop?.type !== "ForStatement" || loop.init !== declaration?.node || (declaration?.node as { kind?: string }).kind !== "let") return false;
  const [updateStart, updateEnd] = [loop.update?.start ?? -1, loop.update?.end ?? -1];
  return variable.references.filter(isWrite).every((write) => (write.node as Node).start! >= updateStart && (write.node as Node).end! <= updateEnd);
}

// Why deferring `task` could change what it computes, or undefined when it reads only variables
// that are never reassigned (or a `for (let …)` counter, copied per iteration).
function deferralProblem(site: Site, task: ASTPath): string | undefined {
  if (suspends(site.j, task)) return "a pushed task awaits while it is created";
  for (const identifier of findOwn(site.j, task, "Identifier")) {
    if (!isBindingOrReference(identifier)) continue;
    const name = (identifier.node as { name: string }).name;
    const variable = findVariable(site.j, identifier);
    // Undeclared names are globals (console, JSON), which a loop body does not reassign.
    if (!variable && !scopeOf(identifier)?.lookup(name)) continue;
    if (variable && (variable.references.every((reference) => !isWrite(reference)) || isForHeaderVariable(variable))) continue;
    return `a pushed task reads \`${name}\`, which is reassigned (or declared twice), and would read it later, when the group starts the task`;
  }
  return undefined;
}

function isInLoop(path: ASTPath, boundary: Node): boolean {
  for (let current = path.parent as ASTPath | null; current && current.node !== boundary; current = current.parent as ASTPath | null) {
    const node = current.node as Node;
    if (loopTypes.has(node.type)) return true;
    if (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") {
      const call = current.parent?.node as Node & { callee?: Node & { property?: { name?: string } } };
      return call?.type === "CallExpression" && call.callee?.property?.name === "forEach";
    }
  }
  return false;
}

/** rewritePushLoop plans the ErrGroup rewrite of an unboundedPushLoop finding. */
export function rewritePushLoop(site: Site, combinator: ASTPath, method: "all" | "allSettled"): SitePlan {
  if (method === "allSettled") return manual("ErrGroup has no settled results; start the tasks with `mapSettled(source, fn, { concurrency })` by hand");
  const awaited = combinator.parent as ASTPath;
  if (awaited.node.type !== "AwaitExpression" || awaited.parent?.node.type !== "ExpressionStatement") {
    return manual("the results of `Promise.all` are used, and `ErrGroup.wait()` returns none; collect them with `map(source, fn, { concurrency })`");
  }
  const variable = site.path.node.type === "Identifier" ? findVariable(site.j, site.path) : undefined;
  const declarator = variable?.declaration.parent as ASTPath | undefined;
  const declaration = declarator?.parent as ASTPath | undefined;
  const init = declarator?.node.type === "VariableDeclarator" ? (declarator.node as { init?: Node & { elements?: unknown[] } }).init : undefined;
  const declarations = (declaration?.node as { declarations?: unknown[] } | undefined)?.declarations;
  if (!variable || !declarator || !declaration || init?.type !== "ArrayExpression" || init.elements?.length !== 0 || declarations?.length !== 1) {
    return manual("the tasks array is not declared empty in a declaration of its own; rewrite the loop with an ErrGroup by hand");
  }
  if (declaration.parent?.node.type === "ExportNamedDeclaration") return manual("the tasks array is exported, so other modules may read it");
  const pushes: { call: ASTPath; task: Kept }[] = [];
  for (const reference of variable.references) {
    if (reference.node === site.path.node) continue;
    const member = reference.parent as ASTPath;
    const call = member.parent as ASTPath;
    const node = call?.node as Node & { arguments?: Node[]; callee?: Node };
    const isPush = member.node.type === "MemberExpression" && (member.node as { property: { name?: string } }).property.name === "push" && node?.type === "CallExpression" && node.callee === member.node;
    if (!isPush || node.arguments?.length !== 1 || node.arguments[0]?.type === "SpreadElement") {
      return manual(`\`${variable.name}\` is used for more than pushing one task at a time and waiting; rewrite it with an ErrGroup by hand`);
    }
    const statement = call.parent?.node as Node & { body?: Node };
    if (statement.type !== "ExpressionStatement" && !(statement.type === "ArrowFunctionExpression" && statement.body === node)) {
      return manual("a push's result is used; rewrite the loop with an ErrGroup by hand");
    }
    if (!isInLoop(call, variable.scope.node)) return manual("a push is not repeated by a loop the rewriter recognises");
    const task = call.get("arguments", 0) as ASTPath;
    const problem = deferralProblem(site, task);
    if (problem) return manual(problem);
    pushes.push({ call, task: keep(task) });
  }
  const resolved = site.runtime.resolve("ErrGroup", site.path);
  if (typeof resolved === "string") return manual(resolved);
  const group = site.runtime.reserve("group") ?? variable.name;
  return {
    apply: () => {
      const errGroup = resolved.use();
      declarator.get("id").replace(site.j.identifier(group));
      declarator.get("init").replace(buildExpression(site, `new ${errGroup}({ limit: ${site.settings.concurrency} })`, []));
      for (const push of pushes) push.call.replace(buildExpression(site, `${group}.go(() => ${hole(0)})`, [push.task.path.node as Node]));
      combinator.replace(buildExpression(site, `${group}.wait()`, []));
    },
  };
}
