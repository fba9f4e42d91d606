// `npm run eval:codemod [-- options]`: runs the built codemod on pinned real code bases (corpora.json)
// as a user would, with @corral/runtime installed from its packed tarball, and checks what issue #10
// asks of it there: the project's type errors are the same after the run as before, a second run
// changes nothing, and every rewrite it makes has a reviewer's verdict of "accept" in
// codemod-review.tsv (a rewrite with no verdict is listed for review). It exits 1 when one of those
// fails. Each corpus is left as it was found: every file the run may touch is restored, and the
// runtime and the ESLint configuration it installed are removed.
// Like eval.mjs, this is a development tool that needs the corpora, not part of `npm test`.
//
// Options:
//   --corpora <dir>   where the checkouts are (default: $CORRAL_CORPORA, else ../corpora from the repo root)
//   --corpus <name>   only this corpus (repeatable; default: the corpora that have `codemod` in corpora.json)
//   --config <name>   the corral config the corpus's ESLint configuration gets: recommended (default) or strict
//   --concurrency <n> passed on to the codemod (the bound a user chose for the project's fan-outs)
//   --reports <dir>   also write each corpus's report with the diff of every changed file, for review
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkCheckout } from "./checkout.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cli = join(root, "codemods/dist/cli/cli.js");
const plugin = join(root, "rules/dist/index.js");
const configNames = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts"];
const reviewRuns = { recommended: "merged", strict: "merged-strict" };

function parseArguments(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { corpora: { type: "string" }, corpus: { type: "string", multiple: true, default: [] }, config: { type: "string", default: "recommended" }, concurrency: { type: "string" }, reports: { type: "string" } },
  });
  if (!Object.hasOwn(reviewRuns, values.config)) throw new TypeError(`--config must be recommended or strict, not ${values.config}`);
  return {
    corpora: resolve(values.corpora ?? process.env.CORRAL_CORPORA ?? resolve(root, "../corpora")),
    only: values.corpus,
    config: values.config,
    codemodArguments: values.concurrency === undefined ? [] : ["--concurrency", values.concurrency],
    reports: values.reports === undefined ? undefined : resolve(values.reports),
  };
}

