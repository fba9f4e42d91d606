// The playground in a real Chromium (tests/browser/chromium.mjs), driven by playwright-core: the site
// is built from the repository into a temp folder and served from 127.0.0.1, and every request the
// pages make is recorded; one that leaves the served folder is refused and fails the test, so the
// playground is proven to run offline. The rules' verdicts on every rule page example must match
// what the page promises, as the Node docs tests check them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rulePageExamples, ruleIds } from "eslint-plugin-corral";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../browser/chromium.mjs";
import { staleBuildOutputs } from "../e2e/build-freshness.js";
import { buildSite } from "../../site/build.mjs";
import { measurePlayground, shareHash, waitForLint, lintId } from "../../site/measure.mjs";
import { serveSite } from "../../site/serve.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const screenshot = join(root, "docs/playground.png");

let directory: string;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** outside collects every request for something not in the served folder. */
const outside: string[] = [];

interface Shown {
  kind: string;
  rule: string | undefined;
  line: number;
  suggestions: number;
}

async function findings(): Promise<Shown[]> {
  return page.$$eval("[data-finding]", (items) =>
    items.map((item) => ({
      kind: (item as HTMLElement).dataset.kind ?? "",
      rule: (item as HTMLElement).dataset.rule,
      line: Number((item as HTMLElement).dataset.line),
      suggestions: item.querySelectorAll("[data-suggestion]").length,
    })),
  );
}

async function editorText(target: Page = page): Promise<string> {
  return target.$$eval(".cm-line", (lines) => lines.map((line) => line.textContent ?? "").join("\n"));
}

/**
 * openAddress goes to `url` and waits for its lint. An address that differs from the page's only in
 * its hash keeps the document (the playground re-lints on hashchange), whose last lint must not be
 * taken for the new one; another address loads a new document, whose lints count from zero.
 */
async function openAddress(url: string): Promise<void> {
  const sameDocument = page.url().split("#")[0] === url.split("#")[0];
  const before = sameDocument ? await lintId(page) : "0";
  await page.goto(url);
  await waitForLint(page, before);
}

async function openExample(ref: string): Promise<void> {
  const before = await lintId(page);
  await page.selectOption("#examples", ref);
  await waitForLint(page, before);
}

