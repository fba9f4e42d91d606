// RedisSemaphore against a real redis-server, through each client: weighted FIFO across clients,
// abandoning the queue, leases renewed past leaseMs, lease loss seen by the holder's signal, run,
// the quarantine after a restart, and the failure policy. The multi-process tests (8+ processes,
// SIGKILL, restarts mid-run) are in fleet.test.ts.
import { execFile } from "node:child_process";
import { Semaphore } from "@corral/runtime";
import { LeaseLostError, type RedisLease, RedisSemaphore, RedisUnavailableError } from "@corral/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientKind, type OpenClient, clientKinds, openClient, roundTrips, sleep, uniqueKey } from "./clients.js";
import { describeRedis, type RedisServer, startRedis } from "./server.js";

let server: RedisServer;

describeRedis("RedisSemaphore against redis-server", () => {
  beforeAll(async () => {
    server = await startRedis();
    // A fresh server quarantines new semaphores for leaseMs after its start (see the docs); the
    // tests below use leases of at most 2 s, so they start once the server is 3 s old.
    await sleep(3_000);
  }, 30_000);

  afterAll(() => server?.stop());

  describe.each(clientKinds)("through %s", (kind: ClientKind) => {
    let open: OpenClient;
    let other: OpenClient;
    beforeAll(async () => {
      [open, other] = await Promise.all([openClient(kind, server), openClient(kind, server)]);
    });
    afterAll(async () => {
      await open?.close();
      await other?.close();
    });

    const pair = (size: number, leaseMs = 2_000) => {
      const key = uniqueKey("sem");
      return [new RedisSemaphore({ client: open.client, key, size, leaseMs }), new RedisSemaphore({ client: other.client, key, size, leaseMs })] as const;
    };

    it("grants up to size and no more; tryAcquire never waits", async () => {
      const [semaphore] = pair(3);
      const two = await semaphore.acquire(2);
      expect(two.permits).toBe(2);
      expect(await semaphore.tryAcquire(2)).toBeUndefined();
      const one = await semaphore.tryAcquire(1);
      expect(one?.permits).toBe(1);
      expect(await semaphore.tryAcquire(1)).toBeUndefined();
      await two.release();
      await one?.release();
      const all = await semaphore.tryAcquire(3);
      expect(all).toBeDefined();
      await all?.release();
    });

    it("is one round trip to acquire and one to release, uncontended", async () => {
      const [semaphore] = pair(2);
      await (await semaphore.acquire()).release(); // loads the script
      let lease: RedisLease | undefined;
      expect(await roundTrips(server, async () => void (lease = await semaphore.acquire()))).toEqual(["evalsha"]);
      expect(await roundTrips(server, async () => lease?.release())).toEqual(["evalsha"]);
    });

    it("serves waiters of two clients first come, first served: a large head is not overtaken", async () => {
      const [here, there] = pair(4);
      const held = await here.acquire(3);
      const order: string[] = [];
      const large = there.acquire(4).then((lease) => (order.push("large"), lease));
      await sleep(100);
      const small = here.acquire(1).then((lease) => (order.push("small"), lease));
      await sleep(100);
      // One permit is free and `small` would fit, but `large` is ahead of it.
      expect(order).toEqual([]);
      await held.release();
      const largeLease = await large;
      await sleep(100);
      expect(order).toEqual(["large"]);
      await largeLease.release();
      await (await small).release();
      expect(order).toEqual(["large", "small"]);
    });

    it("hands permits to a waiter of another client at once, by pub/sub, not at its next poll", async () => {
      // Waiters poll every 500 ms here; a hand-off learnt by polling would take 250 ms on average.
      const [here, there] = pair(1, 2_000);
      const latencies: number[] = [];
      for (let round = 0; round < 9; round++) {
        const held = await here.acquire();
        let released = 0;
        const [lease] = await Promise.all([
          there.acquire(),
          (async () => {
            await sleep(120);
            released = performance.now();
            await held.release();
          })(),
        ]);
        latencies.push(performance.now() - released);
        await lease.release();
      }
      latencies.sort((a, b) => a - b);
      expect(latencies[4]).toBeLessThan(100);
    });

    it("leaves the queue when the signal aborts, and lets the waiters behind it in", async () => {
      const [here, there] = pair(2);
      const held = await here.acquire(1);
      const controller = new AbortController();
      const head = there.acquire(2, { signal: controller.signal }).catch((error: unknown) => error);
      await sleep(100);
      const behind = here.acquire(1).catch((error: unknown) => error);
      await sleep(100);
      controller.abort(new Error("no longer needed"));
      expect(String(await head)).toMatch("no longer needed");
      const lease = (await behind) as RedisLease;
      await lease.release();
      await held.release();
      await expect(here.acquire({ signal: AbortSignal.abort(new Error("already")) })).rejects.toThrow("already");
    });

    it("renews a lease held past leaseMs, keeping others out and its signal quiet", async () => {
      const [here, there] = pair(1, 400);
      const lease = await here.acquire();
      await sleep(1_200);
      expect(lease.signal.aborted).toBe(false);
      expect(await there.tryAcquire()).toBeUndefined();
      await lease.release();
      const next = await there.tryAcquire();
      expect(next).toBeDefined();
      await next?.release();
    });

    it("aborts the lease's signal with a LeaseLostError when Redis no longer holds it", async () => {
      const [here] = pair(1, 400);
      const lease = await here.acquire();
      const lost = new Promise((resolve) => lease.signal.addEventListener("abort", () => resolve(lease.signal.reason)));
      // Deleted keys, as after FLUSHALL or eviction: the next renewal finds nothing.
      const keys = (await open.command("KEYS", `{${here.key}}:*`)) as string[];
      await open.command("DEL", ...keys);
      const reason = await lost;
      expect(reason).toBeInstanceOf(LeaseLostError);
      expect(String(reason)).toMatch(/Redis no longer holds it/);
      await lease.release();
    });

    it("runs fn with a signal, releases after it settles, and settles like fn", async () => {
      const [semaphore] = pair(2);
      const result = await semaphore.run(2, async (signal) => {
        expect(signal.aborted).toBe(false);
        expect(await semaphore.tryAcquire(1)).toBeUndefined();
        return 42;
      });
      expect(result).toBe(42);
      await expect(semaphore.run(() => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
      const all = await semaphore.tryAcquire(2);
      expect(all).toBeDefined();
      await all?.release();
    });

    it("rejects misuse with TypeErrors naming the argument", async () => {
      const [semaphore] = pair(2);
      expect(() => new RedisSemaphore({ client: open.client, key: "k", size: 0 })).toThrow(/`size`/);
      expect(() => new RedisSemaphore({ client: open.client, key: "k", size: 1, leaseMs: 10 })).toThrow(/`leaseMs`/);
      expect(() => new RedisSemaphore({ client: open.client, key: "k", size: 1, limit: 2 } as never)).toThrow(/Unknown option `limit` for RedisSemaphore: did you mean `size`\?/);
      expect(() => semaphore.acquire(3)).toThrow(/at most the semaphore's size 2/);
      expect(() => semaphore.acquire(1, { ctx: 1 } as never)).toThrow(/Unknown option `ctx` for RedisSemaphore.acquire: did you mean `signal`\?/);
      await expect(semaphore.tryAcquire(0)).rejects.toThrow(/`n`/);
      await expect(semaphore.run(1, "fn" as never)).rejects.toThrow(/`fn`/);
    });
  });

  describe("after a server restart", () => {
    it("admits nobody for leaseMs after the server's start, since holders from before may still be working", async () => {
      const open = await openClient("ioredis", server);
      try {
        const semaphore = new RedisSemaphore({ client: open.client, key: uniqueKey("quarantine"), size: 2, leaseMs: 1_500, timeout: 5_000 });
        const lease = await semaphore.acquire(2);
        const lost = new Promise((resolve) => lease.signal.addEventListener("abort", () => resolve(performance.now())));
        const crashed = performance.now();
        await server.crash();
        await server.restart();
        const granted = await semaphore.acquire(1).then(async (next) => {
          const at = performance.now();
          await next.release();
          return at;
        });
        // The old holder learnt of the loss before anyone else was admitted, and no earlier than
        // the restart; the new grant waited for a whole lease after the crash.
        expect((await lost) as number).toBeLessThan(granted);
        expect(granted - crashed).toBeGreaterThanOrEqual(1_500);
        expect(granted - crashed).toBeLessThan(1_500 + 2_000 + 1_000);
        await lease.release().catch(() => undefined);
      } finally {
        await open.close();
      }
    });

    it("also after a restart that brought back an older state (an RDB snapshot), and with LASTSAVE denied by an ACL", async () => {
      const open = await openClient("ioredis", server);
      let limited: OpenClient | undefined;
      try {
        const key = uniqueKey("snapshot");
        const semaphore = new RedisSemaphore({ client: open.client, key, size: 2, leaseMs: 1_500, timeout: 5_000 });
        const saved = await semaphore.acquire();
        await open.command("SAVE");
        // Granted after the snapshot: the restarted server will not know of it, and says so.
        const unsaved = await semaphore.acquire();
        const lost = new Promise<number>((resolve) => unsaved.signal.addEventListener("abort", () => resolve(performance.now())));
        const crashed = performance.now();
        await server.crash();
        await server.restart();
        // The script reads the server's start from LASTSAVE when it may; without it, from INFO.
        await open.command("ACL", "SETUSER", "limited", "on", "nopass", "~*", "&*", "+@all", "-lastsave");
        limited = await openClient("ioredis", server);
        await limited.command("AUTH", "limited", "any");
        expect(await limited.command("LASTSAVE").catch((error: unknown) => String(error))).toMatch(/NOPERM/);
        // The restored state shows one permit free, but its holder may be working: nobody yet.
        const other = new RedisSemaphore({ client: limited.client, key, size: 2, leaseMs: 1_500, timeout: 5_000 });
        const granted = await other.acquire().then(async (next) => {
          const at = performance.now();
          await next.release();
          return at;
        });
        expect(await lost).toBeLessThan(granted);
        expect(granted - crashed).toBeGreaterThanOrEqual(1_500);
        await saved.release().catch(() => undefined);
      } finally {
        // Later restarts in this file start empty again.
        await open.command("FLUSHALL").catch(() => undefined);
        await open.command("SAVE").catch(() => undefined);
        await limited?.close();
        await open.close();
      }
    });
  });

  describe("failure policy", () => {
    it("keeps no timer of its own running once its calls are answered: a process ends when its work does", async () => {
      // A call's timeout (here a minute) must not hold the process open after the reply: the
      // connection's one timeout timer is unref'd when no call is in flight.
      const program = `
        import { Redis } from "ioredis";
        import { RedisSemaphore } from "@corral/redis";
        const client = new Redis({ port: ${server.port}, host: "127.0.0.1" });
        const semaphore = new RedisSemaphore({ client, key: "${uniqueKey("exit")}", size: 1, leaseMs: 100, timeout: 60000 });
        const lease = await semaphore.acquire();
        await lease.release();
        client.disconnect();
      `;
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        execFile(process.execPath, ["--input-type=module", "-e", program], { cwd: process.cwd(), timeout: 50_000 }, (error) => (error ? reject(error) : resolve()));
      });
      expect(performance.now() - started).toBeLessThan(30_000);
    }, 60_000);

    it("fails closed with a RedisUnavailableError, and aborts a holder's signal when renewals stop getting through", async () => {
      const open = await openClient("ioredis", server);
      try {
        const semaphore = new RedisSemaphore({ client: open.client, key: uniqueKey("closed"), size: 1, leaseMs: 800, timeout: 200 });
        const lease = await semaphore.acquire();
        const paused = performance.now();
        server.pause();
        const lost = await new Promise<number>((resolve) => lease.signal.addEventListener("abort", () => resolve(performance.now())));
        const failure = await semaphore.tryAcquire().catch((error: unknown) => error);
        server.resume();
        expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
        expect(String(lease.signal.reason)).toMatch(/no renewal got through in time/);
        // Three quarters of the lease after the last confirmation, which preceded the pause.
        expect(lost - paused).toBeLessThanOrEqual(600 + 100);
        expect(failure).toBeInstanceOf(RedisUnavailableError);
        await lease.release().catch(() => undefined);
      } finally {
        server.resume();
        await open.close();
      }
    });

    it("grants from the fallback semaphore while Redis is unavailable", async () => {
      const open = await openClient("node-redis", server);
      const fallback = new Semaphore(1);
      const semaphore = new RedisSemaphore({ client: open.client, key: uniqueKey("fallback"), size: 5, timeout: 200, fallback });
      await open.close();
      const lease = await semaphore.acquire();
      expect(fallback.available).toBe(0);
      expect(await semaphore.tryAcquire()).toBeUndefined();
      expect(lease.signal.aborted).toBe(false);
      await lease.release();
      expect(fallback.available).toBe(1);
      expect(await semaphore.run(async () => fallback.available)).toBe(0);
    });
  });
});
