/**
 * KahaDB's journal (W:kahadb; DataFileAppender): one writer per broker writes one batch at a time
 * while the next one fills (group commit). A batch holds less than 4 MiB of records
 * (WriteBatch.canAppend; a new batch always takes its first record). When the next batch cannot
 * take a record, the thread storing it waits (DataFileAppender.enqueue) until the writer takes
 * that batch, and the records stored after it wait behind it (ActiveMQ stores a broker's queue
 * messages on its one store thread). With `always` each batch is fsynced before any of its sends
 * is acknowledged; with `periodic` and `never` a send is acknowledged once its record is in the
 * next batch, the batch lands in the page cache, and only the periodic sync
 * (journalDiskSyncInterval) or the OS writeback makes it durable.
 *
 * A broker's queue holds, front to back: the batch being written (batchCount entries), the next
 * batch (nextBatchCount entries of nextBatchBytes) and the records whose threads wait
 * (Journal.Blocked). A record joins the next batch when its broker thread is done with it
 * (readyUs); the batch counts it from when it is queued, which is exact while records become
 * ready in queue order (the writer takes only ready records, and each take lets waiting ones in).
 * The waiting thread's own later work is not held up here (the broker CPU and the store thread go
 * on preparing the records behind it, which wait in the queue in turn): appends and
 * acknowledgements keep KahaDB's order, and its pace while the journal is the bottleneck.
 */

import { KAHADB_MAX_WRITE_BATCH_BYTES } from '../model/defaults.js';
import { CopyState, moveCopy } from './copyState.js';
import { accepted } from './dispatch.js';
import { Ev } from './events.js';
import { Journal } from './messages.js';
import { markStored } from './storage.js';
import type { BrokerRt, StoreRt, World } from './world.js';

/**
 * A broker thread stores the record of `c`, done with it at `readyUs`: it joins the next batch if
 * that can take it and no record waits before it; else it waits (Journal.Blocked).
 */
export function enqueueJournal(w: World, b: BrokerRt, c: number, readyUs: number): void {
  const copies = w.copies;
  const bytes = recordBytes(w, c);
  const fits = !hasBlocked(b) && canAppend(b, bytes);
  copies.journal[c] = fits ? Journal.Queued : Journal.Blocked;
  copies.readyUs[c] = readyUs;
  b.journal.pushRecord(c, copies.pool.generation[c]!, bytes);
  if (fits) joinNextBatch(b, bytes);
  kickJournal(w, b);
  if (fits) appended(w, b, c, readyUs);
}

/** periodic / never: the broker acknowledges once the record is in the next batch. */
function appended(w: World, b: BrokerRt, c: number, atUs: number): void {
  if (!b.syncEachBatch) accepted(w, b, c, atUs);
}

/** KahaDB's WriteBatch.canAppend for the next batch (sizes: see recordBytes). */
function canAppend(b: BrokerRt, bytes: number): boolean {
  return b.nextBatchCount === 0 || b.nextBatchBytes + bytes < KAHADB_MAX_WRITE_BATCH_BYTES;
}

function joinNextBatch(b: BrokerRt, bytes: number): void {
  b.nextBatchCount++;
  b.nextBatchBytes += bytes;
}

function hasBlocked(b: BrokerRt): boolean {
  return b.journal.length > b.batchCount + b.nextBatchCount;
}

/**
 * The writer took the next batch: the threads waiting for room append their records to a new
 * one, in order, while they fit (enqueue waits until nextWriteBatch is null).
 */
function admitBlocked(w: World, b: BrokerRt): void {
  const q = b.journal;
  const copies = w.copies;
  let atUs = w.now;
  for (let k = b.batchCount + b.nextBatchCount; k < q.length; k++) {
    const bytes = q.bytesAt(k);
    if (!canAppend(b, bytes)) return;
    joinNextBatch(b, bytes);
    const c = q.slotAt(k);
    if (copies.pool.generation[c] !== q.genAt(k) || copies.journal[c] !== Journal.Blocked) continue;
    atUs = Math.max(atUs, copies.readyUs[c]!);
    copies.readyUs[c] = atUs;
    copies.journal[c] = Journal.Queued;
    appended(w, b, c, atUs);
  }
}

function isQueued(w: World, c: number, gen: number): boolean {
  return w.copies.pool.generation[c] === gen && w.copies.journal[c] === Journal.Queued;
}

/**
 * Starts the next batch now, or when its first record is ready. Records settled before the writer
 * took them leave the next batch unwritten.
 */
function kickJournal(w: World, b: BrokerRt): void {
  if (b.journalBusy || b.journalScheduled) return;
  const q = b.journal;
  for (;;) {
    while (b.nextBatchCount > 0 && !isQueued(w, q.frontSlot(), q.frontGen())) {
      b.nextBatchCount--;
      b.nextBatchBytes -= q.bytesAt(0);
      q.shift();
    }
    if (b.nextBatchCount > 0 || !hasBlocked(b)) break;
    admitBlocked(w, b);
  }
  if (b.nextBatchCount === 0) return;
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
 * The writer takes the next batch: its records that are ready now (the next batch stays below
 * KAHADB_MAX_WRITE_BATCH_BYTES, so they fit); they stay at the front of the queue until written.
 */
function startBatch(w: World, b: BrokerRt): void {
  const q = b.journal;
  const copies = w.copies;
  let n = 0;
  let bytes = 0;
  for (; n < b.nextBatchCount; n++) {
    const c = q.slotAt(n);
    if (isQueued(w, c, q.genAt(n))) {
      if (copies.readyUs[c]! > w.now) break;
      copies.journal[c] = Journal.Writing;
    }
    bytes += q.bytesAt(n);
  }
  b.batchCount = n;
  b.nextBatchCount -= n;
  b.nextBatchBytes -= bytes;
  const store = w.stores[b.store]!;
  b.journalBusy = true;
  w.queue.push(w.now + w.noise.disk.draw(b.batchWriteUs * store.slowFactor), Ev.JournalDone, b.id, b.epoch);
  admitBlocked(w, b);
}

/**
 * A message's journal record: its body. KahaDB's record is the marshalled KahaAddMessageCommand
 * (headers and properties around the body) plus RECORD_HEAD_SPACE (5 bytes), and a batch starts
 * at BATCH_CONTROL_RECORD_SIZE (28 bytes): left out, so a batch of small records takes a few
 * more here.
 */
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
