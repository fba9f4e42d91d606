import type { WorkerPoolHandler, WorkerPoolOptions, WorkerPoolResult, WorkerPoolStats } from "./worker-pool-types.js";
export * from "./worker-pool-types.js";
/**
 * WorkerPool runs `handler(job, signal)` for submitted jobs on a fixed number of workers, with a
 * bounded queue for backpressure, and reports each job as one record on `results` (in completion
 * order). Records are buffered until read, so a pool never deadlocks because nobody reads them;
 * the price is that unread records accumulate (one per finished job), so read `results` for a
 * long-lived pool. `stop()` (or `await using`) closes intake and waits until every accepted job
 * has its record.
 *
 * @example
 * ```ts
 * await using pool = new WorkerPool((url: string, signal) => fetch(url, { signal }), { workers: 4 });
 * for (const url of urls) await pool.submit(url); // waits while the queue is full
 * pool.close();
 * for await (const record of pool.results) if (!record.ok) console.error(record.job, record.error);
 * ```
 */
export declare class WorkerPool<J, R> implements AsyncDisposable {
    #private;
    constructor(handler: WorkerPoolHandler<J, R>, options: WorkerPoolOptions);
    /** results yields one record per accepted job, in completion order; it ends after stop/close drains. */
    get results(): AsyncIterable<WorkerPoolResult<J, R>>;
    /** stats is a snapshot of the pool's counters. */
    get stats(): WorkerPoolStats;
    /** closed is true once the pool takes no more jobs. */
    get closed(): boolean;
    /**
     * submit hands `job` to a free worker or the queue and resolves once it is accepted; while the
     * queue is full it waits, first come first served. It rejects with WorkerPoolClosedError if the
     * pool closes first, with the pool's abort reason if the pool was cancelled, and with
     * `signal.reason` if `signal` aborts first (the job is then not accepted).
     */
    submit(job: J, options?: {
        signal?: AbortSignal | undefined;
    }): Promise<void>;
    /** trySubmit accepts `job` if a worker or queue slot is free and reports whether it did. */
    trySubmit(job: J): boolean;
    /** close stops intake: blocked submits reject, accepted jobs still run. Closing again does nothing. */
    close(): void;
    /**
     * stop closes the pool and resolves once every accepted job has its record (read or not). Its
     * `signal` bounds only the waiting: the pool keeps draining; abort the pool's own signal to
     * cancel the jobs.
     */
    stop(options?: {
        signal?: AbortSignal | undefined;
    }): Promise<void>;
    /** [Symbol.asyncDispose] is stop(). */
    [Symbol.asyncDispose](): Promise<void>;
}
