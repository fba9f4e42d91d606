// The playground's user interface: a CodeMirror editor whose code the lint worker checks with corral's rules
// after every edit; each finding is shown inline and in the findings panel with its message, the
// rule page's Go ↔ TypeScript lesson and its suggestions as diffs that apply with a button.
//
// Stable hooks for tests and tools: every finding is an element with data-finding, data-kind
// ("rule", "type-error", "parse-error") and, for a rule's finding, data-rule="<rule id>"; its parts
// carry data-message, data-lesson, data-suggestion, data-diff and data-apply. #status carries
// data-state ("loading", "linting", "ready", "failed") and the timings of the last lint.
import { defaultKeymap, historyKeymap, indentWithTab, history as undoHistory } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { type RuleData, rules } from "corral-site:rules";
import { structuredPatch } from "diff";
import type { Finding, LintRequest, LintResult, Preset, Suggestion } from "./protocol.js";
import { decodeShare, encodeShare } from "./share.js";

const examplePrefix = "#example=";

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function required<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`index.html has no ${selector}`);
  return found;
}

const status = required<HTMLElement>("#status");
const panel = required<HTMLElement>("#findings");
const examplesMenu = required<HTMLSelectElement>("#examples");
const presetMenu = required<HTMLSelectElement>("#preset");
const shareButton = required<HTMLButtonElement>("#share");
const shareUrl = required<HTMLInputElement>("#share-url");

const rulesById = new Map<string, RuleData>(rules.map((rule) => [rule.id, rule]));

// ---- Examples ------------------------------------------------------------------------------------

function exampleRef(id: string, kind: string, n: number): string {
  return `${id}/${kind}/${n}`;
}

// The line a reader recognises an example by: its first line that is not a declaration of context.
function exampleLabel(code: string): string {
  const line = code.split("\n").find((text) => text.trim() !== "" && !/^\s*(?:declare |import |interface |\/\/)/.test(text)) ?? code;
  const trimmed = line.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed;
}

function exampleCode(ref: string): string | undefined {
  const [id = "", kind = "", n = ""] = ref.split("/");
  const rule = rulesById.get(id);
  return rule?.examples.filter((example) => example.kind === kind)[Number(n) - 1]?.code;
}

function fillExamplesMenu(): void {
  examplesMenu.append(element("option", { value: "" }, "Examples from the rule pages…"));
  for (const rule of rules) {
    const group = element("optgroup", { label: `corral/${rule.id}` });
    const counts = { incorrect: 0, correct: 0 };
    for (const example of rule.examples) {
      const n = ++counts[example.kind];
      // Words, not the pages' ❌/✅: a menu is drawn with the system's fonts, which may have no emoji.
      const verdict = example.kind === "incorrect" ? "Incorrect" : "Correct";
      group.append(element("option", { value: exampleRef(rule.id, example.kind, n), "data-rule": rule.id, "data-kind": example.kind }, `${verdict} ${n}: ${exampleLabel(example.code)}`));
    }
    examplesMenu.append(group);
  }
}

// ---- Linting ---------------------------------------------------------------------------------------

let worker: Worker;
let sent = 0; // the id of the last request sent
let inFlight = false;
let pending = false; // an edit arrived while a lint was running
let editedAt = performance.now();
let firstFindingsAt: number | undefined;
let afterApply: string | undefined; // the suggestion just applied, reported with the next result
const openLessons = new Set<string>(); // the rules whose lesson the reader opened stay open across lints

// Edits made while a lint runs are coalesced into one lint of the newest code, so a fast typist
// never queues stale work; a result is shown only if the code has not changed since it was sent.
function requestLint(): void {
  editedAt = performance.now();
  if (inFlight) {
    pending = true;
    return;
  }
  sendLint();
}

function sendLint(): void {
  inFlight = true;
  pending = false;
  status.dataset.state = status.dataset.state === "loading" ? "loading" : "linting";
  const request: LintRequest = { type: "lint", purpose: "editor", id: ++sent, code: view.state.doc.toString(), preset: presetMenu.value as Preset };
  worker.postMessage(request);
}

// The rules' findings of the lint on show, kept until TypeScript's errors join them.
let shownRules: readonly Finding[] = [];
let rulesShownAt = 0;

