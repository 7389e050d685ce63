/**
 * Which store holds which copy. A copy records its store; a message records one store that has
 * it, which is how a broker recognises a replayed send it already stored. A store's copies are
 * indexed (CopyTable.inStore) for recovery and a lost disk.
 */
import { noteJournalRecord } from './checkpoint.js';
import type { BrokerRt, StoreRt, World } from './world.js';

export function markStored(w: World, store: StoreRt, c: number): void {
  const copies = w.copies;
  if (copies.store[c] === store.id) return;
  if (copies.store[c]! >= 0) unmarkStored(w, c);
  copies.setStore(c, store.id);
  store.count++;
  noteJournalRecord(w, store);
  const m = copies.message[c]!;
  w.messages.storedIn[m] = store.id;
  w.messages.storedCopy[m] = c;
}

export function unmarkStored(w: World, c: number): void {
  const copies = w.copies;
  const s = copies.store[c]!;
  if (s < 0) return;
  w.stores[s]!.count--;
  noteJournalRecord(w, w.stores[s]!); // the remove record
  copies.setStore(c, -1);
  const m = copies.message[c]!;
  if (w.messages.storedCopy[m] === c) {
    w.messages.storedIn[m] = -1;
    w.messages.storedCopy[m] = -1;
  }
}

/** Whether `store` already holds another copy of the message of `c`. */
export function holdsOtherCopy(w: World, store: number, c: number): boolean {
  const m = w.copies.message[c]!;
  return w.messages.storedIn[m] === store && w.messages.storedCopy[m] !== c;
}

/** The copies in a store, oldest message first (the order a recovering broker dispatches them). */
export function storedCopies(w: World, store: number): number[] {
  const copies = w.copies;
  const out = copies.inStore.members(store);
  const created = w.messages.createdUs;
  return out.sort((a, b) => created[copies.message[a]!]! - created[copies.message[b]!]! || a - b);
}

/** Takes `c` out of `b`'s store and memory accounting (its journal entry, if any, goes stale). */
export function removeFromBroker(w: World, b: BrokerRt, c: number): void {
  const copies = w.copies;
  const m = copies.message[c]!;
  unmarkStored(w, c);
  b.memoryBytes -= w.producers[w.messages.producer[m]!]!.spec.sizeBytes;
}
