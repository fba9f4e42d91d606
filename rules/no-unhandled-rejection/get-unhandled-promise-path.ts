import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type AbruptStatement, getAbruptCompletionTarget } from "./get-abrupt-completion-target.js";
import { getStatementsAfter } from "./get-statements-after.js";

/**
 * PromiseLoss is where a held promise stops being handled on some path: at a `suspension` (an
 * `await`, `yield` or `for await` that runs first), an `exit` (`return`, `throw`, `break`, `continue`
 * or a reassignment of the variable), a `branch` (an `if`, `switch`, loop or `try` with a path that
 * does not handle it) or the `end` of the block that ends the variable's life.
 */
export interface PromiseLoss {
  kind: "suspension" | "exit" | "branch" | "end";
  node: TSESTree.Node;
}

/** HeldPromise describes a variable that holds a promise from `start` on, for getUnhandledPromisePath. */
export interface HeldPromise {
  /** start is the declarator, or the assignment statement, that stores the promise. */
  start: TSESTree.VariableDeclarator | TSESTree.ExpressionStatement;
  /** scope is the block (a BlockStatement, Program, StaticBlock or SwitchStatement) the variable lives in. */
  scope: TSESTree.Node;
  /** handlers are the references, and the closures holding references, that handle the promise. */
  handlers: ReadonlySet<TSESTree.Node>;
  /** overwrites are the references that assign the variable another value. */
  overwrites: ReadonlySet<TSESTree.Node>;
  /** identifiers are all the variable's references, so a test of the variable itself is recognised. */
  identifiers: ReadonlySet<TSESTree.Node>;
  /**
   * isPromiseGuard tells whether an `if` test holds only when the variable holds a thenable
   * (`value instanceof Promise`): the branch taken when it fails has no promise to handle.
   */
  isPromiseGuard?: (test: TSESTree.Expression) => boolean;
  /**
   * isNonPromiseGuard tells whether an `if` test holds only when the variable holds no thenable
   * (`"rows" in value` where no thenable it may hold has `rows`): the branch taken when it holds
   * has no promise to handle.
   */
  isNonPromiseGuard?: (test: TSESTree.Expression) => boolean;
}

// Thrown to unwind the walk: with the first loss found, or with none when the walk meets a shape it
// does not analyse (the rule then stays quiet rather than guess).
class Stop {
  constructor(readonly loss: PromiseLoss | undefined) {}
}

const skippedKeys: ReadonlySet<string> = new Set(["typeAnnotation", "typeArguments", "typeParameters", "returnType", "decorators"]);
const boundaryTypes: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.ClassDeclaration,
  AST_NODE_TYPES.ClassExpression,
]);

/**
 * getUnhandledPromisePath walks the code after `held.start`, in evaluation order and branch by branch,
 * and returns the first place where the promise is still unhandled when something else can fail
 * first or control leaves the variable's block; undefined when every path hands it on. Statements
 * are followed through blocks, `if`, `switch`, loops, `try` and labels; inside an expression, a
 * handling anywhere counts for every path (`x ?? await p` is trusted).
 */
