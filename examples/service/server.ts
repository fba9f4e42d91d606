// The HTTP front of the service (node:http, no framework): customer reports, stock levels from the
// upstream inventory API, the record sync job, and a health check. Every handled request but the
// health check is written to the audit log.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { AuditLog } from "./audit-log.js";
import type { ServiceConfig } from "./config.js";
import { buildReport, Crm } from "./report.js";
import { syncRecords } from "./sync-job.js";
import { UpstreamClient, UpstreamError } from "./upstream-client.js";

/** StockLevel is what the inventory API says about one SKU. */
export interface StockLevel {
  sku: string;
  available: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

// Upstream failures become gateway errors, the client's own mistakes 4xx, the rest 500.
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof UpstreamError) return error.status === 404 ? 404 : 502;
  if (error instanceof Error && error.name === "TimeoutError") return 504;
  return 500;
}

function sendError(response: ServerResponse, error: unknown): void {
  const status = statusOf(error);
  if (status >= 500) console.error(`request failed (${status}):`, error);
  if (response.headersSent) response.destroy();
  else sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
}

/** createService wires the handlers to the upstream API named by `config`; call listen on it. */
export function createService(config: ServiceConfig): Server {
  const client = new UpstreamClient(config.upstreamUrl, config.requestTimeoutMs);
  const crm = new Crm(client);
  const auditLog = new AuditLog(client);

  async function getStock(sku: string): Promise<StockLevel> {
    const url = `${config.upstreamUrl}/inventory/${encodeURIComponent(sku)}`;
    const upstream = await fetch(url);
    if (!upstream.ok) throw new UpstreamError(upstream.status, `/inventory/${sku}`);
    return (await upstream.json()) as StockLevel;
  }

  async function dispatch(method: string, path: string): Promise<{ status: number; body: unknown }> {
    const [, resource, id] = path.split("/");
    if (method === "GET" && resource === "reports" && id) return { status: 200, body: await buildReport(crm, decodeURIComponent(id)) };
    if (method === "GET" && resource === "inventory" && id) return { status: 200, body: await getStock(decodeURIComponent(id)) };
    if (method === "POST" && path === "/jobs/sync") return { status: 200, body: await syncRecords(client) };
    throw new HttpError(404, `no route for ${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://service.invalid").pathname;
    if (path === "/health") return sendJson(response, 200, { status: "ok" });
    let status: number;
    try {
      const result = await dispatch(method, path);
      status = result.status;
      sendJson(response, status, result.body);
    } catch (error) {
      status = statusOf(error);
      sendError(response, error);
    }
    auditLog.record({ action: `${method} ${path}`, subject: request.socket.remoteAddress ?? "unknown", status });
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, error));
  });
}
