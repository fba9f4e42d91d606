// The independent verdicts and what eval.mjs reports from them beside its lint: the held-out
// measurements (a corpus's findings frozen at the corral commit before any rule changed for it,
// judged site by site) and the agreement of two judges on the sites both judged.
//
// verdicts.tsv holds the primary judge's verdict on every judged finding; verdicts-second.tsv a
// second judge's on a sample of them. Both judges saw only the rubric (docs/real-world.md), each
// finding's file, line, rule and message, and the corpus: no rule code, no earlier verdict.
// findings/<name>.tsv (with <name>.json: the corral commit and date) freezes what `recommended`
// reported on a corpus when it was judged; `heldOut: true` in the JSON marks a snapshot taken
// before the rules were changed for that corpus, which is what the headline counts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const verdictValues = new Set(["TRUE", "FALSE", "DEBATABLE"]);
const verdictHeader = "corpus\tfile\tline\trule\tverdict\treason";

/** keyOf identifies a finding by corpus, file, line and rule: a verdict's key. */
export function keyOf({ corpus, file, line, rule }) {
  return `${corpus}\t${file}\t${line}\t${rule}`;
}

/** readVerdicts parses a verdict TSV into a map keyed by keyOf; a malformed row throws, naming its line. */
export function readVerdicts(path) {
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  if (header !== verdictHeader) throw new Error(`${path}: unexpected header ${header}`);
  const verdicts = new Map();
  rows.forEach((row, index) => {
    const [corpus, file, line, rule, verdict, reason, ...rest] = row.split("\t");
    const where = `${path}:${index + 2}`;
    if (rest.length > 0 || !reason) throw new Error(`${where}: expected 6 tab-separated fields`);
    if (!verdictValues.has(verdict)) throw new Error(`${where}: verdict must be TRUE, FALSE or DEBATABLE, not ${verdict}`);
    if (!/^\d+$/.test(line)) throw new Error(`${where}: line must be a number`);
    const key = keyOf({ corpus, file, line: Number(line), rule });
    if (verdicts.has(key)) throw new Error(`${where}: a second verdict for ${file}:${line} ${rule}`);
    verdicts.set(key, { corpus, file, line: Number(line), rule, verdict, reason });
  });
  return verdicts;
}

/**
 * agreement compares the second judge's verdicts with the primary judge's on the sites both judged:
 * `sites`, `agreed`, and `disagreements` (each site with both verdicts). A second verdict on a site
 * the primary judge never judged throws: the sample must come from the judged findings.
 */
export function agreement(primary, second) {
  const disagreements = [];
  for (const [key, verdict] of second) {
    const first = primary.get(key);
    if (first === undefined) throw new Error(`verdicts-second.tsv: ${verdict.file}:${verdict.line} ${verdict.rule} has no primary verdict`);
    if (first.verdict !== verdict.verdict) disagreements.push({ ...verdict, primary: first.verdict, second: verdict.verdict });
  }
  return { sites: second.size, agreed: second.size - disagreements.length, disagreements };
}

function readFindings(path) {
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  if (header !== "corpus\tfile\tline\tcolumn\trule\tmessage") throw new Error(`${path}: unexpected header ${header}`);
  return rows.map((row) => {
    const [corpus, file, line, , rule] = row.split("\t");
    return { corpus, file, line: Number(line), rule };
  });
}

/**
 * heldOutMeasurements lists every frozen held-out snapshot in `directory` (findings/*.json with
 * `heldOut: true`), each corpus's findings joined with `verdicts`: per rule its findings, TRUE,
 * FALSE, DEBATABLE and unjudged, with the corral commit and date of the snapshot.
 */
export function heldOutMeasurements(directory, verdicts) {
  if (!existsSync(directory)) return [];
  const measurements = [];
  for (const name of readdirSync(directory).filter((entry) => entry.endsWith(".json")).sort()) {
    const sidecar = JSON.parse(readFileSync(join(directory, name), "utf8"));
    if (sidecar.heldOut !== true) continue;
    const findings = readFindings(join(directory, name.replace(/\.json$/, ".tsv")));
    for (const corpus of sidecar.corpora) {
      const rows = new Map();
      for (const finding of findings.filter((each) => each.corpus === corpus.name)) {
        if (!rows.has(finding.rule)) rows.set(finding.rule, { rule: finding.rule, findings: 0, tests: 0, TRUE: 0, FALSE: 0, DEBATABLE: 0, unjudged: 0 });
        const counts = rows.get(finding.rule);
        counts.findings++;
        const verdict = verdicts.get(keyOf(finding));
        if (verdict) counts[verdict.verdict]++;
        else counts.unjudged++;
      }
      measurements.push({
        corpus: corpus.name,
        group: corpus.group,
        corralCommit: sidecar.corralCommit,
        date: (corpus.lintedAt ?? sidecar.writtenAt).slice(0, 10),
        writtenAt: sidecar.writtenAt,
        judged: sidecar.judgedBeforeRulesChanged === false ? "after" : "before",
        rows: [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule)),
      });
    }
  }
  return measurements;
}
