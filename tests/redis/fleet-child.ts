// One replica of the fleet in fleet.test.ts: a child process with its own ioredis connection that
// uses the shared limiter or semaphore as a service would, and reports to the parent over IPC.
// The parent does all the counting; a child only says what it was granted, and when.
import { RateLimiter, map } from "@corral/runtime";
import { LeaseLostError, RedisRateLimiter, RedisSemaphore } from "@corral/redis";
import { Redis } from "ioredis";

/** LimiterJob makes the child take tokens until `until` (hrtime ms), by wait or by allow. */
export interface LimiterJob {
  kind: "limiter";
  port: number;
  key: string;
  rate: number;
  burst: number;
  mode: "wait" | "allow";
  tokens: number;
  /** local uses a per-process RateLimiter instead: the control run that must be caught. */
  local: boolean;
  /**
   * loops is how many calls the child keeps going at once: a service has many requests in
   * flight, and the bookings they keep ahead let the bucket stay busy while this process's event
   * loop is held up by a loaded machine.
   */
  loops: number;
}

/** SemaphoreJob makes the child acquire, hold and release until `until`, or hold forever. */
export interface SemaphoreJob {
  kind: "semaphore";
  port: number;
  key: string;
  size: number;
  leaseMs: number;
  weight: number;
  /** forever holds the first lease until the process is killed. */
  forever: boolean;
  /** holdMs is the range a lease is held for, unless its signal aborts first. */
  holdMs: [number, number];
}

/** Admission is one grant: when the call started and ended (hrtime ms, one clock for every process), and its tokens. */
export type Admission = [start: number, end: number, tokens: number];

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
const send = (message: object): Promise<void> => new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));

let acknowledge: (() => void) | undefined;
let stopped = false;
const running = (until: number): boolean => !stopped && now() < until;

async function limiter(job: LimiterJob, until: number): Promise<void> {
  const client = new Redis({ port: job.port, host: "127.0.0.1" });
  client.on("error", () => undefined);
  const shared = new RedisRateLimiter({ client, key: job.key, rate: job.rate, burst: job.burst, timeout: 5_000 });
  const local = new RateLimiter({ rate: job.rate, burst: job.burst });
  const admissions: Admission[] = [];
  const loop = async (): Promise<void> => {
    while (running(until)) {
      const start = now();
      if (job.mode === "wait") {
        await (job.local ? local.wait(job.tokens) : shared.wait(job.tokens));
      } else if (!(job.local ? local.allow(job.tokens) : await shared.allow(job.tokens))) {
        await pause(2 + Math.random() * 4);
        continue;
      }
      admissions.push([start, now(), job.tokens]);
    }
  };
  await map(Array.from({ length: job.loops }), loop, { concurrency: job.loops });
  await send({ type: "admissions", admissions });
  client.disconnect();
}

async function semaphore(job: SemaphoreJob, until: number): Promise<void> {
  const client = new Redis({ port: job.port, host: "127.0.0.1" });
  client.on("error", () => undefined);
  const shared = new RedisSemaphore({ client, key: job.key, size: job.size, leaseMs: job.leaseMs, timeout: 1_000 });
  let acquired = 0;
  let lost = 0;
  let errors = 0;
  while (job.forever || running(until)) {
    let lease;
    try {
      lease = await shared.acquire(job.weight);
    } catch {
      // Redis unreachable (the restart test): try again shortly, as a service would.
      errors++;
      await pause(50);
      continue;
    }
    await send({ type: "acquired", weight: job.weight, at: now() });
    acquired++;
    if (job.forever) await new Promise(() => undefined);
    await pause(job.holdMs[0] + Math.random() * (job.holdMs[1] - job.holdMs[0]), lease.signal);
    if (lease.signal.reason instanceof LeaseLostError) lost++;
    // The parent counts the permits as free before the child gives them back, never after.
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    await send({ type: "releasing", weight: job.weight });
    await acknowledged;
    await lease.release().catch(() => undefined);
  }
  await send({ type: "done", acquired, lost, errors });
  client.disconnect();
}

process.on("message", (message: { type: string; job?: LimiterJob | SemaphoreJob; until?: number }) => {
  if (message.type === "ack") acknowledge?.();
  if (message.type === "stop") stopped = true;
  if (message.type !== "go" || !message.job) return;
  const { job, until = 0 } = message;
  const work = job.kind === "limiter" ? limiter(job, until) : semaphore(job, until);
  work.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
void send({ type: "ready", now: now() });
