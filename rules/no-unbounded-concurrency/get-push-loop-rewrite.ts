import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { childNodes } from "../util/child-nodes.js";
import { indentationAt, manual, reindentText, rewriteOf, type RewriteVerdict, type TextEdit, withFallback } from "../util/rewrite.js";
import { getDeliberateFanOut } from "./get-deliberate-fan-out.js";
import { getRepeatingLoop } from "./find-loop-pushes.js";
import { getRewriteImports, type MapRewriteInput, readTasksVariable } from "./get-runtime-map-rewrite.js";
import { getSignalThreads, signalParameter } from "./get-signal-threading.js";

type Statement = TSESTree.Statement;

/**
 * getPushLoopRewrite rewrites the hand-written fan-out
 * `const tasks = []; for (const x of xs) tasks.push(f(x)); … await Promise.all(tasks)` into
 * `… await map(xs, (x) => f(x), { concurrency })`: the same results in the same order, at most
 * `concurrency` started at once (`(x, _index, signal) => f(x, { signal })` where `f` takes a signal). Each task now starts when `map` has room instead of in the loop,
 * so it may only read the loop's own binding and variables nothing reassigns, and must not assign
 * anything itself; the loop must only push, and the wait must come right after it.
 */
export function getPushLoopRewrite(input: MapRewriteInput, identifier: TSESTree.Identifier): RewriteVerdict {
  const { sourceCode, combinator } = input;
  const tasks = readTasksVariable(input, identifier);
  if (typeof tasks === "string") return manual(tasks);
  const { variable, definition, declaration } = tasks;
  const init = definition.node.init;
  if (declaration.declarations.length !== 1 || init?.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) {
    return manual("the tasks array is not declared empty in a declaration of its own; rewrite the loop with `map` by hand");
  }
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return manual("the tasks array is exported, so other modules may read it");
  const pushes = variable.references.filter((reference) => reference.identifier !== identifier && reference.identifier !== definition.name);
  const push = pushes.length === 1 ? getPushStatement(pushes[0]?.identifier) : undefined;
  const loop = push && (push.parent.type === AST_NODE_TYPES.BlockStatement && push.parent.body.length === 1 ? push.parent.parent : push.parent);
  if (!push || loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.await || loop.left.type !== AST_NODE_TYPES.VariableDeclaration || loop.left.declarations.length !== 1) {
    return getErrGroupRewrite(input, variable, declaration.declarations[0] as TSESTree.VariableDeclarator, pushes);
  }
  const statements = getStatementList(loop);
  const consumer = enclosingStatement(combinator);
  const declarationStatement = declaration;
  if (!statements || !statements.includes(declarationStatement) || statements[statements.indexOf(loop) + 1] !== consumer) {
    return getErrGroupRewrite(input, variable, declaration.declarations[0] as TSESTree.VariableDeclarator, pushes);
  }
  if (statements.indexOf(declarationStatement) > statements.indexOf(loop)) return manual("the array is declared after the loop; rewrite it with `map` by hand");
  const task = (push.expression as TSESTree.CallExpression).arguments[0] as TSESTree.Expression;
  const binding = loop.left.declarations[0]?.id as TSESTree.Node;
  const deferral = getDeferralProblem(sourceCode, task, binding);
  if (deferral) return manual(deferral);
  const deliberate = getDeliberateFanOut(sourceCode, input.services, combinator, task) ?? getDeliberateFanOut(sourceCode, input.services, loop, task);
  if (deliberate) return manual(deliberate);
  const removed = [wholeLines(sourceCode, declarationStatement), wholeLines(sourceCode, loop)];
  const kept = [task.range];
  const lost = sourceCode.getAllComments().some((comment) => removed.some((range) => range[0] <= comment.range[0] && comment.range[1] <= range[1]) && !kept.some((range) => range[0] <= comment.range[0] && comment.range[1] <= range[1]));
  if (lost || sourceCode.getCommentsInside(combinator).length > 0) return manual("a comment in the loop or the wait would be lost; move it and run again");
  const threads = getSignalThreads(sourceCode, input.services, task, [task, binding]);
  const imports = getRewriteImports(input, input.exportName, combinator, [threads]);
  if (typeof imports === "string") return manual(imports);
  const { runtime, timeoutSignal } = imports;
  const indentation = indentationAt(sourceCode.text, combinator.range[0]);
  const parenthesized = task.type === AST_NODE_TYPES.ObjectExpression || task.type === AST_NODE_TYPES.SequenceExpression;
  const edits = (inner: readonly TextEdit[] | undefined): TextEdit[] => {
    const taskText = reindentText(sourceCode, task.range, indentation, inner);
    const parameters = inner ? `${sourceCode.getText(binding)}, _index, ${signalParameter}` : sourceCode.getText(binding);
    const replacement = `${runtime.reference}(${sourceCode.getText(loop.right)}, (${parameters}) => ${parenthesized ? `(${taskText})` : taskText}, { concurrency: ${input.concurrency} })`;
    return [...removed.map((range) => ({ range, text: "" })), { range: combinator.range, text: replacement }];
  };
  const plain = rewriteOf(edits(undefined), runtime);
  return threads ? withFallback(rewriteOf(edits(threads.edits(timeoutSignal?.reference ?? "")), runtime, timeoutSignal), plain) : plain;
}