beforeAll(async () => {
  const stale = staleBuildOutputs(root, ["runtime", "rules"]);
  if (stale.length > 0) throw new Error(`the site bundles runtime/dist and rules/dist, which are older than ${stale.join(", ")}: run \`npm run build\``);
  directory = mkdtempSync(join(tmpdir(), "corral-site-"));
  await buildSite(directory);
  site = await serveSite(directory);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(site.url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on("pageerror", (error) => outside.push(`page error: ${error.message}`));
  await page.goto(site.url);
  await waitForLint(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe("the playground", () => {
  it("opens with the first rule's first ❌ example and its findings, with no request outside the served folder", async () => {
    const [first] = ruleIds;
    expect(await page.$eval("#examples", (menu) => (menu as HTMLSelectElement).value)).toBe(`${first}/incorrect/1`);
    expect((await findings()).some((finding) => finding.rule === first)).toBe(true);
    expect(outside).toEqual([]);
  });

  it("shows each finding's message, its rule page's Go ↔ TypeScript lesson and a link to the page", async () => {
    const item = page.locator("[data-finding][data-rule]").first();
    const rule = await item.getAttribute("data-rule");
    expect((await item.locator("[data-message]").textContent())?.trim()).not.toBe("");
    const lesson = item.locator("[data-lesson]");
    await lesson.locator("summary").click();
    expect(await lesson.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    // The lesson is the page's "The Go pattern" section: Go code and the TypeScript that matches it.
    expect(await lesson.locator("pre code").count()).toBeGreaterThanOrEqual(2);
    expect(await lesson.locator("code.language-go").count()).toBeGreaterThan(0);
    expect(await item.locator(`a[href="docs/rules/${rule}.html"]`).count()).toBe(1);
  });

  for (const id of ruleIds) {
    const markdown = readFileSync(join(root, "docs/rules", `${id}.md`), "utf8");
    const examples = rulePageExamples(markdown);
    describe(`docs/rules/${id}.md in the examples menu`, () => {
      const counts = { incorrect: 0, correct: 0 };
      for (const example of examples) {
        const n = ++counts[example.kind];
        const ref = `${id}/${example.kind}/${n}`;
        it(`${example.kind === "incorrect" ? "❌" : "✅"} example at line ${example.line} ${example.kind === "incorrect" ? "is reported" : "is not reported"} by corral/${id}`, async () => {
          await openExample(ref);
          expect(await editorText()).toBe(example.code);
          const shown = await findings();
          expect(shown.filter((finding) => finding.kind === "parse-error")).toEqual([]);
          const reported = shown.filter((finding) => finding.rule === id);
          if (example.kind === "incorrect") expect(reported.length).toBeGreaterThan(0);
          else expect(reported).toEqual([]);
        });
      }
    });
  }

  it("lints a suggestion's result, then applies it: the finding is gone, the code re-linted, and a runtime import type-checks", async () => {
    // The first ❌ example of no-fire-and-forget offers to hand the dropped work to `go` from
    // @corral/runtime: applying it adds the import, which type-checks only if the playground has
    // the runtime's declarations.
    await openExample("no-fire-and-forget/incorrect/1");
    const before = (await findings()).filter((finding) => finding.rule === "no-fire-and-forget");
    expect(before.length).toBe(1);
    const suggestion = page.locator('[data-finding][data-rule="no-fire-and-forget"] [data-suggestion]').filter({ has: page.locator("[data-diff]", { hasText: "@corral/runtime" }) });
    expect(await suggestion.count()).toBe(1);
    // Linted before it is applied: the result has no finding and type-checks.
    await suggestion.locator("[data-preview]").click();
    const preview = suggestion.locator("[data-preview-result]");
    await preview.locator("xpath=self::*[@data-preview-findings]").waitFor();
    expect(await preview.getAttribute("data-preview-findings")).toBe("0");
    expect(await preview.getAttribute("data-preview-type-errors")).toBe("0");
    const previous = await lintId(page);
    await suggestion.locator("[data-apply]").click();
    await waitForLint(page, previous);
    expect(await editorText()).toContain('from "@corral/runtime"');
    expect((await findings()).filter((finding) => finding.rule === "no-fire-and-forget")).toEqual([]);
    expect(await findings()).toEqual([]);
    expect(await page.locator("[data-applied]").count()).toBe(1);
  });

  it("reports TypeScript errors, so code that type-checks is told apart", async () => {
    await openAddress(site.url + shareHash('import { notARuntimeExport } from "@corral/runtime";\nconst n: number = "text";\nexport { n, notARuntimeExport };\n'));
    const shown = await findings();
    expect(shown.filter((finding) => finding.kind === "type-error").map((finding) => finding.line)).toEqual([1, 2]);
  });

  it("applies the suggestion of every rule whose first ❌ example offers one, and the finding it fixes is gone", async () => {
    for (const id of ruleIds) {
      await openAddress(`${site.url}#example=${id}/incorrect/1`);
      const withSuggestion = (await findings()).find((finding) => finding.rule === id && finding.suggestions > 0);
      if (!withSuggestion) continue;
      const before = (await findings()).filter((finding) => finding.rule === id).length;
      const previous = await lintId(page);
      await page.locator(`[data-finding][data-rule="${id}"][data-line="${withSuggestion.line}"] [data-apply]`).first().click();
      await waitForLint(page, previous);
      expect((await findings()).filter((finding) => finding.rule === id).length, id).toBeLessThan(before);
    }
  });

  it("makes a share link that restores the code when opened", async () => {
    await openExample("require-timeout/incorrect/1");
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    const before = await lintId(page);
    await page.keyboard.type("\n// shared: ünïcödé ✅");
    await waitForLint(page, before);
    const code = await editorText();
    await page.click("#share");
    // The link is written once the code is compressed (CompressionStream is asynchronous).
    await page.waitForFunction(() => ((document.querySelector("#share-url") as HTMLInputElement | null)?.value ?? "") !== "");
    const link = await page.$eval("#share-url", (input) => (input as HTMLInputElement).value);
    expect(link.startsWith(`${site.url}#code=`)).toBe(true);
    const other = await context.newPage();
    try {
      await other.goto(link);
      await waitForLint(other);
      expect(await editorText(other)).toBe(code);
    } finally {
      await other.close();
    }
  }, 120_000);

  it("opens a rule page's example from its link, and says so when a link is damaged", async () => {
    await page.goto(`${site.url}docs/rules/no-unbounded-concurrency.html`);
    const links = page.locator("[data-example-link]");
    const examples = rulePageExamples(readFileSync(join(root, "docs/rules/no-unbounded-concurrency.md"), "utf8"));
    expect(await links.count()).toBe(examples.length);
    await links.nth(1).click();
    await waitForLint(page);
    expect(await editorText()).toBe(examples[1]?.code);
    await page.goto(`${site.url}#code=not-deflate`);
    await page.waitForFunction(() => document.querySelector("#status")?.getAttribute("data-state") === "failed");
  }, 120_000);

  it("never asked for anything outside the served folder", () => {
    expect(outside).toEqual([]);
  });

  it("would have seen such a request, also from a worker (the check above can fail)", async () => {
    const probe = await context.newPage();
    try {
      await probe.goto(`${site.url}docs/playground.html`);
      await probe.evaluate(async () => {
        const source = 'fetch("http://192.0.2.1/from-a-worker").catch(() => {}).finally(() => postMessage("done"));';
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
        await new Promise((resolve) => worker.addEventListener("message", resolve));
      });
      expect(outside).toEqual(["http://192.0.2.1/from-a-worker"]);
    } finally {
      outside.length = 0;
      await probe.close();
    }
  });

  it("measures first findings, re-lint time and bundle size (reported, not judged: npm run bench -- playground has the targets)", async () => {
    const figures = await measurePlayground(browser, site.url, directory, { loads: 1, edits: 5 });
    console.log(
      `playground: first findings ${Math.round(figures.firstFindingsMs)} ms (200-line file from a link: ${Math.round(figures.firstFindingsSharedMs)} ms); ` +
        `re-lint of the ${figures.lines}-line file ${Math.round(figures.relintMs)} ms (max ${Math.round(figures.relintMaxMs)} ms); ` +
        (figures.firstFindingsCpuMs === undefined ? "" : `CPU ${Math.round(figures.firstFindingsCpuMs)} ms and ${Math.round(figures.relintCpuMs ?? 0)} ms; `) +
        `bundle ${(figures.bundleBytes / 1e6).toFixed(2)} MB, ${(figures.bundleGzipBytes / 1e6).toFixed(2)} MB gzipped`,
    );
    expect(figures.lines).toBe(200);
    expect(figures.bundleFiles.map((file: { path: string }) => file.path)).toEqual(expect.arrayContaining(["index.html", "main.js", "worker.js", "typings.json"]));
    for (const value of [figures.firstFindingsMs, figures.firstFindingsSharedMs, figures.relintMs]) expect(value).toBeGreaterThan(0);
  }, 180_000);

  it.runIf(process.env.CORRAL_SCREENSHOT === "1")("writes the README's screenshot (CORRAL_SCREENSHOT=1)", async () => {
    await page.setViewportSize({ width: 1400, height: 1250 });
    await openAddress(`${site.url}#example=no-unhandled-rejection/incorrect/1`);
    const lesson = page.locator("[data-finding][data-rule] [data-lesson]").first();
    if (!(await lesson.evaluate((details) => (details as HTMLDetailsElement).open))) await lesson.locator("summary").click();
    await page.locator("[data-finding][data-rule] [data-preview]").first().click();
    await page.locator("[data-preview-findings]").first().waitFor();
    writeFileSync(screenshot, await page.screenshot());
  }, 60_000);
});
