// The scenario both versions of the example service go through, each against its own fake
// upstream: the sync job's fan-out, a request to an upstream that never answers, a report whose
// user lookup fails first, and an audit write that fails once.

import { setTimeout as sleep } from "node:timers/promises";
import { FakeUpstream, unknownUserId } from "./fake-upstream.js";
import { ServiceProcess } from "./service-process.js";

/** ScenarioOptions configures runScenario. */
export interface ScenarioOptions {
  /** hangWaitMs is how long the request to the never-answering upstream is waited for. */
  hangWaitMs: number;
  /** records is how many records the fake upstream lists for the sync job. */
  records: number;
  /** onProgress receives one line per step as it finishes. */
  onProgress?: ((line: string) => void) | undefined;
}

/** Reply is how a request to the service ended: an HTTP status, or no answer and why. */
export interface Reply {
  status?: number | undefined;
  body?: unknown;
  /** failure says why there is no status: the connection failed, or nothing came in time. */
  failure?: string | undefined;
  seconds: number;
}

/** Crash is how a service process ended on its own: its exit code and the error Node printed. */
export interface Crash {
  exitCode: number | null;
  error: string;
}

/** ScenarioResult is what one version of the service did in each step. */
export interface ScenarioResult {
  sync: Reply & { peakRecordCalls: number };
  hang: Reply;
  unknownUser: Reply & { crash?: Crash | undefined; servingAfter: boolean };
  auditFailure: Reply & { crash?: Crash | undefined; supervisorReport?: string | undefined; servingAfter: boolean };
  /** restarts counts the times the service had to be started again after a crash. */
  restarts: number;
}

const crashLimitMs = 3_000;
const supervisorReport = /^corral: task .*$/m;

async function send(url: string, method: string, waitMs: number): Promise<Reply> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  try {
    const response = await fetch(url, { method, signal: AbortSignal.timeout(waitMs) });
    const text = await response.text();
    return { status: response.status, body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text, seconds: seconds() };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { failure: timedOut ? "no answer" : `${error instanceof Error ? error.message : String(error)}${cause}`, seconds: seconds() };
  }
}

async function waitUntil(condition: () => boolean, milliseconds: number): Promise<boolean> {
  for (let waited = 0; waited < milliseconds && !condition(); waited += 25) await sleep(25);
  return condition();
}

/** crashOf is the error line Node printed when `service` died, once it has died. */
export function crashOf(service: ServiceProcess): Crash | undefined {
  if (service.running) return undefined;
  const error = /^\w*(?:Error|Exception)\b.*$/m.exec(service.errorOutput)?.[0] ?? "(no error printed)";
  return { exitCode: service.exitCode ?? null, error };
}

async function isServing(service: ServiceProcess): Promise<boolean> {
  return service.running && (await send(`${service.url}/health`, "GET", 2_000)).status === 200;
}

function describe(reply: Reply): string {
  return reply.status === undefined ? `${reply.failure} after ${reply.seconds.toFixed(1)} s` : `${reply.status} in ${reply.seconds.toFixed(1)} s`;
}

/**
 * runScenario starts a fake upstream and the service at `entry` (compiled JavaScript) against it,
 * runs the four steps, and stops both. A step that crashes the service is recorded, and the
 * service is started again for the next step.
 */
export async function runScenario(entry: string, options: ScenarioOptions): Promise<ScenarioResult> {
  const progress = options.onProgress ?? (() => {});
  const upstream = await FakeUpstream.start({ records: options.records });
  let service: ServiceProcess | undefined;
  let restarts = 0;
  const running = async (): Promise<ServiceProcess> => {
    if (service?.running) return service;
    if (service) restarts++;
    service = await ServiceProcess.start(entry, upstream.url);
    return service;
  };
  try {
    const first = await running();
    const sync = { ...(await send(`${first.url}/jobs/sync`, "POST", 30_000)), peakRecordCalls: upstream.peakRecordCalls };
    progress(`POST /jobs/sync → ${describe(sync)}, at most ${sync.peakRecordCalls} record calls in flight`);

    const hang = await send(`${first.url}/inventory/sku-42`, "GET", options.hangWaitMs);
    progress(`GET /inventory/sku-42 → ${describe(hang)}`);

    const second = await running();
    const unknownUser = await send(`${second.url}/reports/${unknownUserId}`, "GET", 10_000);
    if (unknownUser.status === undefined) await waitUntil(() => !second.running, crashLimitMs);
    const unknownUserCrash = crashOf(second);
    const unknownUserResult = { ...unknownUser, crash: unknownUserCrash, servingAfter: await isServing(second) };
    progress(`GET /reports/${unknownUserId} → ${describe(unknownUser)}${unknownUserCrash ? `, then the process exited with code ${unknownUserCrash.exitCode}` : ""}`);

    const third = await running();
    upstream.failNextAudit();
    const report = await send(`${third.url}/reports/u-1`, "GET", 10_000);
    // The audit write follows the response, so wait for the refusal, then for its consequence.
    const refused = await waitUntil(() => upstream.refusedAuditWrites > 0, crashLimitMs);
    if (refused) await waitUntil(() => !third.running || supervisorReport.test(third.errorOutput), crashLimitMs);
    const auditCrash = crashOf(third);
    const auditFailure = {
      ...report,
      crash: auditCrash,
      supervisorReport: supervisorReport.exec(third.errorOutput)?.[0],
      servingAfter: await isServing(third),
    };
    progress(`GET /reports/u-1 → ${describe(report)}; audit write ${refused ? "refused" : "never made"}${auditCrash ? `, then the process exited with code ${auditCrash.exitCode}` : ""}`);
    return { sync, hang, unknownUser: unknownUserResult, auditFailure, restarts };
  } finally {
    await (service as ServiceProcess | undefined)?.stop();
    await upstream.close();
  }
}
