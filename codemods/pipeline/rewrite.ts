// Rewrite: each finding's rewrite is the rule's own suggestion (its edits travel in the suggestion's
// data), so the editor's suggestion and the codemod write the same code; a rule that refuses says
// why. The file's rewrites are composed innermost first, the runtime imports they reference merged
// into one, and the result parsed with jscodeshift: a rewrite never leaves a file that does not parse.
import { extname } from "node:path";
import { manualMessageId, type RewriteData } from "eslint-plugin-corral";
import jscodeshift, { type JSCodeshift } from "jscodeshift";
import { findingRange, lineStarts } from "./locate.js";
import { compose, type SiteRewrite } from "../transforms/compose.js";
import { addRuntimeImports } from "../transforms/runtime-import.js";
import type { Finding } from "./types.js";

/** SiteOutcome is what the rewrite did with one finding. */
export interface SiteOutcome {
  finding: Finding;
  /** range is the reported node's offsets in the original text (without a BOM). */
  range: [number, number];
  status: "rewritten" | "manual";
  reason?: string;
}

/** FileRewrite is a file's new text and the outcome of each of its findings. */
export interface FileRewrite {
  output: string;
  sites: SiteOutcome[];
}

/** parserFor picks jscodeshift's parser by extension: `tsx` for .tsx, `ts` for the rest. */
export function parserFor(file: string): JSCodeshift {
  return jscodeshift.withParser(extname(file) === ".tsx" || extname(file) === ".jsx" ? "tsx" : "ts");
}

function isRewriteData(value: unknown): value is RewriteData {
  const data = value as Partial<RewriteData> | undefined;
  return Array.isArray(data?.edits) && Array.isArray(data?.imports);
}

/** readVerdict returns the rule's rewrite of a finding, or why it offered none. */
export function readVerdict(finding: Finding): RewriteData | string {
  for (const suggestion of finding.suggestions) {
    if (isRewriteData(suggestion.data.rewrite)) return suggestion.data.rewrite;
  }
  const refused = finding.suggestions.find((suggestion) => suggestion.messageId === manualMessageId)?.data.reason;
  return typeof refused === "string" ? refused : `no mechanical rewrite for \`${finding.messageId}\``;
}

/** RewriteContext is what a file's rewrite depends on besides its findings. */
export interface RewriteContext {
  /**
   * runtimeUnavailable, when set, is why @corral/runtime cannot be imported from the file (it is not
   * installed there, or the tsconfig does not resolve it): every rewrite that adds an import of it
   * is left manual with this reason.
   */
  runtimeUnavailable?: string | undefined;
  /** excluded are findings not to rewrite but to report manual with the given reason: the verifier's roll-backs. */
  excluded?: ReadonlyMap<Finding, string>;
  /** aliases are the tsconfig's path aliases (`@server/*`): imports through them are not packages. */
  aliases?: readonly string[];
}

/** rewriteFile applies the rewrites of `findings` to `text` (the content of `file`) in `context`. */
export function rewriteFile(file: string, text: string, findings: readonly Finding[], { runtimeUnavailable, excluded = new Map(), aliases = [] }: RewriteContext = {}): FileRewrite {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const source = text.slice(bom.length);
  const starts = lineStarts(source);
  const sites: SiteOutcome[] = findings.map((finding) => ({ finding, range: findingRange(starts, finding), status: "manual" }));
  const candidates = new Map<SiteRewrite, SiteOutcome>();
  for (const site of sites) {
    const verdict = excluded.get(site.finding) ?? readVerdict(site.finding);
    if (typeof verdict === "string") site.reason = verdict;
    else if (runtimeUnavailable !== undefined && verdict.imports.length > 0) site.reason = runtimeUnavailable;
    else candidates.set({ range: site.range, rewrite: verdict }, site);
  }
  if (candidates.size === 0) return { output: text, sites };
  const composition = compose(source, [...candidates.keys()]);
  for (const [candidate, reason] of composition.refused) Object.assign(candidates.get(candidate) as SiteOutcome, { reason });
  for (const candidate of composition.accepted) (candidates.get(candidate) as SiteOutcome).status = "rewritten";
  const j = parserFor(file);
  const output = addRuntimeImports(j, composition.text, composition.imports, aliases);
  try {
    j(output);
  } catch (error) {
    const reason = `the rewritten file would not parse (${error instanceof Error ? error.message : String(error)}); rewrite it by hand`;
    for (const candidate of composition.accepted) Object.assign(candidates.get(candidate) as SiteOutcome, { status: "manual", reason });
    return { output: text, sites };
  }
  return { output: bom + output, sites };
}
