/**
 * Whatever a consumer's acknowledgement mode, batch and prefetch, and whenever it is killed:
 * a message whose acknowledgement had left it never comes back, and every copy it had not
 * acknowledged (in onMessage, prefetched, processed but held) is re-dispatched at once and
 * delivered to the other consumer. Replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachConsumer, detachConsumer } from '../../src/sim/consumers.js';
import { CopyState } from '../../src/sim/copyState.js';
import { arrive, runUntil, smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MS = 1000;

function world(ackMode: string, ackEvery: number, prefetch: number) {
  return smallWorld(`
name: ack-property
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: a
    consumers: [{ destination: q, processingTime: 3ms, ackMode: ${ackMode}, ackEvery: ${ackEvery}, prefetch: ${prefetch} }]
  - id: b
    consumers: [{ destination: q, processingTime: 1ms }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: true }]
cluster: { brokers: 1, ha: none }
simulation: { duration: 5s, drain: 1s }
`);
}

describe(`a killed consumer's messages (seed ${seed})`, () => {
  it('acknowledged ones never come back; every unacknowledged one is redelivered at once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('auto', 'client', 'dups-ok', 'individual', 'transacted'),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 60 * MS }),
        (ackMode, ackEvery, prefetch, count, killAtUs) => {
          const w = world(ackMode, ackEvery, prefetch);
          const [a, b] = [w.consumers[0]!, w.consumers[1]!];
          detachConsumer(w, b, 'link', -1);
          const copies = Array.from({ length: count }, () => arrive(w));
          const messages = copies.map((c) => w.copies.message[c]!);
          runUntil(w, killAtUs);
          // Acknowledged: its ack reached the broker (Free) or is on the wire (Acking).
          const acked = copies.map(
            (c) => w.copies.state[c] === CopyState.Free || w.copies.state[c] === CopyState.Acking,
          );
          const heldByA = copies.filter((c, i) => !acked[i] && w.copies.consumer[c] === a.id).length;
          const redeliveredBefore = w.ledger.redeliveries;
          detachConsumer(w, a, 'crash', -1);
          attachConsumer(w, b, 0);
          runUntil(w, w.now);
          expect(w.ledger.redeliveries - redeliveredBefore).toBe(heldByA);
          runUntil(w, 500 * MS); // before the producer's own first send (1 s) reuses a slot
          messages.forEach((m, i) => {
            if (acked[i]) expect(w.messages.deliveries[m]).toBe(1);
            else expect(w.messages.deliveries[m]).toBeGreaterThanOrEqual(1);
          });
          expect(copies.every((c) => w.copies.state[c] === CopyState.Free)).toBe(true);
        },
      ),
      { seed, numRuns: 150 },
    );
  });
});
