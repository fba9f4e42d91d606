// The playground's performance, measured in a real browser: the browser tests (tests/site) run it
// and print the figures, `npm run bench -- playground` runs it and writes them into
// docs/benchmarks.md with their targets. Nothing here judges a figure: timing tests on a shared
// machine would fail on its load, not on the code.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync, gzipSync } from "node:zlib";

/** editedFile is the 200-line file the re-lint time is measured on. */
export const editedFile = fileURLToPath(new URL("../bench/playground/orders-service.ts", import.meta.url));

/**
 * shareHash returns the playground's share fragment for `code`, as the page's Share button makes
 * it (site/src/share.ts): deflate-raw, base64url, after `#code=`.
 */
export function shareHash(code) {
  return `#code=${deflateRawSync(Buffer.from(code, "utf8")).toString("base64url")}`;
}

/**
 * waitForLint waits until the page shows the findings of a lint newer than `after` (the status's
 * data-lint-id before the change) and returns the status's dataset; a failed lint throws.
 */
export async function waitForLint(page, after = "0", timeout = 60_000) {
  const handle = await page.waitForFunction(
    (previous) => {
      const status = document.querySelector("#status");
      if (status?.dataset.state === "failed") return { failed: status.textContent };
      return status?.dataset.state === "ready" && Number(status.dataset.lintId) > Number(previous) ? { ...status.dataset } : false;
    },
    after,
    { timeout },
  );
  const result = await handle.jsonValue();
  if (result.failed !== undefined) throw new Error(`the playground failed: ${result.failed}`);
  return result;
}

/** lintId returns the id of the last lint the page showed ("0" before the first). */
export async function lintId(page) {
  return page.$eval("#status", (status) => status.dataset.lintId ?? "0");
}

// CPU time (user + system, ms) of this process's descendants, that is the browser playwright
// launched: on a shared machine wall times move with the other work, CPU time much less. Linux's
// /proc only; elsewhere undefined. The clock ticks at 100 Hz (USER_HZ) on every Linux Node supports.
function descendantsCpuMs() {
  if (!existsSync("/proc/self/stat")) return undefined;
  const parents = new Map();
  const ticks = new Map();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(pid, fields[1]);
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const self = String(process.pid);
  let total = 0;
  for (const pid of ticks.keys()) {
    for (let ancestor = parents.get(pid); ancestor !== undefined && ancestor !== "0"; ancestor = parents.get(ancestor)) {
      if (ancestor === self) {
        total += ticks.get(pid);
        break;
      }
    }
  }
  return total * 10;
}

const cpuSince = (before) => (before === undefined ? undefined : descendantsCpuMs() - before);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * bundleSize returns what the playground page downloads from the built site in `directory`: every
 * file the page and its worker load, in bytes and gzip-compressed bytes (as a static host that
 * compresses would send them), and the same per file.
 */
export function bundleSize(directory, loaded) {
  const files = loaded.map((path) => {
    const bytes = statSync(join(directory, path)).size;
    return { path, bytes, gzipBytes: gzipSync(readFileSync(join(directory, path))).length };
  });
  return { bytes: files.reduce((sum, file) => sum + file.bytes, 0), gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0), files };
}

// A fresh browser context (no cache) opens `url` and waits for its first findings.
async function coldLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const loaded = [];
    page.on("requestfinished", (request) => loaded.push(new URL(request.url()).pathname.slice(1) || "index.html"));
    const cpu = descendantsCpuMs();
    await page.goto(url);
    const status = await waitForLint(page);
    return { firstFindingsMs: Number(status.firstFindingsMs), cpuMs: cpuSince(cpu), loaded };
  } finally {
    await context.close();
  }
}

/**
 * measurePlayground measures the playground served at `siteUrl` (built into `directory`) in
 * `browser` (a playwright-core Browser):
 * - firstFindingsMs: from navigation to the first findings on the page, in a fresh context (no
 *   cache), for the default example and for the 200-line file opened from a share link; the
 *   median of `loads` loads each;
 * - relintMs: from an edit (a character typed at the end of the 200-line file) to corral's findings
 *   on the page, median and maximum of `edits` edits, one at a time; relintWithTypesMs: to
 *   TypeScript's errors too, which the worker checks after sending the findings;
 * - the bundle's size, from the files the page loaded;
 * - on Linux, the CPU time the browser spent on both (all its processes), which a shared machine's
 *   load moves much less than wall time: firstFindingsCpuMs and relintCpuMs, medians.
 */
export async function measurePlayground(browser, siteUrl, directory, { loads = 3, edits = 10 } = {}) {
  const code = readFileSync(editedFile, "utf8");
  const example = [];
  const exampleCpu = [];
  const shared = [];
  let loaded = [];
  for (let round = 0; round < loads; round++) {
    const cold = await coldLoad(browser, siteUrl);
    example.push(cold.firstFindingsMs);
    exampleCpu.push(cold.cpuMs);
    loaded = cold.loaded;
    shared.push((await coldLoad(browser, siteUrl + shareHash(code))).firstFindingsMs);
  }
  const context = await browser.newContext();
  const relints = [];
  const withTypes = [];
  const relintCpu = [];
  const workerMs = [];
  try {
    const page = await context.newPage();
    await page.goto(siteUrl + shareHash(code));
    await waitForLint(page);
    await page.click(".cm-content");
    for (let edit = 0; edit < edits; edit++) {
      const before = await lintId(page);
      const cpu = descendantsCpuMs();
      await page.keyboard.press("Control+End");
      await page.keyboard.type(edit % 2 === 0 ? "\n" : "// edited");
      const status = await waitForLint(page, before);
      relints.push(Number(status.elapsedMs));
      withTypes.push(Number(status.typesElapsedMs));
      relintCpu.push(cpuSince(cpu));
      workerMs.push(Number(status.workerMs));
    }
  } finally {
    await context.close();
  }
  const bundle = bundleSize(directory, [...new Set(loaded)].filter((path) => !path.startsWith("docs/")));
  return {
    firstFindingsMs: median(example),
    firstFindingsSharedMs: median(shared),
    relintMs: median(relints),
    relintMaxMs: Math.max(...relints),
    relintWithTypesMs: median(withTypes),
    relintWorkerMs: median(workerMs),
    firstFindingsCpuMs: exampleCpu.includes(undefined) ? undefined : median(exampleCpu),
    relintCpuMs: relintCpu.includes(undefined) ? undefined : median(relintCpu),
    lines: code.split("\n").length - (code.endsWith("\n") ? 1 : 0),
    bundleBytes: bundle.bytes,
    bundleGzipBytes: bundle.gzipBytes,
    bundleFiles: bundle.files,
  };
}
