// The module the site build generates from the rule pages (site/docs.mjs rulesData).
declare module "corral-site:rules" {
  /** RuleExample is a ❌/✅ block of a rule page; line is the page line of its opening fence. */
  export interface RuleExample {
    readonly kind: "incorrect" | "correct";
    readonly line: number;
    readonly code: string;
  }
  /** RuleData is what the playground shows of a rule: its page, its Go ↔ TypeScript lesson, its examples. */
  export interface RuleData {
    readonly id: string;
    /** page is the rule page's address in the site. */
    readonly page: string;
    readonly lessonHtml: string;
    readonly examples: readonly RuleExample[];
  }
  export const rules: readonly RuleData[];
}
