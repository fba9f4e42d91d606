// The one place that knows the two clients apart. The package depends on neither: it recognises
// an ioredis client (or its Valkey fork iovalkey) or a node-redis client by its methods, runs Lua
// scripts through it by SHA with the source as the fallback, and turns every way of not getting an
// answer into a RedisUnavailableError. Types are structural for the same reason: declarations
// that imported ioredis would break the build of a project that installed node-redis only.
import { RedisUnavailableError } from "./errors.js";
import { describe } from "../runtime/validate.js";

/**
 * RedisClient is an ioredis client (`new Redis()`, also iovalkey's) or a connected node-redis v4+
 * client (`await createClient().connect()`). Cluster clients are not supported.
 */
export type RedisClient = IORedisLike | NodeRedisLike;

/** IORedisLike is the part of an ioredis client this package uses. */
export interface IORedisLike {
  evalsha(sha: string, keyCount: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, keyCount: number, ...keysAndArgs: string[]): Promise<unknown>;
  defineCommand(...args: never[]): unknown;
  duplicate(): unknown;
}

/** NodeRedisLike is the part of a node-redis client this package uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): unknown;
}

/** Script is a Lua script with its SHA-1, computed once per process. */
export class Script {
  readonly source: string;
  /** digest is the SHA-1 once computed; until then, sha() computes it. */
  digest: string | undefined;
  #sha: Promise<string> | undefined;

  constructor(source: string) {
    this.source = source;
  }

  /** sha is the digest EVALSHA names the script by; Web Crypto's, so there is no `node:` import. */
  sha(): Promise<string> {
    this.#sha ??= crypto.subtle.digest("SHA-1", new TextEncoder().encode(this.source)).then((digest) => {
      this.digest = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
      return this.digest;
    });
    return this.#sha;
  }
}

// Replies that mean "cannot serve now" rather than "your command is wrong": the limiter cannot
// decide, which is unavailability, so the failure policy (fail closed, or the fallback) applies.
const unavailableReplies = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|OOM|MISCONF|NOREPLICAS)\b/;

/**
 * Connection runs the package's scripts on one client for one key: exactly one round trip per
 * call once the server has the script (EVALSHA; after a restart emptied the script cache, the
 * first call sends the source with EVAL). A call with no answer within `timeout` ms rejects with
 * RedisUnavailableError; so does any error of the client other than a reply of the server.
 */
export class Connection {
  readonly client: RedisClient;
  readonly key: string;
  readonly #timeout: number;
  readonly #run: (sha: string | undefined, script: Script, keysAndArgs: string[], keyCount: number) => Promise<unknown>;
  readonly #inFlight: InFlight[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: unknown, key: string, timeout: number) {
    this.client = assertClient(client);
    this.key = key;
    this.#timeout = timeout;
    this.#run = isIORedis(this.client) ? ioredisRunner(this.client) : nodeRedisRunner(this.client);
  }

  /** evaluate runs `script` with `keys` and `args` and resolves with its reply. */
  async evaluate(script: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const keysAndArgs = keys.concat(args.map(String));
    const sha = script.digest ?? (await script.sha());
    try {
      return await this.#withTimeout(
        this.#run(sha, script, keysAndArgs, keys.length).catch((error: unknown) => {
          if (!isReply(error) || !String((error as Error).message).startsWith("NOSCRIPT")) throw error;
          return this.#run(undefined, script, keysAndArgs, keys.length);
        }),
      );
    } catch (error) {
      throw this.#classify(error);
    }
  }

  // Calls in flight, oldest first. Every call of a connection has the same timeout, so this is
  // also deadline order, and one timer, armed for the oldest, serves them all: a setTimeout and a
  // clearTimeout per call cost about 3 µs of a 50 µs round trip (issue 16). The timer holds the
  // process open only while a call is in flight, as a timer per call did; where timers cannot be
  // unref'd (Deno's and browsers' are numbers), it is cleared when none is, as before.
  #withTimeout(reply: Promise<unknown>): Promise<unknown> {
    if (this.#timeout === Number.POSITIVE_INFINITY) return reply;
    return new Promise((resolve, reject) => {
      const call: InFlight = { deadline: performance.now() + this.#timeout, settled: false, reject };
      this.#inFlight.push(call);
      if (this.#timer === undefined) this.#arm();
      else setRef(this.#timer, true);
      reply.then(
        (value) => {
          this.#settle(call);
          resolve(value);
        },
        (error: unknown) => {
          this.#settle(call);
          reject(error);
        },
      );
    });
  }

  #settle(call: InFlight): void {
    call.settled = true;
    const calls = this.#inFlight;
    while (calls.length > 0 && calls[0]?.settled) calls.shift();
    if (calls.length > 0 || this.#timer === undefined || setRef(this.#timer, false)) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    const oldest = this.#inFlight[0] as InFlight;
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, oldest.deadline - performance.now()));
  }

  // The timer may fire for a call long answered: it then re-arms for the oldest still in flight.
  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    const calls = this.#inFlight;
    for (let call = calls[0]; call !== undefined && (call.settled || call.deadline <= now); call = calls[0]) {
      calls.shift();
      if (call.settled) continue;
      call.settled = true;
      call.reject(new RedisUnavailableError(this.key, `Redis did not answer within ${this.#timeout} ms`));
    }
    if (calls.length > 0) this.#arm();
  }

  #classify(error: unknown): unknown {
    if (error instanceof RedisUnavailableError) return error;
    if (isReply(error) && !unavailableReplies.test(String((error as Error).message))) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new RedisUnavailableError(this.key, `Redis is unavailable: ${message}`, { cause: error });
  }
}

