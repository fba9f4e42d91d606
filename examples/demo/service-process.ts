// One version of the example service running in its own Node process, so that a crash ends that
// process alone and shows as what it is: an exit code and the error Node printed.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";

const startupLimitMs = 10_000;
const stopGraceMs = 3_000;
// Enough of the process's error output to show what killed it, without keeping a flood in memory.
const keptErrorOutput = 64 * 1024;

// Services still running when this process exits (a failed run, the demo's backstop) are killed,
// so that nothing outlives the demo or the test that started it.
const runningChildren = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of runningChildren) child.kill("SIGKILL");
});

/** ServiceProcess is a started service: its URL, its error output and, once it ended, its exit code. */
export class ServiceProcess {
  #errorOutput = "";
  #exitCode: number | null | undefined;
  readonly #exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.#exited = once(child, "exit").then(([code]) => {
      this.#exitCode = code as number | null;
    });
  }

  /**
   * start runs `node entry` with `UPSTREAM_URL` set and `PORT=0`, and resolves once the service
   * prints the address it listens on; it rejects with the process's error output if it exits or
   * stays silent for 10 s instead.
   */
  static async start(entry: string, upstreamUrl: string): Promise<ServiceProcess> {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, UPSTREAM_URL: upstreamUrl, PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    runningChildren.add(child);
    child.once("exit", () => runningChildren.delete(child));
    let errorOutput = "";
    const collectStartupErrors = (chunk: Buffer): void => {
      errorOutput += chunk.toString();
    };
    child.stderr?.on("data", collectStartupErrors);
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      const settle = (): void => {
        clearTimeout(timer);
        child.stdout?.off("data", onOutput);
        child.off("exit", onExit);
      };
      const fail = (why: string): void => {
        settle();
        child.kill("SIGKILL");
        reject(new Error(`the service ${entry} ${why}\n${errorOutput}`));
      };
      const onOutput = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (!match?.[1]) return;
        settle();
        resolve(match[1]);
      };
      const onExit = (code: number | null): void => fail(`exited with code ${code} before listening`);
      const timer = setTimeout(() => fail(`printed no address within ${startupLimitMs / 1000} s`), startupLimitMs);
      child.stdout?.on("data", onOutput);
      child.once("exit", onExit);
    });
    child.stderr?.off("data", collectStartupErrors);
    const service = new ServiceProcess(child, url);
    service.#errorOutput = errorOutput;
    child.stderr?.on("data", (chunk: Buffer) => {
      service.#errorOutput = (service.#errorOutput + chunk.toString()).slice(-keptErrorOutput);
    });
    child.stdout?.resume();
    return service;
  }

  /** exitCode is the process's exit code once it ended (null if a signal ended it), else undefined. */
  get exitCode(): number | null | undefined {
    return this.#exitCode;
  }

  /** running is true until the process ends. */
  get running(): boolean {
    return this.#exitCode === undefined;
  }

  /** errorOutput is what the process wrote to stderr (its last 64 KiB). */
  get errorOutput(): string {
    return this.#errorOutput;
  }

  /** waitForExit resolves true once the process ended, or false after `milliseconds`. */
  async waitForExit(milliseconds: number): Promise<boolean> {
    const deadline = new AbortController();
    const gaveUp = sleep(milliseconds, false, { signal: deadline.signal }).catch(() => false);
    const ended = await Promise.race([this.#exited.then(() => true), gaveUp]);
    deadline.abort();
    return ended;
  }

  /** stop sends SIGTERM, and SIGKILL if the process is still there after 3 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill("SIGTERM");
    if (!(await this.waitForExit(stopGraceMs))) {
      this.child.kill("SIGKILL");
      await this.#exited;
    }
  }
}
