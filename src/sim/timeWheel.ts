/**
 * The near part of the event queue (eventQueue.ts): one FIFO list of events per microsecond of
 * the window [base, base + WHEEL_SPAN_US), in a ring, with a two-level bitmap of the busy
 * microseconds so that the earliest one is found with a few word tests instead of a heap's
 * sift (most events of a run are due within a few milliseconds: a hop, a CPU turn, an fsync).
 *
 * A list holds events of one integer time only, pushed in seq order, so its front is its
 * smallest (time, seq). Lists are circular and named by their last event (whose successor is
 * the first), so that appending and taking the front are both O(1) with one array per ring. The window only moves forward (`advance`), and only past times that hold
 * no event any more, so a ring position never mixes two times.
 */

/** Microseconds the window spans: a power of two (65.5 ms). */
export const WHEEL_SPAN_US = 1 << 16;
const MASK = WHEEL_SPAN_US - 1;
/** Words of the busy bitmap, and of its summary (one bit per non-empty word). */
const WORDS = WHEEL_SPAN_US >>> 5;
const SUMMARY_WORDS = WORDS >>> 5;

export class TimeWheel {
  /** Start of the window, an integer microsecond. */
  base = 0;
  /** Events in the wheel. */
  count = 0;
  /** By ring position: the last event of its list, -1 none. */
  private readonly last = new Int32Array(WHEEL_SPAN_US).fill(-1);
  /** Bit p set when ring position p holds events; summary bit w set when busy word w is not 0. */
  private readonly busy = new Int32Array(WORDS);
  private readonly summary = new Int32Array(SUMMARY_WORDS);
  /** By event: the next event of its circular list (grows with the queue's event slots). */
  private next: Int32Array;

  constructor(capacity: number) {
    this.next = new Int32Array(capacity);
  }

  /** Whether an event due at `timeUs` goes in the wheel: an integer inside the window. */
  fits(timeUs: number): boolean {
    const offset = timeUs - this.base;
    return offset >= 0 && offset < WHEEL_SPAN_US && (offset | 0) === offset;
  }

  /** Appends event `slot`, due at `timeUs` (which `fits`), to its microsecond's list. */
  add(timeUs: number, slot: number): void {
    const p = timeUs & MASK;
    const next = this.next;
    const last = this.last[p]!;
    this.last[p] = slot;
    this.count++;
    if (last >= 0) {
      next[slot] = next[last]!;
      next[last] = slot;
      return;
    }
    next[slot] = slot;
    const word = p >>> 5;
    if (this.busy[word] === 0) this.summary[word >>> 5]! |= 1 << (word & 31);
    this.busy[word]! |= 1 << (p & 31);
  }

  /** Ring position of the earliest busy microsecond (the wheel is not empty). */
  firstPosition(): number {
    const start = this.base & MASK;
    const startWord = start >>> 5;
    const here = this.busy[startWord]! & (-1 << (start & 31));
    if (here !== 0) return (startWord << 5) | lowestBit(here);
    // The later words of the window, in ring order; the start word's low bits (the window's
    // last microseconds) come last.
    for (let k = 1; k <= WORDS; k++) {
      const word = (startWord + k) & (WORDS - 1);
      const sw = word >>> 5;
      const pending = this.summary[sw]! & (-1 << (word & 31));
      if (pending === 0) {
        // Nothing busy in this summary word from `word` on: jump to the next summary word.
        k += 31 - (word & 31);
        continue;
      }
      const found = (sw << 5) | lowestBit(pending);
      const skipped = (found - word) & (WORDS - 1);
      if (skipped + k > WORDS) break;
      return (found << 5) | lowestBit(this.busy[found]!);
    }
    return (startWord << 5) | lowestBit(this.busy[startWord]!);
  }

  /** The first event at ring position `p` (busy). */
  frontAt(p: number): number {
    return this.next[this.last[p]!]!;
  }

  /** Removes the first event at ring position `p` (busy). */
  removeFrontAt(p: number): void {
    const last = this.last[p]!;
    const first = this.next[last]!;
    this.count--;
    if (first !== last) {
      this.next[last] = this.next[first]!;
      return;
    }
    this.last[p] = -1;
    const word = p >>> 5;
    const bits = this.busy[word]! & ~(1 << (p & 31));
    this.busy[word] = bits;
    if (bits === 0) this.summary[word >>> 5]! &= ~(1 << (word & 31));
  }

  /** The window starts at `timeUs` (no earlier than now), which no event in the wheel precedes. */
  advance(timeUs: number): void {
    const base = Math.floor(timeUs);
    if (base > this.base) this.base = base;
  }

  /** Drops every event; the window starts again at 0, so earlier times fit again. */
  clear(): void {
    this.base = 0;
    this.last.fill(-1);
    this.busy.fill(0);
    this.summary.fill(0);
    this.count = 0;
  }

  /** The queue's event slots grew to `capacity`. */
  grow(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.next);
    this.next = next;
  }
}

/** @internal Index of the lowest set bit of a non-zero int32. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}
