// The public shapes of WorkerPool: its options, records, counters and closed error.
/** WorkerPoolClosedError rejects a submit made after close(), or blocked when it was called. */
export class WorkerPoolClosedError extends Error {
    constructor(message = "WorkerPool: submit on a closed pool") {
        super(message);
        this.name = "WorkerPoolClosedError";
    }
}
//# sourceMappingURL=worker-pool-types.js.map