// no-unhandled-rejection: `const a = f(); const b = await g(); … await a` becomes
// `const [a, b] = await Promise.all([f(), g()]); … a`, so both start as before and a rejection of
// either is handled at once. The statements in between now run after both settle: the one timing
// change, the price of handling the rejection. Anything less mechanical is reported.
import type { ASTPath } from "jscodeshift";
import { findVariable, scopeOf } from "./bindings.js";
import { hasCommentOutside } from "./callback.js";
import { isFunctionNode } from "./syntax.js";
import { buildExpression, hole, keep, type Kept, type Node, rangeOf } from "./template.js";
import { manual, type Site, type SitePlan, type Transform } from "./transform.js";

type Declaration = Node & { kind: string; declarations: (Node & { id: Node & { typeAnnotation?: Node | null }; init: Node | null })[] };

const reasons: Readonly<Record<string, string>> = {
  neverHandled: "the promise is never awaited, returned or handled: decide who owns it (await it, return it, or hand it to `go`)",
  skippedByExit: "an early exit skips the handling: handle the promise before leaving, or start it after the check",
  unhandledOnSomePath: "the promise is handled on some paths only: handle it on every path, or start it under `Promise.all`",
  asyncExecutor: "an async `new Promise` executor: write an async function instead, or use the rule's suggestion (a synchronous executor that calls reject)",
};

function isPlainDeclaration(node: Node | undefined): node is Declaration {
  if (node?.type !== "VariableDeclaration") return false;
  const declaration = node as Declaration;
  const [declarator] = declaration.declarations;
  return (declaration.kind === "const" || declaration.kind === "let") && declaration.declarations.length === 1 && declarator?.id.type === "Identifier" && !declarator.id.typeAnnotation && declarator.init !== null;
}

// The awaited call of `const b = await g();` or `await g();`, and the name it binds, if any.
function readSecondStep(node: Node | undefined): { awaited: Node; name: Node | undefined; kind: string } | undefined {
  if (isPlainDeclaration(node)) {
    const [declarator] = node.declarations;
    const init = declarator?.init as (Node & { argument?: Node }) | null | undefined;
    return init?.type === "AwaitExpression" && init.argument ? { awaited: init.argument, name: declarator?.id, kind: node.kind } : undefined;
  }
  const expression = (node as (Node & { expression?: Node & { argument?: Node } }) | undefined)?.expression;
  return node?.type === "ExpressionStatement" && expression?.type === "AwaitExpression" && expression.argument ? { awaited: expression.argument, name: undefined, kind: "const" } : undefined;
}

// Walks up from a reference to the statement list; a function on the way is a closure.
function isDirectlyIn(reference: ASTPath, list: Node): boolean {
  for (let current = reference.parent as ASTPath | null; current; current = current.parent as ASTPath | null) {
    if (current.node === list) return true;
    if (isFunctionNode(current.node as Node)) return false;
  }
  return false;
}

function startTogether(site: Site): SitePlan {
  const declarator = site.path.parent as ASTPath;
  const first = declarator.parent as ASTPath;
  const list = first.parent as ASTPath;
  const statements = (list.node as { body?: Node[] }).body;
  if (declarator.node.type !== "VariableDeclarator" || !isPlainDeclaration(first.node as Node) || !Array.isArray(statements)) {
    return manual("the promise is not kept in a plain declaration of its own in a block; start both steps with `Promise.all` by hand");
  }
  const position = statements.indexOf(first.node as Node);
  const secondNode = statements[position + 1];
  const second = readSecondStep(secondNode);
  if (!second) return manual("the step that awaits first is not the very next statement (`const b = await g();`); start both with `Promise.all` by hand");
  const variable = findVariable(site.j, site.path);
  const laterAwaits = variable?.references.filter((reference) => reference.parent?.node.type === "AwaitExpression" && isDirectlyIn(reference, list.node as Node)) ?? [];
  if (!variable || laterAwaits.length !== variable.references.length || laterAwaits.length === 0) {
    return manual(`\`${variable?.name ?? "the variable"}\` is used other than as \`await ${variable?.name ?? "it"}\` in the same function; start both steps with \`Promise.all\` by hand`);
  }
  if (scopeOf(site.path)?.lookup("Promise")) return manual("`Promise` is shadowed here");
  const [start] = rangeOf(first.node as Node);
  const [, end] = rangeOf(secondNode as Node);
  const initPath = declarator.get("init") as ASTPath;
  const secondPath = list.get("body", position + 1) as ASTPath;
  const awaitedPath = (second.name ? secondPath.get("declarations", 0, "init", "argument") : secondPath.get("expression", "argument")) as ASTPath;
  const starts: Kept[] = [keep(initPath), keep(awaitedPath)];
  if (hasCommentOutside(site.source, start, end, starts.map((kept) => [kept.start, kept.end]))) {
    return manual("a comment between the two steps would be lost; move it and run again");
  }
  const kind = (first.node as Declaration).kind === "const" && second.kind === "const" ? "const" : "let";
  const names = [variable.name, ...(second.name ? [(second.name as { name: string }).name] : [])];
  return {
    apply: () => {
      // The first declaration is changed in place, not replaced, so recast keeps its comments and
      // the spacing around it.
      const holes = starts.map((kept) => kept.path.node as Node);
      const { j } = site;
      (first.node as Declaration).kind = kind;
      declarator.get("id").replace(j.arrayPattern(names.map((name) => j.identifier(name))));
      declarator.get("init").replace(j.awaitExpression(buildExpression(site, `Promise.all([${hole(0)}, ${hole(1)}])`, holes) as never));
      secondPath.prune();
      for (const reference of laterAwaits) {
        const awaited = reference.parent as ASTPath;
        const statement = awaited.parent as ASTPath;
        if (statement.node.type === "ExpressionStatement" && !(statement.node as { comments?: unknown[] }).comments?.length) statement.prune();
        else awaited.replace(reference.node);
      }
    },
  };
}

/** unhandledRejection plans the rewrite of a corral/no-unhandled-rejection finding. */
export const unhandledRejection: Transform = (site) => {
  if (site.finding.messageId === "handledAfterAwait") return startTogether(site);
  return manual(reasons[site.finding.messageId] ?? `no mechanical rewrite for \`${site.finding.messageId}\``);
};
