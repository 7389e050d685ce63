/**
 * Copies grouped by one owner each (a broker, a consumer, a store, a bridge): one intrusive doubly
 * linked list per owner in typed arrays, so joining and leaving cost O(1) and allocate nothing
 * per message. Rare events (a crash, a lost disk, a consumer or bridge going away) read one group
 * instead of scanning every copy. `members` returns slots in ascending order, the order a scan of
 * the table visits them, so results do not depend on the order copies joined.
 */
import { growInt32 } from './slots.js';

export class CopyIndex {
  /** By owner: first member, -1 none. */
  private head: number[] = [];
  /** By copy: its owner (-1 none) and its neighbours in that owner's list. */
  private ownerOf: Int32Array;
  private next: Int32Array;
  private prev: Int32Array;

  constructor(capacity: number) {
    this.ownerOf = new Int32Array(capacity).fill(-1);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
  }

  /** `c` belongs to `owner` now (-1: to nobody). */
  set(c: number, owner: number): void {
    if (this.ownerOf[c] === owner) return;
    this.leave(c);
    if (owner < 0) return;
    const first = this.head[owner] ?? -1;
    this.ownerOf[c] = owner;
    this.prev[c] = -1;
    this.next[c] = first;
    if (first >= 0) this.prev[first] = c;
    this.head[owner] = c;
  }

  /** The copies of `owner`, lowest slot first. */
  members(owner: number): number[] {
    const out: number[] = [];
    for (let c = this.head[owner] ?? -1; c >= 0; c = this.next[c]!) out.push(c);
    return out.sort((a, b) => a - b);
  }

  grow(capacity: number): void {
    const old = this.ownerOf.length;
    this.ownerOf = growInt32(this.ownerOf, capacity);
    this.ownerOf.fill(-1, old);
    this.next = growInt32(this.next, capacity);
    this.prev = growInt32(this.prev, capacity);
  }

  private leave(c: number): void {
    const owner = this.ownerOf[c]!;
    if (owner < 0) return;
    const p = this.prev[c]!;
    const n = this.next[c]!;
    if (p >= 0) this.next[p] = n;
    else this.head[owner] = n;
    if (n >= 0) this.prev[n] = p;
    this.ownerOf[c] = -1;
  }
}
