// Lints one pinned corpus in a process of its own (a corpus's program takes gigabytes) and writes
// what it found as JSON: corral's findings with the chosen config, typescript-eslint's
// no-floating-promises findings on the same files, crashes, each rule's time from ESLint's stats, and
// which corral commit linted it, when (eval.mjs --write-findings records both with the findings).
// Usage (eval.mjs runs it): node lint-corpus.mjs <corpus.json entry as JSON> <checkout> <config> <output.json>
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import corral from "eslint-plugin-corral";
import { matchesGlob } from "../../rules/dist/util/matches-glob.js";
import tseslint from "typescript-eslint";

const batchSize = 20;
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sourceExtension = /\.(?:ts|tsx|mts|cts)$/;

/** listFiles returns the corpus's lintable files under its lint folder, relative to the checkout, sorted. */
function listFiles(root, corpus) {
  return readdirSync(join(root, corpus.lintDir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && sourceExtension.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .filter((file) => !matchesGlob(file, corpus.ignores))
    .sort();
}

function createLinter(root, corpus, configName) {
  const config = corral.configs[configName];
  if (!config) throw new TypeError(`unknown config ${configName}; use recommended or strict`);
  const files = [`${corpus.lintDir}/**/*.{ts,tsx,mts,cts}`];
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    // The corpora's own disable comments name rules of their own configs; the evaluation judges
    // what the rules report on the code, whatever a corpus chose to silence.
    allowInlineConfig: false,
    stats: true,
    overrideConfig: [
      {
        ...config,
        files,
        languageOptions: { ...config.languageOptions, parserOptions: { projectService: true, tsconfigRootDir: root } },
      },
      { files, plugins: { "@typescript-eslint": tseslint.plugin }, rules: { "@typescript-eslint/no-floating-promises": "error" } },
    ],
  });
}

function firstSentence(message) {
  const end = message.search(/[.:](?:\s|$)/);
  return end > 0 ? message.slice(0, end) : message;
}

async function lintBatch(eslint, root, batch, output) {
  let results;
  try {
    results = await eslint.lintFiles(batch);
  } catch (error) {
    if (batch.length > 1) {
      for (const file of batch) await lintBatch(eslint, root, [file], output);
      return;
    }
    output.crashes.push({ file: batch[0], error: String(error?.message ?? error).split("\n").slice(0, 3).join(" ") });
    return;
  }
  for (const result of results) {
    const file = relative(root, result.filePath).split("\\").join("/");
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) output.ruleMs[rule] = (output.ruleMs[rule] ?? 0) + total;
    }
    for (const message of result.messages) {
      if (message.fatal || message.ruleId === null) {
        output.crashes.push({ file, error: `line ${message.line}: ${message.message}` });
      } else if (message.ruleId === "@typescript-eslint/no-floating-promises") {
        output.nfp.push({ file, line: message.line });
      } else if (message.ruleId.startsWith("corral/")) {
        output.findings.push({
          file,
          line: message.line,
          column: message.column,
          rule: message.ruleId.slice("corral/".length),
          messageId: message.messageId,
          message: firstSentence(message.message),
          fullMessage: message.message,
        });
      }
    }
  }
}

/** corralState names the commit whose rules lint and whether rules/ differs from it (findings from uncommitted rules cannot be traced). */
function corralState() {
  const git = (...args) => spawnSync("git", ["-C", repositoryRoot, ...args], { encoding: "utf8" }).stdout.trim();
  return { commit: git("rev-parse", "HEAD"), rulesChanged: git("status", "--porcelain", "--", "rules") !== "" };
}

async function main() {
  const [corpusJson, root, configName, outputPath] = process.argv.slice(2);
  const corpus = JSON.parse(corpusJson);
  const eslint = createLinter(root, corpus, configName);
  const files = listFiles(root, corpus);
  const output = { corpus: corpus.name, config: configName, corral: corralState(), lintedAt: new Date().toISOString(), files: files.length, findings: [], nfp: [], crashes: [], ruleMs: {} };
  const started = performance.now();
  for (let index = 0; index < files.length; index += batchSize) {
    await lintBatch(eslint, root, files.slice(index, index + batchSize), output);
  }
  output.wallMs = Math.round(performance.now() - started);
  writeFileSync(outputPath, JSON.stringify(output));
}

await main();
