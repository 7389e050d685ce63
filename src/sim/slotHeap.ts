/**
 * The far part of the event queue (eventQueue.ts): a binary min-heap of event slots ordered by
 * (time, seq), for events the time wheel does not take (due beyond its window, or at a time that
 * is not an integer microsecond inside it).
 *
 * Layout (chosen by measurement when it held every event, bench/engine.bench.ts, against a
 * 5-array heap that moves every field and 4-ary variants): two parallel typed arrays in heap
 * order, `time` (Float64) and `slot` (Int32), so a sift moves two numbers per level; an event's
 * seq is read from the queue's `seqOf` only when two times tie.
 *
 * `removeTop` leaves the root as a hole and removes it lazily: a handler that pops a far event
 * (a producer's next arrival) usually schedules the next far one at once, and that push fills
 * the hole and sifts down from the root (one sift instead of two). Only a look at the top that
 * finds the hole still open removes it the ordinary way.
 */
export class SlotHeap {
  /** Entries, the hole included. */
  private count = 0;
  /** Whether the root is the entry removed last, not yet taken out (a push may fill it). */
  private hole = false;
  private time: Float64Array;
  private slot: Int32Array;
  /** By event slot: insertion counter, the tie-break for equal times (the queue's array). */
  seqOf: Float64Array;

  constructor(capacity: number, seqOf: Float64Array) {
    this.time = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.seqOf = seqOf;
  }

  /** Entries, not counting the hole. */
  get size(): number {
    return this.hole ? this.count - 1 : this.count;
  }

  /** Due time of the earliest entry; Infinity when empty. */
  topTime(): number {
    if (this.hole) this.closeHole();
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.time[0]!;
  }

  /** Slot of the earliest entry (after topTime found one). */
  topSlot(): number {
    return this.slot[0]!;
  }

  /** Removes the earliest entry (after topTime found one), leaving its place as a hole. */
  removeTop(): void {
    this.hole = true;
  }

  /** Adds event `slot`, due at `timeUs`, with insertion counter `seq` (the largest so far). */
  push(timeUs: number, slot: number, seq: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(timeUs, slot, seq, this.count);
      return;
    }
    // Sift up. The new event has the largest seq, so it stops below any parent with an equal time.
    const time = this.time;
    const slots = this.slot;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = time[parent]!;
      if (parentTime <= timeUs) break;
      time[i] = parentTime;
      slots[i] = slots[parent]!;
      i = parent;
    }
    time[i] = timeUs;
    slots[i] = slot;
  }

  clear(): void {
    this.count = 0;
    this.hole = false;
  }

  /** Room for `capacity` entries (at least the current count), with the queue's new seq array. */
  grow(capacity: number, seqOf: Float64Array): void {
    const time = new Float64Array(capacity);
    time.set(this.time);
    const slot = new Int32Array(capacity);
    slot.set(this.slot);
    this.time = time;
    this.slot = slot;
    this.seqOf = seqOf;
  }

  /** Removes the hole at the root: the last entry takes its place and sifts down. */
  private closeHole(): void {
    this.hole = false;
    const last = --this.count;
    if (last === 0) return;
    const slot = this.slot[last]!;
    this.siftDown(this.time[last]!, slot, this.seqOf[slot]!, last);
  }

  /** Puts the entry (movingTime, movingSlot, movingSeq) at the root of heap[0, n) and sifts it down. */
  private siftDown(movingTime: number, movingSlot: number, movingSeq: number, n: number): void {
    const time = this.time;
    const slots = this.slot;
    const seq = this.seqOf;
    const half = n >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      let childTime = time[child]!;
      const right = child + 1;
      if (right < n) {
        const rightTime = time[right]!;
        if (rightTime < childTime || (rightTime === childTime && seq[slots[right]!]! < seq[slots[child]!]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (movingTime < childTime || (movingTime === childTime && movingSeq < seq[slots[child]!]!)) break;
      time[i] = childTime;
      slots[i] = slots[child]!;
      i = child;
    }
    time[i] = movingTime;
    slots[i] = movingSlot;
  }
}
