// The fleet: 10 child processes, each with its own connection, share one RedisRateLimiter or one
// RedisSemaphore, as the replicas of a service do. The parent counts: the limiter's admissions
// from timestamps every child takes on one clock (CLOCK_MONOTONIC) and sends here; the
// semaphore's holders from the children's reports, a holder counted out before it releases.
// Invariants are asserted, not timings: never over-admit, and keep the limiter at least 90% busy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LimiterJob, SemaphoreJob } from "./fleet-child.js";
import { type FleetMessage, type Member, mostInWindow, now, spawnFleet, start } from "./fleet.js";
import { uniqueKey } from "./clients.js";
import { describeRedis, type RedisServer, startRedis } from "./server.js";

const processes = 10;
let server: RedisServer;

describeRedis("a fleet of processes sharing Redis", () => {
  beforeAll(async () => {
    server = await startRedis();
  }, 30_000);

  afterAll(() => server?.stop());

  describe("RedisRateLimiter", () => {
    const rate = 100;
    const burst = 10;

    async function runLimiter(local: boolean, durationMs: number) {
      const key = uniqueKey("fleet-rate");
      // Four take tokens with allow and try again a few ms later; six wait, for 1 or 2 tokens.
      const jobs: LimiterJob[] = Array.from({ length: processes }, (_, index) => ({
        kind: "limiter",
        port: server.port,
        key,
        rate,
        burst,
        mode: index < 4 ? "allow" : "wait",
        tokens: index % 2 === 0 ? 1 : 2,
        local,
      }));
      const admissions: [number, number, number][] = [];
      const members = await spawnFleet(jobs, (_member, message: FleetMessage) => {
        if (message.type === "admissions") admissions.push(...message.admissions);
      });
      start(members, jobs, durationMs);
      const codes = await Promise.all(members.map((member) => member.exited));
      expect(codes).toEqual(members.map(() => 0));
      return { admissions };
    }

    it(`admits at most rate × window + burst in every window across ${processes} processes, and at least 90% of it over the run`, async () => {
      const { admissions } = await runLimiter(false, 4_000);
      for (const windowMs of [250, 1_000, 2_000]) {
        expect(mostInWindow(admissions, windowMs), `tokens in a window of ${windowMs} ms`).toBeLessThanOrEqual((rate * windowMs) / 1000 + burst);
      }
      // Utilisation: every token granted, against what the bucket owed from the first call to
      // the end of the last (a wait ends once its booked time has come).
      const granted = admissions.reduce((sum, [, , tokens]) => sum + tokens, 0);
      const first = Math.min(...admissions.map(([begin]) => begin));
      const last = Math.max(...admissions.map(([, end]) => end));
      const owed = (rate * (last - first)) / 1000 + burst;
      expect(granted / owed).toBeGreaterThanOrEqual(0.9);
      expect(granted / owed).toBeLessThanOrEqual(1);
      expect(new Set(admissions.map(([, , tokens]) => tokens))).toEqual(new Set([1, 2]));
    }, 60_000);

    it("would catch a limiter per process: the same check fails when each process counts alone", async () => {
      const { admissions } = await runLimiter(true, 1_500);
      expect(mostInWindow(admissions, 1_000)).toBeGreaterThan(rate + burst);
    }, 60_000);
  });

  describe("RedisSemaphore", () => {
    const size = 3;

    /**
     * runSemaphore runs `processes` children that acquire 1 or 2 permits, hold them for `holdMs` and
     * release, for `durationMs`; `during` acts on the fleet meanwhile. The parent's count of
     * holders is checked at every grant.
     */
    async function runSemaphore(leaseMs: number, durationMs: number, holdMs: [number, number], during: (members: Member[]) => Promise<void>) {
      const key = uniqueKey("fleet-sem");
      const jobs: SemaphoreJob[] = Array.from({ length: processes }, (_, index) => ({
        kind: "semaphore",
        port: server.port,
        key,
        size,
        leaseMs,
        weight: index < 7 ? 1 : 2,
        forever: false,
        holdMs,
      }));
      let held = 0;
      let most = 0;
      const grants: number[] = [];
      const reports: Extract<FleetMessage, { type: "done" }>[] = [];
      const members = await spawnFleet(jobs, (member, message) => {
        if (message.type === "acquired") {
          member.holding += message.weight;
          held += message.weight;
          most = Math.max(most, held);
          grants.push(now());
        } else if (message.type === "releasing") {
          member.holding -= message.weight;
          held -= message.weight;
          member.process.send({ type: "ack" });
        } else if (message.type === "done") reports.push(message);
      });
      for (const member of members) {
        // A killed holder holds nothing any more: its permits wait in Redis for the lease to lapse.
        void member.exited.then(() => {
          held -= member.holding;
          member.holding = 0;
        });
      }
      start(members, jobs, durationMs);
      await during(members);
      await Promise.all(members.map((member) => member.exited));
      return { most, grants, reports };
    }

    it(`never has more than size holders among ${processes} processes, while holders are killed with SIGKILL`, async () => {
      let killed = 0;
      const { most, grants, reports } = await runSemaphore(1_000, 5_000, [5, 40], async (members) => {
        // Twice, kill a process that holds permits right now.
        for (const at of [1_500, 3_000]) {
          await new Promise((resolve) => setTimeout(resolve, at === 1_500 ? at : 1_500));
          for (let tries = 0; tries < 200; tries++) {
            const holder = members.find((member) => member.holding > 0 && member.process.exitCode === null && member.process.signalCode === null);
            if (holder) {
              holder.process.kill("SIGKILL");
              killed++;
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }
      });
      expect(killed).toBe(2);
      expect(most).toBeLessThanOrEqual(size);
      expect(most).toBe(size);
      expect(grants.length).toBeGreaterThan(50);
      // Every survivor was served, the weight-2 ones included: FIFO starves nobody.
      expect(reports).toHaveLength(processes - 2);
      for (const report of reports) expect(report.acquired).toBeGreaterThan(0);
    }, 60_000);

    it("returns a SIGKILLed holder's permits within leaseMs, and not before its lease lapses", async () => {
      const leaseMs = 2_000;
      const key = uniqueKey("fleet-kill");
      const job: SemaphoreJob = { kind: "semaphore", port: server.port, key, size, leaseMs, weight: size, forever: true, holdMs: [0, 0] };
      let acquired: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => (acquired = resolve));
      const [holder] = await spawnFleet([job], (_member, message) => message.type === "acquired" && acquired());
      start([holder as Member], [job], 60_000);
      await holding;
      // Let a renewal or two go by, so the kill lands at a random point of a renewal period.
      await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 600));
      const { RedisSemaphore } = await import("@corral/redis");
      const client = server.ioredis();
      try {
        const semaphore = new RedisSemaphore({ client, key, size, leaseMs });
        const killedAt = now();
        holder?.process.kill("SIGKILL");
        const lease = await semaphore.acquire(size);
        const waited = now() - killedAt;
        await lease.release();
        // Renewed at most a quarter of the lease before the kill, so it lapses 1.5-2 s after it;
        // the waiter looks at the moment it lapses (the script says when), plus a poll's trip.
        expect(waited).toBeGreaterThanOrEqual(leaseMs * 0.75 - 200);
        expect(waited).toBeLessThanOrEqual(leaseMs + 500);
      } finally {
        client.disconnect();
      }
    }, 60_000);

    it("never over-admits when redis-server is restarted mid-run and loses every key", async () => {
      let crashedAt = 0;
      const leaseMs = 2_000;
      const { most, grants, reports } = await runSemaphore(leaseMs, 8_000, [200, 3_000], async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        crashedAt = now();
        await server.crash();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await server.restart();
      });
      expect(most).toBeLessThanOrEqual(size);
      // The holders of the moment saw their leases lost; the fleet got going again after the
      // quarantine, and some calls failed while the server was down.
      expect(reports.reduce((sum, report) => sum + report.lost, 0), JSON.stringify(reports)).toBeGreaterThan(0);
      // Nothing is granted for a lease after the crash: the reports of that time are late news of
      // grants made before it, which IPC delivers within half a second.
      expect(grants.filter((at) => at > crashedAt + leaseMs).length).toBeGreaterThan(10);
      expect(grants.filter((at) => at > crashedAt + 500 && at < crashedAt + leaseMs)).toEqual([]);
    }, 60_000);
  });
});
