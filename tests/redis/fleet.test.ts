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
      // Four take tokens with allow and try again a few ms later; six wait, for 1 or 2 tokens,
      // with twelve calls in flight each: about a second of bookings ahead, which keeps the
      // bucket busy while a loaded machine holds up the children's event loops.
      const jobs: LimiterJob[] = Array.from({ length: processes }, (_, index) => ({
        kind: "limiter",
        port: server.port,
        key,
        rate,
        burst,
        mode: index < 4 ? "allow" : "wait",
        tokens: index % 2 === 0 ? 1 : 2,
        local,
        loops: index < 4 ? 1 : 12,
      }));
      const admissions: [number, number, number][] = [];
      const members = await spawnFleet(jobs, (_member, message: FleetMessage) => {
        if (message.type === "admissions") admissions.push(...message.admissions);
      });
      const until = start(members, jobs, durationMs);
      const codes = await Promise.all(members.map((member) => member.exited));
      expect(codes).toEqual(members.map(() => 0));
      return { admissions, until };
    }

    it(`admits at most rate × window + burst in every window across ${processes} processes, and at least 90% of it over the run`, async () => {
      const { admissions, until } = await runLimiter(false, 5_000);
      expect(until - Math.min(...admissions.map(([, end]) => end))).toBeGreaterThan(2_000);
      for (const windowMs of [250, 1_000, 2_000]) {
        expect(mostInWindow(admissions, windowMs), `tokens in a window of ${windowMs} ms`).toBeLessThanOrEqual((rate * windowMs) / 1000 + burst);
      }
      // Utilisation: the tokens granted while every process was at work, against what the bucket
      // owed meanwhile. The first and last half second are left out: processes connect and load
      // the script at the start, and at the end their last calls trail off one by one.
      const from = Math.min(...admissions.map(([, end]) => end)) + 500;
      const to = until - 500;
      const granted = admissions.filter(([, end]) => end >= from && end <= to).reduce((sum, [, , tokens]) => sum + tokens, 0);
      const owed = (rate * (to - from)) / 1000;
      expect(granted / owed).toBeGreaterThanOrEqual(0.9);
      expect(new Set(admissions.map(([, , tokens]) => tokens))).toEqual(new Set([1, 2]));
    }, 60_000);

    it("would catch a limiter per process: the same check fails when each process counts alone", async () => {
      const { admissions } = await runLimiter(true, 1_500);
      expect(mostInWindow(admissions, 1_000)).toBeGreaterThan(rate + burst);
    }, 60_000);
  });

  describe("RedisSemaphore", () => {
    const size = 3;

    /** Fleet is the parent's view of a semaphore run: its count of holders, and every grant. */
    interface Fleet {
      members: Member[];
      held: number;
      most: number;
      grants: number[];
      reports: Extract<FleetMessage, { type: "done" }>[];
      /** granted resolves once `count` grants have been reported in all. */
      granted(count: number): Promise<void>;
    }

    /**
     * runSemaphore runs `processes` children that acquire 1 or 2 permits, hold them for `holdMs`
     * (less if the lease is lost) and release, until `during` has acted on the fleet; then it stops
     * them. The parent counts a holder in when it reports a grant and out before it releases.
     */
    async function runSemaphore(leaseMs: number, holdMs: [number, number], during: (fleet: Fleet) => Promise<void>): Promise<Fleet> {
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
      const waiting: { count: number; resolve: () => void }[] = [];
      const fleet: Fleet = {
        members: [],
        held: 0,
        most: 0,
        grants: [],
        reports: [],
        granted: (count) => new Promise((resolve) => waiting.push({ count, resolve })),
      };
      fleet.members = await spawnFleet(jobs, (member, message) => {
        if (message.type === "acquired") {
          member.holding += message.weight;
          fleet.held += message.weight;
          fleet.most = Math.max(fleet.most, fleet.held);
          fleet.grants.push(message.at);
          for (const waiter of waiting.filter((candidate) => fleet.grants.length >= candidate.count)) {
            waiting.splice(waiting.indexOf(waiter), 1);
            waiter.resolve();
          }
        } else if (message.type === "releasing") {
          member.holding -= message.weight;
          fleet.held -= message.weight;
          member.process.send({ type: "ack" });
        } else if (message.type === "done") fleet.reports.push(message);
      });
      for (const member of fleet.members) {
        // A killed holder holds nothing any more: its permits wait in Redis for the lease to lapse.
        void member.exited.then(() => {
          fleet.held -= member.holding;
          member.holding = 0;
        });
      }
      start(fleet.members, jobs, 120_000);
      await during(fleet);
      for (const member of fleet.members) if (member.process.connected) member.process.send({ type: "stop" });
      await Promise.all(fleet.members.map((member) => member.exited));
      return fleet;
    }

    const alive = (member: Member): boolean => member.process.exitCode === null && member.process.signalCode === null;

    it(`never has more than size holders among ${processes} processes, while holders are killed with SIGKILL`, async () => {
      let killed = 0;
      const fleet = await runSemaphore(1_000, [5, 40], async (running) => {
        // Twice, once the fleet is busy, kill a process the moment it reports a grant.
        for (const after of [20, 60]) {
          await running.granted(after);
          // Reports come in batches on a loaded machine: a grant and its release may arrive
          // together, so wait for a report that leaves somebody holding.
          let holder: Member | undefined;
          while (!(holder = running.members.find((member) => member.holding > 0 && alive(member)))) await running.granted(running.grants.length + 1);
          holder.process.kill("SIGKILL");
          killed++;
        }
        await running.granted(120);
      });
      expect(killed).toBe(2);
      expect(fleet.most).toBeLessThanOrEqual(size);
      expect(fleet.most).toBe(size);
      // Every survivor was served, the weight-2 ones included: FIFO starves nobody.
      expect(fleet.reports).toHaveLength(processes - 2);
      for (const report of fleet.reports) expect(report.acquired).toBeGreaterThan(0);
    }, 120_000);

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
        // Renewed at most a quarter of the lease before the kill (later only if its timer was
        // late), so it lapses 1.5-2 s after it; the waiter looks when the script says it lapses.
        expect(waited).toBeGreaterThanOrEqual(leaseMs * 0.75 - 200);
        expect(waited).toBeLessThanOrEqual(leaseMs + 500);
      } finally {
        client.disconnect();
      }
    }, 60_000);

    it("never over-admits when redis-server is restarted mid-run and loses every key", async () => {
      const leaseMs = 2_000;
      let crashedAt = 0;
      // Holds of at least three quarters of the lease: a holder granted just before the crash is
      // still working when its lease's signal must abort.
      const fleet = await runSemaphore(leaseMs, [1_500, 2_500], async (running) => {
        await running.granted(3);
        await running.granted(running.grants.length + 1);
        crashedAt = now();
        await server.crash();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await server.restart();
        const before = running.grants.length;
        await running.granted(before + 3);
      });
      expect(fleet.most).toBeLessThanOrEqual(size);
      expect(fleet.reports.reduce((sum, report) => sum + report.lost, 0), JSON.stringify(fleet.reports)).toBeGreaterThan(0);
      // After the crash, nobody was granted before a whole lease had passed (the quarantine).
      expect(fleet.grants.filter((at) => at > crashedAt + leaseMs).length).toBeGreaterThanOrEqual(3);
    }, 120_000);
  });
});
