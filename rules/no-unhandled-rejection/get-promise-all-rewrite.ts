import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { manual, rewriteOf, type RewriteVerdict } from "../util/rewrite.js";
import { isGlobalName } from "../util/is-global-name.js";

type Declaration = TSESTree.VariableDeclaration & { declarations: [TSESTree.VariableDeclarator] };

/**
 * getPromiseAllRewrite starts two steps together when the code has exactly the shape
 * `const a = f(); const b = await g(); … const x = await a;` (or `await g();`, or `await a;`), with
 * one plain declarator each and `a` read only there: both declarations become
 * `const [x, b] = await Promise.all([f(), g()]);` and the later `await a` goes away; a step whose
 * value nobody binds leaves a hole (`const [, b]`), and with no binding at all the statement is
 * `await Promise.all([f(), g()]);`. Where `await a` is part of an expression later in the same
 * function, `a` itself is bound and `(await a)` becomes `a`. Where `f()` spans several lines, its
 * declaration stays and only the second step changes: `const [x, b] = await Promise.all([a, g()]);`.
 * The statements between then run after both have settled, which
 * changes timing, so the editor offers it as a suggestion only. Anything else is refused, with why.
 */
export function getPromiseAllRewrite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  suspension: TSESTree.Node,
): RewriteVerdict {
  const first = declarator.parent;
  if (!isPlainDeclaration(first) || declarator.init === null) {
    return manual("the promise is not kept in a plain declaration of its own (one name, no type annotation); start both steps with `Promise.all` by hand");
  }
  const statements = getStatementList(first);
  const second = statements?.[statements.indexOf(first) + 1];
  const secondStep = second && readSecondStep(second, suspension);
  if (!second || !secondStep) {
    return manual("the step that awaits first is not the very next statement (`const b = await g();` or `await g();`); start both with `Promise.all` by hand");
  }
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  const reads = variable?.references.filter((reference) => !reference.init) ?? [];
  const awaited = reads.length === 1 ? reads[0]?.identifier.parent : undefined;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression || suspension.type !== AST_NODE_TYPES.AwaitExpression) {
    return manual(`\`${variable?.name ?? "the promise"}\` is used other than in one \`await\`; start both steps with \`Promise.all\` by hand`);
  }
  const consumer = awaited.parent.type === AST_NODE_TYPES.VariableDeclarator ? awaited.parent.parent : awaited.parent;
  const ownStatement = statements?.includes(consumer as TSESTree.Statement) === true && isConsumer(sourceCode, consumer, awaited);
  if (!ownStatement && (awaited.range[0] < second.range[1] || getFunction(awaited) !== getFunction(first))) {
    return manual(`\`await ${variable?.name ?? "it"}\` is not in the same function after the step that awaits first; start both steps with \`Promise.all\` by hand`);
  }
  const commentsBetween = sourceCode.getCommentsAfter(first).length > 0 || sourceCode.getCommentsInside(second).length > 0 || (ownStatement && sourceCode.getCommentsBefore(consumer).length > 0);
  if (commentsBetween) return manual("a comment between the steps would be lost; move it and run again");
  if (!isGlobalName(sourceCode, first, "Promise")) return manual("`Promise` is shadowed here");
  const previous = sourceCode.getTokenBefore(consumer);
  if (!previous) return manual("the await has nothing before it");

  const kept = ownStatement && consumer.type === AST_NODE_TYPES.VariableDeclaration ? (consumer as Declaration) : undefined;
  const kind = (kept?.kind ?? "const") === "const" && secondStep.kind === "const" ? "const" : "let";
  // A promise started by several lines of code (an executor, a long chain) stays where it is, and
  // the next statement waits for it by name: nothing runs between the two, so it cannot reject
  // unhandled before `Promise.all` takes it, and the diff is the two statements that change.
  const keepFirst = ownStatement && sourceCode.getText(declarator.init).includes("\n") && variable !== undefined;
  const calls = [declarator.init, suspension.argument].map((call) =>
    call.type === AST_NODE_TYPES.SequenceExpression ? `(${sourceCode.getText(call)})` : sourceCode.getText(call),
  );
  if (keepFirst) calls[0] = variable.name;
  const all = `await Promise.all([${calls.join(", ")}])`;
  const firstName = kept ? sourceCode.getText(kept.declarations[0].id) : ownStatement ? "" : (variable?.name ?? "");
  const names = [firstName, secondStep.name ? sourceCode.getText(secondStep.name) : ""];
  const pattern = names[1] ? `[${names[0]}, ${names[1]}]` : `[${names[0]}]`;
  const text = names.every((name) => name === "") ? `${all};` : `${kind} ${pattern} = ${all};`;
  // Where the value is used inside an expression, `(await a)` becomes `a`, which now holds it.
  const use = ownStatement ? { range: [previous.range[1], consumer.range[1]] as const, text: "" } : { range: withParentheses(sourceCode, awaited), text: variable?.name ?? "" };
  return rewriteOf([{ range: keepFirst ? second.range : [first.range[0], second.range[1]], text }, use]);
}

function readSecondStep(statement: TSESTree.Node, suspension: TSESTree.Node): { name: TSESTree.Node | undefined; kind: string } | undefined {
  if (isPlainDeclaration(statement) && statement.declarations[0].init === suspension) return { name: statement.declarations[0].id, kind: statement.kind };
  if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression === suspension) return { name: undefined, kind: "const" };
  return undefined;
}

function isPlainDeclaration(node: TSESTree.Node | undefined): node is Declaration {
  if (node?.type !== AST_NODE_TYPES.VariableDeclaration || node.declarations.length !== 1) return false;
  if (node.kind !== "const" && node.kind !== "let") return false;
  const id = node.declarations[0]?.id;
  return id !== undefined && id.typeAnnotation === undefined && node.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration;
}

function withParentheses(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): readonly [number, number] {
  if (!ASTUtils.isParenthesized(node, sourceCode)) return node.range;
  const open = sourceCode.getTokenBefore(node);
  const close = sourceCode.getTokenAfter(node);
  return open && close ? [open.range[0], close.range[1]] : node.range;
}

function getFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
  }
  return undefined;
}

function getStatementList(statement: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  const parent = statement.parent;
  if (parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program) return parent.body;
  return undefined;
}

// The consuming statement is `await a;` or a plain `const x = await a;` whose names nobody reads
// earlier (a closure could, and moving the declaration up would change what it sees).
function isConsumer(sourceCode: Readonly<TSESLint.SourceCode>, consumer: TSESTree.Node, awaited: TSESTree.Node): boolean {
  if (consumer.type === AST_NODE_TYPES.ExpressionStatement) return consumer.expression === awaited;
  if (!isPlainDeclaration(consumer)) return false;
  return sourceCode
    .getDeclaredVariables(consumer.declarations[0])
    .every((bound) => bound.references.every((reference) => reference.identifier.range[0] >= consumer.range[0]));
}
