// RedisRateLimiter against a real redis-server, through each client: the runtime's RateLimiter
// semantics (burst, allow, FIFO wait, reserve and cancel) with Redis as the bucket, one round trip
// per call, idle keys expiring, and the failure policy. Timing is asserted only as lower bounds
// (a limiter may be late, never early) and with generous upper bounds.
import { RateLimiter } from "@corral/runtime";
import { RedisRateLimiter, RedisUnavailableError } from "@corral/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientKind, type OpenClient, clientKinds, roundTrips, openClient, sleep, uniqueKey } from "./clients.js";
import { describeRedis, type RedisServer, startRedis } from "./server.js";

let server: RedisServer;

describeRedis("RedisRateLimiter against redis-server", () => {
  beforeAll(async () => {
    server = await startRedis();
  }, 30_000);

  afterAll(() => server?.stop());

  describe.each(clientKinds)("through %s", (kind: ClientKind) => {
    let open: OpenClient;
    beforeAll(async () => {
      open = await openClient(kind, server);
    });
    afterAll(() => open?.close());

    const limiter = (rate: number, burst?: number, extra: object = {}) =>
      new RedisRateLimiter({ client: open.client, key: uniqueKey("rate"), rate, burst, ...extra });

    it("allows the burst at once, then refuses, then refills at the rate", async () => {
      const quota = limiter(10, 3);
      expect([await quota.allow(), await quota.allow(), await quota.allow(), await quota.allow()]).toEqual([true, true, true, false]);
      await sleep(150);
      expect(await quota.allow()).toBe(true);
      expect(await quota.allow(2)).toBe(false);
    });

    it("never allows more than the burst in one call, and allow(0) takes nothing", async () => {
      const quota = limiter(1_000, 2);
      expect(await quota.allow(3)).toBe(false);
      expect(await quota.allow(0)).toBe(true);
      expect(await quota.allow(2)).toBe(true);
    });

    it("is exactly one round trip per allow: one EVALSHA, no other command", async () => {
    const quota = limiter(1e6, 1e6);
    await quota.allow(); // the first call may load the script
    const sent = await roundTrips(server, async () => {
      for (let count = 0; count < 50; count++) await quota.allow();
    });
    expect(sent).toEqual(Array.from({ length: 50 }, () => "evalsha"));
  });

  it("makes waiters from two clients wait their turn: six waits at 20/s take at least 250 ms", async () => {
      const key = uniqueKey("fifo");
      const other = await openClient(kind, server);
      try {
        const first = new RedisRateLimiter({ client: open.client, key, rate: 20 });
        const second = new RedisRateLimiter({ client: other.client, key, rate: 20 });
        const started = performance.now();
        await Promise.all([first, second, first, second, first, second].map((quota) => quota.wait()));
        const elapsed = performance.now() - started;
        // The first token is there; each of the five others accrues 50 ms after the one before.
        expect(elapsed).toBeGreaterThanOrEqual(250 - 2);
        expect(elapsed).toBeLessThan(5_000);
      } finally {
        await other.close();
      }
    });

    it("gives an aborted wait's tokens back when nothing was booked after them", async () => {
      const quota = limiter(2);
      expect(await quota.allow()).toBe(true);
      const controller = new AbortController();
      const waiting = quota.wait(1, { signal: controller.signal }).catch((error: unknown) => error);
      await sleep(50);
      controller.abort(new Error("gave up"));
      expect(String(await waiting)).toMatch("gave up");
      await sleep(200);
      // Had the booking stayed, the next token would come 500 ms after it, a second from the allow.
      const reservation = await quota.reserve();
      expect(reservation.delay).toBeLessThanOrEqual(500);
    });

    it("accepts wait({ signal }) for one token and rejects at once on an aborted signal", async () => {
      const quota = limiter(1_000, 5);
      await quota.wait({ signal: AbortSignal.timeout(5_000) });
      await expect(quota.wait(1, { signal: AbortSignal.abort(new Error("already")) })).rejects.toThrow("already");
    });

    it("reserves with honest cancellation: all the tokens back if nothing was booked after, none otherwise", async () => {
      const quota = limiter(10);
      const now = await quota.reserve();
      expect(now.ok).toBe(true);
      expect(now.delay).toBe(0);
      expect(await now.cancel()).toBe(false); // its time has come: spent
      const next = await quota.reserve();
      const last = await quota.reserve();
      expect(next.delay).toBeGreaterThan(0);
      expect(last.delay).toBeGreaterThan(next.delay);
      expect(await next.cancel()).toBe(false); // `last` was booked after it
      expect(await last.cancel()).toBe(true);
      expect(await last.cancel()).toBe(false);
      const over = await quota.reserve(2);
      expect([over.ok, over.delay]).toEqual([false, Number.POSITIVE_INFINITY]);
    });

    it("keeps no key while idle: the key lapses once the bucket is full again", async () => {
      const key = uniqueKey("idle");
      const quota = new RedisRateLimiter({ client: open.client, key, rate: 10, burst: 2 });
      await quota.allow();
      const ttl = Number(await open.command("PTTL", key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(100);
      await sleep(250);
      expect(Number(await open.command("EXISTS", key))).toBe(0);
    });

    it("rejects misuse with TypeErrors naming the argument", () => {
      expect(() => new RedisRateLimiter({ client: {}, key: "k", rate: 1 })).toThrow(/`client`.*ioredis or node-redis/);
      expect(() => new RedisRateLimiter({ client: open.client, key: "", rate: 1 })).toThrow(/`key`/);
      expect(() => new RedisRateLimiter({ client: open.client, key: "k", rate: 0 })).toThrow(/`rate`/);
      expect(() => new RedisRateLimiter({ client: open.client, key: "k", rate: 1, burst: 0 })).toThrow(/`burst`/);
      expect(() => new RedisRateLimiter({ client: open.client, key: "k", rate: 1, capacity: 4 } as never)).toThrow(
        /Unknown option `capacity` for RedisRateLimiter: did you mean `burst`\?/,
      );
      expect(() => new RedisRateLimiter({ client: open.client, key: "k", rate: 1, fallback: {} as never })).toThrow(/`fallback`/);
      const quota = limiter(1, 2);
      expect(() => quota.wait(3)).toThrow(/at most the limiter's burst 2/);
      expect(() => quota.wait(1, { timeout: 5 } as never)).toThrow(/Unknown option `timeout` for RedisRateLimiter.wait/);
      expect(() => quota.wait({ tokens: 2 } as never)).toThrow(/wait\(tokens, \{ signal \}\)/);
    });
  });

  describe("failure policy", () => {
    it("fails closed: a server that does not answer is a RedisUnavailableError after `timeout`, then works again", async () => {
      const open = await openClient("ioredis", server);
      try {
        const quota = new RedisRateLimiter({ client: open.client, key: uniqueKey("closed"), rate: 100, timeout: 200 });
        expect(await quota.allow()).toBe(true);
        server.pause();
        const started = performance.now();
        const failure = await quota.allow().catch((error: unknown) => error);
        server.resume();
        expect(failure).toBeInstanceOf(RedisUnavailableError);
        expect(String(failure)).toMatch(/did not answer within 200 ms \(key "test:closed:/);
        expect(performance.now() - started).toBeGreaterThanOrEqual(199);
        await sleep(50);
        expect(typeof (await quota.allow())).toBe("boolean");
      } finally {
        server.resume();
        await open.close();
      }
    });

    it("answers from the fallback limiter while Redis is unavailable, and only then", async () => {
      const open = await openClient("node-redis", server);
      const fallback = new RateLimiter({ rate: 1, burst: 1 });
      const quota = new RedisRateLimiter({ client: open.client, key: uniqueKey("fallback"), rate: 1_000, burst: 10, timeout: 200, fallback });
      expect(await quota.allow()).toBe(true);
      expect(fallback.tokens).toBe(1);
      await open.close(); // a closed client: unavailable at once
      expect(await quota.allow()).toBe(true);
      expect(await quota.allow()).toBe(false); // the fallback's one token is spent
      await expect(quota.wait(1, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    });

    it("does not fall back on a server's error that is not unavailability (WRONGTYPE)", async () => {
      const open = await openClient("ioredis", server);
      try {
        const key = uniqueKey("wrongtype");
        await open.command("HSET", key, "field", "1");
        const quota = new RedisRateLimiter({ client: open.client, key, rate: 1, fallback: new RateLimiter({ rate: 1 }) });
        const failure = await quota.allow().catch((error: unknown) => error);
        expect(failure).not.toBeInstanceOf(RedisUnavailableError);
        expect(String(failure)).toMatch(/number|WRONGTYPE|ERR/);
      } finally {
        await open.close();
      }
    });

    it("starts full again after a restart that lost its key, as a new limiter does (docs: at most one extra burst)", async () => {
      const open = await openClient("ioredis", server);
      try {
        const quota = new RedisRateLimiter({ client: open.client, key: uniqueKey("restart"), rate: 0.1, burst: 2, timeout: 5_000 });
        expect([await quota.allow(), await quota.allow(), await quota.allow()]).toEqual([true, true, false]);
        await server.crash();
        await server.restart();
        expect([await quota.allow(), await quota.allow(), await quota.allow()]).toEqual([true, true, false]);
      } finally {
        await open.close();
      }
    });
  });
});