/**
 * getErrGroupRewrite rewrites a push loop of any other shape whose results nobody uses into an
 * ErrGroup with a limit: `tasks.push(task)` becomes `group.go(() => task)`, which starts at most
 * `limit` at once (`group.go((signal) => f(x, { signal }))` where `f` takes a signal, which the
 * group aborts at the first failure), and `await Promise.all(tasks)` becomes `await group.wait()`. Each task then
 * starts when the group has room, so it may read only variables nothing reassigns (a `for (let i…)`
 * counter is copied per iteration).
 */
function getErrGroupRewrite(input: MapRewriteInput, variable: TSESLint.Scope.Variable, declarator: TSESTree.VariableDeclarator, pushes: TSESLint.Scope.Reference[]): RewriteVerdict {
  const { sourceCode, combinator } = input;
  if (input.exportName === "mapSettled") return manual("ErrGroup has no settled results; start the tasks with `mapSettled(source, fn, { concurrency })` by hand");
  if (combinator.parent.type !== AST_NODE_TYPES.AwaitExpression || combinator.parent.parent.type !== AST_NODE_TYPES.ExpressionStatement) {
    return manual("the results are used and the loop is not a `for (const x of xs)` that only pushes, which `map` would replace; collect them with `map(source, fn, { concurrency })` by hand");
  }
  const group = isNameFree(sourceCode, declarator, variable.scope.block, "group") ? "group" : variable.name;
  const starts: { call: TSESTree.CallExpression; task: TSESTree.Expression }[] = [];
  for (const reference of pushes) {
    const call = getPushCall(reference.identifier);
    if (!call) return manual(`\`${variable.name}\` is used for more than pushing one task at a time and waiting; rewrite it with an ErrGroup by hand`);
    const statement = call.parent;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement && !(statement.type === AST_NODE_TYPES.ArrowFunctionExpression && statement.body === call)) {
      return manual("a push's result is used; rewrite the loop with an ErrGroup by hand");
    }
    if (!getRepeatingLoop(call, variable.scope.block)) return manual("a push is not repeated by a loop the rewriter recognises");
    const task = call.arguments[0] as TSESTree.Expression;
    const problem = getDeferralProblem(sourceCode, task, undefined);
    if (problem) return manual(problem.replace("`map`", "the group"));
    starts.push({ call, task });
  }
  const threads = starts.map(({ task }) => getSignalThreads(sourceCode, input.services, task, [task]));
  const imports = getRewriteImports(input, "ErrGroup", declarator, threads);
  if (typeof imports === "string") return manual(imports);
  const { runtime: errGroup, timeoutSignal } = imports;
  const edits = (threaded: boolean): TextEdit[] => [
    { range: declarator.id.range, text: group },
    { range: (declarator.init as TSESTree.Node).range, text: `new ${errGroup.reference}({ limit: ${input.concurrency} })` },
    ...starts.flatMap(({ call, task }, index): TextEdit[] => {
      const thread = threaded ? threads[index] : undefined;
      return [
        { range: [call.range[0], task.range[0]], text: `${group}.go((${thread ? signalParameter : ""}) => ` },
        ...(thread?.edits(timeoutSignal?.reference ?? "") ?? []),
        { range: [task.range[1], call.range[1]], text: ")" },
      ];
    }),
    { range: combinator.range, text: `${group}.wait()` },
  ];
  const plain = rewriteOf(edits(false), errGroup);
  return threads.some(Boolean) ? withFallback(rewriteOf(edits(true), errGroup, timeoutSignal), plain) : plain;
}

