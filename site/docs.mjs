// The site's view of the docs: every docs/*.md and docs/rules/*.md rendered to HTML at build time
// (marked, GitHub-flavoured, with GitHub's heading anchors), and the rule pages' examples and
// lessons for the playground's examples menu and findings. The pages are read with the plugin's
// own rule-page reader, the one the docs tests and `corral explain` use.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { rulePageExamples, rulePageSection, rules } from "eslint-plugin-corral";
import { Marked } from "marked";
import { gfmHeadingId } from "marked-gfm-heading-id";

const root = fileURLToPath(new URL("..", import.meta.url));
const docsDirectory = join(root, "docs");
const repository = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

/** exampleHash is the playground's address fragment that opens a rule page's example (n counts from 1 per kind). */
export function exampleHash(id, kind, n) {
  return `#example=${id}/${kind}/${n}`;
}

/** ruleIds lists the rules that have a page, in the plugin's order. */
export function ruleIds() {
  return Object.keys(rules).filter((id) => existsSync(join(docsDirectory, "rules", `${id}.md`)));
}

function rulePage(id) {
  return readFileSync(join(docsDirectory, "rules", `${id}.md`), "utf8");
}

// Relative links are written for GitHub (docs/x.md, ../bench/…): a page the site renders keeps its
// link with .html, an image it copies keeps its own; a file it does not hold is linked in the
// repository; the playground's page (docs/playground.md tells how to build and serve the site)
// becomes the playground. `at` is the site path of the page the HTML goes into.
function linkRewriter(fromPage, at, playground) {
  const fromSite = (path) => posix.relative(posix.dirname(at), path) || posix.basename(path);
  return (href) => {
    if (/^[a-z]+:|^#|^\/\//i.test(href)) return href;
    const [path, fragment] = href.split("#");
    const target = posix.normalize(posix.join(posix.dirname(fromPage), path));
    if (target === "docs/playground.md") return fromSite(playground.split("#")[0]) + (playground.includes("#") ? `#${playground.split("#")[1]}` : "");
    const suffix = fragment === undefined ? "" : `#${fragment}`;
    if (target.startsWith("docs/") && existsSync(join(root, target))) return `${fromSite(target.replace(/\.md$/, ".html"))}${suffix}`;
    return `${repository}/blob/main/${target}${suffix}`;
  };
}

/**
 * renderMarkdown renders the Markdown of `fromPage` (its path in the repository) to HTML for the
 * site page at `at`; a link to docs/playground.md goes to `playground` (a site path).
 */
export function renderMarkdown(markdown, fromPage, at, playground = "index.html") {
  const rewrite = linkRewriter(fromPage, at, playground);
  const marked = new Marked({ gfm: true }, gfmHeadingId(), {
    walkTokens(token) {
      if (token.type === "link" || token.type === "image") token.href = rewrite(token.href);
    },
  });
  return marked.parse(markdown);
}

// After each ❌/✅ block of a rule page, a link that opens it in the playground.
function withPlaygroundLinks(id, markdown) {
  const lines = markdown.split("\n");
  const counts = { incorrect: 0, correct: 0 };
  const after = new Map();
  for (const example of rulePageExamples(markdown)) {
    counts[example.kind] += 1;
    const close = example.line + example.code.split("\n").length;
    after.set(close, `\n<p class="try"><a data-example-link href="../../index.html${exampleHash(id, example.kind, counts[example.kind])}">Open in the playground</a></p>\n`);
  }
  return lines.map((line, index) => (after.has(index) ? `${line}\n${after.get(index)}` : line)).join("\n");
}

function page(title, depth, body) {
  const up = "../".repeat(depth);
  const links = ruleIds()
    .map((id) => `<a href="${up}docs/rules/${id}.html">${id}</a>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · corral</title>
<link rel="stylesheet" href="${up}style.css">
</head>
<body class="doc">
<header class="site-header"><a class="brand" href="${up}index.html">corral playground</a><nav>${links}<a href="${up}docs/runtime.html">runtime</a><a href="${up}docs/codemods.html">codemod</a></nav></header>
<main class="doc-body">
${body}
</main>
</body>
</html>
`;
}

/**
 * renderDocs writes docs/*.md and docs/rules/*.md as HTML pages under `outDir`/docs, each rule
 * page with a playground link after every example, and copies the images they show.
 */
export function renderDocs(outDir) {
  for (const entry of readdirSync(docsDirectory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const fromPage = relative(root, source).split("\\").join("/");
    const target = join(outDir, fromPage.replace(/\.md$/, ".html"));
    mkdirSync(dirname(target), { recursive: true });
    if (!entry.name.endsWith(".md")) {
      if (/\.(?:svg|png)$/.test(entry.name)) copyFileSync(source, target);
      continue;
    }
    const depth = fromPage.split("/").length - 1;
    const id = fromPage.startsWith("docs/rules/") ? entry.name.slice(0, -3) : undefined;
    const markdown = readFileSync(source, "utf8");
    const at = fromPage.replace(/\.md$/, ".html");
    const html = id ? renderMarkdown(withPlaygroundLinks(id, markdown), fromPage, at, `index.html${exampleHash(id, "incorrect", 1)}`) : renderMarkdown(markdown, fromPage, at);
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? entry.name;
    writeFileSync(target, page(title, depth, html));
  }
}

/**
 * rulesData returns what the playground knows of each rule page: its id, the page's address in the
 * site, the Go ↔ TypeScript lesson (its "The Go pattern" section) as HTML, and its ❌/✅ examples.
 */
export function rulesData() {
  return ruleIds().map((id) => {
    const markdown = rulePage(id);
    const lesson = rulePageSection(markdown, "The Go pattern");
    if (lesson === undefined) throw new Error(`docs/rules/${id}.md has no "## The Go pattern" section`);
    return {
      id,
      page: `docs/rules/${id}.html`,
      lessonHtml: renderMarkdown(lesson.replace(/^## .*\n/, ""), `docs/rules/${id}.md`, "index.html"),
      examples: rulePageExamples(markdown).map(({ kind, line, code }) => ({ kind, line, code })),
    };
  });
}
