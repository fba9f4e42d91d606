// A rule page (docs/rules/<id>.md, shipped in this package's docs/) is read by three tools: the docs
// tests lint its examples, `corral explain` prints its lesson, and the playground offers both. The
// page's layout is read here, once, so the three cannot disagree about it.

/** RulePageExample is a ```ts block of a rule page with the verdict its section promises. */
export interface RulePageExample {
  /** kind is "incorrect" under a ❌ heading (the rule must report it), "correct" under ✅ (it must not). */
  readonly kind: "incorrect" | "correct";
  /** line is the page's line (counted from 1) of the block's opening ```ts fence. */
  readonly line: number;
  readonly code: string;
}

/** lessonSections are the sections, in page order, that make a rule's lesson. */
export const lessonSections = ["The bug at run time", "The Go pattern", "The fix"] as const;

/** LessonSection names one of a rule page's lesson sections. */
export type LessonSection = (typeof lessonSections)[number];

/**
 * rulePageExamples returns the ```ts blocks of a rule page that sit under a heading with ❌ or ✅,
 * in page order. A block under any other heading (an option's illustration) is not an example.
 */
export function rulePageExamples(markdown: string): RulePageExample[] {
  const found: RulePageExample[] = [];
  let kind: RulePageExample["kind"] | undefined;
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (/^#{1,6} /.test(line)) {
      kind = line.includes("❌") ? "incorrect" : line.includes("✅") ? "correct" : undefined;
    } else if (kind && line.trim() === "```ts") {
      const start = index + 1;
      let end = start;
      while (end < lines.length && (lines[end] ?? "").trim() !== "```") end++;
      found.push({ kind, line: start, code: lines.slice(start, end).join("\n") });
      index = end;
    }
  }
  return found;
}

/**
 * rulePageSection returns the Markdown of the `## title` section of a rule page, heading included,
 * up to the next `## ` heading; undefined when the page has no such section.
 */
export function rulePageSection(markdown: string, title: string): string | undefined {
  return markdown.split(/^(?=## )/m).find((section) => section.startsWith(`## ${title}\n`) || section === `## ${title}`);
}

/**
 * rulePageLesson returns a rule page's title and introduction followed by its lesson sections (the
 * bug at run time, the Go pattern, the fix), as Markdown in page order.
 */
export function rulePageLesson(markdown: string): string {
  const sections = markdown.split(/^(?=## )/m);
  return sections.filter((section, index) => index === 0 || lessonSections.some((title) => section.startsWith(`## ${title}`))).join("\n");
}
