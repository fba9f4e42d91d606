// End to end on the bundled example: the codemod rewrites a copy of examples/service, the result
// type-checks, the linter finds nothing left, and run against the fake upstream the rewrite shows
// the bound, the deadline and the supervision where the original, run the same way, shows the bugs.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RewriteOutcome, rewriteCopy } from "../../examples/demo/codemod.js";
import { lintFolder } from "../../examples/demo/lint.js";
import { runScenario, type ScenarioResult } from "../../examples/demo/scenario.js";
import { createWorkspace, findPackageRoot, serviceFolder, transpileService, type Workspace } from "../../examples/demo/workspace.js";

const run = promisify(execFile);
const root = findPackageRoot(import.meta.url);
const bounds = { concurrency: 8, timeoutMs: 2_000 };
// Far past the inserted deadline, so only a request with no deadline at all is still waiting.
const hangWaitMs = bounds.timeoutMs + 4_000;
const records = 200;

let workspace: Workspace | undefined;
let outcome: RewriteOutcome;

function rewrittenService(): string {
  if (!workspace) throw new Error("the workspace was not created");
  return join(workspace.after, serviceFolder);
}

beforeAll(async () => {
  // The runtime is compiled from its sources, so the test does not depend on how fresh dist/ is.
  workspace = await createWorkspace(root, { compileRuntime: true });
  outcome = await rewriteCopy(workspace, bounds);
}, 90_000);

afterAll(async () => {
  await workspace?.remove();
});

it("rewrites each of the four bugs in examples/service and leaves none for manual work", () => {
  const sites = outcome.sites.map((site) => `${site.file} ${site.rule} ${site.status}`);
  expect(sites.sort()).toEqual([
    "examples/service/report.ts corral/no-unhandled-rejection rewritten",
    "examples/service/server.ts corral/no-fire-and-forget rewritten",
    "examples/service/server.ts corral/require-timeout rewritten",
    "examples/service/sync-job.ts corral/no-unbounded-concurrency rewritten",
  ]);
  expect(outcome.report.summary).toMatchObject({ changed: 3, error: 0, manualSites: 0 });
  expect(outcome.report.written).toBe(true);
});

it("writes code that type-checks with the service's strict tsconfig", async () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const checked = await run(process.execPath, [tsc, "-p", join(rewrittenService(), "tsconfig.json"), "--noEmit"], { cwd: rewrittenService() }).then(
    () => "no type errors",
    (failure: { stdout?: string }) => failure.stdout ?? String(failure),
  );
  expect(checked).toBe("no type errors");
}, 60_000);

it("leaves nothing the linter reports, so nothing a second run could rewrite", async () => {
  const remaining = await lintFolder(rewrittenService());
  expect(remaining.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`)).toEqual([]);
}, 60_000);

describe("run side by side against the fake upstream", () => {
  let before: ScenarioResult;
  let after: ScenarioResult;

  beforeAll(async () => {
    if (!workspace) throw new Error("the workspace was not created");
    const entries = [await transpileService(workspace.before), await transpileService(workspace.after)] as const;
    [before, after] = await Promise.all([runScenario(entries[0], { hangWaitMs, records }), runScenario(entries[1], { hangWaitMs, records })]);
  }, 60_000);

  it("bounds the sync job's fan-out to the inserted concurrency, with the same result", () => {
    expect(before.sync.status).toBe(200);
    expect(before.sync.peakRecordCalls).toBeGreaterThan(bounds.concurrency);
    expect(after.sync.status).toBe(200);
    expect(after.sync.peakRecordCalls).toBeLessThanOrEqual(bounds.concurrency);
    expect(after.sync.body).toEqual({ records, updated: records / 2 });
    expect(after.sync.body).toEqual(before.sync.body);
  });

  it("turns the request to a never-answering upstream into a 504 instead of a hang", () => {
    expect(before.hang.status).toBeUndefined();
    expect(before.hang.failure).toBe("no answer");
    expect(after.hang.status).toBe(504);
    expect(after.hang.body).toEqual({ error: expect.stringMatching(/timeout|timed out|aborted/i) });
  });

  it("answers 404 for a report whose user lookup fails first, where the original process dies", () => {
    expect(before.unknownUser.crash).toEqual({ exitCode: 1, error: "UpstreamError: upstream answered 404 for /users/u-404" });
    expect(after.unknownUser.status).toBe(404);
    expect(after.unknownUser.crash).toBeUndefined();
    expect(after.unknownUser.servingAfter).toBe(true);
  });

  it("reports a failed audit write through the supervisor and keeps serving, where the original process dies", () => {
    expect(before.auditFailure.status).toBe(200);
    expect(before.auditFailure.crash).toEqual({ exitCode: 1, error: "UpstreamError: upstream answered 503 for /audit" });
    expect(after.auditFailure.status).toBe(200);
    expect(after.auditFailure.crash).toBeUndefined();
    expect(after.auditFailure.supervisorReport).toMatch(/^corral: task .* failed: UpstreamError: upstream answered 503 for \/audit$/);
    expect(after.auditFailure.servingAfter).toBe(true);
    expect(after.restarts).toBe(0);
    expect(before.restarts).toBe(1);
  });
});
