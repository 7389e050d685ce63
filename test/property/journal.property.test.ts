/**
 * KahaDB's journal back-pressure (src/sim/journal.ts; DataFileAppender.enqueue blocks the thread
 * storing a record while the next write batch is full): over generated small topologies (every
 * journalDiskSyncStrategy, messages up to 1 MiB, open and closed loops, sync and async sends,
 * embedded and central, with or without a crash, clean restart or power loss halfway), after
 * every event of the run, each broker's journal holds the batch
 * being written and one next batch, each below KahaDB's 4 MiB (or one larger record alone), and
 * every record beyond them waits unacknowledged and undispatched. So a `periodic` / `never`
 * broker, which acknowledges a record once it is in the next batch, has never acknowledged more
 * than its writer has taken plus one batch: the journal writer bounds it. Replay a failure with
 * FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KAHADB_MAX_WRITE_BATCH_BYTES } from '../../src/model/defaults.js';
import { CopyState } from '../../src/sim/copyState.js';
import { Ev } from '../../src/sim/events.js';
import { handleEvent } from '../../src/sim/loop.js';
import { Ack, Journal } from '../../src/sim/messages.js';
import type { BrokerRt, World } from '../../src/sim/world.js';
import { smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Shape {
  layout: 'embedded' | 'central';
  sync: 'always' | 'periodic' | 'never';
  disk: 'ssd' | 'hdd';
  replicas: number;
  load: string;
  sendMode: 'sync' | 'async';
  size: string;
  processingTime: string;
  /** A fault halfway through the sends: the journal starts again empty after it. */
  fault: 'none' | 'process-crash' | 'broker-crash' | 'broker-restart' | 'power-loss';
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  layout: fc.constantFrom('embedded', 'central'),
  sync: fc.constantFrom('always', 'periodic', 'never'),
  disk: fc.constantFrom('ssd', 'hdd'),
  replicas: fc.integer({ min: 1, max: 3 }),
  load: fc.constantFrom(
    'mode: closed-loop, inFlight: 8',
    'mode: closed-loop, inFlight: 64',
    'rate: 20000/s, arrival: constant',
    'rate: 2000/s, arrival: poisson',
  ),
  sendMode: fc.constantFrom('sync', 'async'),
  // 1 MiB and 1.5 MiB fill a batch with a few records; 5 MiB is one record alone.
  size: fc.constantFrom('1KiB', '512KiB', '1MiB', '1536KiB', '5MiB'),
  processingTime: fc.constantFrom('0s', '1ms'),
  fault: fc.constantFrom('none', 'none', 'process-crash', 'broker-crash', 'broker-restart', 'power-loss'),
});

/** The fault of `s` as a schedule entry (an embedded broker dies with its process). */
function faultYaml(s: Shape): string {
  if (s.fault === 'none') return '';
  const kind = s.layout === 'embedded' && s.fault !== 'power-loss' ? 'process-crash' : s.fault;
  const target = s.layout === 'embedded' || kind === 'process-crash' ? 'batch-0' : 'broker-0';
  return `faults: { schedule: [{ at: 15003us, kind: ${kind}, target: ${target}, restartAfter: 5ms }] }`;
}

function yaml(s: Shape): string {
  const store = `store: kahadb, disk: ${s.disk}, journalDiskSyncStrategy: ${s.sync}`;
  const brokers =
    s.layout === 'embedded' ? `embedded: { ${store} }` : `cluster: { brokers: 1, ha: none, ${store} }`;
  const consumers = `consumers: [{ destination: work, processingTime: ${s.processingTime} }]`;
  return `
name: backpressure
layout: ${s.layout}
destinations: [{ name: work }]
${brokers}
applications:
  - id: batch
    replicas: ${s.replicas}
    producers: [{ destination: work, ${s.load}, persistent: true, sendMode: ${s.sendMode}, size: ${s.size} }]
${s.layout === 'embedded' ? `    ${consumers}` : `  - id: worker\n    ${consumers}`}
${faultYaml(s)}
simulation: { duration: 30ms, drain: 20ms, seed: 1 }
`;
}

/** Record bytes of the journal entries [from, to). */
function bytes(b: BrokerRt, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += b.journal.bytesAt(k);
  return sum;
}

/** A batch of more than one record stays below KahaDB's batch size (WriteBatch.canAppend). */
function batchFits(b: BrokerRt, from: number, count: number): boolean {
  return count <= 1 || bytes(b, from, from + count) < KAHADB_MAX_WRITE_BATCH_BYTES;
}

/** What is wrong with broker `b`'s journal now, if anything (plain checks: this runs after every event). */
function journalProblem(w: World, b: BrokerRt): string | undefined {
  const q = b.journal;
  const appended = b.batchCount + b.nextBatchCount;
  if (appended > q.length) return `${appended} entries in the batches, ${q.length} queued`;
  if (!batchFits(b, 0, b.batchCount)) return 'the batch being written holds 4 MiB or more';
  if (!batchFits(b, b.batchCount, b.nextBatchCount)) return 'the next batch holds 4 MiB or more';
  if (bytes(b, b.batchCount, appended) !== b.nextBatchBytes) return 'nextBatchBytes is off';
  const copies = w.copies;
  for (let k = 0; k < q.length; k++) {
    const c = q.slotAt(k);
    if (copies.pool.generation[c] !== q.genAt(k)) continue;
    const blocked = copies.journal[c] === Journal.Blocked;
    if (blocked !== k >= appended)
      return `entry ${k} of ${q.length} (${appended} in the batches) is ${copies.journal[c]}`;
    if (!blocked) continue;
    // Its thread waits: nobody has been told of it, and no consumer has it.
    const state = copies.state[c];
    if (state !== CopyState.Accepted && state !== CopyState.Journaling)
      return `a blocked record in copy state ${state}`;
    const m = copies.message[c]!;
    const sync = w.producers[w.messages.producer[m]!]!.spec.sendMode === 'sync';
    if (sync && w.messages.acked[m] === Ack.Ok) return 'a blocked sync send was acknowledged';
  }
  return undefined;
}

/** Runs `s` to its end, checking every broker's journal after each event. */
function runChecked(s: Shape): void {
  const w = smallWorld(yaml(s), { boot: false });
  w.queue.push(0, Ev.Boot, 0, 0);
  w.queue.push(w.sendsEndUs, Ev.SendsEnd, 0, 0);
  const q = w.queue;
  for (let events = 0; q.peekTime() <= w.endUs; events++) {
    expect(events).toBeLessThan(2_000_000);
    q.pop();
    w.now = q.time;
    handleEvent(w, q.kind, q.a, q.b, []);
    for (const b of w.brokers) expect(journalProblem(w, b), `broker ${b.id} at ${w.now} us`).toBeUndefined();
  }
}

describe(`journal back-pressure (seed ${seed})`, () => {
  it('a journal holds one batch being written and one next batch below 4 MiB; every record beyond waits unacknowledged', () => {
    fc.assert(fc.property(shapes, runChecked), { seed, numRuns: 40 });
  });
});