/** InFlight is a call awaiting its reply, for the connection's one timeout timer. */
interface InFlight {
  deadline: number;
  settled: boolean;
  reject(error: unknown): void;
}

// setRef refs or unrefs a Node or Bun timer; false where timers have no such methods.
function setRef(timer: ReturnType<typeof setTimeout>, on: boolean): boolean {
  const handle = timer as { ref?: () => void; unref?: () => void };
  const method = on ? handle.ref : handle.unref;
  if (typeof method !== "function") return false;
  method.call(handle);
  return true;
}

/** isUnavailable tells the failures the `fallback` option answers from any other error. */
export function isUnavailable(error: unknown): error is RedisUnavailableError {
  return error instanceof RedisUnavailableError;
}

function assertClient(client: unknown): RedisClient {
  if (typeof client === "object" && client !== null && (isIORedis(client as RedisClient) || isNodeRedis(client))) return client as RedisClient;
  throw new TypeError(`Expected \`client\` to be an ioredis or node-redis client, got ${describe(client)}`);
}

/** isIORedis tells an ioredis client from a node-redis one. */
export function isIORedis(client: RedisClient | object): client is IORedisLike {
  const candidate = client as Partial<IORedisLike>;
  return typeof candidate.evalsha === "function" && typeof candidate.defineCommand === "function";
}

function isNodeRedis(client: object): client is NodeRedisLike {
  const candidate = client as Partial<NodeRedisLike>;
  return typeof candidate.sendCommand === "function" && typeof candidate.duplicate === "function";
}

// ioredis's errors are named ReplyError; node-redis's are of class SimpleError (or BlobError).
function isReply(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "ReplyError" || ["SimpleError", "BlobError", "ErrorReply"].includes(error.constructor.name);
}

function ioredisRunner(client: IORedisLike) {
  return (sha: string | undefined, script: Script, keysAndArgs: string[], keyCount: number): Promise<unknown> =>
    sha === undefined ? client.eval(script.source, keyCount, ...keysAndArgs) : client.evalsha(sha, keyCount, ...keysAndArgs);
}

function nodeRedisRunner(client: NodeRedisLike) {
  return (sha: string | undefined, script: Script, keysAndArgs: string[], keyCount: number): Promise<unknown> =>
    client.sendCommand(sha === undefined ? ["EVAL", script.source, String(keyCount), ...keysAndArgs] : ["EVALSHA", sha, String(keyCount), ...keysAndArgs]);
}
