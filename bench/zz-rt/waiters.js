/**
 * WaiterList is an intrusive doubly linked FIFO of blocked callers. Removal is O(1), so an aborted
 * waiter leaves the queue at once: 100,000 aborted waiters leave nothing behind, where lazy
 * deletion would hold them until someone dequeued past them.
 */
export class WaiterList {
    #head;
    #tail;
    #length = 0;
    /** length is the number of queued waiters. */
    get length() {
        return this.#length;
    }
    /** first is the longest-waiting waiter, or undefined when the list is empty. */
    get first() {
        return this.#head;
    }
    /** push queues `waiter` at the tail. */
    push(waiter) {
        waiter.queued = true;
        waiter.next = undefined;
        waiter.previous = this.#tail;
        if (this.#tail)
            this.#tail.next = waiter;
        else
            this.#head = waiter;
        this.#tail = waiter;
        this.#length++;
    }
    /** shift removes and returns the head, or undefined when the list is empty. */
    shift() {
        const waiter = this.#head;
        if (waiter)
            this.remove(waiter);
        return waiter;
    }
    /** remove unlinks `waiter` wherever it is; a waiter no longer queued is ignored. */
    remove(waiter) {
        if (!waiter.queued)
            return;
        waiter.queued = false;
        if (waiter.previous)
            waiter.previous.next = waiter.next;
        else
            this.#head = waiter.next;
        if (waiter.next)
            waiter.next.previous = waiter.previous;
        else
            this.#tail = waiter.previous;
        waiter.previous = undefined;
        waiter.next = undefined;
        this.#length--;
    }
    /** drain removes every waiter, head first, and returns them. */
    drain() {
        const waiters = [];
        for (let waiter = this.shift(); waiter; waiter = this.shift())
            waiters.push(waiter);
        return waiters;
    }
}
//# sourceMappingURL=waiters.js.map