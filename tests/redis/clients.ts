// The two clients every Redis test runs against, made and closed the same way.
import type { RedisServer } from "./server.js";

/** ClientKind names a supported client. */
export type ClientKind = "ioredis" | "node-redis";

/** clientKinds is every supported client, for describe.each. */
export const clientKinds: ClientKind[] = ["ioredis", "node-redis"];

/** OpenClient is a client and the way to close it. */
export interface OpenClient {
  client: unknown;
  close(): Promise<void>;
  /** command sends a raw command, whichever the client. */
  command(...args: string[]): Promise<unknown>;
}

/** openClient connects a new client of `kind` to `server`. */
export async function openClient(kind: ClientKind, server: RedisServer): Promise<OpenClient> {
  if (kind === "ioredis") {
    const client = server.ioredis();
    await client.ping();
    return { client, close: async () => void client.disconnect(), command: (name, ...args) => client.call(name, ...args) };
  }
  const client = await server.nodeRedis();
  return { client, close: () => client.close(), command: (...args) => client.sendCommand(args) };
}

/** uniqueKey returns a key no other test uses. */
export function uniqueKey(label: string): string {
  return `test:${label}:${Math.random().toString(36).slice(2)}`;
}

/**
 * roundTrips runs `work` under MONITOR and returns the commands that clients sent over the
 * network, in order (commands a Lua script ran inside Redis are left out: they cost no trip).
 */
export async function roundTrips(server: RedisServer, work: () => Promise<void>): Promise<string[]> {
  const watcher = server.ioredis();
  const monitor = await watcher.monitor();
  const sent: string[] = [];
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source !== "lua") sent.push(String(args[0]).toLowerCase());
  });
  try {
    await work();
    // The last command's echo may trail its reply: a PING through the monitored server flushes it.
    const flusher = server.ioredis();
    await flusher.ping().catch(() => undefined);
    flusher.disconnect();
    await sleep(50);
  } finally {
    monitor.disconnect();
    watcher.disconnect();
  }
  return sent.filter((name) => name !== "ping" && name !== "info" && name !== "client" && name !== "hello" && name !== "select");
}

/** sleep resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
