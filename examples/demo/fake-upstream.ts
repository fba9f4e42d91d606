// A fake of the upstream API the example service calls, on an ephemeral loopback port: it serves
// records, users and orders with small delays, counts how many record calls are in flight at once,
// never answers the inventory endpoint, and refuses one audit write when asked to.
//
// Record reads are answered together once no new read has come in for `recordDelayMs`, a slow
// upstream that answers in waves. A fixed delay per call was rejected: on a busy machine the first
// calls of a fan-out finish before the last ones arrive, and the peak then measured the machine's
// speed instead of how many calls the service keeps open at once.

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** FakeUpstreamOptions shapes the fake's data and timing. */
export interface FakeUpstreamOptions {
  /**
   * records is how many records `GET /records` lists.
   * @default 200
   */
  records?: number;
  /**
   * recordDelayMs is the quiet time after the last record read arrived before the waiting reads
   * are answered (writing a record back takes a quarter of it).
   * @default 100
   */
  recordDelayMs?: number;
  /**
   * ordersDelayMs is how long `GET /users/:id/orders` takes, so the user lookup settles first.
   * @default 150
   */
  ordersDelayMs?: number;
}

// Loopback events come in milliseconds; this only keeps a broken run from waiting forever.
const eventLimitMs = 10_000;

/** unknownUserId is the user the fake answers 404 for. */
export const unknownUserId = "u-404";

/** FakeUpstream is a running fake upstream API; `close` stops it and drops every connection. */
export class FakeUpstream {
  #recordCallsInFlight = 0;
  #peakRecordCalls = 0;
  #refusedAuditWrites = 0;
  #failNextAudit = false;
  #waitingReads: (() => void)[] = [];
  #readsTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: Required<FakeUpstreamOptions>,
  ) {}

  /** start listens on 127.0.0.1 on a free port. */
  static async start(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
    const settings = { records: 200, recordDelayMs: 100, ordersDelayMs: 150, ...options };
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening", { signal: AbortSignal.timeout(eventLimitMs) });
    const { port } = server.address() as AddressInfo;
    const upstream = new FakeUpstream(server, `http://127.0.0.1:${port}`, settings);
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      upstream.#answer(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500).end(String(error));
      });
    });
    return upstream;
  }

  /** peakRecordCalls is the most record calls (`/records/:id…`) that were in flight at once. */
  get peakRecordCalls(): number {
    return this.#peakRecordCalls;
  }

  /** refusedAuditWrites counts the audit writes answered with 503. */
  get refusedAuditWrites(): number {
    return this.#refusedAuditWrites;
  }

  /** failNextAudit makes the next audit write fail with 503. */
  failNextAudit(): void {
    this.#failNextAudit = true;
  }

  /** close stops listening and destroys every connection, hung ones included. */
  async close(): Promise<void> {
    clearTimeout(this.#readsTimer);
    const closed = once(this.server, "close", { signal: AbortSignal.timeout(eventLimitMs) });
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Request bodies are read to the end so the client's connection can be reused.
    request.resume();
    await once(request, "end", { signal: AbortSignal.timeout(eventLimitMs) });
    const path = new URL(request.url ?? "/", this.url).pathname;
    const [, resource, id, detail] = path.split("/").map(decodeURIComponent);
    if (resource === "records" && id !== undefined) return this.#recordCall(request.method ?? "GET", id, detail, response);
    if (resource === "records") return json(response, 200, this.#recordList());
    // The inventory endpoint accepts the request and never answers it, like a stalled upstream.
    if (resource === "inventory") return;
    if (resource === "users" && detail === "orders") {
      await sleep(this.options.ordersDelayMs);
      return json(response, 200, id === unknownUserId ? [] : orders(id ?? ""));
    }
    if (resource === "users" && id === unknownUserId) return json(response, 404, { error: `no user ${id}` });
    if (resource === "users") return json(response, 200, { id, name: `Customer ${id}` });
    if (resource === "audit") return this.#auditWrite(response);
    json(response, 404, { error: `no route ${path}` });
  }

  #recordList(): { id: string; version: number }[] {
    return Array.from({ length: this.options.records }, (_, index) => ({ id: `r-${index + 1}`, version: 2 }));
  }

  async #recordCall(method: string, id: string, detail: string | undefined, response: ServerResponse): Promise<void> {
    this.#recordCallsInFlight++;
    this.#peakRecordCalls = Math.max(this.#peakRecordCalls, this.#recordCallsInFlight);
    try {
      if (method === "POST" && detail === "synced") {
        await sleep(this.options.recordDelayMs / 4);
        return void response.writeHead(204).end();
      }
      await this.#answerReadsInWaves();
      // Every other record changed since its last sync, so half of them are written back.
      const number = Number(id.replace(/\D/g, ""));
      json(response, 200, { id, version: 2, syncedVersion: number % 2 === 0 ? 1 : 2, checksum: `sha1-${number}` });
    } finally {
      this.#recordCallsInFlight--;
    }
  }

  #answerReadsInWaves(): Promise<void> {
    return new Promise((resolve) => {
      this.#waitingReads.push(resolve);
      clearTimeout(this.#readsTimer);
      this.#readsTimer = setTimeout(() => {
        const wave = this.#waitingReads;
        this.#waitingReads = [];
        for (const answer of wave) answer();
      }, this.options.recordDelayMs);
    });
  }

  #auditWrite(response: ServerResponse): void {
    if (!this.#failNextAudit) return void response.writeHead(204).end();
    this.#failNextAudit = false;
    this.#refusedAuditWrites++;
    json(response, 503, { error: "audit store unavailable" });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function orders(userId: string): { id: string; total: number }[] {
  return [12.5, 30, 7.25].map((total, index) => ({ id: `${userId}-o${index + 1}`, total }));
}
