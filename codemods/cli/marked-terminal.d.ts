// The part of marked-terminal 7's API that explain.ts uses (the package ships no declarations).
declare module "marked-terminal" {
  import type { MarkedExtension } from "marked";

  type Style = (text: string) => string;

  /** TerminalRendererOptions are marked-terminal's options: styles per element, and the layout. */
  export interface TerminalRendererOptions {
    code?: Style;
    blockquote?: Style;
    html?: Style;
    heading?: Style;
    firstHeading?: Style;
    hr?: Style;
    listitem?: Style;
    table?: Style;
    paragraph?: Style;
    strong?: Style;
    em?: Style;
    codespan?: Style;
    del?: Style;
    link?: Style;
    href?: Style;
    text?: Style;
    unescape?: boolean;
    emoji?: boolean;
    width?: number;
    showSectionPrefix?: boolean;
    reflowText?: boolean;
    tab?: number;
  }

  /** markedTerminal returns the marked extension that renders Markdown for a terminal. */
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
