import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { unionConstituents } from "ts-api-utils";
import ts from "typescript";
import type { TextEdit } from "./rewrite.js";
import type { AbortSignalParameter } from "./get-abort-signal-parameter.js";

/**
 * getDeadlineFix returns the edit that passes `signal` (source text) to `call` at `slot`: as the
 * argument itself for a parameter typed AbortSignal, or as the options' signal property (`signal`,
 * or the slot's `signalOption` such as the AWS SDK's `abortSignal`) of the options argument: merged into an inline object (on a line of its own where the object has one property
 * per line), wrapping another expression (`{ ...init, signal }`), replacing `undefined`, or as a
 * new argument before a callback or at the end. Undefined when the slot lies beyond the next free
 * argument, or holds a value that is not a plain object (a Buffer, a string, a class instance):
 * spreading it would not keep what it holds, so no local edit fits. The type checker is asked only
 * whether a non-literal argument in the slot is a callback or a plain object. The edit never rewrites an argument's own text except `undefined`, so
 * what the arguments hold is kept byte for byte.
 */
export function getDeadlineFix(
  sourceCode: TSESLint.SourceCode,
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression,
  slot: AbortSignalParameter,
  signal: string,
): TextEdit[] | undefined {
  // The options' own name for their signal: `signal`, or the AWS SDK's `abortSignal`.
  const name = slot.signalOption ?? "signal";
  const property = signal === name ? name : `${name}: ${signal}`;
  const value = slot.kind === "signal" ? signal : `{ ${property} }`;
  const argument = call.arguments[slot.index];
  if (!argument) {
    if (slot.index !== call.arguments.length) return undefined;
    const last = call.arguments.at(-1);
    const closing = sourceCode.getLastToken(call);
    if (last) return [{ range: [last.range[1], last.range[1]], text: listEntry(sourceCode, last, value) }];
    return closing ? [{ range: [closing.range[0], closing.range[0]], text: value }] : undefined;
  }
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (slot.kind === "signal" || isUndefined(argument)) return [{ range: argument.range, text: value }];
  if (argument.type === AST_NODE_TYPES.ObjectExpression) {
    const lastProperty = argument.properties.at(-1);
    if (!lastProperty) return [{ range: argument.range, text: value }];
    return [{ range: [lastProperty.range[1], lastProperty.range[1]], text: listEntry(sourceCode, lastProperty, property) }];
  }
  if (isCallback(services, argument)) return [{ range: [argument.range[0], argument.range[0]], text: `${value}, ` }];
  if (!isPlainObject(services, argument)) return undefined;
  const sequence = argument.type === AST_NODE_TYPES.SequenceExpression;
  return [
    { range: [argument.range[0], argument.range[0]], text: sequence ? "{ ...(" : "{ ..." },
    { range: [argument.range[1], argument.range[1]], text: `${sequence ? ")" : ""}, ${property} }` },
  ];
}

// `, entry` after `last`; where the list has one entry per line (a line break follows `last`, or its
// comma), the new entry gets a line of its own, at `last`'s indentation.
function listEntry(sourceCode: TSESLint.SourceCode, last: TSESTree.Node, entry: string): string {
  const text = sourceCode.text;
  if (!/^,?[ \t]*\r?\n/.test(text.slice(last.range[1]))) return `, ${entry}`;
  const lineStart = text.lastIndexOf("\n", last.range[0] - 1) + 1;
  const indentation = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
  return `,\n${indentation}${entry}`;
}

function isCallback(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) return true;
  return services.getTypeAtLocation(node).getCallSignatures().length > 0;
}

// Whether spreading `node` into an object literal keeps what it holds: every value it can have is
// nullish or an object of own properties, not an array-like (a Buffer spreads into numbered keys), a
// primitive or a function.
function isPlainObject(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  return unionConstituents(services.getTypeAtLocation(node)).every((part) => {
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) return true;
    if (!(part.flags & ts.TypeFlags.Object) || part.getCallSignatures().length > 0 || part.getConstructSignatures().length > 0) return false;
    return checker.getIndexInfoOfType(part, ts.IndexKind.Number) === undefined && !checker.isArrayType(part) && !checker.isTupleType(part);
  });
}

function isUndefined(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.Literal && node.value === null);
}
