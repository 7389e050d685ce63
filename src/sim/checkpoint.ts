/**
 * Store recovery as a function of the store: KahaDB checkpoints its index every
 * checkpointInterval (5 s); a broker that starts on a store replays the journal records (messages
 * added or removed) written since the last checkpoint before it serves, on top of a fixed time
 * to open the store. A clean stop checkpoints first: nothing to replay.
 */
import { KAHADB_CHECKPOINT_INTERVAL_US } from '../model/defaults.js';
import type { StoreRt, World } from './world.js';

/** A record (a message added or removed) reached the journal of `store` now. */
export function noteJournalRecord(w: World, store: StoreRt): void {
  rollCheckpoint(w, store);
  store.recordsSinceCheckpoint++;
}

/** Checkpoints that fell due since the last one happened (every interval while the store was open). */
function rollCheckpoint(w: World, store: StoreRt): void {
  const interval = KAHADB_CHECKPOINT_INTERVAL_US;
  if (w.now < store.checkpointUs + interval) return;
  store.checkpointUs += Math.floor((w.now - store.checkpointUs) / interval) * interval;
  store.recordsSinceCheckpoint = 0;
}

/** The broker using `store` died (or stopped cleanly, `clean`): what a restart must replay is fixed now. */
export function closeStore(w: World, store: StoreRt, clean: boolean): void {
  rollCheckpoint(w, store);
  store.recordsToReplay = clean ? 0 : store.recordsSinceCheckpoint;
}

/** How long a broker starting now on `store` (none: no persistence) takes to recover it. */
export function storeRecoveryUs(w: World, store: StoreRt | undefined): number {
  if (!w.booted) return 0;
  return w.costs.storeRecoveryUs + (store ? store.recordsToReplay * w.costs.journalReplayUs : 0);
}

/**
 * A broker serves from `store` again (recovered, or wiped): the recovery ended with a checkpoint.
 * A broker up when the window opens has been running since before it: its store keeps the
 * checkpoint phase drawn for it (build.ts).
 */
export function openStore(w: World, store: StoreRt): void {
  store.recordsToReplay = 0;
  store.recordsSinceCheckpoint = 0;
  if (w.booted) store.checkpointUs = w.now;
}
