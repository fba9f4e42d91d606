// Runs fleet-child.ts as real processes: bundled once with esbuild (the package's and runtime's
// TypeScript sources as they are now; ioredis from node_modules), forked with an IPC channel.
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { map } from "@corral/runtime";
import type { Admission, LimiterJob, SemaphoreJob } from "./fleet-child.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
// Inside the repository, so that the bundle's `import "ioredis"` resolves to node_modules.
const folder = `${root}node_modules/.cache/corral-redis-tests/`;
let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(folder, { recursive: true });
    const outfile = `${folder}fleet-child-${process.pid}.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL("./fleet-child.ts", import.meta.url))],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["ioredis", "redis"],
      alias: { "@corral/runtime": `${root}runtime/index.ts`, "@corral/redis": `${root}redis/index.ts` },
      logLevel: "silent",
    });
    return outfile;
  })();
  return bundled;
}

/** now is the clock every process of the fleet shares: CLOCK_MONOTONIC, in ms. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Member is one child process of the fleet. */
export interface Member {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  /** holding is the permits the parent counts this member as holding. */
  holding: number;
}

/** spawnFleet forks `jobs.length` children and resolves once each has said it is ready. */
export async function spawnFleet(jobs: readonly (LimiterJob | SemaphoreJob)[], onMessage: (member: Member, message: FleetMessage) => void): Promise<Member[]> {
  const script = await bundle();
  return map(
    jobs,
    (job) =>
        new Promise<Member>((resolve, reject) => {
          const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
          const member: Member = { process: child, exited: new Promise((done) => child.once("exit", (code) => done(code))), holding: 0 };
          child.once("error", reject);
          child.on("message", (message: FleetMessage) => {
            if (message.type === "ready") resolve(member);
            else onMessage(member, message);
          });
          (member as { job?: object }).job = job;
        }),
    { concurrency: 16 },
  );
}

/** start sends every member its job and the common end, `durationMs` from now. */
export function start(members: readonly Member[], jobs: readonly (LimiterJob | SemaphoreJob)[], durationMs: number): number {
  const until = now() + durationMs;
  members.forEach((member, index) => member.process.send({ type: "go", job: jobs[index], until }));
  return until;
}

/** FleetMessage is what a child reports. */
export type FleetMessage =
  | { type: "ready"; now: number }
  | { type: "admissions"; admissions: Admission[] }
  | { type: "acquired"; weight: number; at: number }
  | { type: "releasing"; weight: number }
  | { type: "done"; acquired: number; lost: number; errors: number };

/**
 * mostInWindow is the most tokens whose admissions fall wholly inside one window of `windowMs`.
 * An admission happened somewhere between the start and the end of its call, so one that lies
 * wholly inside a window surely happened in it: the count can only be lower than the truth, and
 * a count above the limit is a real over-admission, whatever the timing of the machine.
 */
export function mostInWindow(admissions: readonly Admission[], windowMs: number): number {
  const sorted = [...admissions].sort((a, b) => a[0] - b[0]);
  let most = 0;
  for (const [from] of sorted) {
    let tokens = 0;
    for (const [begin, end, count] of sorted) if (begin >= from && end <= from + windowMs) tokens += count;
    most = Math.max(most, tokens);
  }
  return most;
}
