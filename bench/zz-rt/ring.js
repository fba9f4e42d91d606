/**
 * Ring is a growable FIFO ring buffer: push and shift are O(1) and allocate nothing until the
 * buffer must grow (it doubles). It backs channel buffers and job queues, where an array's
 * `shift` would be O(n) and a linked list would allocate a node per item.
 */
export class Ring {
    #items;
    #head = 0;
    #length = 0;
    constructor(initialCapacity = 16) {
        // A power of two lets the index wrap with a mask instead of a division.
        let capacity = 1;
        while (capacity < initialCapacity)
            capacity *= 2;
        this.#items = new Array(capacity);
    }
    /** length is the number of items held. */
    get length() {
        return this.#length;
    }
    /** push appends `item` at the tail. */
    push(item) {
        if (this.#length === this.#items.length)
            this.#grow();
        this.#items[(this.#head + this.#length) & (this.#items.length - 1)] = item;
        this.#length++;
    }
    /** shift removes and returns the head; the caller checks `length` first. */
    shift() {
        const item = this.#items[this.#head];
        // Clearing the slot lets the item be collected as soon as it leaves the buffer.
        this.#items[this.#head] = undefined;
        this.#head = (this.#head + 1) & (this.#items.length - 1);
        this.#length--;
        return item;
    }
    /** peek returns the head without removing it; the caller checks `length` first. */
    peek() {
        return this.#items[this.#head];
    }
    /** clear drops every item. */
    clear() {
        this.#items.fill(undefined);
        this.#head = 0;
        this.#length = 0;
    }
    #grow() {
        const old = this.#items;
        const items = new Array(old.length * 2);
        for (let index = 0; index < this.#length; index++)
            items[index] = old[(this.#head + index) & (old.length - 1)];
        this.#items = items;
        this.#head = 0;
    }
}
//# sourceMappingURL=ring.js.map