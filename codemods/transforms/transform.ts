// The contract between the rewrite driver and the one-per-rule transforms: a transform looks at a
// located finding before any edit and returns either an edit to apply later, or why it must stay
// manual. It never asks for types: what needed types, the rule decided and said in its finding.
import type { ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { RuntimeImports } from "./runtime-import.js";
import type { SourceContext } from "./template.js";
import type { Finding } from "../pipeline/types.js";

/** RewriteSettings are the bounds the rewrites insert. */
export interface RewriteSettings {
  /** concurrency is the limit written into `map(…, { concurrency })` and `new ErrGroup({ limit })`. */
  concurrency: number;
  /** timeout is the milliseconds written into `AbortSignal.timeout(ms)` and `timeoutSignal(ms, …)`. */
  timeout: number;
}

/** Site is one finding with the path of the node it reports, in a parsed file. */
export interface Site extends SourceContext {
  j: JSCodeshift;
  root: Collection;
  path: ASTPath;
  finding: Finding;
  settings: RewriteSettings;
  runtime: RuntimeImports;
  /** overlapsOtherSite tells whether another finding of the file lies inside `[start, end)`. */
  overlapsOtherSite(start: number, end: number): boolean;
}

/** SitePlan is a transform's verdict: an edit to run after every site is planned, or a reason. */
export type SitePlan = { apply: () => void } | { manual: string };

/** Transform plans the rewrite of the findings of one rule. */
export type Transform = (site: Site) => SitePlan;

/** manual is a SitePlan for a site left to a person, with the reason. */
export function manual(reason: string): SitePlan {
  return { manual: reason };
}
