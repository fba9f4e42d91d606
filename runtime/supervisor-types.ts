// The public shapes of Supervisor and go: the task, its options, the error handler, the counters.
import type { Supervisor } from "./supervisor.js";

/** GoTask is the work `go` starts: it receives the supervisor's signal and may ignore it. */
export type GoTask = (signal: AbortSignal) => unknown;

/** SupervisedTask describes a failed task to `onError`; `supervisor.go(task.fn, task)` restarts it. */
export interface SupervisedTask {
  /** name is the `name` option of `go`, else `fn.name`, else "anonymous task". */
  readonly name: string;
  /** fn is the function `go` was given. */
  readonly fn: GoTask;
  /** supervisor owns the task. */
  readonly supervisor: Supervisor;
}

/** TaskErrorHandler receives every failure of a supervisor's tasks, one call per failed task. */
export type TaskErrorHandler = (error: unknown, task: SupervisedTask) => void;

/** SupervisorOptions configures a Supervisor. */
export interface SupervisorOptions {
  /**
   * name identifies the supervisor in error reports.
   * @default "supervisor"
   */
  name?: string | undefined;
  /**
   * signal is a parent: when it aborts, the tasks' signal aborts with its reason.
   * @default undefined (only shutdown aborts the tasks)
   */
  signal?: AbortSignal | undefined;
  /**
   * onError receives each task failure; if it throws, both errors are raised as unhandled rejections.
   * @default raiseUnhandled (the failure becomes an unhandled rejection of the same error, as a dropped promise's)
   */
  onError?: TaskErrorHandler | undefined;
}

/** GoOptions configures one task. */
export interface GoOptions {
  /**
   * name identifies the task in error reports.
   * @default fn.name, or "anonymous task"
   */
  name?: string | undefined;
}

/** SupervisorShutdownOptions configures Supervisor.shutdown. */
export interface SupervisorShutdownOptions {
  /**
   * signal bounds the wait: when it aborts, shutdown rejects with its reason (tasks stay aborted).
   * @default undefined (wait for every task)
   */
  signal?: AbortSignal | undefined;
  /**
   * reason is what the tasks' signal aborts with.
   * @default a DOMException named "AbortError"
   */
  reason?: unknown;
}

/** SupervisorStats counts a supervisor's tasks; `started = active + completed + failed + cancelled`. */
export interface SupervisorStats {
  readonly started: number;
  readonly active: number;
  readonly completed: number;
  /** failed counts tasks whose failure went to onError. */
  readonly failed: number;
  /** cancelled counts tasks that failed with the supervisor's own abort reason, which is not reported. */
  readonly cancelled: number;
}
