import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

type Declaration = TSESTree.VariableDeclaration & { declarations: [TSESTree.VariableDeclarator] };

/**
 * getPromiseAllRewrite returns a fix that starts two steps together when the code has exactly the
 * shape `const a = f(); const b = await g(); … await a;` (or `const x = await a;`), with one plain
 * declarator each and `a` read only there: both declarations become
 * `const [x, b] = await Promise.all([f(), g()]);` and the later `await a` goes away. The statements
 * between then run after both have settled, which changes timing, so it is offered as a suggestion
 * only. Undefined for any other shape, or when comments would be lost or `Promise` is shadowed.
 */
export function getPromiseAllRewrite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  suspension: TSESTree.Node,
): TSESLint.ReportFixFunction | undefined {
  const first = declarator.parent;
  if (!isPlainDeclaration(first) || declarator.init === null) return undefined;
  const statements = getStatementList(first);
  const second = statements?.[statements.indexOf(first) + 1];
  if (!isPlainDeclaration(second) || second.declarations[0].init !== suspension) return undefined;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  const reads = variable?.references.filter((reference) => !reference.init) ?? [];
  const awaited = reads.length === 1 ? reads[0]?.identifier.parent : undefined;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression || suspension.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const consumer = awaited.parent.type === AST_NODE_TYPES.VariableDeclarator ? awaited.parent.parent : awaited.parent;
  if (!statements?.includes(consumer as TSESTree.Statement) || !isConsumer(sourceCode, consumer, awaited)) return undefined;
  if (sourceCode.getCommentsAfter(first).length > 0 || sourceCode.getCommentsBefore(consumer).length > 0) return undefined;
  if ((ASTUtils.findVariable(sourceCode.getScope(first), "Promise")?.defs.length ?? 0) > 0) return undefined;
  const previous = sourceCode.getTokenBefore(consumer);
  if (!previous) return undefined;

  const kept = consumer.type === AST_NODE_TYPES.VariableDeclaration ? consumer : undefined;
  const kind = (kept?.kind ?? "const") === "const" && second.kind === "const" ? "const" : "let";
  const names = `${kept ? sourceCode.getText(kept.declarations[0]?.id) : ""}, ${sourceCode.getText(second.declarations[0].id)}`;
  const calls = [declarator.init, suspension.argument].map((call) =>
    call.type === AST_NODE_TYPES.SequenceExpression ? `(${sourceCode.getText(call)})` : sourceCode.getText(call),
  );
  const text = `${kind} [${names}] = await Promise.all([${calls.join(", ")}]);`;
  return (fixer) => [
    fixer.replaceTextRange([first.range[0], second.range[1]], text),
    fixer.removeRange([previous.range[1], consumer.range[1]]),
  ];
}

function isPlainDeclaration(node: TSESTree.Node | undefined): node is Declaration {
  if (node?.type !== AST_NODE_TYPES.VariableDeclaration || node.declarations.length !== 1) return false;
  if (node.kind !== "const" && node.kind !== "let") return false;
  const id = node.declarations[0]?.id;
  return id !== undefined && id.typeAnnotation === undefined && node.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration;
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
