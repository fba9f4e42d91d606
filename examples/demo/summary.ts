// What the two runs of the scenario show side by side, and whether they show what the demo
// promises: the bound, the deadline and the supervision, with the results otherwise unchanged.

import { isDeepStrictEqual } from "node:util";
import type { ScenarioResult } from "./scenario.js";
import { type Cell, colors } from "./terminal.js";

/** Bounds are the limits the codemod was asked to insert. */
export interface Bounds {
  concurrency: number;
  timeoutMs: number;
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

function ended(reply: { status?: number | undefined; failure?: string | undefined; seconds: number }): string {
  return reply.status === undefined ? `${reply.failure ?? "no answer"} after ${seconds(reply.seconds)}` : `${reply.status} after ${seconds(reply.seconds)}`;
}

function crashOrServing(result: ScenarioResult["unknownUser"], answered: string): Cell {
  if (result.crash) return { text: `process died, exit code ${result.crash.exitCode}:\n${result.crash.error}`, paint: colors.red };
  return { text: `${answered}; ${result.servingAfter ? "still serving" : "NOT serving any more"}`, paint: result.servingAfter ? colors.green : colors.red };
}

/** summaryRows are the table rows comparing `before` and `after`, one per scenario step. */
export function summaryRows(before: ScenarioResult, after: ScenarioResult, records: number): Cell[][] {
  const peak = (result: ScenarioResult, paint: (text: string) => string): Cell => ({
    text: `${result.sync.peakRecordCalls} record calls in flight at once${result.sync.status === 200 ? "" : ` (answered ${ended(result.sync)})`}`,
    paint,
  });
  const hang = (result: ScenarioResult): Cell =>
    result.hang.status === undefined
      ? { text: `${ended(result.hang)}: the request hangs`, paint: colors.red }
      : { text: `${result.hang.status} after ${seconds(result.hang.seconds)}: upstream timed out`, paint: colors.green };
  const audit = (result: ScenarioResult): Cell =>
    result.auditFailure.supervisorReport && !result.auditFailure.crash
      ? crashOrServing(result.auditFailure, `${result.auditFailure.status} answered; failure reported by the supervisor`)
      : crashOrServing(result.auditFailure, `${result.auditFailure.status ?? "no"} answered; failure not reported`);
  return [
    [{ text: `POST /jobs/sync\n${records} records, each read upstream` }, peak(before, colors.red), peak(after, colors.green)],
    [{ text: "GET /inventory/sku-42\nthe upstream never answers" }, hang(before), hang(after)],
    [
      { text: "GET /reports/u-404\nthe user lookup fails while the orders load" },
      crashOrServing(before.unknownUser, `${before.unknownUser.status ?? "no"} answered`),
      crashOrServing(after.unknownUser, `${after.unknownUser.status ?? "no"} answered`),
    ],
    [{ text: "GET /reports/u-1\nthe audit write after it fails once" }, audit(before), audit(after)],
  ];
}

/**
 * unmetExpectations lists, in words, every way the runs differ from what the demo promises; empty
 * when the original service shows each bug and the rewritten one each fix, with the same results.
 */
export function unmetExpectations(before: ScenarioResult, after: ScenarioResult, bounds: Bounds): string[] {
  const unmet: string[] = [];
  const expect = (condition: boolean, failure: string): void => {
    if (!condition) unmet.push(failure);
  };
  expect(before.sync.status === 200 && after.sync.status === 200, `the sync job should answer 200 in both versions (before: ${ended(before.sync)}, after: ${ended(after.sync)})`);
  expect(isDeepStrictEqual(before.sync.body, after.sync.body), `the sync job's result changed: ${JSON.stringify(before.sync.body)} became ${JSON.stringify(after.sync.body)}`);
  expect(before.sync.peakRecordCalls > bounds.concurrency, `the original sync job should exceed ${bounds.concurrency} calls at once, it peaked at ${before.sync.peakRecordCalls}`);
  expect(after.sync.peakRecordCalls <= bounds.concurrency, `the rewritten sync job should stay within ${bounds.concurrency} calls at once, it peaked at ${after.sync.peakRecordCalls}`);
  expect(before.hang.status === undefined, `the original inventory request should hang, it ended with ${ended(before.hang)}`);
  expect(after.hang.status === 504, `the rewritten inventory request should time out with 504 after ${bounds.timeoutMs} ms, it ended with ${ended(after.hang)}`);
  expect(before.unknownUser.crash?.exitCode === 1, "the original service should die (exit code 1) when the user lookup of a report fails first");
  expect(
    after.unknownUser.status === 404 && !after.unknownUser.crash && after.unknownUser.servingAfter,
    `the rewritten service should answer 404 for an unknown user and keep serving (it ${after.unknownUser.crash ? `died: ${after.unknownUser.crash.error}` : `answered ${ended(after.unknownUser)}`})`,
  );
  expect(before.auditFailure.crash?.exitCode === 1, "the original service should die (exit code 1) when an audit write fails");
  expect(
    after.auditFailure.status === 200 && !after.auditFailure.crash && after.auditFailure.supervisorReport !== undefined && after.auditFailure.servingAfter,
    `the rewritten service should report the failed audit write through its supervisor and keep serving (it ${after.auditFailure.crash ? `died: ${after.auditFailure.crash.error}` : "did not report it"})`,
  );
  return unmet;
}
