// Pins corral's verdict on every anchor case of shared/conformance (copied into the fixtures), under
// Node typings and under DOM-only typings. Where corral differs from typescript-eslint and
// eslint-plugin-promise it does so on purpose; each difference is named below and explained in the
// rule's docs ("Compared with no-floating-promises and no-misused-promises").
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../../rules/index.js";
import { lintSnippet } from "./lint.js";

type Verdict = readonly ("no-fire-and-forget" | "no-unhandled-rejection" | "no-unbounded-concurrency" | "require-timeout")[];

// The anchors' verdict is in each case's comment in the fixture; corral's follows.
const expected: Record<string, Verdict> = {
  C01: ["no-fire-and-forget"], // agrees with NFP
  C02: ["no-unhandled-rejection"], // differs: p is started, then awaits that can throw run before C22 handles it
  C03: ["no-unbounded-concurrency"], // differs: no anchor rule sees unbounded fan-out
  C04: ["no-unbounded-concurrency"], // differs: same, for allSettled
  C05: ["require-timeout"], // differs: no anchor rule sees a request with no deadline
  C06: ["no-fire-and-forget"], // agrees with NFP: then without a rejection handler
  C07: ["no-fire-and-forget"], // agrees with NMP
  C08: ["no-fire-and-forget"], // agrees with NMP
  C09: ["no-fire-and-forget"], // agrees with NMP under Node typings; differs under lib.dom (decided by name too)
  C10: ["no-fire-and-forget"], // as C09
  C11: ["no-fire-and-forget"], // agrees with NMP
  C12: ["no-fire-and-forget"], // agrees with NMP
  C13: ["no-fire-and-forget", "no-unhandled-rejection"], // agrees with NFP + NMP: dropped promise, async executor
  C14: ["no-fire-and-forget"], // differs: void discards the rejection, so it is reported by default
  C15: [], // agrees: handled by catch
  C16: ["no-fire-and-forget"], // agrees with NFP
  C17: ["no-fire-and-forget"], // agrees with NFP: finally does not handle the rejection
  C18: [], // agrees: handed to a parameter that accepts anything
  C19: ["no-fire-and-forget"], // differs: process.nextTick's callback is typed Function, decided by name
  C20: ["no-fire-and-forget"], // agrees with NMP: async function where a void function is expected
  C21: [], // agrees: awaited chain
  C22: [], // agrees with NFP: then with a rejection handler
  C23: [], // differs from SVR: the sleep idiom is no bug
  C24: [], // agrees: a deadline is passed
};

function caseLines(source: string): Map<number, string> {
  const lines = new Map<number, string>();
  source.split("\n").forEach((line, index) => {
    const label = /\/\/ (C\d\d) /.exec(line)?.[1];
    if (label) lines.set(index + 1, label);
  });
  return lines;
}

for (const variant of ["conformance", "conformance-dom"] as const) {
  describe(`anchor cases (${variant === "conformance" ? "Node typings" : "lib.dom typings"})`, async () => {
    const directory = fileURLToPath(new URL(`./fixtures/${variant}/`, import.meta.url));
    const source = readFileSync(`${directory}anchor-cases.ts`, "utf8");
    const labels = caseLines(source);
    const messages = await lintSnippet(source, { rules, directory, filename: "anchor-cases.ts" });

    for (const [line, label] of labels) {
      it(`${label} is reported by ${expected[label]?.join(" + ") || "nothing"}`, () => {
        const reported = messages.filter((message) => message.line === line).map((message) => message.ruleId?.slice("corral/".length));
        expect(reported.sort()).toEqual([...(expected[label] ?? ["(no verdict pinned)"])].sort());
      });
    }

    it("no two corral rules report the same node", () => {
      const spans = messages.map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn}`);
      expect(new Set(spans).size).toBe(spans.length);
    });
  });
}
