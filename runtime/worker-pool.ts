// WorkerPool is the Go worker pool (a jobs channel, N worker goroutines, a results channel) without
// its two classic failures: it cannot deadlock on unread results (they are buffered, see
// ResultStream) and it cannot lose a job on shutdown (every accepted job yields one record, or
// settles its `run` promise, even one cancelled before it ran). Idle workers cost nothing: a worker
// is an async loop that exists only while it has jobs, and a queued job is a slot in a ring.
import { ResultStream } from "./result-stream.js";
import { Ring } from "./ring.js";
import { abortable, onAbort } from "./signals.js";
import { assertFunction, assertInteger, assertLimit, assertOptions, assertSignal, signalOption } from "./validate.js";
import { WaiterList } from "./waiters.js";
import { type Item, PoolCall, type Submitter, admit, refuse } from "./worker-pool-line.js";
import type { WorkerPoolHandler, WorkerPoolOptions, WorkerPoolResult, WorkerPoolStats } from "./worker-pool-types.js";
import { WorkerPoolClosedError } from "./worker-pool-types.js";

export * from "./worker-pool-types.js";

const accepted = Promise.resolve();

/**
 * WorkerPool runs `handler(job, signal)` for submitted jobs on a fixed number of workers, with a
 * bounded queue for backpressure. A job given to `submit` yields one record on `results` (in
 * completion order); a job given to `run` settles the promise `run` returns instead. Records are
 * buffered until read, so a pool never deadlocks because nobody reads them; the price is that
 * unread records accumulate (one per finished job), so read `results` for a long-lived pool, or
 * use `run`. `stop()` (or `await using`) closes intake and waits until every accepted job is done.
 *
 * @example
 * ```ts
 * await using pool = new WorkerPool((url: string, signal) => fetch(url, { signal }), { workers: 4 });
 * for (const url of urls) await pool.submit(url); // waits while the queue is full
 * pool.close();
 * for await (const record of pool.results) if (!record.ok) console.error(record.job, record.error);
 * const response = await pool.run(extraUrl, { signal }); // one job, its own result
 * ```
 */
export class WorkerPool<J, R> implements AsyncDisposable {
  readonly #handler: WorkerPoolHandler<J, R>;
  readonly #workers: number;
  readonly #queueSize: number;
  readonly #controller = new AbortController();
  // Invariants: jobs queue only while every worker is busy; submitters wait only while the queue is full.
  readonly #queue = new Ring<Item<J, R>>();
  readonly #submitters = new WaiterList<Submitter<J> | PoolCall<J, R>>();
  readonly #results = new ResultStream<WorkerPoolResult<J, R>>();
  readonly #leaveLine = (call: PoolCall<J, R>): void => this.#submitters.remove(call);
  #removeParentListener: (() => void) | undefined;
  #active = 0;
  #processed = 0;
  #failed = 0;
  #closed = false;
  #finished = false;
  #drained: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(handler: WorkerPoolHandler<J, R>, options: WorkerPoolOptions) {
    assertFunction("handler", handler);
    assertOptions("options", options, { owner: "WorkerPool", known: ["workers", "queueSize", "signal"] });
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

