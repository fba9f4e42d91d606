// map's signal, passed on, stops real I/O: the callback no-unbounded-concurrency's rewrite writes
// where its calls take a signal (`(url, _index, signal) => fetch(url, { signal })`) against a local
// HTTP server that holds some requests open and fails another. At the first failure the held
// requests are aborted (the server sees their connections close) and map rejects; the callback
// the rewrite wrote before, which ignores the signal, leaves them running and map waiting.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { map } from "@corral/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { deferred, settledState } from "./groups-helpers.js";

/**
 * HoldingServer holds every request until `release`, except `/fail`, which it answers with a 500
 * as soon as three others are held (so they are in flight when the failure comes, whatever order
 * the connections arrive in).
 */
interface HoldingServer {
  url: string;
  /** held resolves once `count` requests are being held. */
  held(count: number): Promise<void>;
  /** closed resolves once `count` held requests were closed by the client before any answer. */
  closed(count: number): Promise<void>;
  release(): void;
  stop(): Promise<void>;
}

async function startServer(): Promise<HoldingServer> {
  const holding = new Set<ServerResponse>();
  let heldCount = 0;
  let closedCount = 0;
  const waiters: (() => void)[] = [];
  const notify = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = (reached: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (reached() ? resolve() : void waiters.push(check));
      check();
    });
  const server = createServer((request, response) => {
    if (request.url === "/fail") {
      void until(() => heldCount >= 3).then(() => response.writeHead(500).end("failed"));
      return;
    }
    holding.add(response);
    heldCount++;
    response.on("close", () => {
      if (holding.delete(response) && !response.writableEnded) closedCount++;
      notify();
    });
    notify();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held: (count) => until(() => heldCount >= count),
    closed: (count) => until(() => closedCount >= count),
    release: () => {
      for (const response of holding) response.writeHead(200).end("late");
      holding.clear();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let server: HoldingServer | undefined;

afterEach(async () => {
  server?.release();
  await server?.stop();
  server = undefined;
});

// Three requests the server holds, then one it fails: all four start at once under concurrency 4.
function paths(base: string): string[] {
  return [`${base}/a`, `${base}/b`, `${base}/c`, `${base}/fail`];
}

async function getText(response: Response): Promise<string> {
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return response.text();
}

describe("map's signal passed on to fetch", () => {
  it("aborts the requests still in flight at the first failure, and rejects with that failure", async () => {
    server = await startServer();
    const run = map(paths(server.url), async (url, _index, signal) => getText(await fetch(url, { signal })), { concurrency: 4 });
    await expect(run).rejects.toThrow("answered 500");
    await server.held(3);
    await server.closed(3);
  });

  it("without it, the held requests keep running and map waits for them", async () => {
    server = await startServer();
    const failed = deferred();
    const outcome = map(
      paths(server.url),
      async (url) => {
        const response = await fetch(url);
        if (!response.ok) failed.resolve();
        return getText(response);
      },
      { concurrency: 4 },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    await server.held(3);
    await failed.promise;
    expect(await settledState(outcome)).toBe("pending");
    server.release();
    expect(await outcome).toMatchObject({ message: "answered 500" });
  });
});
