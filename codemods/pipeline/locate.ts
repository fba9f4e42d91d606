// Finding the node a finding reports: ESLint gives 1-based lines and columns on the same text the
// rewrite parses, so both sides agree on offsets; the node is the one with exactly that range.
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { Finding } from "./types.js";
import type { Node } from "../transforms/template.js";

const lineBreak = /\r\n|[\r\n\u2028\u2029]/g;

/** lineStarts returns the offset at which each line of `source` starts (ESLint's line breaks). */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (const match of source.matchAll(lineBreak)) starts.push(match.index + match[0].length);
  return starts;
}

/** findingRange converts a finding's lines and columns into offsets `[start, end)`. */
export function findingRange(starts: readonly number[], finding: Finding): [number, number] {
  const start = (starts[finding.line - 1] ?? 0) + finding.column - 1;
  const end = (starts[finding.endLine - 1] ?? 0) + finding.endColumn - 1;
  return [start, end];
}

/**
 * NodeIndex finds the path of the node that spans a range. Where several nodes share it (a call
 * and its statement without a semicolon), the outermost one that is not a statement wins: findings
 * report expressions, declarator names and functions, never statements.
 */
export class NodeIndex {
  readonly #byRange = new Map<string, ASTPath>();

  constructor(j: JSCodeshift, root: Collection) {
    root.find(j.Node).forEach((path) => {
      const node = path.node as Node;
      if (typeof node.start !== "number" || typeof node.end !== "number") return;
      if (j.Statement.check(node) && !j.Expression.check(node)) return;
      const key = `${node.start}:${node.end}`;
      if (!this.#byRange.has(key)) this.#byRange.set(key, path as unknown as ASTPath);
    });
  }

  /** at returns the path spanning exactly `[start, end)`, if any. */
  at(start: number, end: number): ASTPath | undefined {
    return this.#byRange.get(`${start}:${end}`);
  }
}
