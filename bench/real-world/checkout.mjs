// The pinned checkouts the real-world tools (eval.mjs, codemod-check.mjs) run on.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** checkCheckout throws unless `checkout` exists and is at the commit corpora.json pins for `corpus`. */
export function checkCheckout(checkout, corpus) {
  if (!existsSync(checkout)) throw new Error(`${corpus.name}: no checkout at ${checkout} (set --corpora or CORRAL_CORPORA)`);
  const head = spawnSync("git", ["-C", checkout, "rev-parse", "HEAD"], { encoding: "utf8" });
  const commit = head.stdout.trim();
  if (head.status !== 0 || commit !== corpus.commit) {
    throw new Error(`${corpus.name}: ${checkout} is at ${commit || "no commit"}, not the pinned ${corpus.commit}`);
  }
}
