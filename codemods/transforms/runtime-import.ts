// The runtime imports of a rewritten file, added once: the rules chose each local name against the
// file's scopes (so an added binding never captures a reference) and the codemod merges what all
// applied rewrites need into one import, found through jscodeshift's parse of the rewritten text.
import { placeRuntimeImport, runtimeModule, type RuntimeImportNeed } from "eslint-plugin-corral";
import type { JSCodeshift } from "jscodeshift";

interface ImportSpecifierNode {
  type: string;
}

function specifierText({ name, local }: RuntimeImportNeed): string {
  return name === local ? name : `${name} as ${local}`;
}

interface ParsedImport {
  type: string;
  start: number;
  end: number;
  importKind?: string;
  source?: { value: string; extra?: { raw?: string } };
  specifiers?: (ImportSpecifierNode & { end: number })[];
  comments?: { leading?: boolean; start: number; end: number }[];
}

// Where a first import goes in a file without one: above a doc comment attached to the first
// statement, but below a file header (line comments opening the file, or any comment block set
// off by a blank line).
function topInsertionPoint(source: string, first: ParsedImport): number {
  let position = first.start;
  const leading = (first.comments ?? []).filter((comment) => comment.leading).sort((left, right) => right.start - left.start);
  for (const comment of leading) {
    if (/\n\s*\n/.test(source.slice(comment.end, position))) break;
    position = comment.start;
  }
  const opensFile = /^(?:#![^\n]*\n)?\s*$/.test(source.slice(0, position));
  if (position !== first.start && opensFile && source.startsWith("//", position)) position = first.start;
  return source.lastIndexOf("\n", position - 1) + 1;
}

/**
 * addRuntimeImports adds the `needed` imports to `source` (the printed, rewritten file) as text:
 * into the last named value import of @corral/runtime when there is one, else as a new declaration
 * among the file's package imports (placeRuntimeImport; `aliases` are the tsconfig's path aliases, which
 * are not packages), in the last import's quote and semicolon style.
 */
export function addRuntimeImports(j: JSCodeshift, source: string, needed: readonly RuntimeImportNeed[], aliases: readonly string[] = []): string {
  const specifiers = [...new Set(needed.map(specifierText))].sort((left, right) => left.localeCompare(right, "en", { sensitivity: "base" }));
  if (specifiers.length === 0) return source;
  const body = j(source).get().node.program.body as ParsedImport[];
  const imports = body.filter((statement) => statement.type === "ImportDeclaration");
  const named = imports.findLast(
    (statement) => statement.source?.value === runtimeModule && statement.importKind !== "type" && statement.specifiers?.some((specifier) => specifier.type === "ImportSpecifier"),
  );
  const lastSpecifier = named?.specifiers?.findLast((specifier) => specifier.type === "ImportSpecifier");
  if (lastSpecifier) return `${source.slice(0, lastSpecifier.end)}, ${specifiers.join(", ")}${source.slice(lastSpecifier.end)}`;
  const last = imports.at(-1);
  const quote = last?.source?.extra?.raw?.startsWith("'") ? "'" : '"';
  const semicolon = last === undefined || source.slice(last.start, last.end).endsWith(";") ? ";" : "";
  const statement = `import { ${specifiers.join(", ")} } from ${quote}${runtimeModule}${quote}${semicolon}`;
  const placement = placeRuntimeImport(source, imports.map((declaration) => ({ specifier: String(declaration.source?.value), start: declaration.start, end: declaration.end })), aliases);
  if (placement) return `${source.slice(0, placement.at)}${placement.text(statement)}${source.slice(placement.at)}`;
  const first = body[0];
  if (!first) return `${statement}\n${source}`;
  const at = topInsertionPoint(source, first);
  return `${source.slice(0, at)}${statement}\n\n${source.slice(at)}`;
}