function onResult(event: MessageEvent<LintResult>): void {
  const result = event.data;
  if (result.purpose === "preview") {
    previews.get(result.id)?.(result);
    if (result.type !== "result") previews.delete(result.id);
    return;
  }
  if (result.type === "types") {
    // Only the types of the code on show: an edit since then has its own lint coming.
    if (result.id === sent && !inFlight && !pending) showTypes(result.findings, result.ms);
    return;
  }
  inFlight = false;
  if (pending) {
    sendLint();
    return;
  }
  if (result.type === "failure") {
    status.dataset.state = "failed";
    status.textContent = `The linter failed: ${result.message.split("\n")[0] ?? ""}`;
    console.error(result.message);
    return;
  }
  const rendering = performance.now();
  shownRules = result.findings;
  show(result.findings, false);
  const now = performance.now();
  rulesShownAt = now;
  firstFindingsAt ??= now;
  Object.assign(status.dataset, {
    // "types" until TypeScript's errors are in: the rules' findings are on the page.
    state: "types",
    lintId: String(result.id),
    elapsedMs: (now - editedAt).toFixed(1),
    workerMs: (result.timings.program + result.timings.lint).toFixed(1),
    programMs: result.timings.program.toFixed(1),
    lintMs: result.timings.lint.toFixed(1),
    renderMs: (now - rendering).toFixed(1),
    firstFindingsMs: firstFindingsAt.toFixed(0),
    // When the worker's script started and when it had the typings, in the page's own clock.
    workerStartedMs: (result.startup.evaluated - performance.timeOrigin).toFixed(0),
    typingsLoadedMs: (result.startup.typings - performance.timeOrigin).toFixed(0),
  });
  status.textContent = `${findingCount(result.findings)} · linted in ${Math.round(now - editedAt)} ms · checking types…`;
}

function findingCount(findings: readonly Finding[]): string {
  return findings.length === 0 ? "No findings" : findings.length === 1 ? "1 finding" : `${findings.length} findings`;
}

function showTypes(types: readonly Finding[], ms: number): void {
  const findings = [...shownRules, ...types];
  show(findings, true);
  const now = performance.now();
  Object.assign(status.dataset, { state: "ready", typesMs: ms.toFixed(1), typesElapsedMs: (now - editedAt).toFixed(1) });
  status.textContent = `${findingCount(findings)} · linted in ${Math.round(rulesShownAt - editedAt)} ms, types checked in ${Math.round(now - editedAt)} ms`;
}

/** fail shows why the playground cannot lint. */
export function fail(message: string): void {
  status.dataset.state = "failed";
  status.textContent = message;
}

// ---- Findings --------------------------------------------------------------------------------------

