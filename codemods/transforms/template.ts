// Building replacement nodes from source text. A replacement is written as code, parsed, and its
// placeholders swapped for the nodes it keeps ("holes"): recast then prints the parsed template
// from its own text and each hole from the file's text (with any edit already made inside it), so
// the layout of what is kept survives, and nothing outside the replaced node is reprinted.
import type { ASTNode, ASTPath, JSCodeshift } from "jscodeshift";

/** Node is a babel AST node as jscodeshift parses it, with its source offsets. */
export type Node = ASTNode & { start?: number | null; end?: number | null; extra?: Record<string, unknown> | null };

/** SourceContext is the file a rewrite works on: its text (without BOM) and the matching parser. */
export interface SourceContext {
  j: JSCodeshift;
  source: string;
}

/** Edit replaces `[start, end)` of the original text by `text`, or by a placeholder for `hole`. */
export interface Edit {
  start: number;
  end: number;
  text?: string;
  hole?: Node;
}

const placeholderPrefix = "__corral_hole_";

/** rangeOf returns the source offsets `[start, end)` of a node parsed from the file. */
export function rangeOf(node: Node): [number, number] {
  if (typeof node.start !== "number" || typeof node.end !== "number") throw new Error("corral: a node without source offsets was asked for its range");
  return [node.start, node.end];
}

/** hole returns the placeholder text standing for `holes[index]` in a template. */
export function hole(index: number): string {
  return `${placeholderPrefix}${index}`;
}

/**
 * buildExpression parses `code` (an expression that uses `hole(i)` for `holes[i]`) and returns its
 * node with every placeholder replaced by the hole node. Each hole must appear once.
 */
export function buildExpression(context: SourceContext, code: string, holes: readonly Node[]): Node {
  const { j } = context;
  // An array element is an expression position where an object literal or a function parses as
  // one, without parentheses that recast would keep (and reprint the template for).
  const root = j(`[${code}];`);
  const statement = root.get().node.program.body[0] as { expression: { elements: Node[] } };
  const expression = statement.expression.elements[0] as Node;
  const replaced = new Set<number>();
  root.find(j.Identifier).forEach((path: ASTPath) => {
    const name = (path.node as { name: string }).name;
    if (!name.startsWith(placeholderPrefix)) return;
    const index = Number(name.slice(placeholderPrefix.length));
    const node = holes[index];
    if (node === undefined || replaced.has(index)) throw new Error(`corral: template placeholder ${name} has no hole`);
    replaced.add(index);
    // The hole's own parentheses belonged to its old place; recast adds any the new one needs.
    if (node.extra?.parenthesized) node.extra.parenthesized = false;
    path.replace(node);
  });
  if (replaced.size !== holes.length) throw new Error("corral: a template left a hole unused");
  if (holes.length === 1 && code === hole(0)) return holes[0] as Node;
  return expression;
}

/**
 * spliceExpression rebuilds `node` from its own source text with `edits` applied (offsets in the
 * file, inside the node, not overlapping), so everything the edits do not touch keeps its text.
 */
export function spliceExpression(context: SourceContext, node: Node, edits: readonly Edit[]): Node {
  const [start, end] = rangeOf(node);
  const sorted = [...edits].sort((left, right) => left.start - right.start || left.end - right.end);
  const holes: Node[] = [];
  let code = "";
  let position = start;
  for (const edit of sorted) {
    if (edit.start < position || edit.end > end) throw new Error("corral: overlapping or outlying edits in a splice");
    code += context.source.slice(position, edit.start);
    if (edit.hole) {
      code += hole(holes.length);
      holes.push(edit.hole);
    }
    code += edit.text ?? "";
    position = edit.end;
  }
  code += context.source.slice(position, end);
  return buildExpression(context, dedent(code, indentationAt(context.source, start)), holes);
}

/** indentationAt returns the whitespace that starts the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, offset))?.[0] ?? "";
}

// recast indents a template's later lines by the indentation of the line it lands on, so the
// spliced text must carry them relative to its first line, as if that line started at column 0.
function dedent(code: string, indentation: string): string {
  return indentation === "" ? code : code.split("\n").map((line, index) => (index > 0 && line.startsWith(indentation) ? line.slice(indentation.length) : line)).join("\n");
}

/**
 * Kept is a node a rewrite keeps: its path, and the range it had in the file before any edit (a
 * rewrite nested inside may since have replaced the node at that path).
 */
export interface Kept {
  path: ASTPath;
  start: number;
  end: number;
}

/** keep records `path` and its original range, at analysis time, before any edit. */
export function keep(path: ASTPath): Kept {
  const [start, end] = rangeOf(path.node as Node);
  return { path, start, end };
}

/** holeEdit is an Edit that puts the current node of `kept` where it stood, as a hole. */
export function holeEdit(kept: Kept): Edit {
  return { start: kept.start, end: kept.end, hole: kept.path.node as Node };
}

/** formatNumber writes 30000 as `30_000`, the way a reader would, and small numbers plainly. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) && value >= 10_000 ? String(value).replace(/\B(?=(\d{3})+$)/g, "_") : String(value);
}
