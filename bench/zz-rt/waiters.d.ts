/**
 * Waiter is a node of a WaiterList. Primitives extend it with what a blocked caller needs (its
 * resolve function, the size of its request, its abort-listener remover), so a queued caller costs
 * one object and no extra list node.
 */
export interface Waiter {
    previous?: Waiter | undefined;
    next?: Waiter | undefined;
    /** queued is true while the waiter is in a list; removing it twice is a no-op. */
    queued?: boolean | undefined;
}
/**
 * WaiterList is an intrusive doubly linked FIFO of blocked callers. Removal is O(1), so an aborted
 * waiter leaves the queue at once: 100,000 aborted waiters leave nothing behind, where lazy
 * deletion would hold them until someone dequeued past them.
 */
export declare class WaiterList<W extends Waiter> {
    #private;
    /** length is the number of queued waiters. */
    get length(): number;
    /** first is the longest-waiting waiter, or undefined when the list is empty. */
    get first(): W | undefined;
    /** push queues `waiter` at the tail. */
    push(waiter: W): void;
    /** shift removes and returns the head, or undefined when the list is empty. */
    shift(): W | undefined;
    /** remove unlinks `waiter` wherever it is; a waiter no longer queued is ignored. */
    remove(waiter: W): void;
    /** drain removes every waiter, head first, and returns them. */
    drain(): W[];
}
