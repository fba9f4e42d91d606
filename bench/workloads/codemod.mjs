// Workload 9: the codemod end to end (decide with one type-checked lint, rewrite, verify the
// types of every changed file, write) on a seeded corpus the size of outline's server/ (770
// files), through its programmatic API `runCodemod`, against a lint of the same files with the
// same rules in a process of its own: the codemod's budget is twice that lint's wall time and
// 2 GB of peak memory. CPU time is shown beside wall time: it drifts less with a shared machine's load.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { writeCorpus } from "../lint/corpus.mjs";

const run = promisify(execFile);
const codemodModule = new URL("../../codemods/dist/index.js", import.meta.url);
const lintScript = fileURLToPath(new URL("../lint/lint-files.mjs", import.meta.url));
const runtimeTypes = fileURLToPath(new URL("../../runtime/dist/index.d.ts", import.meta.url));

/** codemodCorpusFiles is the corpus size: outline's server/ has 772 TypeScript files. */
export const codemodCorpusFiles = 770;

// The lint of the same corpus, in a fresh process, so its peak memory is its own.
async function lintSeparately(directory) {
  const { stdout } = await run(process.execPath, [lintScript, directory], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").at(-1));
}

async function measureCodemod(findingsEvery) {
  if (!existsSync(codemodModule)) throw new Error("codemods/dist/index.js is not built: the codemod is not available");
  const { runCodemod } = await import(codemodModule.href);
  const directory = mkdtempSync(join(tmpdir(), "corral-bench-codemod-"));
  const copy = `${directory}-lint`;
  try {
    writeCorpus(directory, { files: codemodCorpusFiles, runtimeTypes, findingsEvery });
    // The lint runs before and after the codemod (on the same, still unchanged corpus: it is
    // rewritten in a copy), and the two are averaged: a shared machine's load drifts in minutes.
    cpSync(directory, copy, { recursive: true });
    const before = await lintSeparately(copy);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await runCodemod({ paths: ["src"], cwd: directory, force: true });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const after = await lintSeparately(copy);
    const lint = { seconds: (before.seconds + after.seconds) / 2, cpuSeconds: (before.cpuSeconds + after.cpuSeconds) / 2, peakRssMb: Math.max(before.peakRssMb, after.peakRssMb) };
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const { summary } = report;
    const files = report.files.length;
    if (summary.error > 0) {
      const failed = report.files.find((file) => file.status === "error");
      throw new Error(`the codemod failed on ${failed.file}: ${failed.reason}`);
    }
    return {
      seconds,
      lintSeconds: lint.seconds,
      timesLint: seconds / lint.seconds,
      cpuTimesLint: cpuSeconds / lint.cpuSeconds,
      peakRssMb,
      lintPeakRssMb: lint.peakRssMb,
      filesPerSecond: files / seconds,
      files,
      outcome: `${summary.changed} changed, ${summary.manual} manual, ${summary.unchanged} unchanged`,
      sites: `${summary.rewrittenSites} rewritten, ${summary.manualSites} left to a person`,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }
}

const megabytes = (value) => `${Math.round(value).toLocaleString("en-US")} MB`;

export default {
  id: "codemod",
  number: 9,
  title: "Codemod cost at repo scale",
  summary: `\`runCodemod\` (codemods/pipeline/codemod.ts) on a fresh copy of the lint workload's generator at ${codemodCorpusFiles} files (the size of outline's \`server/\`), writing its changes, once with findings in one file in six (more than outline has: 10 of its 772 files are rewritten under corral's recommended config, 26 under strict) and once in every file: decide (one type-checked ESLint run with corral's rules; the corpus has no ESLint config, so corral's recommended), rewrite (the rules' own rewrites, applied with jscodeshift), verify every changed file with TypeScript in each tsconfig that builds it (a change that adds a type error is rolled back), write. *Lint* is \`eslint\` with corral's recommended config on the same files, in a process of its own, run before and after the codemod and averaged; *× lint* is the codemod's wall time over it (budget: 2× on the corpus like outline's), *CPU × lint* the same for CPU time, which a shared machine's load moves less. *Peak RSS* is each process's peak resident memory (budget: 2 GB for the codemod).`,
  tables: [
    {
      id: "throughput",
      title: "Codemod cost",
      kind: "metrics",
      // Three rounds, the median shown: one run's wall time on a shared machine moves by half.
      timeoutMs: 900_000,
      rows: [
        // One file in six had a rewrite in outline's server/ before the rules' precision work (124 of
        // 772); now 11 do under recommended and 26 under strict, so this is the heavier case.
        { id: "corral", label: "corral codemod, findings in 1 file in 6", role: "corral", measure: () => measureCodemod(6) },
        { id: "every-file", label: "corral codemod, findings in every file (the worst case)", role: "corral", measure: () => measureCodemod(1) },
      ],
      columns: [
        { key: "seconds", label: "wall time", format: (value) => `${value.toFixed(1)} s` },
        { key: "lintSeconds", label: "lint", format: (value) => `${value.toFixed(1)} s` },
        { key: "timesLint", label: "× lint", format: (value) => `${value.toFixed(2)}×`, better: "lower" },
        { key: "cpuTimesLint", label: "CPU × lint", format: (value) => `${value.toFixed(2)}×`, better: "lower" },
        { key: "peakRssMb", label: "peak RSS", format: megabytes, better: "lower" },
        { key: "lintPeakRssMb", label: "lint peak RSS", format: megabytes },
        { key: "filesPerSecond", label: "files/s", format: (value) => value.toFixed(1), better: "higher" },
        { key: "files", label: "files", format: String },
        { key: "outcome", label: "files by outcome", format: String },
        { key: "sites", label: "findings", format: String },
      ],
    },
  ],
};
