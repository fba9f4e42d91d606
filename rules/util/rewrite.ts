// A rewrite is a rule's suggestion that the codemod applies as it stands: the rule, which has the
// whole file, its scopes and the type checker, decides whether the edit is safe and computes its
// text once; the editor shows it as a suggestion, and the codemod reads the same edits from the
// suggestion's data (ESLint merges a suggestion's fixes into one span, which would hide where the
// kept code lies, so the edits travel separately). Where the rule refuses, it says why: in the
// codemod's lint run only, as a suggestion that changes nothing and carries the reason.
import type { TSESLint } from "@typescript-eslint/utils";
import type { RuntimeExport } from "./runtime.js";

/** TextEdit replaces `range` (offsets in the linted text) by `text`. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/** RuntimeImportNeed is a runtime export a rewrite references by `local`, which the file must import. */
export interface RuntimeImportNeed {
  name: RuntimeExport;
  local: string;
}

/**
 * Rewrite is the code of one rewrite: the edits of the site, which never touch the code they keep,
 * and the runtime imports the edits reference; `importFixes` adds those imports for ESLint.
 */
export interface Rewrite {
  /** runtime is the runtime export the rewrite uses and how it names it there (`corralMap`, `runtime.map`), if any. */
  runtime?: { name: RuntimeExport; reference: string };
  edits: TextEdit[];
  imports: RuntimeImportNeed[];
  importFixes: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix)[];
  /** fallback is the same rewrite doing less (see RewriteData), if there is one. */
  fallback?: PlainRewrite;
}

/** RewriteVerdict is a rewrite, or why the site must stay manual (a sentence for the report). */
export type RewriteVerdict = Rewrite | { manual: string };

/** PlainRewrite is a rewrite's edits and the runtime imports they reference. */
export interface PlainRewrite {
  edits: TextEdit[];
  imports: RuntimeImportNeed[];
}

/** RewriteData is what a rewrite suggestion's `data.rewrite` holds for the codemod. */
export interface RewriteData extends PlainRewrite {
  /**
   * fallback is the rewrite without a part it stands without (a `map` callback's new `signal`
   * parameter and the calls it is passed to), which the codemod applies where the whole one
   * collides with another finding's rewrite: require-timeout giving the same call a deadline.
   */
  fallback?: PlainRewrite;
}

/** manualMessageId is the suggestion that carries a refused rewrite's reason in a codemod run. */
export const manualMessageId = "leaveManual";

/** manualMessage is that suggestion's text; every rule with rewrites declares it under manualMessageId. */
export const manualMessage = "No mechanical rewrite is safe here, so the codemod leaves it to a person, as a Go reviewer would: {{reason}}.";

/** manual is the verdict for a site no rewrite can change safely. */
export function manual(reason: string): RewriteVerdict {
  return { manual: reason };
}

/** isManual tells a refused verdict from a rewrite. */
export function isManual(verdict: RewriteVerdict): verdict is { manual: string } {
  return "manual" in verdict;
}

/** rewriteOf builds a Rewrite from edits and the runtime imports they need. */
export function rewriteOf(edits: TextEdit[], ...references: ({ name: RuntimeExport; reference: string; import?: RuntimeImportNeed; fix?: Rewrite["importFixes"][number] } | undefined)[]): Rewrite {
  const runtime = references.find((candidate) => candidate !== undefined);
  return {
    ...(runtime === undefined ? {} : { runtime: { name: runtime.name, reference: runtime.reference } }),
    edits,
    imports: references.flatMap((reference) => (reference?.import ? [reference.import] : [])),
    importFixes: references.flatMap((reference) => (reference?.fix ? [reference.fix] : [])),
  };
}

/** withFallback gives `rewrite` the `fallback` it stands back to (see RewriteData). */
export function withFallback(rewrite: Rewrite, fallback: Rewrite): Rewrite {
  return { ...rewrite, fallback: { edits: fallback.edits, imports: fallback.imports } };
}

/** isCodemodRun tells whether the lint run is the codemod's (`settings.corral.codemod`), which wants reasons. */
export function isCodemodRun(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const corral = (context.settings as { corral?: { codemod?: unknown } }).corral;
  return corral?.codemod === true;
}

/**
 * rewriteSuggestions turns a verdict into suggestions: the rewrite under `messageId` (its edits
 * and imports as ESLint fixes, and as `data.rewrite` for the codemod), or, in a codemod run, the
 * reason it was refused.
 */
