// `npm run eval:real-world [-- options]`: lints the pinned real code bases of corpora.json with the
// built plugin, compares every finding with the judged verdicts of verdicts.tsv and prints, per
// corpus and rule, the findings, those in test files, TRUE/FALSE/DEBATABLE, precision and what is
// not judged yet; then the judged TRUE findings no longer reported, and the sites typescript-eslint's
// no-floating-promises reports that corral does not. It exits 1 when a goal of the evaluation fails
// (see `goals` below: for recommended, precision of at least 90% per rule and corpus, every finding
// judged, no judged TRUE lost, none in test files for require-timeout, every no-floating-promises site
// found or judged not a bug; for strict, every no-floating-promises site found; always, no crash).
// The corpora are not in the repository and not reachable from CI: this is a
// development tool, not part of `npm test`.
//
// Options:
//   --corpora <dir>   where the checkouts are (default: $CORRAL_CORPORA, else ../corpora from the repo root)
//   --group <name>    the corpora of this group of corpora.json: dev (default), or final, the held-out
//                     set nobody may lint before it is judged for the headline (never linted by default)
//   --corpus <name>   only this corpus of the group (repeatable)
//   --config <name>   recommended (default) or strict
//   --reuse           reuse the last lint of each corpus (bench/real-world/.results/) instead of linting again
//   --list <what>     also list: unjudged (default), judged, all, none
//   --write-docs      rewrite docs/real-world.md with the figures (recommended config, all dev corpora)
//   --write-findings <file.tsv>
//                     write every finding, judged or not, to file.tsv (corpus, file, line, column, rule,
//                     message: the full message ESLint prints) and, beside it, file.json: the corral
//                     commit and date of the lint and, per corpus, its counts per rule and its
//                     no-floating-promises sites, with what the same commit's strict lint missed of them
//                     when .results/ holds that lint. Refuses findings of uncommitted rules.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { matchesGlob } from "../../rules/dist/util/matches-glob.js";
import { checkCheckout } from "./checkout.mjs";
import { agreement, heldOutMeasurements, keyOf, readVerdicts } from "./judging.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const resultsDirectory = join(here, ".results");
const minimumPrecision = 0.9;
const minimumJudged = 200;
const minimumCorpora = 4;
const groups = ["dev", "final"];

function parseArguments(argv) {
  const options = { corpora: process.env.CORRAL_CORPORA ?? resolve(root, "../corpora"), group: "dev", only: [], config: "recommended", reuse: false, list: "unjudged", writeDocs: false, writeFindings: undefined };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new TypeError(`${argument} needs a value`);
      return next;
    };
    if (argument === "--corpora") options.corpora = resolve(value());
    else if (argument === "--group") options.group = value();
    else if (argument === "--corpus") options.only.push(value());
    else if (argument === "--config") options.config = value();
    else if (argument === "--reuse") options.reuse = true;
    else if (argument === "--list") options.list = value();
    else if (argument === "--write-docs") options.writeDocs = true;
    else if (argument === "--write-findings") options.writeFindings = resolve(value());
    else throw new TypeError(`unknown option ${argument}; see the header of bench/real-world/eval.mjs`);
  }
  if (!["recommended", "strict"].includes(options.config)) throw new TypeError(`--config must be recommended or strict, not ${options.config}`);
  if (!["unjudged", "judged", "all", "none"].includes(options.list)) throw new TypeError(`--list must be unjudged, judged, all or none`);
  if (!groups.includes(options.group)) throw new TypeError(`--group must be ${groups.join(" or ")}, not ${options.group}`);
  if (options.writeDocs && (options.config !== "recommended" || options.only.length > 0 || options.group !== "dev")) {
    throw new TypeError("--write-docs needs the recommended config on every dev corpus");
  }
  if (options.writeFindings && (options.config !== "recommended" || !options.writeFindings.endsWith(".tsv"))) {
    throw new TypeError("--write-findings needs the recommended config and a path ending in .tsv");
  }
  return options;
}

