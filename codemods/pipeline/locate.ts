// Where a finding lies: ESLint gives 1-based lines and columns on the same text the rewrite edits
// (without a BOM), so both sides agree on offsets.
import type { Finding } from "./types.js";

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
