import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";

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
