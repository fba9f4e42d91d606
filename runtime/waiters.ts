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
export class WaiterList<W extends Waiter> {
  #head: W | undefined;
  #tail: W | undefined;
  #length = 0;

  /** length is the number of queued waiters. */
  get length(): number {
    return this.#length;
  }

  /** first is the longest-waiting waiter, or undefined when the list is empty. */
  get first(): W | undefined {
    return this.#head;
  }

  /** push queues `waiter` at the tail. */
  push(waiter: W): void {
    waiter.queued = true;
    waiter.next = undefined;
    waiter.previous = this.#tail;
    if (this.#tail) this.#tail.next = waiter;
    else this.#head = waiter;
    this.#tail = waiter;
    this.#length++;
  }

  /** shift removes and returns the head, or undefined when the list is empty. */
  shift(): W | undefined {
    const waiter = this.#head;
    if (waiter) this.remove(waiter);
    return waiter;
  }

  /** remove unlinks `waiter` wherever it is; a waiter no longer queued is ignored. */
  remove(waiter: W): void {
    if (!waiter.queued) return;
    waiter.queued = false;
    if (waiter.previous) waiter.previous.next = waiter.next;
    else this.#head = waiter.next as W | undefined;
    if (waiter.next) waiter.next.previous = waiter.previous;
    else this.#tail = waiter.previous as W | undefined;
    waiter.previous = undefined;
    waiter.next = undefined;
    this.#length--;
  }

  /** drain removes every waiter, head first, and returns them. */
  drain(): W[] {
    const waiters: W[] = [];
    for (let waiter = this.shift(); waiter; waiter = this.shift()) waiters.push(waiter);
    return waiters;
  }
}
