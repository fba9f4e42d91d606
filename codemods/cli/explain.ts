// corral explain <rule>: a rule's lesson in the terminal (what it reports, the bug at run time, the
// Go pattern, the fix), taken from the rule's page in docs/rules, which eslint-plugin-corral ships.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import pc from "picocolors";
import { rulePageLesson, rules } from "eslint-plugin-corral";
import { resolveRuleId } from "../pipeline/options.js";

// The plugin ships each rule's page (docs/rules, copied at build) under its `docs/` export.
function rulePage(rule: string): string | undefined {
  try {
    const page = createRequire(import.meta.url).resolve(`eslint-plugin-corral/docs/${rule}.md`);
    return existsSync(page) ? readFileSync(page, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function formatMarkdown(markdown: string): string {
  const lines: string[] = [];
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) {
      inCode = !inCode;
      continue;
    }
    if (inCode) lines.push(pc.cyan(`    ${line}`));
    else if (line.startsWith("#")) lines.push(pc.bold(line.replace(/^#+\s*/, "")));
    else lines.push(line.replace(/`([^`]+)`/g, (_, code: string) => pc.cyan(code)));
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * explainRule returns the lesson of a corral rule (`no-fire-and-forget` or
 * `corral/no-fire-and-forget`), formatted for a terminal: what it reports, the bug at run time, the
 * Go pattern and the fix. An unknown id throws a CodemodInputError listing the rules.
 *
 * @example
 * ```ts
 * console.log(explainRule("require-timeout"));
 * ```
 */
export function explainRule(id: string): string {
  const rule = resolveRuleId(id);
  const page = rulePage(rule);
  if (page !== undefined) return formatMarkdown(rulePageLesson(page));
  // Without the docs (a trimmed install), the rule's own description and messages still teach.
  const { meta } = rules[rule];
  const messages = Object.entries(meta.messages).filter(([messageId]) => !/^(?:suggest|pass|bound)/.test(messageId));
  return [pc.bold(`corral/${rule}`), meta.docs?.description ?? "", ...messages.map(([, text]) => `- ${text}`)].join("\n\n");
}
