// ResultStream is the unbounded, single-producer end of a worker pool: records wait in a ring until
// someone reads them. Unbounded on purpose: a bounded results channel is how the classic Go worker
// pool deadlocks (workers block on results nobody reads yet, the job queue fills, the submitter
// blocks, and the submitter is the one who would read the results).
import { Ring } from "./ring.js";
import { WaiterList } from "./waiters.js";
const finished = Object.freeze({ value: undefined, done: true });
/**
 * ResultStream holds records until they are read. Any number of `for await` loops may read it at
 * once; each record goes to exactly one of them, the longest-waiting first. Once `end()` is called
 * and the buffer is drained, every loop ends.
 */
export class ResultStream {
    #buffer = new Ring();
    #readers = new WaiterList();
    #ended = false;
    /** length is the number of records waiting to be read. */
    get length() {
        return this.#buffer.length;
    }
    /** push hands `record` to the longest-waiting reader, or buffers it. */
    push(record) {
        const reader = this.#readers.shift();
        if (reader)
            reader.resolve({ value: record, done: false });
        else
            this.#buffer.push(record);
    }
    /** end marks that no record will follow; waiting readers finish, buffered records stay readable. */
    end() {
        this.#ended = true;
        for (const reader of this.#readers.drain())
            reader.resolve(finished);
    }
    /** next resolves with the next record, or done once the stream ended and is drained. */
    next() {
        if (this.#buffer.length > 0)
            return Promise.resolve({ value: this.#buffer.shift(), done: false });
        if (this.#ended)
            return Promise.resolve(finished);
        return new Promise((resolve) => this.#readers.push({ resolve }));
    }
    [Symbol.asyncIterator]() {
        let stopped = false;
        return {
            next: () => (stopped ? Promise.resolve(finished) : this.next()),
            // Leaving one loop early leaves the records to other readers, and the producer running.
            return: () => {
                stopped = true;
                return Promise.resolve(finished);
            },
        };
    }
}
//# sourceMappingURL=result-stream.js.map