/** readReviews returns the accepted and rejected sites of the review run that matches the config. */
function readReviews(config) {
  const path = join(here, "codemod-review.tsv");
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((line) => line.trim() !== "");
  if (header !== "corpus\trun\tsite\trule\tmessageId\tverdict\treason") throw new Error(`${path}: unexpected header ${header}`);
  const verdicts = new Map();
  for (const row of rows) {
    const [corpus, run, site, rule, , verdict] = row.split("\t");
    if (run === reviewRuns[config]) verdicts.set(`${corpus}\t${site}\t${rule}`, verdict);
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

/** typeErrors runs the corpus's own TypeScript and returns its diagnostics without positions, sorted. */
function typeErrors(checkout, tsconfig) {
  const local = join(checkout, "node_modules/typescript/bin/tsc");
  const tsc = existsSync(local) ? local : join(root, "node_modules/typescript/bin/tsc");
  const result = run(process.execPath, [tsc, "--noEmit", "-p", tsconfig], checkout);
  // Rewrites move lines, so a diagnostic is compared by file, code and text, not by position.
  return result.stdout.split("\n").filter((line) => / error TS\d+/.test(line)).map((line) => line.replace(/\(\d+,\d+\)/, "")).sort();
}

function sourceFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?ts|tsx)$/.test(entry.name) && !entry.parentPath.includes("node_modules"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * prepare installs what a user would have before running the codemod (the runtime from its tarball,
 * corral's config added to the project's ESLint configuration) and returns the function that undoes
 * it and restores every file the codemod may write.
 */
function prepare(checkout, corpus, config, tarball) {
  const sources = sourceFiles(join(checkout, corpus.lintDir));
  // The codemod writes a source's nearest package.json, wherever that is: the same lookup decides here.
  const manifests = new Set(sources.map(nearestPackageJson).filter((file) => file !== undefined));
  const saved = new Map([...sources, ...manifests].map((file) => [file, readFileSync(file)]));
  const undo = [() => { for (const [file, bytes] of saved) writeFileSync(file, bytes); }];
  const runtimeDirectory = join(checkout, "node_modules/@corral/runtime");
  if (!existsSync(runtimeDirectory)) {
    const created = mkdirSync(runtimeDirectory, { recursive: true });
    const extracted = run("tar", ["-xzf", tarball, "-C", runtimeDirectory, "--strip-components=1"], checkout);
    if (extracted.status !== 0) throw new Error(`extracting ${tarball}: ${extracted.stderr}`);
    undo.push(() => rmSync(created ?? runtimeDirectory, { recursive: true, force: true }));
  }
  undo.push(...addCorralConfig(checkout, corpus, config));
  return () => { for (const step of undo.reverse()) step(); };
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

function countByRule(sites) {
  const counts = new Map();
  for (const site of sites) counts.set(site.rule, (counts.get(site.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => `${rule} ${count}`).join(", ");
}

function checkCorpus(options, corpus, tarball, reviews) {
  const checkout = join(options.corpora, corpus.name);
  checkCheckout(checkout, corpus);
  const restore = prepare(checkout, corpus, options.config, tarball);
  try {
    const before = typeErrors(checkout, corpus.codemod.tsconfig);
    const first = codemod(checkout, corpus, [...options.codemodArguments, ...(options.reports ? ["--diff"] : [])]);
    if (options.reports) {
      mkdirSync(options.reports, { recursive: true });
      writeFileSync(join(options.reports, `${corpus.name}-${options.config}.json`), `${JSON.stringify(first.report, null, 1)}\n`);
    }
    const after = typeErrors(checkout, corpus.codemod.tsconfig);
    const second = codemod(checkout, corpus, [...options.codemodArguments, "--check"]);
    const rewritten = first.report.files.flatMap((file) => file.sites.filter((site) => site.status === "rewritten").map((site) => ({ site: `${file.file}:${site.line}`, rule: site.rule })));
    const verdictOf = (item) => reviews.get(`${corpus.name}\t${item.site}\t${item.rule}`);
    const sites = first.report.files.flatMap((file) => file.sites);
    return {
      corpus: corpus.name,
      rewritten: rewritten.length,
      manual: first.report.summary.manualSites,
      byRule: { rewritten: countByRule(sites.filter((site) => site.status === "rewritten")), manual: countByRule(sites.filter((site) => site.status === "manual")) },
      errors: first.report.summary.error,
      typeErrors: { before: before.length, after: after.length, added: after.filter((line) => !before.includes(line)), removed: before.filter((line) => !after.includes(line)) },
      secondRun: { exit: second.status, rewritten: second.report.summary.rewrittenSites },
      rejected: rewritten.filter((item) => verdictOf(item) === "reject"),
      unreviewed: rewritten.filter((item) => verdictOf(item) === undefined),
    };
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
const reviews = readReviews(options.config);
let failed = false;
try {
  const tarball = packRuntime(scratch);
  console.log(`| corpus (${[options.config, ...options.codemodArguments].join(" ")}) | rewritten | manual | type errors before → after | second run | reviewed: accepted / rejected / not yet |`);
  console.log("| --- | --: | --: | --: | --: | --: |");
  for (const corpus of corpora) {
    const result = checkCorpus(options, corpus, tarball, reviews);
    const sameErrors = result.typeErrors.added.length === 0 && result.typeErrors.removed.length === 0;
    const idempotent = result.secondRun.exit === 0 && result.secondRun.rewritten === 0;
    const accepted = result.rewritten - result.rejected.length - result.unreviewed.length;
    const withRules = (count, rules) => (count > 0 ? `${count} (${rules})` : "0");
    console.log(`| ${result.corpus} | ${withRules(result.rewritten, result.byRule.rewritten)} | ${withRules(result.manual, result.byRule.manual)} | ${result.typeErrors.before} → ${result.typeErrors.after}${sameErrors ? " (the same)" : " (CHANGED)"} | ${idempotent ? "changes nothing" : `${result.secondRun.rewritten} more sites`} | ${accepted} / ${result.rejected.length} / ${result.unreviewed.length} |`);
    for (const line of result.typeErrors.added) console.log(`  added type error: ${line}`);
    for (const line of result.typeErrors.removed) console.log(`  removed type error: ${line}`);
    for (const item of result.rejected) console.log(`  rejected in review: ${item.site} ${item.rule}`);
    for (const item of result.unreviewed) console.log(`  not reviewed yet: ${item.site} ${item.rule} (add a verdict to bench/real-world/codemod-review.tsv, run ${reviewRuns[options.config]})`);
    if (!sameErrors || !idempotent || result.errors > 0 || result.rejected.length > 0 || result.unreviewed.length > 0) failed = true;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
