/**
 * The simulator's agenda: events ordered by (timeUs, seq), where seq is the insertion counter, so
 * events due at the same microsecond pop in the order they were pushed. That explicit tie-break
 * is what makes a run reproducible: nothing depends on how the events are stored.
 *
 * Each event's seq and int32 payload live in a "slot" that never moves while the event is
 * pending; slots are recycled through a LIFO free list (the slot a pop frees is the one the next
 * push fills, hot in cache), and nothing allocates per operation; capacity doubles.
 *
 * The slots are kept in two places, by due time: events due within the next 65 ms (most of a
 * run's: hops, CPU turns, fsyncs) in a time wheel of per-microsecond FIFO lists (timeWheel.ts),
 * the later ones (a producer's next arrival, a busy consumer's backlog, timers) in a binary heap
 * (slotHeap.ts). A pop takes the earlier of the two fronts by (time, seq). Where an event is
 * stored never changes the pop order. Replaying the queue operations of a 10-minute run of the
 * bundled examples (where the queue alone was ~25% of the run's time), this takes 17% less time
 * than one heap for everything with central-cluster (59 -> 49 ns a pop and a push), 6% less
 * with embedded-per-process, whose heap was cheap already (most pops there are followed by a
 * near push that filled the heap's hole at once). A wider window spent more time in cache misses
 * than it saved (2^18 us: the whole run ~10% slower).
 */
import { SlotHeap } from './slotHeap.js';
import { TimeWheel, WHEEL_SPAN_US } from './timeWheel.js';

export class EventQueue {
  /** Time of the last popped event, integer microseconds. */
  time = 0;
  /** Kind of the last popped event (int32). */
  kind = 0;
  /** First payload word of the last popped event (int32). */
  a = 0;
  /** Second payload word of the last popped event (int32). */
  b = 0;

  private nextSeq = 0;
  private capacity: number;
  /** By slot: insertion counter, the tie-break for equal times. */
  private slotSeq: Float64Array;
  /** By slot, stride 4: kind, a, b, (unused: keeps a slot's words in one aligned group). */
  private slotPayload: Int32Array;
  /** Stack of free slots; `freeCount` entries are valid. */
  private freeSlots: Int32Array;
  private freeCount = 0;
  private readonly wheel: TimeWheel;
  private readonly heap: SlotHeap;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(1, Math.ceil(initialCapacity));
    this.capacity = capacity;
    this.slotSeq = new Float64Array(capacity);
    this.slotPayload = new Int32Array(capacity * 4);
    this.freeSlots = new Int32Array(capacity);
    this.wheel = new TimeWheel(capacity);
    this.heap = new SlotHeap(capacity, this.slotSeq);
    this.resetFreeSlots();
  }

  /** Number of pending events. */
  get size(): number {
    return this.wheel.count + this.heap.size;
  }

  /** Due time of the next event without removing it; Infinity when empty. */
  peekTime(): number {
    const heapTime = this.heap.topTime();
    if (this.wheel.count === 0) return heapTime;
    const wheelTime = this.wheelTime(this.wheel.firstPosition());
    return Math.min(wheelTime, heapTime);
  }

  /**
   * Schedules an event. `timeUs` is integer microseconds (exact up to 2^53); kind, a and b are
   * stored as int32 (other values are truncated by the typed array). Throws on NaN or infinite
   * time: such an event would silently sort first or never fire.
   */
  push(timeUs: number, kind: number, a: number, b: number): void {
    if (timeUs - timeUs !== 0) throw new RangeError(`EventQueue.push: time must be finite, got ${timeUs}`);
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    const payload = this.slotPayload;
    const offset = slot << 2;
    payload[offset] = kind;
    payload[offset + 1] = a;
    payload[offset + 2] = b;
    const seq = this.nextSeq++;
    this.slotSeq[slot] = seq;
    if (this.wheel.fits(timeUs)) this.wheel.add(timeUs, slot);
    else this.heap.push(timeUs, slot, seq);
  }

  /** Removes the earliest event into `time`, `kind`, `a`, `b`; returns false (fields untouched) when empty. */
  pop(): boolean {
    const wheel = this.wheel;
    const heapTime = this.heap.topTime();
    let slot: number;
    let time: number;
    if (wheel.count > 0) {
      const p = wheel.firstPosition();
      const wheelSlot = wheel.frontAt(p);
      time = this.wheelTime(p);
      if (
        time < heapTime ||
        (time === heapTime && this.slotSeq[wheelSlot]! < this.slotSeq[this.heap.topSlot()]!)
      ) {
        wheel.removeFrontAt(p);
        slot = wheelSlot;
      } else {
        time = heapTime;
        slot = this.heap.topSlot();
        this.heap.removeTop();
      }
    } else {
      if (heapTime === Number.POSITIVE_INFINITY) return false;
      time = heapTime;
      slot = this.heap.topSlot();
      this.heap.removeTop();
    }
    const offset = slot << 2;
    const payload = this.slotPayload;
    this.time = time;
    this.kind = payload[offset]!;
    this.a = payload[offset + 1]!;
    this.b = payload[offset + 2]!;
    this.freeSlots[this.freeCount++] = slot;
    wheel.advance(time);
    return true;
  }

  /** Drops every pending event and restarts the insertion counter. Keeps the allocated capacity. */
  clear(): void {
    this.wheel.clear();
    this.heap.clear();
    this.nextSeq = 0;
    this.resetFreeSlots();
  }

  /** Due time of the events at the wheel's ring position `p`: the one time of the window there. */
  private wheelTime(p: number): number {
    const base = this.wheel.base;
    return base + ((p - base) & (WHEEL_SPAN_US - 1));
  }

  /** Doubles every array; the new slots go on the free list. Rare, so it may allocate. */
  private grow(): void {
    const old = this.capacity;
    const capacity = old * 2;
    this.capacity = capacity;
    this.slotSeq = copyInto(new Float64Array(capacity), this.slotSeq);
    this.slotPayload = copyInto(new Int32Array(capacity * 4), this.slotPayload);
    this.freeSlots = copyInto(new Int32Array(capacity), this.freeSlots);
    this.wheel.grow(capacity);
    this.heap.grow(capacity, this.slotSeq);
    for (let slot = capacity - 1; slot >= old; slot--) this.freeSlots[this.freeCount++] = slot;
  }

  /** All slots free, lowest slot on top of the stack (so a fresh queue fills slots 0, 1, 2, ...). */
  private resetFreeSlots(): void {
    const capacity = this.capacity;
    for (let k = 0; k < capacity; k++) this.freeSlots[k] = capacity - 1 - k;
    this.freeCount = capacity;
  }
}

/** @internal Copies `from` into the front of `to` and returns `to`. */
function copyInto<T extends Float64Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