  /** results yields one record per job given to `submit`, in completion order; it ends after stop/close drains. */
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
  submit(job: J, options?: { signal?: AbortSignal | undefined }): Promise<void> {
    const signal = signalOption("options", options, { owner: "WorkerPool.submit", known: ["signal"] });
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

  /**
   * run submits `job` like `submit` and settles with its outcome: the handler's value, or its
   * error. The outcome goes to the returned promise, not to `results`. `signal` abandons the job
   * at any point: waiting for room it leaves the line, queued it never runs, running its handler's
   * signal aborts; `run` rejects with `signal.reason` at once in every case.
   */
  run(job: J, options?: { signal?: AbortSignal | undefined }): Promise<Awaited<R>> {
    const signal = signalOption("options", options, { owner: "WorkerPool.run", known: ["signal"] });
    if (this.#closed) return Promise.reject(this.#closedReason());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Awaited<R>>((resolve, reject) => {
      const call = new PoolCall<J, R>(job, this.#controller.signal, signal, resolve, reject);
      if (this.#offer(call)) return;
      call.leaveLine = this.#leaveLine;
      this.#submitters.push(call);
    });
  }

  /**
   * trySubmit accepts `job` if a worker or queue slot is free and reports whether it did. On a
   * closed pool it throws WorkerPoolClosedError (the pool's abort reason if it was cancelled), as
   * Channel.trySend throws on a closed channel and Go panics on a send to one: a job offered after
   * close is a bug in the caller's shutdown order, not a full queue to retry.
   */
  trySubmit(job: J): boolean {
    if (this.#closed) throw this.#closedReason();
    return this.#offer(job);
  }

  /** close stops intake: blocked submits reject, accepted jobs still run. Closing again does nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const reason = this.#closedReason();
    for (const entry of this.#submitters.drain()) refuse(entry, reason);
    this.#finishIfDrained();
  }

  /**
   * stop closes the pool and resolves once every accepted job has its record (read or not) or its
   * settled `run` promise. Its `signal` bounds only the waiting: the pool keeps draining; abort the
   * pool's own signal to cancel the jobs.
   */
  stop(options?: { signal?: AbortSignal | undefined }): Promise<void> {
    const signal = signalOption("options", options, { owner: "WorkerPool.stop", known: ["signal"] });
    this.close();
    if (this.#finished) return accepted;
    if (!this.#drained) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.#drained = { promise, resolve };
    }
    return abortable(this.#drained.promise, signal);
  }

  /** [Symbol.asyncDispose] is stop(). */
  [Symbol.asyncDispose](): Promise<void> {
    // eslint-disable-next-line corral/require-timeout -- the dispose protocol passes no signal; bound the wait with stop({ signal }) before scope exit
    return this.stop();
  }

  #offer(item: Item<J, R>): boolean {
    if (this.#active < this.#workers) void this.#work(item);
    else if (this.#queue.length < this.#queueSize) this.#queue.push(item);
    else return false;
    return true;
  }

  async #work(first: Item<J, R>): Promise<void> {
    this.#active++;
    const handler = this.#handler;
    const signal = this.#controller.signal;
    for (let item = first; ; item = this.#next()) {
      const call = item instanceof PoolCall ? (item as PoolCall<J, R>) : undefined;
      // A call whose caller left while it queued has its outcome already: it never runs.
      if (call?.settled) this.#count(false);
      else {
        try {
          const value = await handler(call ? call.job : (item as J), call ? call.signal : signal);
          this.#settle(item, { ok: true, job: call ? call.job : (item as J), value });
        } catch (error) {
          this.#settle(item, { ok: false, job: call ? call.job : (item as J), error });
        }
      }
      if (this.#queue.length === 0 && this.#submitters.length === 0) break;
    }
    this.#active--;
    this.#finishIfDrained();
  }

  // Moves the line along: the queue's head goes to the calling worker and the longest-blocked
  // submitter takes the freed slot; with no queue at all (queueSize 0) it hands its job over.
  #next(): Item<J, R> {
    const entry = this.#submitters.shift();
    if (this.#queue.length === 0) return admit(entry as Submitter<J> | PoolCall<J, R>);
    const item = this.#queue.shift();
    if (entry) this.#queue.push(admit(entry));
    return item;
  }

  #settle(item: Item<J, R>, record: WorkerPoolResult<J, R>): void {
    this.#count(record.ok);
    if (!(item instanceof PoolCall)) this.#results.push(record);
    else if (record.ok) (item as PoolCall<J, R>).succeed(record.value);
    else (item as PoolCall<J, R>).fail(record.error);
  }

  #count(ok: boolean): void {
    this.#processed++;
    if (!ok) this.#failed++;
  }

  #abort(reason: unknown): void {
    this.#closed = true;
    this.#controller.abort(reason);
    for (const entry of this.#submitters.drain()) refuse(entry, reason);
    while (this.#queue.length > 0) {
      const item = this.#queue.shift();
      this.#settle(item, { ok: false, job: item instanceof PoolCall ? (item as PoolCall<J, R>).job : (item as J), error: reason });
    }
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
