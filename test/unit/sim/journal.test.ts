/** journal.ts on a small world: a central KahaDB broker that fsyncs every batch (`always`). */
import { describe, expect, it } from 'vitest';
import { CopyState } from '../../../src/sim/copyState.js';
import { fsyncUs } from '../../../src/sim/costs.js';
import { enqueueJournal, syncStore } from '../../../src/sim/journal.js';
import { Journal } from '../../../src/sim/messages.js';
import { copyOnTheWay, runUntil, smallWorld } from '../../support/smallWorld.js';

const topology = (strategy: string, size = '1KiB') => `
name: journal
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, size: ${size} }]
cluster: { brokers: 1, ha: none, store: kahadb, journalDiskSyncStrategy: ${strategy} }
simulation: { duration: 5s, drain: 1s }
`;

/** A persistent copy that broker 0 holds and queues for its journal now. */
function queued(w: ReturnType<typeof smallWorld>): number {
  const c = copyOnTheWay(w, 0, 0);
  w.copies.state[c] = w.brokers[0]!.syncEachBatch ? CopyState.Journaling : CopyState.Accepted;
  enqueueJournal(w, w.brokers[0]!, c, w.now);
  return c;
}

describe('journal', () => {
  it('group commit: the first record is written alone, the ones queued meanwhile share the next batch', () => {
    const w = smallWorld(topology('always'));
    const store = w.stores[0]!;
    const batchUs = fsyncUs(w.costs, store.settings.disk);
    const [c1, c2, c3] = [queued(w), queued(w), queued(w)];
    expect([c1, c2, c3].map((c) => w.copies.journal[c])).toEqual([
      Journal.Writing,
      Journal.Queued,
      Journal.Queued,
    ]);
    runUntil(w, batchUs);
    expect([c1, c2, c3].map((c) => w.copies.journal[c])).toEqual([
      Journal.Synced,
      Journal.Writing,
      Journal.Writing,
    ]);
    expect(store.count).toBe(1);
    runUntil(w, 2 * batchUs);
    expect([c1, c2, c3].map((c) => w.copies.journal[c])).toEqual([
      Journal.Synced,
      Journal.Synced,
      Journal.Synced,
    ]);
    expect(store.count).toBe(3);
  });

  it("a batch holds less than KahaDB's 4 MiB (journalMaxWriteBatchSize): three 1 MiB records, and a fourth waits", () => {
    const w = smallWorld(topology('always', '1MiB'));
    const copies = Array.from({ length: 8 }, () => queued(w));
    const states = () => copies.map((c) => w.copies.journal[c]);
    for (let t = 100; w.copies.journal[copies[0]!] !== Journal.Synced && t < 1_000_000; t += 100)
      runUntil(w, t);
    expect(states()).toEqual([
      Journal.Synced,
      ...Array(3).fill(Journal.Writing),
      ...Array(4).fill(Journal.Queued),
    ]);
  });

  it('periodic: a written record stays in the page cache until the next sync', () => {
    const w = smallWorld(topology('periodic'));
    const store = w.stores[0]!;
    const c = queued(w);
    runUntil(w, w.costs.journalWriteUs);
    expect(w.copies.journal[c]).toBe(Journal.Written);
    expect(store.unsynced.length).toBe(1);
    syncStore(w, store);
    expect(w.copies.journal[c]).toBe(Journal.Synced);
    expect(store.unsynced.length).toBe(0);
  });

  it('a batch of a broker that died meanwhile is void (its epoch changed)', () => {
    const w = smallWorld(topology('always'));
    const b = w.brokers[0]!;
    const c = queued(w);
    b.epoch++;
    runUntil(w, 1_000_000);
    expect(w.copies.journal[c]).toBe(Journal.Writing);
    expect(w.stores[0]!.count).toBe(0);
  });
});
