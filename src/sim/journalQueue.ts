/**
 * A broker's journal queue: copies by (slot, generation), each with its record's bytes. The bytes
 * stay with the entry when its copy is settled meanwhile: KahaDB writes a record it took into a
 * batch whatever became of the message, so it fills the batch all the same.
 */
import { PairDeque } from './deque.js';

export class JournalQueue extends PairDeque {
  private bytes: Int32Array;

  constructor(capacity = 16) {
    super(capacity);
    this.bytes = new Int32Array(this.capacity);
  }

  /** Queues a record (use this, not push, which leaves its bytes unset). */
  pushRecord(slot: number, gen: number, bytes: number): void {
    this.push(slot, gen);
    this.bytes[this.at(this.length - 1)] = bytes;
  }

  /** The record bytes of the k-th entry from the front (k < length). */
  bytesAt(k: number): number {
    return this.bytes[this.at(k)]!;
  }

  protected override grow(): void {
    const bytes = new Int32Array(this.capacity * 2);
    for (let k = 0; k < this.length; k++) bytes[k] = this.bytes[this.at(k)]!;
    this.bytes = bytes;
    super.grow();
  }
}
