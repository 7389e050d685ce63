/**
 * A ring-buffer FIFO of (slot, generation) pairs. Queues hold message copies by slot; the
 * generation lets a reader skip an entry whose copy was settled (and its slot reused) meanwhile.
 * Its capacity is a power of two, so that a position wraps with a mask rather than a division
 * (the journal's queue is read several times per record).
 */
export class PairDeque {
  private slots: Int32Array;
  private gens: Int32Array;
  /** Capacity - 1. */
  private mask: number;
  private head = 0;
  length = 0;

  /** `capacity` is rounded up to a power of two. */
  constructor(capacity = 16) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(2, capacity)));
    this.slots = new Int32Array(size);
    this.gens = new Int32Array(size);
    this.mask = size - 1;
  }

  push(slot: number, gen: number): void {
    if (this.length === this.slots.length) this.grow();
    const i = (this.head + this.length) & this.mask;
    this.slots[i] = slot;
    this.gens[i] = gen;
    this.length++;
  }

  /** Slot at the front; check `frontGen` before trusting it. */
  frontSlot(): number {
    return this.slots[this.head]!;
  }

  frontGen(): number {
    return this.gens[this.head]!;
  }

  /** The k-th entry from the front (k < length). */
  slotAt(k: number): number {
    return this.slots[(this.head + k) & this.mask]!;
  }

  genAt(k: number): number {
    return this.gens[(this.head + k) & this.mask]!;
  }

  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  /** Visits entries front to back. */
  forEach(visit: (slot: number, gen: number) => void): void {
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & this.mask;
      visit(this.slots[i]!, this.gens[i]!);
    }
  }

  /** Where the k-th entry from the front sits in the ring. */
  protected at(k: number): number {
    return (this.head + k) & this.mask;
  }

  protected get capacity(): number {
    return this.slots.length;
  }

  protected grow(): void {
    const capacity = this.slots.length * 2;
    const slots = new Int32Array(capacity);
    const gens = new Int32Array(capacity);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & this.mask;
      slots[k] = this.slots[i]!;
      gens[k] = this.gens[i]!;
    }
    this.slots = slots;
    this.gens = gens;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
