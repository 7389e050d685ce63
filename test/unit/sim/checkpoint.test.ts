/** checkpoint.ts: store recovery grows with the journal written since the last index checkpoint. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, KAHADB_CHECKPOINT_INTERVAL_US } from '../../../src/model/defaults.js';
import { closeStore, noteJournalRecord, openStore, storeRecoveryUs } from '../../../src/sim/checkpoint.js';
import type { StoreRt, World } from '../../../src/sim/world.js';
import { runUntil, smallWorld } from '../../support/smallWorld.js';

function world(): World {
  return { now: 0, booted: true, costs: DEFAULT_COSTS } as unknown as World;
}
function store(): StoreRt {
  return { checkpointUs: 0, recordsSinceCheckpoint: 0, recordsToReplay: 0 } as StoreRt;
}

describe('store recovery', () => {
  it('replays every record written since the last checkpoint, after the time to open the store', () => {
    const w = world();
    const s = store();
    w.now = KAHADB_CHECKPOINT_INTERVAL_US + 1_000; // one checkpoint has passed
    for (let i = 0; i < 1_000; i++) noteJournalRecord(w, s);
    closeStore(w, s, false);
    expect(storeRecoveryUs(w, s)).toBe(DEFAULT_COSTS.storeRecoveryUs + 1_000 * DEFAULT_COSTS.journalReplayUs);
  });

  it('a small store recovers in well under a second; a big backlog takes longer', () => {
    const w = world();
    const small = store();
    for (let i = 0; i < 100; i++) noteJournalRecord(w, small);
    closeStore(w, small, false);
    expect(storeRecoveryUs(w, small)).toBeLessThan(1_000_000);
    const big = store();
    for (let i = 0; i < 50_000; i++) noteJournalRecord(w, big);
    closeStore(w, big, false);
    expect(storeRecoveryUs(w, big)).toBeGreaterThan(5_000_000);
  });

  it('records before a checkpoint, and a clean stop, leave nothing to replay', () => {
    const w = world();
    const s = store();
    for (let i = 0; i < 500; i++) noteJournalRecord(w, s);
    w.now = KAHADB_CHECKPOINT_INTERVAL_US * 3 + 7;
    closeStore(w, s, false);
    expect(s.recordsToReplay).toBe(0);
    noteJournalRecord(w, s);
    closeStore(w, s, true);
    expect(storeRecoveryUs(w, s)).toBe(DEFAULT_COSTS.storeRecoveryUs);
  });

  it('a recovered store starts a new checkpoint interval; nothing to recover before the clients boot', () => {
    const w = world();
    const s = store();
    noteJournalRecord(w, s);
    closeStore(w, s, false);
    w.now = 123;
    openStore(w, s);
    expect([s.recordsToReplay, s.recordsSinceCheckpoint, s.checkpointUs]).toEqual([0, 0, 123]);
    (w as { booted: boolean }).booted = false;
    expect(storeRecoveryUs(w, s)).toBe(0);
  });
});

/**
 * KahaDB's checkpoint timer starts when its broker opens the store, at a time before the
 * simulated window that the topology does not say: a kill at a whole number of checkpoint
 * intervals must not always find a checkpoint just taken (nothing to replay), as a timer
 * started at time 0 would. Each store's phase is drawn from the run's seed.
 */
describe('the checkpoint timer started before the window', () => {
  const yaml = `
name: checkpoint-phase
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 200/s, arrival: constant, sendMode: sync }]
cluster: { brokers: 1, ha: none, store: kahadb }
simulation: { duration: 6s, warmup: 0s, drain: 0s, seed: 1 }
`;
  /** Records a kill of the broker exactly one interval into the run leaves to replay, for `seed`. */
  function replayedAtKill(seed: number): number {
    const w = smallWorld(yaml, { seed });
    runUntil(w, KAHADB_CHECKPOINT_INTERVAL_US);
    const s = w.stores[0]!;
    closeStore(w, s, false);
    return s.recordsToReplay;
  }

  it('lies anywhere in an interval: a kill on an interval boundary replays from none to an interval of records', () => {
    const replayed = Array.from({ length: 20 }, (_, i) => replayedAtKill(i + 1));
    const perInterval = (200 * KAHADB_CHECKPOINT_INTERVAL_US) / 1e6;
    for (const n of replayed) expect(n).toBeLessThanOrEqual(perInterval);
    expect(new Set(replayed).size).toBeGreaterThan(10);
    const mean = replayed.reduce((a, b) => a + b, 0) / replayed.length;
    expect(mean).toBeGreaterThan(perInterval / 4);
    expect(mean).toBeLessThan((perInterval * 3) / 4);
  });

  it('is the same for the same seed', () => {
    expect(replayedAtKill(7)).toBe(replayedAtKill(7));
  });
});
