import { type LinkedSignal, abortable, linkSignal } from "./signals.js";
import { isPromiseLike } from "./supervise.js";
import { assertFunction, assertOptions, assertSignal, describe } from "./validate.js";
import type { GoOptions, GoTask, SupervisedTask, SupervisorOptions, SupervisorShutdownOptions, SupervisorStats, TaskErrorHandler } from "./supervisor-types.js";

export type * from "./supervisor-types.js";

// A SupervisedTask is GoOptions too: `supervisor.go(task.fn, task)` restarts a failed task.
const goOptions = { owner: "Supervisor.go", known: ["name"], tolerated: ["fn", "supervisor"] };

/**
 * raiseUnhandled is the default TaskErrorHandler: it hands the failure back to the host as an
 * unhandled rejection of the same error object, which is what the promise a task replaces
 * would have become when dropped. So a failure reaches every place it reached before a
 * `promise` became `go(() => promise)`: a process `unhandledRejection` handler, an error
 * tracker's integration (Sentry's), a browser's `unhandledrejection` listener, or Node's default,
 * which prints it and ends the process with exit code 1 (Go's default too: a goroutine's panic
 * that nothing recovers ends the program). The runtime itself never writes to the console.
 * Assign `onError` (`defaultSupervisor.onError` for `go`) to route failures elsewhere.
 */
export function raiseUnhandled(error: unknown): void {
  // The rejection is the report: nothing may handle it, so that the host's own handling applies.
  // eslint-disable-next-line corral/no-fire-and-forget -- deliberately unhandled, see above
  void Promise.reject(error);
}

/**
 * reportTaskError is a TaskErrorHandler to opt into where the console is the log (a script, a
 * demo): it writes the failure to the console (stderr in Node) with the task's and the
 * supervisor's names. It is not the default: a library writing to its users' console is noise
 * they cannot route.
 */
export function reportTaskError(error: unknown, task: SupervisedTask): void {
  console.error(`corral: task "${task.name}" of supervisor "${task.supervisor.name}" failed:`, error);
}

/**
 * Supervisor owns fire-and-forget tasks: `go` starts one and returns nothing to drop, every
 * failure (a synchronous throw or a rejection) goes to `onError`, and `shutdown` aborts the tasks'
 * signal and waits for them. It is the goroutine discipline Go leaves to convention (a `recover`
 * in each goroutine, a context to stop them, a WaitGroup to wait) made into one object.
 *
 * A task whose failure is the supervisor's own abort reason is counted as cancelled and not
 * reported: it did what shutdown asked. Tasks start synchronously inside `go`, as the call they
 * replace did; failures are reported asynchronously, never inside `go`.
 *
 * @example
 * ```ts
 * await using supervisor = new Supervisor({ name: "mailer" });
 * supervisor.go((signal) => sendWelcomeMail(user, { signal }), { name: "welcome mail" });
 * ```
 */
export class Supervisor implements AsyncDisposable {
  /** name identifies the supervisor in error reports. */
  readonly name: string;
  readonly #link: LinkedSignal;
  #onError: TaskErrorHandler;
  #started = 0;
  #active = 0;
  #failed = 0;
  #cancelled = 0;
  // Set once by shutdown; it resolves when #active reaches zero.
  #idle: Promise<void> | undefined;
  #resolveIdle: (() => void) | undefined;

  constructor(options: SupervisorOptions = {}) {
    assertOptions("options", options, { owner: "Supervisor", known: ["name", "signal", "onError"] });
    const { name = "supervisor", signal, onError = raiseUnhandled } = options;
    assertName(name);
    assertSignal("signal", signal);
    assertFunction("onError", onError);
    this.name = name;
    this.#onError = onError;
    this.#link = linkSignal(signal);
  }

  /** signal is the signal every task receives; it aborts on shutdown or with the parent signal. */
  get signal(): AbortSignal {
    return this.#link.signal;
  }

  /** onError receives each task failure; assign it to redirect reports (for instance to a logger). */
  get onError(): TaskErrorHandler {
    return this.#onError;
  }

  set onError(handler: TaskErrorHandler) {
    assertFunction("onError", handler);
    this.#onError = handler;
  }

  /** closed is true once shutdown was called; `go` then throws. */
  get closed(): boolean {
    return this.#idle !== undefined;
  }