export function getUnhandledPromisePath(
  held: HeldPromise,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): PromiseLoss | undefined {
  const active = new Set<TSESTree.Node>();
  const broken = new Set<TSESTree.Node>();
  const continued = new Set<TSESTree.Node>();
  const caught = new Set<TSESTree.Node>();
  const arrivals = { BreakStatement: broken, ContinueStatement: continued, ThrowStatement: caught };
  let handlings = 0;
  let lastBranch: TSESTree.Node | undefined;

  const lose = (kind: PromiseLoss["kind"], node: TSESTree.Node): never => {
    throw new Stop({ kind, node });
  };

  function scan(node: TSESTree.Node): boolean {
    if (held.handlers.has(node)) {
      handlings++;
      return true;
    }
    if (boundaryTypes.has(node.type)) return false;
    if (held.overwrites.has(node)) lose("exit", node);
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) {
      return (node.argument !== null && scan(node.argument)) || lose("suspension", node);
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && held.overwrites.has(node.left)) {
      return scan(node.right) || lose("exit", node.left);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      if (skippedKeys.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const value of Array.isArray(child) ? child : [child]) {
        if (isNode(value) && scan(value)) return true;
      }
    }
    return false;
  }

  function walkList(statements: readonly TSESTree.Node[]): boolean {
    return statements.every((statement) => walk(statement));
  }

  // Runs a branching statement and remembers it when it is what leaves a path unhandled.
  function branching(node: TSESTree.Node, run: () => boolean): boolean {
    const handlingsBefore = handlings;
    const branchBefore = lastBranch;
    active.add(node);
    const falls = run();
    active.delete(node);
    if (falls && handlings > handlingsBefore && lastBranch === branchBefore) lastBranch = node;
    return falls;
  }

  function loop(node: TSESTree.Node, body: TSESTree.Node, endless: boolean): boolean {
    return branching(node, () => {
      walk(body);
      const left = broken.delete(node);
      continued.delete(node);
      // A loop that tests a condition may run no iteration at all, so control can always pass it.
      return endless ? left : true;
    });
  }

  // A `break`, `continue` or `throw` with the promise still unhandled: it reaches a statement being
  // walked (which decides what happens next), leaves the variable's block (a loss), or lands in an
  // enclosing statement the walk does not follow.
  function leave(statement: AbruptStatement): boolean {
    const target = getAbruptCompletionTarget(statement);
    if (target && active.has(target)) arrivals[statement.type].add(target);
    else if (!target || contains(target, held.scope)) lose("exit", statement);
    else throw new Stop(undefined);
    return false;
  }

  function walk(node: TSESTree.Node): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        return walkList(node.body);
      case AST_NODE_TYPES.IfStatement: {
        if (scan(node.test)) return false;
        // A branch taken only when the variable is falsy, nullish or not a thenable runs with no promise in it.
        const empty = getEmptyBranch(node.test, held.identifiers, held);
        return branching(node, () => {
          const consequentFalls = empty !== "consequent" && walk(node.consequent);
          const alternateFalls = empty !== "alternate" && (node.alternate ? walk(node.alternate) : true);
          return alternateFalls || consequentFalls;
        });
      }
      case AST_NODE_TYPES.SwitchStatement:
        if (scan(node.discriminant)) return false;
        return branching(node, () => {
          let falls = !node.cases.some((switchCase) => switchCase.test === null);
          for (const switchCase of node.cases) {
            if (switchCase.test && scan(switchCase.test)) return false;
            const caseFalls = walkList(switchCase.consequent);
            if (switchCase === node.cases.at(-1)) falls ||= caseFalls;
          }
          return broken.delete(node) || falls;
        });
      case AST_NODE_TYPES.WhileStatement:
        return !scan(node.test) && loop(node, node.body, isTrue(node.test));
      case AST_NODE_TYPES.DoWhileStatement:
        return branching(node, () => {
          const bodyFalls = walk(node.body) || continued.delete(node);
          return broken.delete(node) || (bodyFalls && !scan(node.test) && !isTrue(node.test));
        });
      case AST_NODE_TYPES.ForStatement:
        if (node.init && scan(node.init)) return false;
        if (node.test && scan(node.test)) return false;
        return loop(node, node.body, node.test === null);
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        if (scan(node.right)) return false;
        if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) lose("suspension", node);
        return !scan(node.left) && loop(node, node.body, false);
      case AST_NODE_TYPES.LabeledStatement:
        return branching(node, () => walk(node.body) || broken.delete(node));
      case AST_NODE_TYPES.TryStatement:
        return branching(node, () => {
          let falls = walk(node.block);
          active.delete(node);
          if (node.handler && caught.delete(node)) falls = walk(node.handler.body) || falls;
          return node.finalizer && falls ? walk(node.finalizer) : falls;
        });
      case AST_NODE_TYPES.ReturnStatement:
        return !(node.argument && scan(node.argument)) && lose("exit", node);
      case AST_NODE_TYPES.ThrowStatement:
        return !scan(node.argument) && leave(node);
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        return leave(node);
      case AST_NODE_TYPES.FunctionDeclaration:
        return true;
      default:
        return !scan(node);
    }
  }

  // After the start, control runs through the rest of its statement list, then outwards through the
  // blocks and `if`s that enclose it, up to the end of the variable's own block.
  function walkFromStart(): void {
    let statement: TSESTree.Node = held.start;
    if (held.start.type === AST_NODE_TYPES.VariableDeclarator) {
      const declaration = held.start.parent;
      const declarators: readonly TSESTree.VariableDeclarator[] = declaration.declarations;
      const later = declarators.slice(declarators.indexOf(held.start) + 1);
      if (later.some((declarator) => scan(declarator))) return;
      statement = declaration;
    }
    for (;;) {
      const container = statement.parent;
      if (!container) return;
      const following = getStatementsAfter(statement, container);
      if (!following) throw new Stop(undefined);
      if (!walkList(following)) return;
      if (container === held.scope || (container.type === AST_NODE_TYPES.SwitchCase && container.parent === held.scope)) {
        lose(lastBranch ? "branch" : "end", lastBranch ?? held.scope);
      }
      statement = getEnclosingStatement(container);
    }
  }

  try {
    walkFromStart();
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.loss;
    throw error;
  }
}

/**
 * getEmptyBranch tells which branch of an `if` testing `test` runs only when the variable (known by
 * its reference `identifiers`) holds no promise, a promise being truthy and never nullish:
 * `if (p)`'s alternate, `if (!p)`'s and `if (p == null)`'s consequent, `if (p !== undefined)`'s alternate,
 * the alternate of a test `isPromiseGuard` recognises (`if (p instanceof Promise)`), and the
 * consequent of one `isNonPromiseGuard` recognises (`if ("rows" in p)`).
 */
function getEmptyBranch(
  test: TSESTree.Expression,
  identifiers: ReadonlySet<TSESTree.Node>,
  guards: Pick<HeldPromise, "isPromiseGuard" | "isNonPromiseGuard">,
): "consequent" | "alternate" | undefined {
  if (identifiers.has(test) || guards.isPromiseGuard?.(test) === true) return "alternate";
  if (guards.isNonPromiseGuard?.(test) === true) return "consequent";
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
    const negated = getEmptyBranch(test.argument, identifiers, guards);
    return negated === "consequent" ? "alternate" : negated === "alternate" ? "consequent" : undefined;
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const comparesVariable =
    (identifiers.has(test.left) && isNullish(test.right)) || (identifiers.has(test.right) && isNullish(test.left));
  if (!comparesVariable) return undefined;
  if (test.operator === "==" || test.operator === "===") return "consequent";
  return test.operator === "!=" || test.operator === "!==" ? "alternate" : undefined;
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !("regex" in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "void")
  );
}

function getEnclosingStatement(block: TSESTree.Node): TSESTree.Node {
  let node = block;
  while (node.parent?.type === AST_NODE_TYPES.IfStatement || node.parent?.type === AST_NODE_TYPES.LabeledStatement) {
    node = node.parent;
  }
  if (node.type !== AST_NODE_TYPES.BlockStatement && node === block) throw new Stop(undefined);
  return node;
}

function isTrue(test: TSESTree.Expression): boolean {
  return test.type === AST_NODE_TYPES.Literal && test.value === true;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
