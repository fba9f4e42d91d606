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
     * onError receives each task failure; if it throws, both errors are reported to the console.
     * @default reportTaskError (console.error with the task's name)
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
/**
 * reportTaskError is the default TaskErrorHandler: it writes the failure to the console (stderr in
 * Node) with the task's and the supervisor's names, so a failed task is never silent.
 */
export declare function reportTaskError(error: unknown, task: SupervisedTask): void;
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
export declare class Supervisor implements AsyncDisposable {
    #private;
    /** name identifies the supervisor in error reports. */
    readonly name: string;
    constructor(options?: SupervisorOptions);
    /** signal is the signal every task receives; it aborts on shutdown or with the parent signal. */
    get signal(): AbortSignal;
    /** onError receives each task failure; assign it to redirect reports (for instance to a logger). */
    get onError(): TaskErrorHandler;
    set onError(handler: TaskErrorHandler);
    /** closed is true once shutdown was called; `go` then throws. */
    get closed(): boolean;
    /** stats is a snapshot of the task counts. */
    get stats(): SupervisorStats;
    /**
     * go starts `fn(signal)` as a task of this supervisor. It throws an Error after shutdown, as
     * starting work that nobody will wait for or stop is a bug to surface, not to drop.
     */
    go(fn: GoTask, options?: GoOptions): void;
    /**
     * shutdown stops intake, aborts the tasks' signal with `reason` and resolves when every task has
     * settled and its failure, if any, has been reported. Calling it again waits again.
     */
    shutdown(options?: SupervisorShutdownOptions): Promise<void>;
    /** [Symbol.asyncDispose] is shutdown, so `await using` stops and awaits the tasks on scope exit. */
    [Symbol.asyncDispose](): Promise<void>;
}
/**
 * defaultSupervisor owns the tasks started by the free function `go`. It is never shut down by
 * the runtime; set its `onError` to route those failures to a logger.
 */
export declare const defaultSupervisor: Supervisor;
/**
 * go starts `fn` as a task of `defaultSupervisor`: the structured replacement for a floating
 * promise. `work();` becomes `go(() => work());` in any function, sync or async, and a failure
 * reaches `defaultSupervisor.onError` instead of becoming an unhandled rejection.
 *
 * @example
 * ```ts
 * go(() => refreshCache(), { name: "refresh cache" });
 * ```
 */
export declare function go(fn: GoTask, options?: GoOptions): void;
