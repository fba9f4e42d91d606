import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isAbortSignalType } from "./is-abort-signal-type.js";

/**
 * getSignalInScope returns the source text of the caller's own AbortSignal as seen from `node`, for
 * a suggestion that passes it on (Go's "pass the ctx you were given"): a variable or parameter named
 * `signal` (also destructured `{ signal }`) declared before `node`, else the nearest enclosing
 * function's parameter typed AbortSignal (`withTimeout(ms, (s) => …)`), else `options.signal` for an
 * enclosing parameter whose type has a `signal` property. Undefined when none is typed AbortSignal.
 * It asks the type checker, so rules call it only for a call they report.
 */
export function getSignalInScope(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
): string | undefined {
  const isSignal = (identifier: TSESTree.Node): boolean => isAbortSignalType(services.getTypeAtLocation(identifier));
  const named = ASTUtils.findVariable(sourceCode.getScope(node), "signal")?.identifiers[0];
  if (named && named.range[1] <= node.range[0] && isSignal(named)) return "signal";

  const parameters: TSESTree.Identifier[] = [];
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (!isFunction(ancestor)) continue;
    for (const parameter of ancestor.params) {
      const identifier = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
      if (identifier.type !== AST_NODE_TYPES.Identifier) continue;
      if (isSignal(identifier)) return identifier.name;
      parameters.push(identifier);
    }
  }
  const checker = services.program.getTypeChecker();
  for (const identifier of parameters) {
    const type = services.getTypeAtLocation(identifier);
    const present = type.getNonNullableType();
    const signal = present.getProperty("signal");
    if (signal && isAbortSignalType(checker.getTypeOfSymbol(signal))) {
      return `${identifier.name}${present === type ? "." : "?."}signal`;
    }
  }
  return undefined;
}

function isFunction(
  node: TSESTree.Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}