  /** stats is a snapshot of the task counts. */
  get stats(): SupervisorStats {
    const [started, active, failed, cancelled] = [this.#started, this.#active, this.#failed, this.#cancelled];
    return { started, active, completed: started - active - failed - cancelled, failed, cancelled };
  }

  /**
   * go starts `fn(signal)` as a task of this supervisor. It throws an Error after shutdown, as
   * starting work that nobody will wait for or stop is a bug to surface, not to drop.
   */
  go(fn: GoTask, options?: GoOptions): void {
    assertFunction("fn", fn);
    assertOptions("options", options, goOptions);
    const name = options?.name;
    if (name !== undefined) assertName(name);
    if (this.closed) throw new Error(`corral: Supervisor "${this.name}" is shut down; go cannot start new tasks`);
    this.#started++;
    this.#active++;
    let result: unknown;
    try {
      result = fn(this.#link.signal);
    } catch (error) {
      queueMicrotask(() => this.#fail(error, fn, name));
      return;
    }
    if (!isPromiseLike(result)) this.#finish();
    // Promise.resolve adopts a foreign thenable safely: a `then` that throws becomes a rejection.
    else Promise.resolve(result).then(() => this.#finish(), (error: unknown) => this.#fail(error, fn, name));
  }

  /**
   * shutdown stops intake, aborts the tasks' signal with `reason` and resolves when every task has
   * settled and its failure, if any, has been reported. Calling it again waits again.
   */
  shutdown(options: SupervisorShutdownOptions = {}): Promise<void> {
    assertOptions("options", options, { owner: "Supervisor.shutdown", known: ["signal", "reason"] });
    const { signal, reason } = options;
    assertSignal("signal", signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#idle === undefined) {
      this.#idle =
        this.#active === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.#resolveIdle = resolve));
      this.#link.abort(reason ?? new DOMException(`Supervisor "${this.name}" shut down`, "AbortError"));
    }
    return abortable(this.#idle, signal);
  }

  /** [Symbol.asyncDispose] is shutdown, so `await using` stops and awaits the tasks on scope exit. */
  [Symbol.asyncDispose](): Promise<void> {
    // eslint-disable-next-line corral/require-timeout -- the dispose protocol passes no signal; bound the wait with shutdown({ signal }) before scope exit
    return this.shutdown();
  }

  #fail(error: unknown, fn: GoTask, name: string | undefined): void {
    const signal = this.#link.signal;
    if (signal.aborted && error === signal.reason) {
      this.#cancelled++;
    } else {
      this.#failed++;
      this.#report(error, { name: name ?? (fn.name || "anonymous task"), fn, supervisor: this });
    }
    this.#finish();
  }

  #report(error: unknown, task: SupervisedTask): void {
    try {
      this.#onError(error, task);
    } catch (handlerError) {
      // A handler that throws must not lose the failure it was given: both go to the host, as the
      // failure alone would have without a handler.
      raiseUnhandled(error);
      raiseUnhandled(handlerError);
    }
  }

  #finish(): void {
    this.#active--;
    if (this.#active === 0 && this.#resolveIdle) this.#resolveIdle();
  }
}

function assertName(name: unknown): asserts name is string {
  if (typeof name !== "string") throw new TypeError(`Expected \`name\` to be a string, got ${describe(name)}`);
}

/**
 * defaultSupervisor owns the tasks started by the free function `go`. It is never shut down by
 * the runtime. Its `onError` is raiseUnhandled until assigned: the one place to route every `go`
 * failure of a program elsewhere (`defaultSupervisor.onError = (error, task) => logger.error(…)`).
 */
export const defaultSupervisor = new Supervisor({ name: "default" });

/**
 * go starts `fn` as a task of `defaultSupervisor`: the structured replacement for a floating
 * promise. `work();` becomes `go(() => work());` in any function, sync or async: the task has a
 * name and an owner, and its failure reaches `defaultSupervisor.onError`, which by default raises
 * it to the host as the unhandled rejection the dropped promise would have been. A synchronous
 * throw of `fn` is a failure of the task too, never an exception of `go`.
 *
 * @example
 * ```ts
 * go(() => refreshCache(), { name: "refresh cache" });
 * ```
 */
export function go(fn: GoTask, options?: GoOptions): void {
  defaultSupervisor.go(fn, options);
}
