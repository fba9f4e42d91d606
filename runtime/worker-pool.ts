// WorkerPool is the Go worker pool (a jobs channel, N worker goroutines, a results channel) without
// its two classic failures: it cannot deadlock on unread results (they are buffered, see
// ResultStream) and it cannot lose a job on shutdown (every accepted job yields one record, even
// one cancelled before it ran). Idle workers cost nothing: a worker is an async loop that exists
// only while it has jobs, and a queued job is a slot in a ring, not a promise.
import { ResultStream } from "./result-stream.js";
import { Ring } from "./ring.js";
import { abortable, onAbort } from "./signals.js";
import { assertFunction, assertInteger, assertLimit, assertSignal } from "./validate.js";
import { type Waiter, WaiterList } from "./waiters.js";
import type { WorkerPoolHandler, WorkerPoolOptions, WorkerPoolResult, WorkerPoolStats } from "./worker-pool-types.js";
import { WorkerPoolClosedError } from "./worker-pool-types.js";

export * from "./worker-pool-types.js";

interface Submitter<J> extends Waiter {
  job: J;
  resolve: () => void;
  reject: (reason: unknown) => void;
  removeAbortListener: (() => void) | undefined;
}

const accepted = Promise.resolve();

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
export class WorkerPool<J, R> implements AsyncDisposable {
  readonly #handler: WorkerPoolHandler<J, R>;
  readonly #workers: number;
  readonly #queueSize: number;
  readonly #controller = new AbortController();
  // Invariants: jobs queue only while every worker is busy; submitters wait only while the queue is full.
  readonly #queue = new Ring<J>();
  readonly #submitters = new WaiterList<Submitter<J>>();
  readonly #results = new ResultStream<WorkerPoolResult<J, R>>();
  #removeParentListener: (() => void) | undefined;
  #active = 0;
  #processed = 0;
  #failed = 0;
  #closed = false;
  #finished = false;
  #drained: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(handler: WorkerPoolHandler<J, R>, options: WorkerPoolOptions) {
    assertFunction("handler", handler);
    const { workers, queueSize = workers, signal } = options ?? ({} as WorkerPoolOptions);
    assertInteger("workers", workers, 1);
    assertLimit("queueSize", queueSize, 0);
    assertSignal("signal", signal);
    this.#handler = handler;
    this.#workers = workers;
    this.#queueSize = queueSize;
    if (signal?.aborted) this.#abort(signal.reason);
    else if (signal) this.#removeParentListener = onAbort(signal, (reason) => this.#abort(reason));
  }

  /** results yields one record per accepted job, in completion order; it ends after stop/close drains. */
  get results(): AsyncIterable<WorkerPoolResult<J, R>> {
    return this.#results;
  }

  /** stats is a snapshot of the pool's counters. */
  get stats(): WorkerPoolStats {
    return { processed: this.#processed, failed: this.#failed, queued: this.#queue.length, active: this.#active };
  }

  /** closed is true once the pool takes no more jobs. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * submit hands `job` to a free worker or the queue and resolves once it is accepted; while the
   * queue is full it waits, first come first served. It rejects with WorkerPoolClosedError if the
   * pool closes first, with the pool's abort reason if the pool was cancelled, and with
   * `signal.reason` if `signal` aborts first (the job is then not accepted).
   */
  submit(job: J, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    const { signal } = options;
    assertSignal("signal", signal);
    if (this.#closed) return Promise.reject(this.#closedReason());
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#offer(job)) return accepted;
    return new Promise<void>((resolve, reject) => {
      const submitter: Submitter<J> = { job, resolve, reject, removeAbortListener: undefined };
      if (signal) {
        submitter.removeAbortListener = onAbort(signal, (reason) => {
          this.#submitters.remove(submitter);
          reject(reason);
        });
      }
      this.#submitters.push(submitter);
    });
  }

  /** trySubmit accepts `job` if a worker or queue slot is free and reports whether it did. */
  trySubmit(job: J): boolean {
    if (this.#closed) throw this.#closedReason();
    return this.#offer(job);
  }

  /** close stops intake: blocked submits reject, accepted jobs still run. Closing again does nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const reason = this.#closedReason();
    for (const submitter of this.#submitters.drain()) refuse(submitter, reason);
    this.#finishIfDrained();
  }

  /**
   * stop closes the pool and resolves once every accepted job has its record (read or not). Its
   * `signal` bounds only the waiting: the pool keeps draining; abort the pool's own signal to
   * cancel the jobs.
   */
  stop(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    assertSignal("signal", options.signal);
    this.close();
    if (this.#finished) return accepted;
    if (!this.#drained) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.#drained = { promise, resolve };
    }
    return abortable(this.#drained.promise, options.signal);
  }

  /** [Symbol.asyncDispose] is stop(). */
  [Symbol.asyncDispose](): Promise<void> {
    // eslint-disable-next-line corral/require-timeout -- the dispose protocol passes no signal; bound the wait with stop({ signal }) before scope exit
    return this.stop();
  }

  #offer(job: J): boolean {
    if (this.#active < this.#workers) void this.#work(job);
    else if (this.#queue.length < this.#queueSize) this.#queue.push(job);
    else return false;
    return true;
  }

  async #work(first: J): Promise<void> {
    this.#active++;
    const handler = this.#handler;
    const signal = this.#controller.signal;
    let job = first;
    for (;;) {
      try {
        this.#record({ ok: true, job, value: await handler(job, signal) });
      } catch (error) {
        this.#record({ ok: false, job, error });
      }
      if (this.#queue.length === 0 && this.#submitters.length === 0) break;
      job = this.#next();
    }
    this.#active--;
    this.#finishIfDrained();
  }

  // Moves the line along: the queue's head goes to the calling worker and the longest-blocked
  // submitter takes the freed slot; with no queue at all (queueSize 0) it hands its job over.
  #next(): J {
    const submitter = this.#submitters.shift();
    if (this.#queue.length === 0) {
      admit(submitter as Submitter<J>);
      return (submitter as Submitter<J>).job;
    }
    const job = this.#queue.shift();
    if (submitter) {
      this.#queue.push(submitter.job);
      admit(submitter);
    }
    return job;
  }

  #record(record: WorkerPoolResult<J, R>): void {
    this.#processed++;
    if (!record.ok) this.#failed++;
    this.#results.push(record);
  }

  #abort(reason: unknown): void {
    this.#closed = true;
    this.#controller.abort(reason);
    for (const submitter of this.#submitters.drain()) refuse(submitter, reason);
    while (this.#queue.length > 0) this.#record({ ok: false, job: this.#queue.shift(), error: reason });
    this.#finishIfDrained();
  }

  #closedReason(): unknown {
    return this.#controller.signal.aborted ? this.#controller.signal.reason : new WorkerPoolClosedError();
  }

  #finishIfDrained(): void {
    if (!this.#closed || this.#finished || this.#active > 0 || this.#queue.length > 0) return;
    this.#finished = true;
    this.#removeParentListener?.();
    this.#results.end();
    this.#drained?.resolve();
  }
}

function admit<J>(submitter: Submitter<J>): void {
  submitter.removeAbortListener?.();
  submitter.resolve();
}

function refuse<J>(submitter: Submitter<J>, reason: unknown): void {
  submitter.removeAbortListener?.();
  submitter.reject(reason);
}
