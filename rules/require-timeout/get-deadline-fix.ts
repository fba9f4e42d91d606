import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import type { AbortSignalParameter } from "./get-abort-signal-parameter.js";

/**
 * getDeadlineFix returns a fix that passes `signal` (source text) to `call` at `slot`: as the
 * argument itself for a parameter typed AbortSignal, or as the `signal` property of the options
 * argument: merged into an inline object, wrapping another expression (`{ ...init, signal }`),
 * replacing `undefined`, or as a new argument before a callback or at the end. Undefined when the
 * slot lies beyond the next free argument, where no local edit fits. The type checker is asked only
 * whether a non-literal argument in the slot is a callback.
 */
export function getDeadlineFix(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression,
  slot: AbortSignalParameter,
  signal: string,
): TSESLint.ReportFixFunction | undefined {
  const property = signal === "signal" ? "signal" : `signal: ${signal}`;
  const value = slot.kind === "signal" ? signal : `{ ${property} }`;
  const argument = call.arguments[slot.index];
  if (!argument) {
    if (slot.index !== call.arguments.length) return undefined;
    const last = call.arguments.at(-1);
    const closing = sourceCode.getLastToken(call);
    if (last) return (fixer) => fixer.insertTextAfter(last, `, ${value}`);
    return closing ? (fixer) => fixer.insertTextBefore(closing, value) : undefined;
  }
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (slot.kind === "signal" || isUndefined(argument)) return (fixer) => fixer.replaceText(argument, value);
  if (argument.type === AST_NODE_TYPES.ObjectExpression) {
    const lastProperty = argument.properties.at(-1);
    if (!lastProperty) return (fixer) => fixer.replaceText(argument, value);
    return (fixer) => fixer.insertTextAfter(lastProperty, `, ${property}`);
  }
  if (isCallback(services, argument)) return (fixer) => fixer.insertTextBefore(argument, `${value}, `);
  const text = sourceCode.getText(argument);
  const spread = argument.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
  return (fixer) => fixer.replaceText(argument, `{ ...${spread}, ${property} }`);
}

function isCallback(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) return true;
  return services.getTypeAtLocation(node).getCallSignatures().length > 0;
}

function isUndefined(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.Literal && node.value === null);
}
