// Workload 9: the codemod end to end (decide with one type-checked lint, rewrite, verify the
// types of every changed file, write) on the same seeded corpus as the lint workload, through
// its programmatic API `runCodemod`.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeCorpus } from "../lint/corpus.mjs";
import { corpusFiles } from "./lint.mjs";

const codemodModule = new URL("../../codemods/dist/index.js", import.meta.url);
const runtimeTypes = fileURLToPath(new URL("../../runtime/dist/index.d.ts", import.meta.url));

async function measureCodemod() {
  if (!existsSync(codemodModule)) throw new Error("codemods/dist/index.js is not built: the codemod is not available");
  const { runCodemod } = await import(codemodModule.href);
  const directory = mkdtempSync(join(tmpdir(), "corral-bench-codemod-"));
  try {
    writeCorpus(directory, { files: corpusFiles, runtimeTypes });
    const started = performance.now();
    const report = await runCodemod({ paths: ["src"], cwd: directory, force: true });
    const seconds = (performance.now() - started) / 1000;
    const { summary } = report;
    const files = report.files.length;
    if (summary.error > 0) {
      const failed = report.files.find((file) => file.status === "error");
      throw new Error(`the codemod failed on ${failed.file}: ${failed.reason}`);
    }
    return {
      filesPerSecond: files / seconds,
      seconds,
      files,
      outcome: `${summary.changed} changed, ${summary.manual} manual, ${summary.unchanged} unchanged`,
      sites: `${summary.rewrittenSites} rewritten, ${summary.manualSites} left to a person`,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export default {
  id: "codemod",
  number: 9,
  title: "Codemod throughput",
  summary: `\`runCodemod\` (codemods/codemod.ts) on a fresh copy of the lint workload's ${corpusFiles}-file corpus, writing its changes: decide (one type-checked ESLint run with corral's rules), rewrite with jscodeshift, verify every changed file with ts-morph (a change that adds a type error is rolled back), write. Files per second is files in the report over the whole run's wall time.`,
  tables: [
    {
      id: "throughput",
      title: "Codemod throughput",
      kind: "metrics",
      rounds: 1,
      timeoutMs: 400_000,
      rows: [{ id: "corral", label: "corral codemod (`runCodemod`)", role: "corral", measure: measureCodemod }],
      columns: [
        { key: "filesPerSecond", label: "files/s", format: (value) => value.toFixed(1), better: "higher" },
        { key: "seconds", label: "wall time", format: (value) => `${value.toFixed(1)} s` },
        { key: "files", label: "files", format: String },
        { key: "outcome", label: "files by outcome", format: String },
        { key: "sites", label: "findings", format: String },
      ],
    },
  ],
};
