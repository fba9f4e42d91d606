// require-timeout: the deadline goes where the rule's own suggestion puts a signal (the slot needs
// types: which argument is the options object, which parameter is an AbortSignal), with the
// codemod's bound: `AbortSignal.timeout(ms)`, or `timeoutSignal(ms, signal)` from @corral/runtime
// when the caller has a signal (leak-free, unlike `AbortSignal.any` on a long-lived signal).
import type { ASTPath } from "jscodeshift";
import { type Edit, formatNumber, holeEdit, indentationAt, keep, type Node, rangeOf, spliceExpression } from "./template.js";
import { manual, type Site, type SitePlan, type Transform } from "./transform.js";
import type { FindingSuggestion } from "../pipeline/types.js";

type CallNode = Node & { callee: Node; arguments: Node[] };

function suggestion(site: Site, messageId: string): FindingSuggestion | undefined {
  return site.finding.suggestions.find((candidate) => candidate.messageId === messageId);
}

// The children of the call that the deadline edit leaves alone, kept as holes.
function keptChildren(call: ASTPath, start: number, end: number): Edit[] {
  const node = call.node as CallNode;
  const children = [call.get("callee") as ASTPath, ...node.arguments.map((_, index) => call.get("arguments", index) as ASTPath)];
  return children
    .map((child) => keep(child))
    .filter((kept) => kept.end <= start || kept.start >= end)
    .map(holeEdit);
}

// The rule inserts `, signal: …` right after the last property or argument; where the list has one
// per line (the closing token on a line of its own), the new entry gets a line of its own too.
function layout(site: Site, start: number, end: number, text: string): string {
  if (start !== end || !text.startsWith(", ") || !/^,?[ \t]*\r?\n/.test(site.source.slice(start))) return text;
  return `,\n${indentationAt(site.source, start)}${text.slice(2)}`;
}

/** requireTimeout plans the rewrite of a corral/require-timeout finding. */
export const requireTimeout: Transform = (site) => {
  const timeoutFix = suggestion(site, "passTimeoutSignal")?.fix;
  if (!timeoutFix) {
    return manual("no argument a local edit can add a deadline to (for instance `net.connect(port, host)`); pass a `signal` or `timeout` by hand");
  }
  const call = site.path;
  if (call.node.type !== "CallExpression") return manual("the reported call is not a plain call the rewriter recognises");
  const [callStart, callEnd] = rangeOf(call.node as Node);
  const [start, end] = timeoutFix.range;
  if (start < callStart || end > callEnd) return manual("the rule's suggested edit lies outside the call; add the deadline by hand");
  const timeoutText = `AbortSignal.timeout(${formatNumber(site.settings.timeout)})`;
  const ruleTimeout = /AbortSignal\.timeout\([^)]*\)/.exec(timeoutFix.text)?.[0];
  if (ruleTimeout === undefined) return manual("the rule's suggestion has an unexpected shape; add the deadline by hand");
  const edits = keptChildren(call, start, end);
  // The edit rewrites text of the call's own source: a finding nested inside that text would be lost.
  const editedArgument = (call.node as CallNode).arguments.find((argument) => rangeOf(argument)[0] < end && rangeOf(argument)[1] > start);
  if (editedArgument && site.overlapsOtherSite(...rangeOf(editedArgument))) return manual("another finding lies inside the argument the deadline is merged into; run the codemod again");
  const callerSignal = suggestion(site, "passCallerSignal")?.data.signal;
  if (typeof callerSignal !== "string") {
    const text = layout(site, start, end, timeoutFix.text.replace(ruleTimeout, timeoutText));
    return { apply: () => call.replace(spliceExpression(site, call.node as Node, [...edits, { start, end, text }])) };
  }
  const resolved = site.runtime.resolve("timeoutSignal", call);
  if (typeof resolved === "string") return manual(resolved);
  return {
    apply: () => {
      const text = layout(site, start, end, timeoutFix.text.replace(ruleTimeout, `${resolved.use()}(${formatNumber(site.settings.timeout)}, ${callerSignal})`));
      call.replace(spliceExpression(site, call.node as Node, [...edits, { start, end, text }]));
    },
  };
};
