// `npm run eval:codemod [-- options]`: runs the built codemod on pinned real code bases (every entry of
// corpora.json with a `codemod` field) as a user would, with @corral/runtime installed from its packed
// tarball and corral's config added to the project's ESLint configuration, and checks what a
// maintainer would check before merging its pull request:
//   (a) the codemod runs on each corpus;
//   (b) every build configuration of the corpus (each tsconfig that compiles the lint folder's files,
//       found as the codemod finds them, plus any `codemod.tsconfigs` lists) has the same type errors
//       after as before;
//   (c) a second run changes nothing;
//   (d) every rewritten site is written out as a reviewable unit (corpus, file, original line, rule,
//       and the diff of its place with 8 lines of context, plus the import the file gained) to
//       <sites>/<corpus>.md, for independent reviewers, who see only that, the corpus and a rubric;
//   (e) each site is looked up in codemod-review.tsv, which holds independent reviewers' verdicts only
//       (ACCEPT, CHANGES, REJECT; lines are the pinned commit's): a site nobody reviewed is reported
//       as unreviewed, never as accepted.
// It also counts the sites left manual, per reason. It exits 1 when (a)-(c) fail, or a site is
// rejected or unreviewed. The checkout is restored afterwards (every file the run may touch, the
// runtime and the ESLint configuration it installed). The codemod writes files in place: point
// --corpora at copies of the checkouts (cp -a, node_modules included) that nothing else reads.
// A development tool that needs the corpora, not part of `npm test`.
//
// Options:
//   --corpora <dir>   where the checkouts are (default: $CORRAL_CORPORA, else ../corpora from the repo root)
//   --corpus <name>   only this corpus (repeatable; default: every corpus with `codemod` in corpora.json)
//   --config <name>   the corral config the corpus's ESLint configuration gets: recommended (default) or strict
//   --concurrency <n> passed on to the codemod (the bound a user chose for the project's fan-outs)
//   --sites <dir>     where the reviewable sites go (default: bench/real-world/codemod-sites, git-ignored:
//                     they quote the corpora's code)
//   --reports <dir>   also write each corpus's JSON report
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { structuredPatch } from "diff";
import ts from "typescript";
import { checkCheckout } from "./checkout.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cli = join(root, "codemods/dist/cli/cli.js");
const plugin = join(root, "rules/dist/index.js");
const configNames = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts"];
const verdictNames = ["ACCEPT", "CHANGES", "REJECT"];
const context = 8;

function parseArguments(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpora: { type: "string" },
      corpus: { type: "string", multiple: true, default: [] },
      config: { type: "string", default: "recommended" },
      concurrency: { type: "string" },
      sites: { type: "string" },
      reports: { type: "string" },
    },
  });
  if (!["recommended", "strict"].includes(values.config)) throw new TypeError(`--config must be recommended or strict, not ${values.config}`);
  return {
    corpora: resolve(values.corpora ?? process.env.CORRAL_CORPORA ?? resolve(root, "../corpora")),
    only: values.corpus,
    config: values.config,
    codemodArguments: values.concurrency === undefined ? [] : ["--concurrency", values.concurrency],
    sites: resolve(values.sites ?? join(here, "codemod-sites")),
    reports: values.reports === undefined ? undefined : resolve(values.reports),
  };
}

