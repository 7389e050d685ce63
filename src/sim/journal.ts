/**
 * KahaDB's journal (W:kahadb): one writer per broker takes every record queued since its last
 * batch, less than 4 MiB of them, and writes them together (group commit). With `always` each
 * batch is fsynced before any of its sends is acknowledged; with `periodic` and `never` a send is
 * acknowledged once queued, the batch lands in the page cache, and only the periodic sync
 * (journalDiskSyncInterval) or the OS writeback makes it durable.
 */

import { KAHADB_MAX_WRITE_BATCH_BYTES } from '../model/defaults.js';
import { CopyState, moveCopy } from './copyState.js';
import { accepted } from './dispatch.js';
import { Ev } from './events.js';
import { Journal } from './messages.js';
import { markStored } from './storage.js';
import type { BrokerRt, StoreRt, World } from './world.js';

export function enqueueJournal(w: World, b: BrokerRt, c: number, readyUs: number): void {
  w.copies.journal[c] = Journal.Queued;
  w.copies.readyUs[c] = readyUs;
  b.journal.push(c, w.copies.pool.generation[c]!);
  kickJournal(w, b);
}

function isQueued(w: World, c: number, gen: number): boolean {
  return w.copies.pool.generation[c] === gen && w.copies.journal[c] === Journal.Queued;
}

/** Starts the next batch now, or when its first record is ready. */
function kickJournal(w: World, b: BrokerRt): void {
  if (b.journalBusy || b.journalScheduled) return;
  const q = b.journal;
  while (q.length > 0 && !isQueued(w, q.frontSlot(), q.frontGen())) q.shift();
  if (q.length === 0) return;
  const readyUs = w.copies.readyUs[q.frontSlot()]!;
  if (readyUs <= w.now) startBatch(w, b);
  else {
    b.journalScheduled = true;
    w.queue.push(readyUs, Ev.JournalStart, b.id, b.epoch);
  }
}

export function onJournalStart(w: World, broker: number, epoch: number): void {
  const b = w.brokers[broker]!;
  if (b.epoch !== epoch) return;
  b.journalScheduled = false;
  kickJournal(w, b);
}

/**
 * The batch is every record queued and ready now, as long as it stays below the batch size
 * (KAHADB_MAX_WRITE_BATCH_BYTES; its first record always fits); it stays at the front of the
 * queue until written.
 */
function startBatch(w: World, b: BrokerRt): void {
  const q = b.journal;
  const copies = w.copies;
  let n = 0;
  let records = 0;
  let bytes = 0;
  for (; n < q.length; n++) {
    const c = q.slotAt(n);
    const gen = q.genAt(n);
    if (!isQueued(w, c, gen)) continue;
    if (copies.readyUs[c]! > w.now) break;
    bytes += recordBytes(w, c);
    if (records > 0 && bytes >= KAHADB_MAX_WRITE_BATCH_BYTES) break;
    copies.journal[c] = Journal.Writing;
    records++;
  }
  if (records === 0) return;
  b.batchCount = n;
  const store = w.stores[b.store]!;
  b.journalBusy = true;
  w.queue.push(w.now + w.noise.disk.draw(b.batchWriteUs * store.slowFactor), Ev.JournalDone, b.id, b.epoch);
}

/** A message's journal record: its body (the marshalled headers are left out). */
function recordBytes(w: World, c: number): number {
  return w.producers[w.messages.producer[w.copies.message[c]!]!]!.spec.sizeBytes;
}

export function onJournalDone(w: World, broker: number, epoch: number): void {
  const b = w.brokers[broker]!;
  if (b.epoch !== epoch) return;
  b.journalBusy = false;
  const store = w.stores[b.store]!;
  const copies = w.copies;
  const q = b.journal;
  for (let n = b.batchCount; n > 0; n--) {
    const c = q.frontSlot();
    const gen = q.frontGen();
    q.shift();
    if (copies.pool.generation[c] !== gen || copies.journal[c] !== Journal.Writing) continue;
    markStored(w, store, c);
    if (b.syncEachBatch) {
      copies.journal[c] = Journal.Synced;
      moveCopy(copies, c, CopyState.Accepted);
      accepted(w, b, c, w.now);
    } else {
      copies.journal[c] = Journal.Written;
      store.unsynced.push(c, gen);
      scheduleSync(w, store);
    }
  }
  b.batchCount = 0;
  kickJournal(w, b);
}

/** The next periodic fsync (journalDiskSyncInterval), or the OS writeback for `never`. */
function scheduleSync(w: World, store: StoreRt): void {
  if (store.syncScheduled) return;
  const strategy = store.settings.journalDiskSyncStrategy;
  const intervalUs = Math.max(
    1,
    strategy === 'periodic' ? store.settings.journalDiskSyncIntervalUs : w.costs.osWritebackUs,
  );
  store.syncScheduled = true;
  w.queue.push((Math.floor(w.now / intervalUs) + 1) * intervalUs, Ev.StoreSync, store.id, store.epoch);
}

export function onStoreSync(w: World, storeId: number, epoch: number): void {
  const store = w.stores[storeId]!;
  if (store.epoch !== epoch) return;
  store.syncScheduled = false;
  syncStore(w, store);
}

/** Everything written reaches the disk (a periodic sync, or a clean shutdown). */
export function syncStore(w: World, store: StoreRt): void {
  const copies = w.copies;
  store.unsynced.forEach((c, gen) => {
    if (copies.pool.generation[c] === gen && copies.journal[c] === Journal.Written)
      copies.journal[c] = Journal.Synced;
  });
  store.unsynced.clear();
}
