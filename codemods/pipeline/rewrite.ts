// Rewrite: each file is parsed once with jscodeshift (TS or TSX by extension), every finding's node
// is located and its rewrite planned before any edit, then the edits run innermost first, so an
// outer rewrite keeps, as a hole, what an inner one already changed.
import { extname } from "node:path";
import jscodeshift, { type JSCodeshift } from "jscodeshift";
import { findingRange, lineStarts, NodeIndex } from "./locate.js";
import { addRuntimeImports, type RuntimeAccess, RuntimeImports } from "../transforms/runtime-import.js";
import type { RewriteSettings, SitePlan, Transform } from "../transforms/transform.js";
import { fireAndForget } from "../transforms/fire-and-forget.js";
import { requireTimeout } from "../transforms/require-timeout.js";
import { unboundedConcurrency } from "../transforms/unbounded-concurrency.js";
import { unhandledRejection } from "../transforms/unhandled-rejection.js";
import type { CorralRuleId, Finding } from "./types.js";

const transforms: Record<CorralRuleId, Transform> = {
  "no-fire-and-forget": fireAndForget,
  "no-unbounded-concurrency": unboundedConcurrency,
  "no-unhandled-rejection": unhandledRejection,
  "require-timeout": requireTimeout,
};

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
  return jscodeshift.withParser(extname(file) === ".tsx" ? "tsx" : "ts");
}

function quoteStyle(source: string): "single" | "double" {
  return /\bfrom\s+'/.test(source) && !/\bfrom\s+"/.test(source) ? "single" : "double";
}

/**
 * rewriteFile applies the rewrites of `findings` to `text` (the content of `file`). Findings in
 * `excluded` are not rewritten but reported manual with the given reason: the verifier uses this
 * to roll back the sites whose rewrite added a type error. `runtimeAccess` is what TypeScript's program
 * said of the file's access to @corral/runtime (module detection, resolution).
 */
export function rewriteFile(
  file: string,
  text: string,
  findings: readonly Finding[],
  settings: RewriteSettings,
  excluded: ReadonlyMap<Finding, string> = new Map(),
  runtimeAccess: RuntimeAccess = {},
): FileRewrite {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const source = text.slice(bom.length);
  const j = parserFor(file);
  const root = j(source);
  const index = new NodeIndex(j, root);
  const runtime = new RuntimeImports(j, root, runtimeAccess);
  const starts = lineStarts(source);
  const ranges = findings.map((finding) => findingRange(starts, finding));
  const overlapsOtherSite = (self: number) => (start: number, end: number) =>
    ranges.some((range, other) => other !== self && range[0] >= start && range[1] <= end && (range[0] !== start || range[1] !== end));

  const planned: { outcome: SiteOutcome; plan: SitePlan }[] = findings.map((finding, position) => {
    const range = ranges[position] as [number, number];
    const outcome: SiteOutcome = { finding, range, status: "manual" };
    const reason = excluded.get(finding);
    if (reason !== undefined) return { outcome, plan: { manual: reason } };
    const path = index.at(range[0], range[1]);
    if (!path) return { outcome, plan: { manual: "the reported node has no counterpart in the rewriter's parse (for instance an object method); rewrite it by hand" } };
    const site = { j, root, source, path, finding, settings, runtime, overlapsOtherSite: overlapsOtherSite(position) };
    return { outcome, plan: transforms[finding.ruleId](site) };
  });

  const applied = planned
    .filter((entry) => "apply" in entry.plan)
    .sort((left, right) => left.outcome.range[1] - left.outcome.range[0] - (right.outcome.range[1] - right.outcome.range[0]));
  for (const { outcome, plan } of applied) {
    if ("apply" in plan) plan.apply();
    outcome.status = "rewritten";
  }
  for (const { outcome, plan } of planned) if ("manual" in plan) outcome.reason = plan.manual;
  const printed = applied.length > 0 ? root.toSource({ quote: quoteStyle(source) }) : source;
  const output = bom + addRuntimeImports(j, printed, runtime.needed);
  return { output, sites: planned.map((entry) => entry.outcome) };
}
