import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { isThenable } from "../util/is-thenable.js";
import { isGlobalName } from "../util/is-global-name.js";

const chainMethods = new Set(["then", "catch", "finally"]);

function isAsyncDeclaration(declaration: ts.Declaration | undefined): boolean {
  if (declaration === undefined || !ts.isFunctionLike(declaration)) return false;
  return (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async) !== 0 && "body" in declaration && declaration.body !== undefined;
}

// The call's signature is an `async` function or method with a body: every throw in it, from its
// first line on, becomes a rejection of the promise it returns.
function callsAsyncFunction(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): boolean {
  const tsCall = services.esTreeNodeToTSNodeMap.get(call);
  const signature = services.program.getTypeChecker().getResolvedSignature(tsCall);
  return isAsyncDeclaration(signature?.declaration as ts.Declaration | undefined);
}

/**
 * getSynchronousThrow returns the first part of `expression` that may throw while it is evaluated,
 * before a promise exists (`globalEventQueue()` in `globalEventQueue().add(event)`, a call of a
 * function that is not `async`), or undefined when only a rejection can come out of it: names,
 * property reads, literals, functions, `async` calls, `new Promise(executor)` and
 * `then`/`catch`/`finally` on a promise of such parts. `void f()` lets such a throw reach the caller (the enclosing function, or the
 * caller's caller through an async function's promise); `go(() => f())` would catch it and report
 * it as the task's failure, so a rewrite onto `go` is made only where nothing can throw here.
 * Property reads are taken at the type's word (a getter or a null the types do not show can throw).
 */
export function getSynchronousThrow(services: ParserServicesWithTypeInformation, sourceCode: TSESLint.SourceCode, expression: TSESTree.Node): string | undefined {
  const check = (node: TSESTree.Node | null | undefined): string | undefined => (node ? getSynchronousThrow(services, sourceCode, node) : undefined);
  const first = (nodes: readonly (TSESTree.Node | null)[]): string | undefined => {
    for (const node of nodes) {
      const found = check(node);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Super:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return first(expression.expressions);
    case AST_NODE_TYPES.ArrayExpression:
      return expression.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? sourceCode.getText(expression) : first(expression.elements);
    case AST_NODE_TYPES.ObjectExpression:
      for (const property of expression.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return sourceCode.getText(property);
        const found = first([property.computed ? property.key : null, property.value]);
        if (found !== undefined) return found;
      }
      return undefined;
    case AST_NODE_TYPES.MemberExpression:
      return first([expression.object, expression.computed ? expression.property : null]);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return check(expression.expression);
    case AST_NODE_TYPES.ConditionalExpression:
      return first([expression.test, expression.consequent, expression.alternate]);
    case AST_NODE_TYPES.LogicalExpression:
      return first([expression.left, expression.right]);
    case AST_NODE_TYPES.SequenceExpression:
      return first(expression.expressions);
    case AST_NODE_TYPES.NewExpression:
      // The Promise constructor turns a throw of its executor into a rejection.
      if (expression.callee.type === AST_NODE_TYPES.Identifier && expression.callee.name === "Promise" && isGlobalName(sourceCode, expression, "Promise")) return first(expression.arguments);
      return sourceCode.getText(expression);
    case AST_NODE_TYPES.CallExpression: {
      const callee = expression.callee;
      const isChain = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && chainMethods.has(callee.property.name) && isThenable(services, callee.object);
      if (!isChain && !callsAsyncFunction(services, expression)) return sourceCode.getText(expression);
      const calleeParts = callee.type === AST_NODE_TYPES.MemberExpression ? check(callee) : callee.type === AST_NODE_TYPES.Identifier ? undefined : check(callee);
      return calleeParts ?? first(expression.arguments);
    }
    default:
      return sourceCode.getText(expression);
  }
}
