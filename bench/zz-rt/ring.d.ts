/**
 * Ring is a growable FIFO ring buffer: push and shift are O(1) and allocate nothing until the
 * buffer must grow (it doubles). It backs channel buffers and job queues, where an array's
 * `shift` would be O(n) and a linked list would allocate a node per item.
 */
export declare class Ring<T> {
    #private;
    constructor(initialCapacity?: number);
    /** length is the number of items held. */
    get length(): number;
    /** push appends `item` at the tail. */
    push(item: T): void;
    /** shift removes and returns the head; the caller checks `length` first. */
    shift(): T;
    /** peek returns the head without removing it; the caller checks `length` first. */
    peek(): T;
    /** clear drops every item. */
    clear(): void;
}
