// corral explain <rule>: a rule's lesson in the terminal (what it reports, the bug at run time, the
// Go pattern, the fix), taken from the rule's page in docs/rules, which eslint-plugin-corral ships.
// The page is Markdown: marked parses it and marked-terminal renders it for a terminal, reflowed
// to its width, with colours only where the output is one. Links are made absolute, to the page's
// place in the repository: the relative ones lead nowhere in an installed package.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Marked, type Token } from "marked";
import { markedTerminal } from "marked-terminal";
import pc from "picocolors";
import wrapAnsi from "wrap-ansi";
import { rulePageLesson, rules } from "eslint-plugin-corral";
import { resolveRuleId } from "../pipeline/options.js";


/** ExplainOptions say how the lesson is laid out. */
export interface ExplainOptions {
  /** columns is the width the text is wrapped at. @default COLUMNS, else the terminal's width, else 80 */
  columns?: number | undefined;
  /** color turns on colours and styles. @default whether stdout is a terminal (and NO_COLOR is unset) */
  color?: boolean | undefined;
}

// The plugin ships each rule's page (docs/rules, copied at build) under its `docs/` export.
function rulePage(rule: string): string | undefined {
  try {
    const page = createRequire(import.meta.url).resolve(`eslint-plugin-corral/docs/${rule}.md`);
    return existsSync(page) ? readFileSync(page, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/** terminalColumns is the width to wrap at: COLUMNS when set, else the terminal's, else 80. */
export function terminalColumns(environment: NodeJS.ProcessEnv = process.env, stdoutColumns: number | undefined = process.stdout.columns): number {
  const fromEnvironment = Number(environment.COLUMNS);
  if (Number.isInteger(fromEnvironment) && fromEnvironment > 0) return fromEnvironment;
  return stdoutColumns !== undefined && stdoutColumns > 0 ? stdoutColumns : 80;
}

/**
 * renderMarkdown renders `markdown` for a terminal `columns` wide, with links resolved against
 * `pageUrl` (the page's address in the repository) and, with `color`, styles as ANSI escapes.
 */
export function renderMarkdown(markdown: string, pageUrl: string, options: { columns: number; color: boolean }): string {
  const colors = pc.createColors(options.color);
  const plain = (text: string) => text;
  const marked = new Marked(
    markedTerminal({
      width: options.columns,
      reflowText: true,
      showSectionPrefix: false,
      emoji: false,
      tab: 2,
      firstHeading: (text: string) => colors.bold(colors.underline(text)),
      heading: colors.bold,
      strong: colors.bold,
      em: colors.italic,
      // Without colour, code keeps its backticks, the one thing that sets it apart from prose.
      codespan: options.color ? colors.cyan : (code: string) => `\`${code}\``,
      code: colors.cyan,
      link: plain,
      href: colors.underline,
      blockquote: colors.dim,
      paragraph: plain,
      // A list item keeps its source's line breaks (walkTokens joins them) and is not reflowed by
      // marked-terminal: wrapped here, less the bullet and indentation it adds.
      listitem: (text: string) => wrapAnsi(text, Math.max(options.columns - 4, 20), { hard: false, trim: true }),
      text: plain,
    }),
    {
      // marked-terminal prints a list item's text token as its raw text; marked's own renderer
      // renders its inline tokens (code, emphasis, links), as this does.
      renderer: {
        text(token) {
          return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
        },
      },
      walkTokens(token: Token) {
        if (token.type === "link" && !/^[a-z][a-z+.-]*:/i.test(token.href)) token.href = new URL(token.href, pageUrl).href;
        if (token.type === "text" && !("tokens" in token && token.tokens)) token.text = token.text.replace(/\n[ \t]*/g, " ");
      },
    },
  );
  const rendered = marked.parse(markdown, { async: false });
  // Syntax highlighting of code blocks colours whatever `color` says: without colour, none.
  const text = options.color ? rendered : rendered.replace(/\u001b\[[\d;]*m/g, "");
  return text.replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * explainRule returns the lesson of a corral rule (`no-fire-and-forget` or
 * `corral/no-fire-and-forget`), formatted for a terminal: what it reports, the bug at run time, the
 * Go pattern and the fix, wrapped at `options.columns`, links as web addresses. An unknown id
 * throws a CodemodInputError listing the rules.
 *
 * @example
 * ```ts
 * console.log(explainRule("require-timeout", { columns: 80 }));
 * ```
 */
export function explainRule(id: string, options: ExplainOptions = {}): string {
  const rule = resolveRuleId(id);
  const { meta } = rules[rule];
  const columns = options.columns ?? terminalColumns();
  const color = options.color ?? (process.stdout.isTTY === true && !("NO_COLOR" in process.env));
  const page = rulePage(rule);
  if (page !== undefined) return renderMarkdown(rulePageLesson(page), meta.docs?.url ?? "", { columns, color });
  // Without the docs (a trimmed install), the rule's own description and messages still teach.
  const colors = pc.createColors(color);
  const messages = Object.entries(meta.messages).filter(([messageId]) => !/^(?:suggest|pass|bound)/.test(messageId));
  return [colors.bold(`corral/${rule}`), meta.docs?.description ?? "", ...messages.map(([, text]) => `- ${text}`), `The whole lesson: ${meta.docs?.url ?? ""}`].join("\n\n");
}
