/**
 * A pool of integer slots with a free list, so that per-message tables live in typed arrays and
 * memory follows the messages in flight, not the messages simulated. Each slot carries a
 * generation that changes when it is freed: events name (slot, generation) and a stale event
 * (its message already settled) is recognised and ignored.
 */
export class SlotPool {
  capacity: number;
  generation: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  live = 0;
  /** Called with the new capacity so that owners grow their columns alongside. */
  private readonly onGrow: (capacity: number) => void;

  constructor(initialCapacity: number, onGrow: (capacity: number) => void) {
    this.capacity = initialCapacity;
    this.generation = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    this.onGrow = onGrow;
  }

  allocate(): number {
    this.live++;
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  release(slot: number): void {
    this.generation[slot] = (this.generation[slot]! + 1) | 0;
    this.free[this.freeCount++] = slot;
    this.live--;
  }

  /** Slots handed out at least once: iterate 0..highWater and skip free ones with `isLive`. */
  get highWater(): number {
    return this.used;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.generation = growInt32(this.generation, capacity);
    this.free = growInt32(this.free, capacity);
    this.capacity = capacity;
    this.onGrow(capacity);
  }
}

export function growInt32(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

export function growFloat64(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array, capacity: number): Uint8Array {
  const b = new Uint8Array(capacity);
  b.set(a);
  return b;
}