// Whether `name` is unused at `at` and declared nowhere inside `block`, so renaming to it captures nothing.
function isNameFree(sourceCode: TSESLint.SourceCode, at: TSESTree.Node, block: TSESTree.Node, name: string): boolean {
  const scope = sourceCode.getScope(at);
  if (ASTUtils.findVariable(scope, name) || scope.through.some((reference) => reference.identifier.name === name)) return false;
  return !(sourceCode.scopeManager?.scopes ?? []).some((inner) => inner.block.range[0] >= block.range[0] && inner.block.range[1] <= block.range[1] && (inner.set.has(name) || inner.through.some((reference) => reference.identifier.name === name)));
}

function getPushCall(reference: TSESTree.Node): TSESTree.CallExpression | undefined {
  const member = reference.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  if (member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== "push" || call.arguments.length !== 1) return undefined;
  return call.arguments[0]?.type === AST_NODE_TYPES.SpreadElement ? undefined : call;
}

function getPushStatement(reference: TSESTree.Node | undefined): TSESTree.ExpressionStatement | undefined {
  const call = reference && getPushCall(reference);
  return call?.parent.type === AST_NODE_TYPES.ExpressionStatement ? call.parent : undefined;
}

// Why starting `task` later, inside `map`, could change what it computes, or undefined: it must not
// suspend or assign, and may read only the loop's binding and variables nothing reassigns.
function getDeferralProblem(sourceCode: TSESLint.SourceCode, task: TSESTree.Node, binding: TSESTree.Node | undefined): string | undefined {
  const writes = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.UpdateExpression || node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || childNodes(node).some(writes);
  if (writes(task)) return "a pushed task assigns or awaits while it is created, and would do so later, when `map` starts it";
  const scope = sourceCode.getScope(task);
  for (const reference of collectReferences(sourceCode, scope, task)) {
    const variable = reference.resolved;
    if (!variable) continue;
    const declaredInLoop = binding ? variable.defs.some((definition) => definition.name.range[0] >= binding.range[0] && definition.name.range[1] <= binding.range[1]) : isForHeaderCounter(variable);
    const declaredInTask = variable.defs.some((definition) => definition.name.range[0] >= task.range[0] && definition.name.range[1] <= task.range[1]);
    const reassigned = variable.references.some((candidate) => candidate.isWrite() && !candidate.init);
    if (!declaredInLoop && !declaredInTask && reassigned) {
      return `a pushed task reads \`${variable.name}\`, which is reassigned, and would read it later, when \`map\` starts the task`;
    }
  }
  return undefined;
}

// A `let` of a `for` header written only in its update clause: each iteration has its own copy.
function isForHeaderCounter(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0];
  const declaration = definition?.type === "Variable" ? definition.parent : undefined;
  const loop = declaration?.parent;
  if (declaration?.kind !== "let" || loop?.type !== AST_NODE_TYPES.ForStatement || loop.init !== declaration || !loop.update) return false;
  const update = loop.update;
  return variable.references.every((reference) => !reference.isWrite() || reference.init || (reference.identifier.range[0] >= update.range[0] && reference.identifier.range[1] <= update.range[1]));
}

// The references made from inside `node`, in its scope and the scopes nested in it.
function collectReferences(sourceCode: TSESLint.SourceCode, scope: TSESLint.Scope.Scope, node: TSESTree.Node): TSESLint.Scope.Reference[] {
  const inside = (reference: TSESLint.Scope.Reference) => reference.identifier.range[0] >= node.range[0] && reference.identifier.range[1] <= node.range[1];
  const found = scope.references.filter(inside);
  for (const child of sourceCode.scopeManager?.scopes ?? []) {
    if (child !== scope && child.block.range[0] >= node.range[0] && child.block.range[1] <= node.range[1]) found.push(...child.references);
  }
  return found;
}

function getStatementList(statement: TSESTree.Node): readonly Statement[] | undefined {
  const parent = statement.parent;
  if (parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.StaticBlock) return parent.body as Statement[];
  return undefined;
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.BlockStatement && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current;
}

// The lines `node` fills, with their line break, when nothing else shares them; else its own range.
function wholeLines(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf("\n", node.range[0] - 1) + 1;
  const newline = text.indexOf("\n", node.range[1]);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, node.range[0])) && /^[ \t]*\r?\n?$/.test(text.slice(node.range[1], lineEnd));
  return alone ? [lineStart, lineEnd] : [node.range[0], node.range[1]];
}
