// Settle: rewrite, type-check, and roll back what added a type error. A diagnostic on a changed
// line is blamed on the sites rewritten there, which are then left manual and the file rewritten
// without them; a diagnostic elsewhere (or a second failure) rolls back the whole file.
import { structuredPatch } from "diff";
import { type FileRewrite, rewriteFile } from "./rewrite.js";
import type { Finding } from "./types.js";
import { addedDiagnostics, type Diagnostic, type TypeVerifier } from "./verify.js";

/** FilePlan is one file's original text, its findings and its current rewrite. */
export interface FilePlan {
  file: string;
  original: string;
  findings: Finding[];
  rewrite: FileRewrite;
}

const attempts = 2;

/** planFile rewrites one file, leaving the findings in `excluded` manual with their reasons. */
export function planFile(file: string, original: string, findings: Finding[], excluded?: ReadonlyMap<Finding, string>): FilePlan {
  return { file, original, findings, rewrite: rewriteFile(file, original, findings, excluded) };
}

function describe(diagnostic: Diagnostic): string {
  return `rolled back: the rewrite added a type error on line ${diagnostic.line}: ${diagnostic.key}`;
}

// The sites to roll back for `added`, each with the diagnostic it is blamed for; all rewritten
// sites when a diagnostic falls outside every changed line.
function blame(plan: FilePlan, added: readonly Diagnostic[]): Map<Finding, string> {
  const rewritten = plan.rewrite.sites.filter((site) => site.status === "rewritten");
  const { hunks } = structuredPatch("before", "after", plan.original, plan.rewrite.output, "", "", { context: 0 });
  const blamed = new Map<Finding, string>();
  for (const diagnostic of added) {
    const hunk = hunks.find((candidate) => diagnostic.line >= candidate.newStart && diagnostic.line < candidate.newStart + Math.max(candidate.newLines, 1));
    // Where a hunk replaced lines one for one, the diagnostic's line maps to a single old line.
    const [oldStart, oldEnd] = !hunk
      ? [-1, -1]
      : hunk.oldLines === hunk.newLines
        ? [hunk.oldStart + diagnostic.line - hunk.newStart, hunk.oldStart + diagnostic.line - hunk.newStart]
        : [hunk.oldStart, hunk.oldStart + Math.max(hunk.oldLines, 1) - 1];
    const culprits = rewritten.filter((site) => site.finding.line <= oldEnd && site.finding.endLine >= oldStart);
    for (const site of culprits.length > 0 ? culprits : rewritten) if (!blamed.has(site.finding)) blamed.set(site.finding, describe(diagnostic));
  }
  return blamed;
}

function excludedOf(plan: FilePlan): Map<Finding, string> {
  const excluded = new Map<Finding, string>();
  for (const site of plan.rewrite.sites) if (site.reason?.startsWith("rolled back:")) excluded.set(site.finding, site.reason);
  return excluded;
}

/**
 * settlePlans type-checks every changed plan against its original and returns the plans with
 * the rewrites that added a diagnostic rolled back. The verifier ends up holding the final texts.
 */
export function settlePlans(plans: readonly FilePlan[], verifier: TypeVerifier, onChecked?: () => void): FilePlan[] {
  const settled = [...plans];
  const changed = () => settled.map((plan, index) => ({ plan, index })).filter(({ plan }) => plan.rewrite.output !== plan.original);
  const before = new Map(changed().map(({ plan }) => [plan.file, verifier.diagnostics(plan.file)]));
  let pending = changed();
  for (const { plan } of pending) verifier.setText(plan.file, plan.rewrite.output);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const retry: typeof pending = [];
    for (const { plan, index } of pending) {
      const added = addedDiagnostics(before.get(plan.file) ?? [], verifier.diagnostics(plan.file));
      onChecked?.();
      if (added.length === 0) continue;
      const excluded = excludedOf(plan);
      const blamed = attempt < attempts ? blame(plan, added) : new Map(plan.rewrite.sites.filter((site) => site.status === "rewritten").map((site) => [site.finding, describe(added[0] as Diagnostic)]));
      for (const [finding, reason] of blamed) if (!excluded.has(finding)) excluded.set(finding, reason);
      const replanned = planFile(plan.file, plan.original, plan.findings, excluded);
      settled[index] = replanned;
      verifier.setText(plan.file, replanned.rewrite.output);
      if (replanned.rewrite.output !== plan.original) retry.push({ plan: replanned, index });
    }
    pending = retry;
  }
  return settled;
}
