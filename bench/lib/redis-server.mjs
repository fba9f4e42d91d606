// A redis-server for one benchmark process: started on a free port with no persistence, killed
// when the process exits. Every row starts its own, with the same settings, so rows compare
// libraries on the same kind of local server through the same client (ioredis).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { findRedisServer, installHint } from "../../tests/redis/redis-server.mjs";

/** redisUnavailable says why the Redis rows cannot run here, or is undefined when they can. */
export const redisUnavailable = findRedisServer() ? undefined : `redis-server is not installed (${installHint})`;

/** startRedis starts a server and resolves with a connected ioredis client of it. */
export async function startRedis() {
  const port = await new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  const child = spawn(findRedisServer(), ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", mkdtempSync(join(tmpdir(), "corral-bench-redis-"))], { stdio: "ignore" });
  process.once("exit", () => child.kill("SIGKILL"));
  const client = new Redis({ port, host: "127.0.0.1", retryStrategy: (times) => (times > 100 ? null : 20) });
  await client.ping();
  return { client, port };
}

/**
 * roundTrips counts the commands that reach the server over the network while `work` runs
 * (MONITOR; a Lua script's own commands are not trips), per call of `calls`.
 */
export async function roundTrips(client, calls, work) {
  const monitor = await client.duplicate().monitor();
  let sent = 0;
  monitor.on("monitor", (_time, args, source) => {
    if (source !== "lua" && !["ping", "info", "client", "select", "hello"].includes(String(args[0]).toLowerCase())) sent++;
  });
  await work();
  await client.ping();
  await new Promise((resolve) => setTimeout(resolve, 100));
  monitor.disconnect();
  return sent / calls;
}
