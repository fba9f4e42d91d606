import type { TSESTree } from "@typescript-eslint/utils";

/**
 * childNodes lists the child nodes of `node` by its own fields (not `parent`), for the few walks
 * that need every child of any node type, where visitor keys would need the SourceCode.
 */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent") continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child === "object" && child !== null && typeof (child as { type?: unknown }).type === "string") children.push(child as TSESTree.Node);
    }
  }
  return children;
}
