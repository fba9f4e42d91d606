import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";

// The registration functions of node:test, vitest and jest (and their focus/skip aliases). Their
// callbacks may be async because the runner awaits them, and node:test's `test()`/`describe()`
// return a promise the runner already tracks.
const testRunnerNames = new Set([
  "describe",
  "suite",
  "it",
  "test",
  "before",
  "beforeAll",
  "beforeEach",
  "after",
  "afterAll",
  "afterEach",
  "fdescribe",
  "xdescribe",
  "fit",
  "xit",
  "xtest",
]);

/**
 * isTestRunnerCall tells, by name, whether `call` registers a test, suite or hook: its callee is
 * rooted at one of the runners' global or imported names, as in `test(…)`, `it.only(…)`,
 * `describe.each(table)(…)` or `test.concurrent(…)`. A subtest through a context object
 * (`t.test(…)` in node:test) is not rooted there: it must be awaited, or the parent ends first.
 */
export function isTestRunnerCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  let callee: TSESTree.Node = call.callee;
  for (;;) {
    if (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
    else if (callee.type === AST_NODE_TYPES.CallExpression || callee.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      callee = callee.type === AST_NODE_TYPES.CallExpression ? callee.callee : callee.tag;
    } else if (callee.type === AST_NODE_TYPES.ChainExpression || callee.type === AST_NODE_TYPES.TSNonNullExpression) {
      callee = callee.expression;
    } else break;
  }
  return call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && testRunnerNames.has(callee.name);
}

/**
 * isInTestCallback tells whether `node` runs inside a function given to a test runner's
 * registration call (isTestRunnerCall), at any depth. The runner bounds such code with its test
 * timeout, and fails the test or the run on an unhandled rejection: jest-circus, vitest and
 * node:test all install a handler for it.
 */
export function isInTestCallback(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const parent = current.parent;
    if (ASTUtils.isFunction(current) && parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument) && isTestRunnerCall(parent)) {
      return true;
    }
  }
  return false;
}

/**
 * mentionsRejectionAssertion tells whether `node` (an expression, at any depth) asserts that a
 * promise rejects: `expect(p).rejects…` (vitest, jest) or `assert.rejects(p)` (node:assert). In a
 * test such a promise is meant to reject, so a rejection that escapes before its handler runs
 * fails a passing test, and a dropped assertion checks nothing.
 */
export function mentionsRejectionAssertion(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === "rejects") return true;
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === "rejects") return true;
  if (ASTUtils.isFunction(node)) return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent") continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object" && typeof (child as { type?: unknown }).type === "string" && mentionsRejectionAssertion(child as TSESTree.Node)) return true;
    }
  }
  return false;
}
