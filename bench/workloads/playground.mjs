// Workload 10: the playground (site/) in a real headless Chromium: how long after the page is opened
// the first findings show, how long a re-lint takes after an edit of a 200-line file, and what the
// page downloads. The measurement is site/measure.mjs, the one the browser tests print; this
// workload holds its targets (3 s, 300 ms), which a test on a shared machine must not judge.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../../tests/browser/chromium.mjs";
import { buildSite } from "../../site/build.mjs";
import { measurePlayground } from "../../site/measure.mjs";
import { serveSite } from "../../site/serve.mjs";

/** playgroundLoads and playgroundEdits are how many cold loads and edits one round measures. */
export const playgroundLoads = 3;
export const playgroundEdits = 20;

async function measure() {
  const directory = mkdtempSync(join(tmpdir(), "corral-bench-site-"));
  const load = loadavg()[0];
  await buildSite(directory);
  const site = await serveSite(directory);
  const browser = await launchChromium();
  try {
    const figures = await measurePlayground(browser, site.url, directory, { loads: playgroundLoads, edits: playgroundEdits });
    const size = (name) => figures.bundleFiles.find((file) => file.path === name)?.bytes ?? 0;
    return {
      firstFindingsMs: figures.firstFindingsMs,
      firstFindingsSharedMs: figures.firstFindingsSharedMs,
      relintMs: figures.relintMs,
      relintMaxMs: figures.relintMaxMs,
      relintWithTypesMs: figures.relintWithTypesMs,
      relintWorkerMs: figures.relintWorkerMs,
      firstFindingsCpuMs: figures.firstFindingsCpuMs,
      relintCpuMs: figures.relintCpuMs,
      bundleBytes: figures.bundleBytes,
      bundleGzipBytes: figures.bundleGzipBytes,
      workerBytes: size("worker.js"),
      typingsBytes: size("typings.json"),
      uiBytes: figures.bundleBytes - size("worker.js") - size("typings.json"),
      load,
      cores: cpus().length,
      browser: `Chromium ${browser.version()}`,
    };
  } finally {
    await browser.close();
    await site.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const milliseconds = (value) => `${Math.round(value).toLocaleString("en-US")} ms`;
const megabytes = (value) => `${(value / 1e6).toFixed(2)} MB`;

export default {
  id: "playground",
  number: 10,
  title: "Playground in the browser",
  summary: `The playground (site/, \`npm run site\`) built into a temp folder, served from 127.0.0.1 and opened in headless Chromium from @sparticuz/chromium (tests/browser/chromium.mjs) by site/measure.mjs, the measurement the browser tests (tests/site) also print. *First findings* is from navigation to the first findings on the page, in a fresh browser context (nothing cached): TypeScript, ESLint, typescript-eslint's parser and corral's rules load in a worker, which parses the lib files, @types/node and @corral/runtime's declarations and lints; the median of ${playgroundLoads} loads of the default example, and of the bench's 200-line file (bench/playground/orders-service.ts) opened from a share link. *Re-lint* is from an edit typed at the end of that 200-line file to corral's findings on the page (a new program, ESLint with the four typed rules, the findings drawn), median and maximum of ${playgroundEdits} edits; *worker* is the lint worker's share of the median; *with TypeScript's errors* is to the file's type errors too, which the worker checks after it has sent the findings. *Bundle* is every file the page downloads (gzipped: as a static host that compresses sends it): *worker.js* (TypeScript, ESLint, the parser, the plugin), *typings.json* (the declarations, without their comments) and the page itself (CodeMirror, the rule pages' examples and lessons). *Load* is the machine's one-minute load average when the round began: the figures are wall times on a machine shared with other work, and move with it; the *CPU* columns are the CPU time all of Chromium's processes spent on the same first load and re-lint (from /proc), which that load moves much less, and which is spread over the machine's cores.`,
  tables: [
    {
      id: "page",
      title: "Playground",
      kind: "metrics",
      timeoutMs: 900_000,
      rows: [{ id: "corral", label: "corral playground", role: "corral", measure }],
      columns: [
        { key: "firstFindingsMs", label: "first findings", format: milliseconds, better: "lower" },
        { key: "firstFindingsSharedMs", label: "first findings, 200-line link", format: milliseconds, better: "lower" },
        { key: "relintMs", label: "re-lint, 200 lines", format: milliseconds, better: "lower" },
        { key: "relintMaxMs", label: "re-lint max", format: milliseconds },
        { key: "relintWithTypesMs", label: "with TypeScript's errors", format: milliseconds },
        { key: "relintWorkerMs", label: "worker", format: milliseconds },
        { key: "firstFindingsCpuMs", label: "first findings, CPU", format: milliseconds },
        { key: "relintCpuMs", label: "re-lint, CPU", format: milliseconds },
        { key: "bundleBytes", label: "bundle", format: megabytes },
        { key: "bundleGzipBytes", label: "gzipped", format: megabytes },
        { key: "workerBytes", label: "worker.js", format: megabytes },
        { key: "typingsBytes", label: "typings.json", format: megabytes },
        { key: "uiBytes", label: "page", format: megabytes },
        { key: "load", label: "load", format: (value) => value.toFixed(2) },
        { key: "browser", label: "browser", format: String },
      ],
    },
  ],
};