/** readReviews returns the independent verdicts of codemod-review.tsv, by corpus, file and line. */
function readReviews() {
  const path = join(here, "codemod-review.tsv");
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  if (!/^corpus\tfile\tline\tverdict\treason(?:\trewrite)?$/.test(header ?? "")) throw new Error(`${path}: unexpected header ${JSON.stringify(header)}`);
  const verdicts = new Map();
  for (const [index, row] of rows.entries()) {
    const [corpus, file, line, verdict, reason, rewrite] = row.split("\t");
    if (!verdictNames.includes(verdict) || !/^\d+$/.test(line ?? "") || !reason) throw new Error(`${path}:${index + 2}: expected corpus, file, line, ${verdictNames.join("|")}, a reason and the rewrite id`);
    verdicts.set(`${corpus}\t${file}\t${line}`, { verdict, reason, rewrite: rewrite || undefined });
  }
  return verdicts;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** packRuntime packs @corral/runtime as `npm pack` would publish it and returns the tarball's path. */
function packRuntime(directory) {
  const packed = run("npm", ["pack", "--workspace", "runtime", "--pack-destination", directory, "--json"], root);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  return join(directory, JSON.parse(packed.stdout)[0].filename);
}

/** typeErrors runs the corpus's own TypeScript on one tsconfig and returns its diagnostics without positions, sorted. */
function typeErrors(checkout, tsconfig) {
  const local = join(checkout, "node_modules/typescript/bin/tsc");
  const tsc = existsSync(local) ? local : join(root, "node_modules/typescript/bin/tsc");
  const result = run(process.execPath, [tsc, "--noEmit", "-p", tsconfig], checkout);
  // Rewrites move lines, so a diagnostic is compared by file, code and text, not by position.
  return result.stdout.split("\n").filter((line) => / error TS\d+/.test(line)).map((line) => line.replace(/\(\d+,\d+\)/, "")).sort();
}

function sourceFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") && !entry.parentPath.includes("node_modules"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * buildConfigs returns every tsconfig (relative to the checkout) that compiles a file of the lint
 * folder, as the codemod's verifier finds them for each file: the corpus's named tsconfig first.
 */
async function buildConfigs(checkout, corpus) {
  const { BuildConfigs } = await import("../../codemods/dist/pipeline/builds.js");
  const primary = resolve(checkout, corpus.codemod.tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(primary, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const included = new Set((parsed?.fileNames ?? []).map((file) => resolve(file)));
  const builds = new BuildConfigs();
  const found = new Set([primary]);
  for (const file of sourceFiles(join(checkout, corpus.lintDir))) if (included.has(file)) for (const config of builds.configsOf(file, primary)) found.add(config);
  for (const listed of corpus.codemod.tsconfigs ?? []) found.add(resolve(checkout, listed));
  return [...found].map((config) => relative(checkout, config));
}

/**
 * prepare installs what a user would have before running the codemod (the runtime from its tarball,
 * corral's config added to the project's ESLint configuration) and returns the saved sources and the
 * function that undoes it and restores every file the codemod may write.
 */
function prepare(checkout, corpus, config, tarball, nearestPackageJson) {
  const sources = sourceFiles(join(checkout, corpus.lintDir));
  // The codemod writes a source's nearest package.json, wherever that is: the same lookup decides here.
  const manifests = new Set(sources.map(nearestPackageJson).filter((file) => file !== undefined));
  const saved = new Map([...sources, ...manifests].map((file) => [file, readFileSync(file)]));
  const undo = [() => { for (const [file, bytes] of saved) writeFileSync(file, bytes); }];
  const runtimeDirectory = join(checkout, "node_modules/@corral/runtime");
  if (existsSync(runtimeDirectory)) rmSync(runtimeDirectory, { recursive: true, force: true });
  mkdirSync(runtimeDirectory, { recursive: true });
  const extracted = run("tar", ["-xzf", tarball, "-C", runtimeDirectory, "--strip-components=1"], checkout);
  if (extracted.status !== 0) throw new Error(`extracting ${tarball}: ${extracted.stderr}`);
  undo.push(() => rmSync(runtimeDirectory, { recursive: true, force: true }));
  undo.push(...addCorralConfig(checkout, corpus, config));
  return { saved, restore: () => { for (const step of undo.reverse()) step(); } };
}

/**
 * addCorralConfig adds corral's config after the entries of the ESLint configuration that applies to
 * the lint folder (the nearest eslint.config.* above it, as ESLint looks it up), as a user adds it, and
 * returns the steps that undo that. A .cjs configuration stays where others may require it: an
 * eslint.config.mjs beside it takes precedence. A .js or .mjs one is moved aside and imported.
 */
function addCorralConfig(checkout, corpus, config) {
  let directory = join(checkout, corpus.lintDir);
  let own;
  for (; ; directory = dirname(directory)) {
    own = configNames.find((name) => existsSync(join(directory, name)));
    if (own || directory === checkout || dirname(directory) === directory) break;
  }
  if (!own) directory = checkout;
  const fromConfig = (pattern) => (pattern.startsWith("**/") ? pattern : relative(directory, join(checkout, pattern)));
  const files = JSON.stringify([fromConfig(`${corpus.lintDir}/**/*.{ts,tsx,mts,cts}`)]);
  const ignores = JSON.stringify(corpus.ignores.map(fromConfig));
  // The project's own parser options may name tsconfigs with `project`; corral's config brings the
  // project service, and typescript-eslint takes one or the other.
  const corralEntry = `{ ...corral.configs.${config}, files: ${files}, ignores: ${ignores}, languageOptions: { ...corral.configs.${config}.languageOptions, parserOptions: { project: false, projectService: true, tsconfigRootDir: import.meta.dirname } } }`;
  const undo = [];
  let base = "const base = [];";
  if (own === "eslint.config.cjs") {
    base = `import base from ${JSON.stringify(`./${own}`)};`;
  } else if (own === "eslint.config.js" || own === "eslint.config.mjs") {
    const moved = join(directory, `corral-check.original.${own}`);
    renameSync(join(directory, own), moved);
    undo.push(() => renameSync(moved, join(directory, own)));
    base = `import base from ${JSON.stringify(`./corral-check.original.${own}`)};`;
  } else if (own) {
    throw new TypeError(`${relative(checkout, join(directory, own))}: a TypeScript ESLint configuration is not supported by this check; add corral's config to it by hand`);
  }
  const written = join(directory, "eslint.config.mjs");
  writeFileSync(written, `import corral from ${JSON.stringify(plugin)};\n${base}\nexport default [...base, ${corralEntry}];\n`);
  undo.push(() => rmSync(written, { force: true }));
  return undo;
}

function codemod(checkout, corpus, extra) {
  const result = run(process.execPath, [cli, "codemod", "--json", "--force", ...extra, corpus.lintDir], checkout);
  if (!result.stdout.trim().startsWith("{")) throw new Error(`the codemod failed (exit ${result.status}): ${result.stderr.slice(0, 2000)}`);
  return { status: result.status, report: JSON.parse(result.stdout) };
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

// A manual reason without what is particular to its site (code, names, paths, lines), so that sites
// left manual for the same reason count together.
function reasonClass(reason = "") {
  return reason
    .replace(/`[^`]*`/g, "`…`")
    .replace(/\([^()]*\.(?:ts|tsx|json):\d+\)|\S+\.(?:ts|tsx|json)(?::\d+)?/g, "…")
    .replace(/line \d+/g, "line …")
    .replace(/Node [\d.<>=|~^ ]+/g, "Node …")
    .split(/[:;(]/)[0]
    .trim();
}

// The change of one site: the original with only the site's own changes applied (neighbouring
// sites' changes left out), diffed with 8 lines of context, and the hunk that adds the runtime import
// if the file gained one. A change belongs to the site whose lines it touches, else to the nearest
// site above it in the file (a rewrite also edits lines after its finding: the `await` of a
// fan-out, a consumer statement), else to the first. Its id is a digest of the changed lines alone,
// so a verdict stays with the rewrite it judged: a rewrite that changes later gets another id.
function siteChange(before, after, site, sitesOfFile) {
  const { hunks } = structuredPatch("a", "b", before, after, "", "", { context: 0 });
  const touches = (hunk, other) => hunk.oldStart <= other.endLine && hunk.oldStart + Math.max(hunk.oldLines, 1) - 1 >= other.line;
  const isImport = (hunk) => hunk.lines.some((text) => /^\+.*from\s*["']@corral\/runtime["']/.test(text));
  const sorted = [...sitesOfFile].sort((a, b) => a.line - b.line);
  const ownerOf = (hunk) => sorted.find((other) => touches(hunk, other)) ?? sorted.filter((other) => other.line <= hunk.oldStart).at(-1) ?? sorted[0];
  const chosen = hunks.filter((hunk) => isImport(hunk) || ownerOf(hunk) === site);
  const original = before.split("\n");
  const partial = [];
  let next = 1;
  for (const hunk of chosen) {
    // jsdiff numbers an insertion (no old lines) by the line it goes before.
    const start = hunk.oldStart;
    partial.push(...original.slice(next - 1, start - 1), ...hunk.lines.filter((text) => text.startsWith("+")).map((text) => text.slice(1)));
    next = start + hunk.oldLines;
  }
  partial.push(...original.slice(next - 1));
  const shown = structuredPatch("a", "b", before, partial.join("\n"), "", "", { context }).hunks;
  const changed = shown.flatMap((hunk) => hunk.lines.filter((text) => /^[-+]/.test(text)));
  return {
    id: createHash("sha256").update(changed.join("\n")).digest("hex").slice(0, 10),
    hunks: shown.map((hunk) => [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join("\n")),
  };
}

function writeSites(options, corpus, result) {
  mkdirSync(options.sites, { recursive: true });
  const lines = [
    `# ${corpus.name}: the codemod's rewrites, for review`,
    "",
    `${corpus.repo} at ${corpus.commit}, \`${corpus.lintDir}\`, corral's ${options.config} config${options.codemodArguments.length > 0 ? ` (${options.codemodArguments.join(" ")})` : ""}. ` +
      `Each site: the file and line at that commit, the rule, and the diff of its place (${context} lines of context) with the import the file gained. ` +
      "Verdicts go to bench/real-world/codemod-review.tsv as `corpus<TAB>file<TAB>line<TAB>ACCEPT|CHANGES|REJECT<TAB>reason<TAB>rewrite` (the rewrite id of the heading).",
    "",
    `Builds type-checked before and after: ${result.builds.map((build) => `\`${build.tsconfig}\` (${build.before} → ${build.after} errors)`).join(", ")}.`,
    ...(result.notices.length > 0 ? ["", "What the run said:", "", ...result.notices.map((notice) => `- ${notice}`)] : []),
    "",
  ];
  for (const [index, site] of result.sites.entries()) {
    lines.push(`## ${index + 1}. ${site.file}:${site.line} (${site.rule}, ${site.messageId}; rewrite ${site.change.id})`, "", "```diff", `--- a/${site.file}`, `+++ b/${site.file}`, ...site.change.hunks, "```", "");
  }
  writeFileSync(join(options.sites, `${corpus.name}.md`), `${lines.join("\n")}\n`);
}

async function checkCorpus(options, corpus, tarball, reviews, nearestPackageJson) {
  const checkout = join(options.corpora, corpus.name);
  checkCheckout(checkout, corpus);
  const builds = await buildConfigs(checkout, corpus);
  const { saved, restore } = prepare(checkout, corpus, options.config, tarball, nearestPackageJson);
  try {
    const before = builds.map((tsconfig) => typeErrors(checkout, tsconfig));
    const first = codemod(checkout, corpus, options.codemodArguments);
    if (options.reports) {
      mkdirSync(options.reports, { recursive: true });
      writeFileSync(join(options.reports, `${corpus.name}-${options.config}.json`), `${JSON.stringify(first.report, null, 1)}\n`);
    }
    const after = builds.map((tsconfig) => typeErrors(checkout, tsconfig));
    const sites = first.report.files.flatMap((file) => file.sites.map((site) => ({ ...site, file: relative(checkout, resolve(checkout, file.file)) })));
    const rewritten = sites.filter((site) => site.status === "rewritten");
    const result = {
      corpus: corpus.name,
      sites: rewritten,
      manual: sites.filter((site) => site.status === "manual"),
      errors: first.report.files.filter((file) => file.status === "error"),
      notices: first.report.notices,
      builds: builds.map((tsconfig, index) => ({
        tsconfig,
        before: before[index].length,
        after: after[index].length,
        added: after[index].filter((line) => !before[index].includes(line)),
        removed: before[index].filter((line) => !after[index].includes(line)),
      })),
    };
    for (const site of rewritten) {
      const sitesOfFile = rewritten.filter((other) => other.file === site.file);
      site.change = siteChange(saved.get(join(checkout, site.file))?.toString("utf8") ?? "", readFileSync(join(checkout, site.file), "utf8"), site, sitesOfFile);
    }
    writeSites(options, corpus, result);
    const second = codemod(checkout, corpus, [...options.codemodArguments, "--check"]);
    result.secondRun = { exit: second.status, rewritten: second.report.summary.rewrittenSites };
    // A verdict judged one rewrite: for another rewrite of the same line (or one given before rewrites
    // had ids) it is stale, and the site counts as unreviewed.
    result.reviewed = rewritten.map((site) => {
      const review = reviews.get(`${corpus.name}\t${site.file}\t${site.line}`);
      return review?.rewrite === site.change.id ? { site, review } : { site, review: undefined, stale: review };
    });
    return result;
  } finally {
    restore();
  }
}

const options = parseArguments(process.argv.slice(2));
const corpora = JSON.parse(readFileSync(join(here, "corpora.json"), "utf8")).corpora.filter((corpus) => (options.only.length > 0 ? options.only.includes(corpus.name) : corpus.codemod));
const unknown = options.only.filter((name) => !corpora.some((corpus) => corpus.name === name && corpus.codemod));
if (unknown.length > 0) throw new TypeError(`no codemod settings in corpora.json for ${unknown.join(", ")}`);
if (!existsSync(cli)) throw new Error(`${relative(process.cwd(), cli)} is missing: run npm run build first`);
const { nearestPackageJson } = await import("../../codemods/dist/pipeline/dependency.js");
// Ctrl-C reaches the running child too; the script itself stays alive to restore the checkout
// (the failed child makes the run throw through the `finally` blocks).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (process.exitCode = 130));
const scratch = mkdtempSync(join(tmpdir(), "corral-codemod-check-"));
const reviews = readReviews();
let failed = false;
try {
  const tarball = packRuntime(scratch);
  console.log(`| corpus (${[options.config, ...options.codemodArguments].join(" ")}) | rewritten | manual | builds: type errors before → after | second run | independent review: ACCEPT / CHANGES / REJECT / unreviewed |`);
  console.log("| --- | --: | --: | --- | --- | --: |");
  const details = [];
  for (const corpus of corpora) {
    const result = await checkCorpus(options, corpus, tarball, reviews, nearestPackageJson);
    const sameErrors = result.builds.every((build) => build.added.length === 0 && build.removed.length === 0);
    const idempotent = result.secondRun.exit === 0 && result.secondRun.rewritten === 0;
    const verdicts = Object.fromEntries(verdictNames.map((name) => [name, result.reviewed.filter((item) => item.review?.verdict === name).length]));
    const unreviewed = result.reviewed.filter((item) => item.review === undefined);
    const byRule = (sites) => countBy(sites, (site) => site.rule).map(([rule, count]) => `${rule} ${count}`).join(", ");
    const withRules = (sites) => (sites.length > 0 ? `${sites.length} (${byRule(sites)})` : "0");
    const builds = result.builds.map((build) => `${build.tsconfig} ${build.before} → ${build.after}${build.added.length + build.removed.length === 0 ? "" : " (CHANGED)"}`).join("; ");
    console.log(`| ${result.corpus} | ${withRules(result.sites)} | ${withRules(result.manual)} | ${builds} | ${idempotent ? "changes nothing" : `${result.secondRun.rewritten} more sites`} | ${verdicts.ACCEPT} / ${verdicts.CHANGES} / ${verdicts.REJECT} / ${unreviewed.length} |`);
    details.push(() => {
      console.log(`\n${result.corpus}: sites for review in ${relative(process.cwd(), join(options.sites, `${result.corpus}.md`))}`);
      for (const notice of result.notices) console.log(`  note: ${notice}`);
      for (const build of result.builds) {
        for (const line of build.added) console.log(`  ${build.tsconfig}: added type error: ${line}`);
        for (const line of build.removed) console.log(`  ${build.tsconfig}: removed type error: ${line}`);
      }
      for (const file of result.errors) console.log(`  error: ${file.file}: ${file.reason}`);
      console.log("  left manual, by reason:");
      for (const [reason, count] of countBy(result.manual, (site) => `${site.rule}: ${reasonClass(site.reason)}`)) console.log(`    ${String(count).padStart(4)}  ${reason}`);
      for (const { site, review } of result.reviewed) if (review?.verdict === "REJECT") console.log(`  REJECT in review: ${site.file}:${site.line} ${site.rule}: ${review.reason.slice(0, 160)}`);
      for (const { site, stale } of unreviewed) console.log(`  unreviewed: ${site.file}:${site.line} ${site.rule} (rewrite ${site.change.id})${stale ? `: the verdict on record (${stale.verdict}) judged ${stale.rewrite ? `rewrite ${stale.rewrite}` : "a rewrite before rewrite ids"}` : ""}`);
    });
    if (!sameErrors || !idempotent || result.errors.length > 0 || verdicts.REJECT > 0 || unreviewed.length > 0) failed = true;
  }
  for (const detail of details) detail();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
