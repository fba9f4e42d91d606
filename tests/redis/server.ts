// A real redis-server for each test file: started on a free port with a temporary folder and no
// persistence, stopped after the file. No mock: the scripts, TIME, pub/sub and a restart that loses
// every key are the real server's. Without redis-server the Redis tests are skipped, except under
// CI, where they fail (see redis-server.mjs).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { describe } from "vitest";
import { findRedisServer, installHint, redisRequired } from "./redis-server.mjs";

const serverPath = findRedisServer();

/** describeRedis is vitest's describe when the Redis tests can or must run, else describe.skip. */
export const describeRedis = serverPath !== undefined || redisRequired ? describe : describe.skip;

/** RedisServer is one redis-server process the tests own. */
export class RedisServer {
  readonly port: number;
  readonly #folder: string;
  #process: ChildProcess | undefined;

  private constructor(port: number, folder: string) {
    this.port = port;
    this.#folder = folder;
  }

  /** start starts a server on a free port and resolves once it answers PING. */
  static async start(): Promise<RedisServer> {
    if (serverPath === undefined) throw new Error(`redis-server is required here (CI) but was not found: ${installHint}`);
    const folder = await mkdtemp(join(tmpdir(), "corral-redis-"));
    // Another process may take the free port first: try a few.
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort(), folder);
      try {
        await server.#launch();
        return server;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
  }

  /** url is the server's redis:// address. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** pid is the server process's id, while it runs. */
  get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** crash kills the server with SIGKILL: with no persistence, every key is lost. */
  async crash(): Promise<void> {
    await this.#kill("SIGKILL");
  }

  /** restart starts the server again on the same port, empty. */
  async restart(): Promise<void> {
    await this.#launch();
  }

  /** pause stops the server process (SIGSTOP): connections stay open and nothing answers. */
  pause(): void {
    this.#process?.kill("SIGSTOP");
  }

  /** resume continues a paused server. */
  resume(): void {
    this.#process?.kill("SIGCONT");
  }

  /** stop ends the server and removes its folder. */
  async stop(): Promise<void> {
    this.resume();
    await this.#kill("SIGTERM");
    await rm(this.#folder, { recursive: true, force: true });
  }

  /** ioredis returns a new ioredis client of this server; the caller disconnects it. */
  ioredis(): Redis {
    const client = new Redis({ port: this.port, host: "127.0.0.1", lazyConnect: false });
    client.on("error", () => undefined);
    return client;
  }

  /** nodeRedis returns a new connected node-redis client of this server; the caller closes it. */
  async nodeRedis() {
    const client = createClient({ url: this.url });
    client.on("error", () => undefined);
    await client.connect();
    return client;
  }

  async #launch(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.#folder];
    const child = spawn(serverPath as string, args, { stdio: ["ignore", "pipe", "pipe"] });
    this.#process = child;
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`))));
    exited.catch(() => undefined);
    await Promise.race([waitForPong(this.port), exited]);
  }

  async #kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }
}

// Servers are killed when the test process ends in any way, so none outlives a failed run.
const running = new Set<RedisServer>();
process.once("exit", () => {
  for (const server of running) if (server.pid) process.kill(server.pid, "SIGKILL");
});

/** startRedis starts a server that is killed at exit if the test forgets it. */
export async function startRedis(): Promise<RedisServer> {
  const server = await RedisServer.start();
  running.add(server);
  return server;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForPong(port: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    let reply = "";
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) socket.end();
    });
    socket.on("close", () => resolve(reply.startsWith("+PONG")));
    socket.on("error", () => resolve(false));
  });
}
