import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { getCorralRuntimeImport } from "./get-corral-runtime-import.js";

/** RuntimeMapRewrite is an edit of `Promise.all(xs.map(fn))` into @corral/runtime's bounded `map`. */
export interface RuntimeMapRewrite {
  /** reference names the runtime function at the call site: `map`, an alias, or `runtime.map`. */
  reference: string;
  /** fix replaces the `Promise` call and adds or extends the runtime import when needed. */
  fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * getRuntimeMapRewrite returns the edit of `Promise.all(xs.map(fn))` (or `allSettled`) into
 * `map(xs, fn, { concurrency })` (or `mapSettled`) when it keeps results, order and types: a plain
 * non-optional `xs.map(fn)` with no `thisArg` or type arguments, no comment that the edit would
 * drop, and a callback that never reads a third parameter, since corral's `map` passes
 * `(item, index, signal)` where `Array#map` passes `(item, index, array)`. Undefined otherwise, or
 * when the runtime import cannot be added safely.
 */
export function getRuntimeMapRewrite(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  combinator: TSESTree.CallExpression,
  mapCall: TSESTree.CallExpression,
  exportName: "map" | "mapSettled",
  concurrency: number,
): RuntimeMapRewrite | undefined {
  const callee = mapCall.callee;
  const callback = mapCall.arguments[0];
  if (
    combinator.arguments.length !== 1 ||
    combinator.arguments[0] !== mapCall ||
    combinator.typeArguments ||
    combinator.parent.type === AST_NODE_TYPES.ChainExpression ||
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.optional ||
    mapCall.arguments.length !== 1 ||
    mapCall.typeArguments ||
    !callback ||
    callback.type === AST_NODE_TYPES.SpreadElement ||
    !ignoresThirdParameter(sourceCode, services, callback)
  ) {
    return undefined;
  }
  const kept = [callee.object.range, callback.range];
  const dropsComment = sourceCode
    .getCommentsInside(combinator)
    .some((comment) => !kept.some(([start, end]) => start <= comment.range[0] && comment.range[1] <= end));
  const runtimeImport = dropsComment ? undefined : getCorralRuntimeImport(sourceCode, services, exportName, combinator);
  if (!runtimeImport) return undefined;
  const replacement = `${runtimeImport.reference}(${argumentText(sourceCode, callee.object)}, ${argumentText(sourceCode, callback)}, { concurrency: ${concurrency} })`;
  return {
    reference: runtimeImport.reference,
    fix: (fixer) => [fixer.replaceText(combinator, replacement), ...(runtimeImport.fix ? [runtimeImport.fix(fixer)] : [])],
  };
}

function ignoresThirdParameter(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  callback: TSESTree.Expression,
): boolean {
  if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) {
    if (callback.params.length > 2 || callback.params.some((parameter) => parameter.type === AST_NODE_TYPES.RestElement)) return false;
    if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression) return true;
    return (sourceCode.getScope(callback).set.get("arguments")?.references.length ?? 0) === 0;
  }
  // A function passed by reference is judged by its type: none of its signatures may take a third
  // argument, or it would start receiving an AbortSignal where it expected the array.
  const signatures = services.getTypeAtLocation(callback).getCallSignatures();
  return (
    signatures.length > 0 &&
    signatures.every((signature) => signature.parameters.length <= 2 && !signature.parameters.some(isRestParameter))
  );
}

function isRestParameter(parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
}

function argumentText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
}
