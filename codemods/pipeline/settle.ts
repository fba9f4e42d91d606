// Settle: rewrite, type-check, and roll back what added a type error. A diagnostic on a changed
// line is blamed on the sites rewritten there, which are then left manual and the file rewritten
// without them; a diagnostic elsewhere (or a second failure) rolls back the whole file.
import { structuredPatch } from "diff";
import { type FileRewrite, type RewriteContext, rewriteFile } from "./rewrite.js";
import type { Finding } from "./types.js";
import { addedDiagnostics, type Diagnostic, type TypeVerifier } from "./verify.js";

/** FilePlan is one file's original text, its findings, what its rewrite depends on, and its current rewrite. */
export interface FilePlan {
  file: string;
  original: string;
  findings: Finding[];
  context: RewriteContext;
  rewrite: FileRewrite;
}

const attempts = 2;

/** planFile rewrites one file in `context`, leaving the findings in `context.excluded` manual with their reasons. */
export function planFile(file: string, original: string, findings: Finding[], context: RewriteContext = {}): FilePlan {
  return { file, original, findings, context, rewrite: rewriteFile(file, original, findings, context) };
}

function describe(diagnostic: Diagnostic, build: string | undefined): string {
  return `rolled back: the rewrite added a type error${build === undefined ? "" : ` under ${build}`} on line ${diagnostic.line}: ${diagnostic.key}`;
}

// The sites to roll back for `added`, each with the diagnostic it is blamed for; all rewritten
// sites when a diagnostic falls outside every changed line.
function blame(plan: FilePlan, added: readonly Diagnostic[], build: string | undefined): Map<Finding, string> {
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
    for (const site of culprits.length > 0 ? culprits : rewritten) if (!blamed.has(site.finding)) blamed.set(site.finding, describe(diagnostic, build));
  }
  return blamed;
}

function excludedOf(plan: FilePlan): Map<Finding, string> {
  const excluded = new Map<Finding, string>();
  for (const site of plan.rewrite.sites) if (site.reason?.startsWith("rolled back:")) excluded.set(site.finding, site.reason);
  return excluded;
}

function isChanged(plan: FilePlan): boolean {
  return plan.rewrite.output !== plan.original;
}

/**
 * settlePlans type-checks every changed plan of one tsconfig (the verifier's; `build` names it in
 * the reasons) and returns the plans with the rewrites that added a diagnostic rolled back. All
 * rewrites are checked in one program; only a file that has diagnostics then is checked as it was,
 * to tell which are new.
 */
export function settlePlans(plans: readonly FilePlan[], verifier: TypeVerifier, onChecked?: () => void, build?: string): FilePlan[] {
  const current = new Map(plans.map((plan) => [plan.file, plan]));
  const textsOf = (changed: readonly FilePlan[], original = false) => new Map(changed.map((plan) => [plan.file, original ? plan.original : plan.rewrite.output]));
  const changed = plans.filter(isChanged);
  verifier.setTexts(textsOf(changed));
  const after = new Map<string, Diagnostic[]>();
  for (const plan of changed) {
    after.set(plan.file, verifier.diagnostics(plan.file));
    onChecked?.();
  }
  let suspicious = changed.filter((plan) => (after.get(plan.file) ?? []).length > 0);
  const before = new Map<string, Diagnostic[]>();
  if (suspicious.length > 0) {
    verifier.setTexts(textsOf(suspicious, true));
    for (const plan of suspicious) before.set(plan.file, verifier.diagnostics(plan.file));
    verifier.setTexts(textsOf(suspicious));
  }
  for (let attempt = 1; suspicious.length > 0; attempt++) {
    const replanned: FilePlan[] = [];
    for (const plan of suspicious) {
      const added = addedDiagnostics(before.get(plan.file) ?? [], after.get(plan.file) ?? []);
      if (added.length === 0) continue;
      const excluded = excludedOf(plan);
      const blamed = attempt < attempts ? blame(plan, added, build) : new Map(plan.rewrite.sites.filter((site) => site.status === "rewritten").map((site) => [site.finding, describe(added[0] as Diagnostic, build)]));
      for (const [finding, reason] of blamed) if (!excluded.has(finding)) excluded.set(finding, reason);
      const next = planFile(plan.file, plan.original, plan.findings, { ...plan.context, excluded });
      current.set(plan.file, next);
      replanned.push(next);
    }
    verifier.setTexts(textsOf(replanned));
    suspicious = replanned.filter(isChanged);
    for (const plan of suspicious) after.set(plan.file, verifier.diagnostics(plan.file));
  }
  return plans.map((plan) => current.get(plan.file) ?? plan);
}
