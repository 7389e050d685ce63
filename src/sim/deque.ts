/**
 * A ring-buffer FIFO of (slot, generation) pairs. Queues hold message copies by slot; the
 * generation lets a reader skip an entry whose copy was settled (and its slot reused) meanwhile.
 */
export class PairDeque {
  private slots: Int32Array;
  private gens: Int32Array;
  private head = 0;
  length = 0;

  constructor(capacity = 16) {
    this.slots = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
  }

  push(slot: number, gen: number): void {
    if (this.length === this.slots.length) this.grow();
    const i = (this.head + this.length) % this.slots.length;
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
    return this.slots[(this.head + k) % this.slots.length]!;
  }

  genAt(k: number): number {
    return this.gens[(this.head + k) % this.slots.length]!;
  }

  shift(): void {
    this.head = (this.head + 1) % this.slots.length;
    this.length--;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  /** Visits entries front to back. */
  forEach(visit: (slot: number, gen: number) => void): void {
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) % this.slots.length;
      visit(this.slots[i]!, this.gens[i]!);
    }
  }

  /** Where the k-th entry from the front sits in the ring. */
  protected at(k: number): number {
    return (this.head + k) % this.slots.length;
  }

  protected get capacity(): number {
    return this.slots.length;
  }

  protected grow(): void {
    const capacity = this.slots.length * 2;
    const slots = new Int32Array(capacity);
    const gens = new Int32Array(capacity);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) % this.slots.length;
      slots[k] = this.slots[i]!;
      gens[k] = this.gens[i]!;
    }
    this.slots = slots;
    this.gens = gens;
    this.head = 0;
  }
}