export function rewriteSuggestions<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  verdict: RewriteVerdict,
  messageId: MessageIds,
  data: Record<string, unknown> = {},
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  if (isManual(verdict)) {
    if (!isCodemodRun(context)) return [];
    const at = context.sourceCode.ast.range[0];
    return [{ messageId: manualMessageId as MessageIds, data: { reason: verdict.manual }, fix: (fixer) => fixer.insertTextBeforeRange([at, at], "") }];
  }
  const rewrite: RewriteData = { edits: verdict.edits, imports: verdict.imports, ...(verdict.fallback ? { fallback: verdict.fallback } : {}) };
  return [
    {
      messageId,
      data: { ...data, rewrite },
      fix: (fixer) => [...verdict.edits.map((edit) => fixer.replaceTextRange(edit.range as [number, number], edit.text)), ...verdict.importFixes.map((fix) => fix(fixer))],
    },
  ];
}

/** indentationAt returns the whitespace that starts the line holding `offset` of `text`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/**
 * reindentEdits keeps kept code at the right depth when a rewrite moves its first line: the lines
 * after the first in `range` trade the indentation of the line `range` started on for `indentation`
 * (the line the rewrite now puts it on), as `Promise.all(\n  xs.map(…)` becoming `map(xs, …` takes
 * the callback's body one level out. Nothing changes where a template literal spans lines there,
 * since its whitespace is part of a string.
 */
export function reindentEdits(sourceCode: TSESLint.SourceCode, range: readonly [number, number], indentation: string): TextEdit[] {
  const from = movedIndentation(sourceCode, range, indentation);
  if (from === undefined) return [];
  const text = sourceCode.text;
  const edits: TextEdit[] = [];
  for (let newline = text.indexOf("\n", range[0]); newline !== -1 && newline < range[1]; newline = text.indexOf("\n", newline + 1)) {
    const lineStart = newline + 1;
    if (text.startsWith(from, lineStart) && !/^[ \t]*\r?$/.test(text.slice(lineStart, text.indexOf("\n", lineStart) === -1 ? undefined : text.indexOf("\n", lineStart)))) {
      edits.push({ range: [lineStart, lineStart + from.length], text: indentation });
    }
  }
  return edits;
}

/**
 * reindentInsertions moves the lines that `edits` (edits inside the kept code at `range`) insert the
 * way reindentEdits moves the kept lines around them: a line of new text indented like the kept
 * code's first line (an option `getDeadlineFix` puts on a line of its own) trades that indentation
 * for `indentation` too.
 */
export function reindentInsertions(sourceCode: TSESLint.SourceCode, range: readonly [number, number], indentation: string, edits: readonly TextEdit[]): TextEdit[] {
  const from = movedIndentation(sourceCode, range, indentation);
  if (from === undefined) return [...edits];
  const move = (line: string, own: string): string => (own.startsWith(from) ? `\n${indentation}${own.slice(from.length)}` : line);
  return edits.map((edit) => ({ range: edit.range, text: edit.text.replace(/\n([ \t]*)/g, move) }));
}

// The indentation the kept code at `range` gives up for `indentation`, or undefined when nothing
// moves: the same depth, or a template literal whose whitespace is part of a string spans lines.
function movedIndentation(sourceCode: TSESLint.SourceCode, range: readonly [number, number], indentation: string): string | undefined {
  const from = indentationAt(sourceCode.text, range[0]);
  if (from === indentation) return undefined;
  const spansLines = (token: { type: string; value: string; range: [number, number] }) => token.type === "Template" && token.value.includes("\n") && token.range[0] < range[1] && token.range[1] > range[0];
  return sourceCode.ast.tokens.some(spansLines) ? undefined : from;
}

/**
 * reindentText is reindentEdits for source text the rewrite copies to a line indented by
 * `indentation`, with `inner` (edits inside `range`, see reindentInsertions) applied to the copy.
 */
export function reindentText(sourceCode: TSESLint.SourceCode, range: readonly [number, number], indentation: string, inner: readonly TextEdit[] = []): string {
  const edits = [...reindentEdits(sourceCode, range, indentation), ...reindentInsertions(sourceCode, range, indentation, inner)].sort(
    (left, right) => left.range[0] - right.range[0] || left.range[1] - right.range[1],
  );
  let result = "";
  let position = range[0];
  for (const edit of edits) {
    result += sourceCode.text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return result + sourceCode.text.slice(position, range[1]);
}
