/** WorkerPoolResult is the record of one job: its value, or the error it failed with. */
export type WorkerPoolResult<J, R> = {
    ok: true;
    job: J;
    value: Awaited<R>;
} | {
    ok: false;
    job: J;
    error: unknown;
};
/** WorkerPoolHandler processes one job; it receives the pool's signal. */
export type WorkerPoolHandler<J, R> = (job: J, signal: AbortSignal) => R | PromiseLike<R>;
/** WorkerPoolOptions configures a WorkerPool. */
export interface WorkerPoolOptions {
    /** workers is the number of jobs processed at once (a positive integer). */
    workers: number;
    /**
     * queueSize is how many accepted jobs may wait for a worker before `submit` waits too.
     * @default workers
     */
    queueSize?: number | undefined;
    /**
     * signal cancels the pool: running jobs see it, queued jobs yield failed records with its reason
     * without running, blocked and later submits reject with it.
     * @default undefined
     */
    signal?: AbortSignal | undefined;
}
/** WorkerPoolStats is a snapshot of a pool's counters. */
export interface WorkerPoolStats {
    /** processed counts jobs that yielded their record, including failed and cancelled ones. */
    processed: number;
    /** failed counts jobs whose record is a failure. */
    failed: number;
    /** queued counts accepted jobs waiting for a worker. */
    queued: number;
    /** active counts jobs being processed. */
    active: number;
}
/** WorkerPoolClosedError rejects a submit made after close(), or blocked when it was called. */
export declare class WorkerPoolClosedError extends Error {
    constructor(message?: string);
}
