// Whether a `map` callback can move from Array#map to corral's map, which calls it as
// `fn(item, index, signal)` where Array#map passes `(item, index, array)`.
import type { ASTPath } from "jscodeshift";
import { usesOwnArguments } from "./syntax.js";
import type { Node } from "./template.js";
import type { Site } from "./transform.js";

type FunctionNode = Node & { params: Node[] };

/**
 * thirdParameterProblem returns why the callback at `path` could misread corral's AbortSignal as
 * the array, or undefined when it cannot: an inline function with at most two parameters and no
 * `arguments`, or a reference whose every signature takes at most two, which only the rule (with
 * types) knows: it then offers its `boundWithRuntimeMap` suggestion.
 */
export function thirdParameterProblem(site: Site, path: ASTPath): string | undefined {
  const node = path.node as FunctionNode;
  if (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") {
    if (node.params.length > 2 || node.params.some((parameter) => parameter.type === "RestElement")) {
      return "the callback takes a third parameter (the array), where corral's map passes an AbortSignal";
    }
    if (node.type === "FunctionExpression" && usesOwnArguments(site.j, path)) {
      return "the callback reads `arguments`, whose third element would become corral's AbortSignal";
    }
    return undefined;
  }
  if (site.finding.suggestions.some((suggestion) => suggestion.messageId === "boundWithRuntimeMap")) return undefined;
  return "the callback is passed by reference and may take a third parameter (the array), where corral's map passes an AbortSignal; wrap it as `(item, index) => fn(item, index)`";
}

/** hasCommentOutside tells whether `[start, end)` holds a comment outside the `kept` ranges. */
export function hasCommentOutside(source: string, start: number, end: number, kept: readonly (readonly [number, number])[]): boolean {
  let text = "";
  let position = start;
  for (const [keptStart, keptEnd] of [...kept].sort((left, right) => left[0] - right[0])) {
    text += source.slice(position, keptStart);
    position = keptEnd;
  }
  text += source.slice(position, end);
  return /\/[/*]/.test(text);
}
