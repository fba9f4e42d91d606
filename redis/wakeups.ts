// Waiters of a RedisSemaphore learn that they were granted permits from a Redis pub/sub message,
// so a grant reaches a waiter in another process at once instead of at its next poll. Pub/sub
// needs a connection of its own: a duplicate of the user's client, opened when the first waiter of
// the semaphore in this process starts waiting and closed a second after the last one is done, so
// an idle semaphore holds no connection. Messages can be lost (a reconnect); every waiter also
// polls, so a lost message delays a grant by at most one poll and never loses it.
import { isIORedis, type RedisClient } from "./client.js";

interface Subscription {
  close(): void;
}

const linger = 1_000;

/** Wakeups is the pub/sub connection of one semaphore, shared by its waiters in this process. */
export class Wakeups {
  readonly #client: RedisClient;
  readonly #channel: string;
  readonly #onMessage: (message: string) => void;
  #users = 0;
  #subscription: Promise<Subscription> | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: RedisClient, channel: string, onMessage: (message: string) => void) {
    this.#client = client;
    this.#channel = channel;
    this.#onMessage = onMessage;
  }

  /**
   * join counts a waiter in and resolves once messages flow (or rejects if the connection could
   * not be made; the waiter then relies on polling alone).
   */
  join(): Promise<void> {
    this.#users++;
    clearTimeout(this.#closeTimer);
    this.#closeTimer = undefined;
    this.#subscription ??= this.#subscribe().catch((error: unknown) => {
      this.#subscription = undefined;
      throw error;
    });
    return this.#subscription.then(() => undefined);
  }

  /** leave counts a waiter out; the connection closes when nobody has joined for a second. */
  leave(): void {
    if (--this.#users > 0 || this.#subscription === undefined) return;
    this.#closeTimer = setTimeout(() => {
      const subscription = this.#subscription;
      this.#subscription = undefined;
      this.#closeTimer = undefined;
      subscription?.then((open) => open.close(), () => undefined);
    }, linger);
  }

  async #subscribe(): Promise<Subscription> {
    const deliver = (message: unknown): void => this.#onMessage(String(message));
    if (isIORedis(this.#client)) {
      const connection = this.#client.duplicate() as IORedisSubscriber;
      connection.on("error", ignore);
      connection.on("message", (_channel: unknown, message: unknown) => deliver(message));
      try {
        await connection.subscribe(this.#channel);
      } catch (error) {
        connection.disconnect();
        throw error;
      }
      return { close: () => connection.disconnect() };
    }
    const connection = this.#client.duplicate() as NodeRedisSubscriber;
    connection.on("error", ignore);
    const close = (): void => void (connection.destroy ? connection.destroy() : connection.disconnect?.().catch(ignore));
    try {
      await connection.connect();
      await connection.subscribe(this.#channel, deliver);
    } catch (error) {
      close();
      throw error;
    }
    return { close };
  }
}

interface IORedisSubscriber {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  subscribe(channel: string): Promise<unknown>;
  disconnect(): void;
}

interface NodeRedisSubscriber {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: unknown) => void): Promise<unknown>;
  destroy?: () => void;
  disconnect?: () => Promise<unknown>;
}

function ignore(): void {}