// A message's `code` spans, as the rule pages write them, shown as code.
function messageNodes(message: string): (Node | string)[] {
  return message.split(/(`[^`\n]+`)/).map((part) => (part.length > 2 && part.startsWith("`") && part.endsWith("`") ? element("code", {}, part.slice(1, -1)) : part));
}

function applied(code: string, suggestion: Suggestion): string {
  return code.slice(0, suggestion.range[0]) + suggestion.text + code.slice(suggestion.range[1]);
}

// The suggestion as a unified diff of the lines it changes, with one line of context. A suggestion
// is one edit, so only the lines it spans (and their context) are diffed: a findings panel of a long
// file draws many diffs after every lint.
function diffView(code: string, suggestion: Suggestion): HTMLElement {
  const [start, end] = suggestion.range;
  const lineStart = (offset: number): number => (offset <= 0 ? 0 : code.lastIndexOf("\n", offset - 1) + 1);
  const lineEnd = (offset: number): number => (offset >= code.length || code.indexOf("\n", offset) === -1 ? code.length : code.indexOf("\n", offset));
  const from = lineStart(lineStart(start) - 1);
  const to = lineEnd(Math.min(lineEnd(end) + 1, code.length));
  const before = code.slice(from, to);
  const after = code.slice(from, start) + suggestion.text + code.slice(end, to);
  const offset = code.slice(0, from).split("\n").length - 1;
  const patch = structuredPatch("file.ts", "file.ts", before, after, "", "", { context: 1 });
  const pre = element("pre", { class: "diff", "data-diff": "" });
  for (const hunk of patch.hunks) {
    pre.append(element("span", { class: "hunk" }, `@@ -${hunk.oldStart + offset},${hunk.oldLines} +${hunk.newStart + offset},${hunk.newLines} @@\n`));
    for (const line of hunk.lines) {
      if (line.startsWith("\\")) continue; // "\ No newline at end of file" says nothing here
      const kind = line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "context";
      pre.append(element("span", { class: kind }, `${line}\n`));
    }
  }
  return pre;
}

// ---- Previews: a suggestion's result, linted before it is applied --------------------------------

const previews = new Map<number, (result: LintResult) => void>();
let previewsSent = 0;

function previewSummary(findings: readonly Finding[]): string {
  const rules = findings.filter((finding) => finding.kind === "rule");
  const errors = findings.length - rules.length;
  const corral = rules.length === 0 ? "corral reports nothing" : `corral reports ${rules.map((finding) => `corral/${finding.ruleId} on line ${finding.line}`).join(", ")}`;
  return `After this change, ${corral}, and ${errors === 0 ? "the code type-checks" : `TypeScript reports ${errors} error${errors === 1 ? "" : "s"}`}.`;
}

// The worker answers in the order it is asked, so a preview waits at most for the lint in hand.
function preview(code: string, suggestion: Suggestion, into: HTMLElement): void {
  const id = ++previewsSent;
  into.textContent = "Linting the result…";
  let rules: readonly Finding[] = [];
  previews.set(id, (result) => {
    if (result.type === "failure") into.textContent = `The linter failed: ${result.message.split("\n")[0] ?? ""}`;
    else if (result.type === "result") rules = result.findings;
    else {
      Object.assign(into.dataset, { previewFindings: String(rules.filter((finding) => finding.kind === "rule").length), previewTypeErrors: String(result.findings.length) });
      into.textContent = previewSummary([...rules, ...result.findings]);
    }
  });
  worker.postMessage({ type: "lint", purpose: "preview", id, code: applied(code, suggestion), preset: presetMenu.value as Preset } satisfies LintRequest);
}

function apply(suggestion: Suggestion): void {
  afterApply = suggestion.desc;
  view.dispatch({ changes: { from: suggestion.range[0], to: suggestion.range[1], insert: suggestion.text } });
}

function findingView(finding: Finding, code: string): HTMLElement {
  const rule = finding.kind === "rule" ? rulesById.get(finding.ruleId) : undefined;
  const attributes: Record<string, string> = { class: `finding ${finding.kind}`, "data-finding": "", "data-kind": finding.kind, "data-line": String(finding.line), "data-message-id": finding.messageId };
  if (finding.kind === "rule") attributes["data-rule"] = finding.ruleId;
  const title =
    finding.kind === "rule"
      ? rule
        ? element("a", { class: "rule", href: rule.page }, `corral/${finding.ruleId}`)
        : element("span", { class: "rule" }, `corral/${finding.ruleId}`)
      : element("span", { class: "rule" }, finding.kind === "type-error" ? `TypeScript ${finding.messageId}` : "Syntax error");
  const location = element("button", { class: "goto", type: "button", "data-goto": "" }, `line ${finding.line}:${finding.column}`);
  location.addEventListener("click", () => {
    view.dispatch({ selection: { anchor: finding.from, head: finding.to }, scrollIntoView: true });
    view.focus();
  });
  const item = element("li", attributes, element("header", {}, title, location), element("p", { class: "message", "data-message": "" }, ...messageNodes(finding.message)));
  if (rule) {
    const lesson = element("details", { class: "lesson", "data-lesson": "" }, element("summary", {}, "The Go pattern"));
    lesson.open = openLessons.has(rule.id);
    lesson.addEventListener("toggle", () => (lesson.open ? openLessons.add(rule.id) : openLessons.delete(rule.id)));
    const body = element("div", { class: "lesson-body" });
    // Rendered at build time from the repository's own docs/rules page; parsed when first opened,
    // not on every lint of a file with many findings.
    const fill = (): void => {
      if (lesson.open && body.childElementCount === 0) body.innerHTML = rule.lessonHtml;
    };
    lesson.addEventListener("toggle", fill);
    lesson.append(body);
    fill();
    item.append(lesson);
  }
  finding.suggestions.forEach((suggestion, index) => {
    const button = element("button", { type: "button", "data-apply": "" }, "Apply");
    button.addEventListener("click", () => apply(suggestion));
    const result = element("p", { class: "preview", "data-preview-result": "" });
    const check = element("button", { type: "button", "data-preview": "" }, "Lint the result");
    check.addEventListener("click", () => preview(code, suggestion, result));
    item.append(
      element("section", { class: "suggestion", "data-suggestion": String(index) }, element("p", {}, element("strong", {}, "Suggestion: "), ...messageNodes(suggestion.desc)), diffView(code, suggestion), button, " ", check, result),
    );
  });
  return item;
}

function diagnostic(finding: Finding): Diagnostic {
  return {
    from: finding.from,
    to: finding.to,
    severity: finding.kind === "type-error" ? "warning" : "error",
    source: finding.kind === "rule" ? `corral/${finding.ruleId}` : finding.kind === "type-error" ? "TypeScript" : "parser",
    message: finding.message,
    renderMessage: () => element("span", finding.kind === "rule" ? { "data-rule": finding.ruleId, "data-kind": finding.kind } : { "data-kind": finding.kind }, finding.message),
    actions: finding.suggestions.map((suggestion) => ({ name: suggestion.desc, apply: () => apply(suggestion) })),
  };
}

// `complete` says TypeScript's errors are among `findings`; before that the rules' findings show alone.
function show(findings: readonly Finding[], complete: boolean): void {
  const code = view.state.doc.toString();
  view.dispatch(setDiagnostics(view.state, findings.map(diagnostic)));
  const items = findings.map((finding) => findingView(finding, code));
  const children: HTMLElement[] = [];
  if (afterApply !== undefined) {
    const ruleFindings = findings.filter((finding) => finding.kind === "rule").length;
    const types = complete ? `, ${findings.length - ruleFindings === 0 ? "and the code type-checks" : `${findings.length - ruleFindings} from TypeScript`}` : "";
    children.push(element("p", { class: "applied", "data-applied": "" }, `Applied “${afterApply}”. Re-linted: ${ruleFindings === 0 ? "no findings" : `${ruleFindings} finding${ruleFindings === 1 ? "" : "s"}`} from corral${types}.`));
    if (complete) afterApply = undefined;
  }
  if (items.length === 0) children.push(element("p", { class: "empty", "data-empty": "" }, complete ? "No findings: corral has nothing to report, and the code type-checks." : "No findings from corral."));
  else children.push(element("ol", { class: "finding-list" }, ...items));
  panel.replaceChildren(...children);
}

// ---- Editor, share links, start-up -----------------------------------------------------------------

const view = new EditorView({
  parent: required<HTMLElement>("#editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(),
      undoHistory(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      javascript({ typescript: true }),
      lintGutter(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) requestLint();
      }),
    ],
  }),
});

function setCode(code: string): void {
  if (code === view.state.doc.toString()) requestLint();
  else view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}

// The fragment says what to open: a share link's code, a rule page's example, or (none) the first ❌
// example of the first rule.
async function openFromAddress(): Promise<void> {
  const { hash } = window.location;
  try {
    const shared = await decodeShare(hash);
    if (shared !== undefined) {
      examplesMenu.value = "";
      setCode(shared);
      return;
    }
  } catch (error) {
    status.dataset.state = "failed";
    status.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  const ref = hash.startsWith(examplePrefix) ? decodeURIComponent(hash.slice(examplePrefix.length)) : exampleRef(rules[0]?.id ?? "", "incorrect", 1);
  const code = exampleCode(ref);
  if (code === undefined) {
    status.dataset.state = "failed";
    status.textContent = `There is no example ${ref}: the menu lists them.`;
    return;
  }
  examplesMenu.value = ref;
  setCode(code);
}

examplesMenu.addEventListener("change", () => {
  if (examplesMenu.value === "") return;
  history.pushState(null, "", examplePrefix + examplesMenu.value);
  void openFromAddress();
});
presetMenu.addEventListener("change", requestLint);
window.addEventListener("hashchange", () => void openFromAddress());

// The link goes into the address bar and the field beside the button, and to the clipboard where
// the browser allows it.
async function share(): Promise<void> {
  history.replaceState(null, "", await encodeShare(view.state.doc.toString()));
  shareUrl.value = window.location.href;
  shareUrl.hidden = false;
  shareUrl.select();
  try {
    await navigator.clipboard.writeText(shareUrl.value);
    shareButton.textContent = "Link copied";
  } catch {
    shareButton.textContent = "Copy the link";
  }
}

shareButton.addEventListener("click", () => {
  share().catch((error: unknown) => fail(`No share link: ${error instanceof Error ? error.message : String(error)}`));
});

/**
 * startPlayground runs the page with `lintWorker`, which the page's first script started (with its
 * typings on their way) before this module loaded.
 */
export function startPlayground(lintWorker: Worker): void {
  worker = lintWorker;
  worker.onmessage = onResult;
  worker.onerror = (event) => fail(`The lint worker failed to start: ${event.message}`);
  fillExamplesMenu();
  if (status.dataset.state !== "failed") {
    status.dataset.state = "loading";
    status.textContent = "Loading TypeScript, typescript-eslint and corral's rules…";
  }
  void openFromAddress();
}
