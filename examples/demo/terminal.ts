// Terminal output for the demo: colours only on a terminal, text wrapped to its width, and a
// table whose cells wrap inside their column.

import picocolors from "picocolors";

/** colors are picocolors' functions, enabled only when stdout is a terminal and NO_COLOR is unset. */
export const colors = picocolors.createColors(process.stdout.isTTY === true && !("NO_COLOR" in process.env));

/** Paint is one of the colour functions of `colors`. */
export type Paint = (text: string) => string;

/** Cell is the text of a table cell and the colour of its lines. */
export interface Cell {
  text: string;
  paint?: Paint | undefined;
}

/** terminalWidth is the width to lay text out in: the terminal's, within 72 to 120 columns. */
export function terminalWidth(): number {
  return Math.min(120, Math.max(72, process.stdout.columns ?? 100));
}

/** wrap breaks `text` into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      // A word longer than a line is cut rather than let overflow a table column.
      for (; rest.length > width; rest = rest.slice(width)) {
        if (line !== "") lines.push(line);
        line = "";
        lines.push(rest.slice(0, width));
      }
      if (line === "") line = rest;
      else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** indent prefixes every line of `lines` with `prefix` and joins them. */
export function indent(lines: readonly string[], prefix: string): string {
  return lines.map((line) => `${prefix}${line}`).join("\n");
}

/** heading is a numbered step title: `2/4  Codemod …`, bold. */
export function heading(step: number, steps: number, title: string): string {
  return `\n${colors.bold(colors.cyan(`${step}/${steps}`))}  ${colors.bold(title)}\n`;
}

/**
 * table lays `rows` out under `header` with box-drawing borders in `width` columns: the first
 * column gets up to a third of the width, the others share the rest.
 */
export function table(header: readonly Cell[], rows: readonly (readonly Cell[])[], width: number): string {
  const columns = header.length;
  const inner = width - (3 * columns + 1);
  const longestLabel = Math.max(...[header, ...rows].map((row) => Math.max(...(row[0]?.text.split("\n") ?? [""]).map((line) => line.length))));
  const first = Math.min(longestLabel, Math.floor(inner / 3));
  const rest = Math.floor((inner - first) / (columns - 1));
  const widths = [first, ...Array.from({ length: columns - 1 }, () => rest)];
  const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((size) => "─".repeat(size + 2)).join(middle)}${right}`;
  const line = (row: readonly Cell[]): string => {
    const cells = widths.map((size, index) => wrap(row[index]?.text ?? "", size));
    const height = Math.max(...cells.map((cell) => cell.length));
    const out: string[] = [];
    for (let lineIndex = 0; lineIndex < height; lineIndex++) {
      const parts = widths.map((size, index) => {
        const text = cells[index]?.[lineIndex] ?? "";
        const paint = row[index]?.paint ?? ((plain: string) => plain);
        return ` ${paint(text)}${" ".repeat(size - text.length)} `;
      });
      out.push(`│${parts.join("│")}│`);
    }
    return out.join("\n");
  };
  return [rule("┌", "┬", "┐"), line(header), rule("├", "┼", "┤"), rows.map(line).join(`\n${rule("├", "┼", "┤")}\n`), rule("└", "┴", "┘")].join("\n");
}