function lintCorpus(options, corpus) {
  const output = join(resultsDirectory, `${corpus.name}-${options.config}.json`);
  if (options.reuse && existsSync(output)) return JSON.parse(readFileSync(output, "utf8"));
  const checkout = join(options.corpora, corpus.name);
  checkCheckout(checkout, corpus);
  mkdirSync(resultsDirectory, { recursive: true });
  process.stderr.write(`linting ${corpus.name} (${corpus.lintDir}/) with ${options.config}…\n`);
  const child = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", join(here, "lint-corpus.mjs"), JSON.stringify(corpus), checkout, options.config, output],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (child.status !== 0) throw new Error(`${corpus.name}: linting failed with exit code ${child.status}`);
  return JSON.parse(readFileSync(output, "utf8"));
}

/** judge joins one corpus's lint with the verdicts: per-rule counts, unjudged findings, lost TRUEs, missed NFP sites. */
function judge(corpus, lint, verdicts) {
  const rows = new Map();
  const row = (rule) => {
    if (!rows.has(rule)) rows.set(rule, { rule, findings: 0, tests: 0, TRUE: 0, FALSE: 0, DEBATABLE: 0, unjudged: 0 });
    return rows.get(rule);
  };
  const reported = new Set();
  const judged = [];
  const unjudged = [];
  for (const finding of lint.findings) {
    const key = keyOf({ corpus: corpus.name, ...finding });
    reported.add(key);
    const counts = row(finding.rule);
    counts.findings++;
    if (matchesGlob(finding.file, corpus.testFiles)) counts.tests++;
    const verdict = verdicts.get(key);
    if (verdict) {
      counts[verdict.verdict]++;
      judged.push({ ...finding, verdict });
    } else {
      counts.unjudged++;
      unjudged.push(finding);
    }
  }
  const ownVerdicts = [...verdicts.values()].filter((verdict) => verdict.corpus === corpus.name);
  const gone = ownVerdicts.filter((verdict) => !reported.has(keyOf(verdict)));
  const corralLines = new Set(lint.findings.filter((finding) => finding.rule === "no-fire-and-forget").map((finding) => `${finding.file}:${finding.line}`));
  const missedNfp = lint.nfp
    .filter((site) => !corralLines.has(`${site.file}:${site.line}`))
    .map((site) => ({ ...site, verdict: verdicts.get(keyOf({ corpus: corpus.name, ...site, rule: "no-fire-and-forget" })) }));
  return { corpus, lint, rows: [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule)), judged, unjudged, gone, missedNfp };
}

function precisionOf(counts) {
  const decided = counts.TRUE + counts.FALSE;
  return decided === 0 ? undefined : counts.TRUE / decided;
}

function formatPrecision(counts) {
  const precision = precisionOf(counts);
  return precision === undefined ? "—" : `${Math.round(precision * 1000) / 10}%`;
}

