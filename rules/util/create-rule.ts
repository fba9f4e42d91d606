import { ESLintUtils } from "@typescript-eslint/utils";

/** repositoryUrl is where the rule documentation lives; every rule's `meta.docs.url` points into it. */
export const repositoryUrl = "https://github.com/corral-ts/corral";

/** CorralRuleDocs are the extra `meta.docs` fields every corral rule declares. */
export interface CorralRuleDocs {
  /** requiresTypeChecking is true for rules that call the type checker; the meta-tests check it. */
  requiresTypeChecking: boolean;
  /** recommended says which shared config first enables the rule. */
  recommended?: "recommended" | "strict";
}

/** createRule builds a typed rule whose docs URL is the rule's page in docs/rules/. */
export const createRule = ESLintUtils.RuleCreator<CorralRuleDocs>(
  (name) => `${repositoryUrl}/blob/main/docs/rules/${name}.md`,
);