function table(header, rows) {
  const widths = header.map((cell, column) => Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

const columns = ["rule", "findings", "in tests", "TRUE", "FALSE", "DEBATABLE", "precision", "unjudged"];
const cellsOf = (counts) => [counts.rule, counts.findings, counts.tests, counts.TRUE, counts.FALSE, counts.DEBATABLE, formatPrecision(counts), counts.unjudged];

function describeFinding(finding) {
  return `  ${finding.file}:${finding.line}  ${finding.rule} (${finding.messageId})  ${finding.message}`;
}

function printReport(options, reports) {
  for (const report of reports) {
    const { corpus, lint } = report;
    const ruleSeconds = Object.entries(lint.ruleMs)
      .filter(([rule]) => rule.startsWith("corral/"))
      .reduce((sum, [, ms]) => sum + ms, 0) / 1000;
    console.log(`\n## ${corpus.name} (${corpus.kind}, ${corpus.group}) ${corpus.repo}@${corpus.commit.slice(0, 7)}, ${corpus.lintDir}/: ${lint.files} files, ${lint.crashes.length} crashes, ${options.config}; lint ${Math.round(lint.wallMs / 1000)} s (corral's rules ${ruleSeconds.toFixed(1)} s)\n`);
    console.log(table(columns, report.rows.map(cellsOf)));
    for (const crash of lint.crashes) console.log(`  CRASH ${crash.file}: ${crash.error}`);
    const listed = options.list === "all" ? [...report.judged, ...report.unjudged] : options.list === "judged" ? report.judged : options.list === "unjudged" ? report.unjudged : [];
    if (listed.length > 0) {
      console.log(`\n${options.list === "unjudged" ? "Not judged yet" : "Findings"}:`);
      for (const finding of listed.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
        console.log(`${describeFinding(finding)}${finding.verdict ? `  [${finding.verdict.verdict}] ${finding.verdict.reason}` : ""}`);
      }
    }
    const lostTrue = report.gone.filter((verdict) => verdict.verdict === "TRUE");
    if (lostTrue.length > 0) {
      console.log("\nJudged TRUE, no longer reported:");
      for (const verdict of lostTrue) console.log(`  ${verdict.file}:${verdict.line}  ${verdict.rule}  ${verdict.reason}`);
    }
    const goneOther = report.gone.length - lostTrue.length;
    if (goneOther > 0) console.log(`\n${goneOther} judged FALSE/DEBATABLE findings are no longer reported.`);
    if (report.missedNfp.length > 0) {
      console.log("\nReported by @typescript-eslint/no-floating-promises, not by corral/no-fire-and-forget:");
      for (const site of report.missedNfp) {
        console.log(`  ${site.file}:${site.line}${site.verdict ? `  [${site.verdict.verdict}] ${site.verdict.reason}` : "  (never judged)"}`);
      }
    }
  }
}

function totals(reports) {
  const byRule = new Map();
  for (const report of reports) {
    for (const counts of report.rows) {
      const total = byRule.get(counts.rule) ?? { rule: counts.rule, findings: 0, tests: 0, TRUE: 0, FALSE: 0, DEBATABLE: 0, unjudged: 0 };
      for (const field of ["findings", "tests", "TRUE", "FALSE", "DEBATABLE", "unjudged"]) total[field] += counts[field];
      byRule.set(counts.rule, total);
    }
  }
  return [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

/** goals are what the evaluation holds the rules to (issue #9); each answers a list of failures. */
function goals(reports, verdicts, options) {
  const failures = [];
  for (const report of reports) {
    const name = report.corpus.name;
    if (report.lint.crashes.length > 0) failures.push(`${name}: ${report.lint.crashes.length} crashes`);
    for (const counts of report.rows) {
      const precision = precisionOf(counts);
      // The precision goal is recommended's; strict adds, on purpose, what is too noisy for it.
      if (options.config === "recommended" && precision !== undefined && precision < minimumPrecision) {
        failures.push(`${name}: ${counts.rule} precision ${formatPrecision(counts)} < ${minimumPrecision * 100}%`);
      }
      if (counts.rule === "require-timeout" && counts.tests > 0) failures.push(`${name}: ${counts.tests} require-timeout findings in test files`);
    }
    const lost = report.gone.filter((verdict) => verdict.verdict === "TRUE").length;
    if (lost > 0) failures.push(`${name}: ${lost} judged TRUE findings no longer reported`);
    // recommended leaves out, on purpose, drops that lose no error (strict reports them); a site it
    // misses must have been judged not to be a bug. strict misses none.
    const missed = options.config === "strict" ? report.missedNfp : report.missedNfp.filter((site) => site.verdict?.verdict !== "FALSE" && site.verdict?.verdict !== "DEBATABLE");
    if (missed.length > 0) failures.push(`${name}: ${missed.length} no-floating-promises sites missed${options.config === "strict" ? "" : " that are not judged FALSE or DEBATABLE"}`);
    const unjudged = report.rows.reduce((sum, counts) => sum + counts.unjudged, 0);
    if (options.config === "recommended" && unjudged > 0) failures.push(`${name}: ${unjudged} findings not judged yet`);
  }
  if (options.only.length === 0 && options.config === "recommended") {
    const judgedCorpora = new Set([...verdicts.values()].map((verdict) => verdict.corpus));
    if (verdicts.size < minimumJudged) failures.push(`only ${verdicts.size} judged findings (goal: ${minimumJudged})`);
    if (judgedCorpora.size < minimumCorpora) failures.push(`judged findings on ${judgedCorpora.size} corpora (goal: ${minimumCorpora})`);
  }
  return failures;
}

const rubric = [
  "- **TRUE**: the judge can state the concrete failure the message claims at this site, with real data: what",
  "  rejects and where the rejection goes; how large the collection grows and what it exhausts, with the tasks",
  "  really running at once; what hangs, and for how long.",
  "- **FALSE**: the message's claim is wrong at this site: the promise is handled; the callee's code cannot",
  "  reject; the tasks are serialized (one connection, a lock, a queue); the size is fixed by schema,",
  "  configuration or code; or a deadline exists elsewhere.",
  "- **DEBATABLE**: anything else, including a failure that is real but lands where it is already reported (a",
  "  process-wide `unhandledRejection` handler that logs), or harm that needs unusual data.",
];

function markdownTable(header, rows) {
  return [`| ${header.join(" | ")} |`, `| ${header.map((_, index) => (index < 2 ? "---" : "---:")).join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)];
}

// A round is the corpora frozen at one corral commit: its totals are the figure of that commit.
const roundOf = (measurement) => `${measurement.corralCommit.slice(0, 7)}, ${measurement.date}`;

function heldOutSection(measurements, manifest) {
  const lines = [
    "## Held out: the headline",
    "",
    "Each corpus below was linted with `recommended` and its findings frozen (bench/real-world/findings/) at the",
    "corral commit shown, then judged site by site by an independent judge, before any rule was changed for it.",
    "This is the precision to expect on code corral was not tuned on. Once a held-out corpus's FALSE classes are",
    "fixed it counts as a development corpus (its figures today are in the next section), and a new held-out",
    "corpus takes its place.",
    "",
  ];
  const header = ["corpus", "rule", "corral", "judged", "findings", "TRUE", "FALSE", "DEBATABLE", "precision", "unjudged"];
  const rows = [];
  const byRule = new Map();
  // The latest round first: its totals are the headline; earlier rounds stay as the record.
  const latestFirst = [...measurements].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt) || a.corpus.localeCompare(b.corpus));
  for (const measurement of latestFirst) {
    for (const counts of measurement.rows) {
      const kind = manifest.corpora.find((corpus) => corpus.name === measurement.corpus)?.kind ?? "?";
      const round = roundOf(measurement);
      rows.push([`${measurement.corpus} (${kind})`, counts.rule, round, `${measurement.judged} the rules changed for it`, counts.findings, counts.TRUE, counts.FALSE, counts.DEBATABLE, formatPrecision(counts), counts.unjudged]);
      const key = `${round}\t${counts.rule}`;
      const total = byRule.get(key) ?? { round, rule: counts.rule, findings: 0, TRUE: 0, FALSE: 0, DEBATABLE: 0, unjudged: 0 };
      for (const field of ["findings", "TRUE", "FALSE", "DEBATABLE", "unjudged"]) total[field] += counts[field];
      byRule.set(key, total);
    }
  }
  const rounds = [...new Set(latestFirst.map(roundOf))];
  for (const total of [...byRule.values()].sort((a, b) => rounds.indexOf(a.round) - rounds.indexOf(b.round) || a.rule.localeCompare(b.rule))) {
    rows.push(["**all held out of this round**", total.rule, total.round, "", total.findings, total.TRUE, total.FALSE, total.DEBATABLE, formatPrecision(total), total.unjudged]);
  }
  lines.push(...markdownTable(header, rows), "");
  return lines;
}

function judgingSection(verdicts, second) {
  const { sites, agreed, disagreements } = agreement(verdicts, second);
  const lines = [
    "## How findings are judged",
    "",
    "Every verdict in bench/real-world/verdicts.tsv was written by a judge who saw only this rubric, the finding",
    "(file, line, rule and message) and the corpus with its dependencies installed: no rule code, no earlier",
    "verdict. Precision is TRUE ÷ (TRUE + FALSE).",
    "",
    ...rubric,
    "",
    `A second judge, as independent of the first as of the rules, judged a sample of ${sites} of them`,
    `(bench/real-world/verdicts-second.tsv): the two agree on ${agreed} of ${sites} (${sites === 0 ? "—" : `${Math.round((agreed / sites) * 1000) / 10}%`}).`,
  ];
  for (const site of disagreements) lines.push(`- ${site.corpus} \`${site.file}:${site.line}\` (${site.rule}): first judge ${site.primary}, second ${site.second}.`);
  lines.push("");
  return lines;
}

function renderDocs(reports, verdicts, manifest) {
  const second = readVerdicts(join(here, "verdicts-second.tsv"));
  const lines = [
    "# corral on real code",
    "",
    "Generated by `npm run eval:real-world -- --write-docs` (bench/real-world/eval.mjs); do not edit by hand.",
    "",
    ...heldOutSection(heldOutMeasurements(join(here, "findings"), verdicts), manifest),
    ...judgingSection(verdicts, second),
    "## Development corpora today",
    "",
    "The `recommended` config run now, with type information fully resolved, on the development corpora of",
    "bench/real-world/corpora.json (the rules are tuned on these), each finding compared with its verdict.",
    "\"in tests\" counts findings in the corpus's test and mock files; \"unjudged\" ones appeared after the last",
    "judging (a rule change reports a site nobody judged yet).",
    "",
  ];
  const rows = [];
  for (const report of reports) for (const counts of report.rows) rows.push([report.corpus.name, ...cellsOf(counts)]);
  for (const counts of totals(reports)) rows.push(["**all**", ...cellsOf(counts)]);
  lines.push(...markdownTable(["corpus", "rule", "findings", "in tests", "TRUE", "FALSE", "DEBATABLE", "precision", "unjudged"], rows));
  lines.push("", "| corpus | group | commit | linted | files | crashes | no-floating-promises sites | of them missed by corral |", "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |");
  for (const { corpus, lint, missedNfp } of reports) {
    lines.push(`| ${corpus.name} (${corpus.kind}) | ${corpus.group} | ${corpus.repo}@${corpus.commit.slice(0, 7)} | \`${corpus.lintDir}/\` | ${lint.files} | ${lint.crashes.length} | ${lint.nfp.length} | ${missedNfp.length} |`);
  }
  const finalCorpora = manifest.corpora.filter((corpus) => corpus.group === "final");
  const judgedCorpora = new Set([...verdicts.values()].map((verdict) => verdict.corpus));
  lines.push(
    "",
    "`recommended` leaves out, on purpose, statements that drop a promise whose rejection is not lost (it cannot reject, the object keeps it for the callers it handed it to, or a test runner reports it); `strict` (`--config strict`) reports every site no-floating-promises reports.",
    "",
    `${verdicts.size} findings are judged across ${judgedCorpora.size} corpora.${finalCorpora.length > 0 ? ` ${finalCorpora.length} more corpora (${finalCorpora.map((corpus) => corpus.name).join(", ")}) are pinned and installed but held out: nobody has linted them yet.` : ""} Every DEBATABLE class left in \`recommended\` is named, with its reason, on the rule's page.`,
  );
  const below = reports.flatMap((report) =>
    report.rows.filter((counts) => (precisionOf(counts) ?? 1) < minimumPrecision).map((counts) => ({ report, counts })),
  );
  if (below.length > 0) {
    lines.push("", `## Below the ${minimumPrecision * 100}% goal today`, "", "The FALSE findings the recommended config still reports there, with their verdicts' reasons (the first five of each):", "");
    for (const { report, counts } of below) {
      const falses = report.judged.filter((judged) => judged.rule === counts.rule && judged.verdict.verdict === "FALSE");
      for (const finding of falses.slice(0, 5)) lines.push(`- ${report.corpus.name} \`${finding.file}:${finding.line}\` (${counts.rule}): ${finding.verdict.reason}`);
      if (falses.length > 5) lines.push(`- … and ${falses.length - 5} more of ${report.corpus.name}'s ${counts.rule} (bench/real-world/verdicts.tsv)`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

/** tsvField keeps a message on its row: ESLint messages are one line, but a tab or newline would split it. */
function tsvField(text) {
  return String(text).replace(/\t/g, "\\t").replace(/\r?\n/g, "\\n");
}

/** writeFindings writes the reports' findings as TSV and their provenance and counts beside it as JSON. */
function writeFindings(path, reports) {
  const lints = reports.map((report) => report.lint);
  const commits = new Set(lints.map((lint) => lint.corral?.commit));
  if (commits.size !== 1 || commits.has(undefined)) throw new Error("--write-findings: the lints come from different or unknown corral commits; lint again without --reuse");
  const dirty = lints.filter((lint) => lint.corral.rulesChanged).map((lint) => lint.corpus);
  if (dirty.length > 0) throw new Error(`--write-findings: ${dirty.join(", ")} linted with uncommitted changes under rules/; commit and lint again`);
  const [commit] = commits;
  const rows = ["corpus\tfile\tline\tcolumn\trule\tmessage"];
  const corpora = [];
  for (const { corpus, lint, missedNfp } of reports) {
    const findings = [...lint.findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
    for (const finding of findings) {
      rows.push([corpus.name, finding.file, finding.line, finding.column, finding.rule, tsvField(finding.fullMessage)].join("\t"));
    }
    const byRule = {};
    for (const finding of [...findings].sort((a, b) => a.rule.localeCompare(b.rule))) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
    const strictPath = join(resultsDirectory, `${corpus.name}-strict.json`);
    const strictLint = existsSync(strictPath) ? JSON.parse(readFileSync(strictPath, "utf8")) : undefined;
    const strict = strictLint?.corral?.commit === commit && !strictLint.corral.rulesChanged ? judge(corpus, strictLint, new Map()) : undefined;
    corpora.push({
      name: corpus.name,
      repo: corpus.repo,
      commit: corpus.commit,
      group: corpus.group,
      lintDir: corpus.lintDir,
      lintedAt: lint.lintedAt,
      files: lint.files,
      crashes: lint.crashes.length,
      lintSeconds: Math.round(lint.wallMs / 1000),
      findings: findings.length,
      byRule,
      noFloatingPromisesSites: lint.nfp.length,
      noFloatingPromisesSitesNotReportedByRecommended: missedNfp.length,
      noFloatingPromisesSitesNotReportedByStrict: strict ? strict.missedNfp.length : null,
    });
  }
  writeFileSync(path, `${rows.join("\n")}\n`);
  const sidecar = path.replace(/\.tsv$/, ".json");
  writeFileSync(sidecar, `${JSON.stringify({ corralCommit: commit, config: "recommended", writtenAt: new Date().toISOString(), judged: false, corpora }, null, 2)}\n`);
  console.log(`wrote ${relative(root, path)} (${rows.length - 1} findings) and ${relative(root, sidecar)}`);
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(join(here, "corpora.json"), "utf8"));
  const unknown = options.only.filter((name) => !manifest.corpora.some((corpus) => corpus.name === name));
  if (unknown.length > 0) throw new TypeError(`unknown corpus ${unknown.join(", ")}; corpora.json has ${manifest.corpora.map((corpus) => corpus.name).join(", ")}`);
  const stray = manifest.corpora.filter((corpus) => !groups.includes(corpus.group));
  if (stray.length > 0) throw new Error(`corpora.json: ${stray.map((corpus) => corpus.name).join(", ")} need a group (${groups.join(" or ")})`);
  // The final group is held out: a finding seen before it is judged for the headline spoils it, so
  // naming one of its corpora is not enough to lint it.
  const outside = options.only.filter((name) => manifest.corpora.find((corpus) => corpus.name === name).group !== options.group);
  if (outside.length > 0) throw new TypeError(`${outside.join(", ")} not in the ${options.group} group; pass --group to choose another group`);
  const selected = manifest.corpora.filter((corpus) => corpus.group === options.group && (options.only.length === 0 || options.only.includes(corpus.name)));
  const verdicts = readVerdicts(join(here, "verdicts.tsv"));
  const reports = selected.map((corpus) => judge(corpus, lintCorpus(options, corpus), verdicts));
  printReport(options, reports);
  console.log("\n## all corpora\n");
  console.log(table(columns, totals(reports).map(cellsOf)));
  const judgedHere = [...verdicts.values()].filter((verdict) => selected.some((corpus) => corpus.name === verdict.corpus)).length;
  console.log(`\n${judgedHere} judged findings in verdicts.tsv for these corpora.`);
  if (options.writeFindings) writeFindings(options.writeFindings, reports);
  if (options.writeDocs) {
    writeFileSync(join(root, "docs/real-world.md"), renderDocs(reports, verdicts, manifest));
    console.log("wrote docs/real-world.md");
  }
  const failures = goals(reports, verdicts, options);
  if (failures.length > 0) {
    console.log(`\nGoals not met:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("\nAll goals met.");
  }
}

main();
