/**
 * localConsumers.ts: the cached lists of peers with a consumer always equal a fresh scan, and
 * tryForward, which reads them, picks the peer the plain round-robin scan over every peer picks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachConsumer, detachConsumer } from '../../../src/sim/consumers.js';
import { tryForward } from '../../../src/sim/forwarding.js';
import { peersWithConsumers } from '../../../src/sim/localConsumers.js';
import type { World } from '../../../src/sim/world.js';
import { copyOnTheWay, smallWorld } from '../../support/smallWorld.js';

// One producer's broker and five consumers' brokers, in a mesh: peersOf[0] is [1, ..., 5].
const MESH = `
name: local-consumers
layout: embedded
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
  - id: c
    replicas: 5
    consumers: [{ destination: q, processingTime: 1ms }]
embedded: { store: memory, network: mesh }
simulation: { duration: 5s, drain: 1s }
`;

/** The straightforward scan the cache stands for. */
function scan(w: World, b: number, dest: number): number[] {
  return w.peersOf[b]!.flatMap((peer, i) => (w.brokers[peer]!.consumersByDest[dest]!.length > 0 ? [i] : []));
}

/** The peer the plain round robin picks: the first from nextPeer on (wrapping) with a consumer. */
function roundRobinPick(w: World, b: number, dest: number): number {
  const peers = w.peersOf[b]!;
  for (let i = 0; i < peers.length; i++) {
    const j = (w.brokers[b]!.nextPeer + i) % peers.length;
    if (w.brokers[peers[j]!]!.consumersByDest[dest]!.length > 0) return peers[j]!;
  }
  return -1;
}

// Each step detaches or re-attaches one consumer (to its own broker), or moves the round robin.
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('toggle' as const), consumer: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('nextPeer' as const), to: fc.integer({ min: 0, max: 12 }) }),
);

describe('localConsumers', () => {
  it('the cached peers with a consumer equal a fresh scan after every attach and detach (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const w = smallWorld(MESH);
        for (const step of steps) {
          if (step.kind === 'nextPeer') continue;
          const k = w.consumers[step.consumer]!;
          if (k.broker >= 0) detachConsumer(w, k, 'link', -1);
          else attachConsumer(w, k, w.processes[k.process]!.broker);
          for (let b = 0; b < w.brokers.length; b++)
            expect([...peersWithConsumers(w, b, 0)]).toEqual(scan(w, b, 0));
        }
      }),
    );
  });

  it('tryForward picks the peer the plain round robin over every peer picks (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const w = smallWorld(MESH);
        const b = w.brokers[0]!;
        for (const step of steps) {
          if (step.kind === 'nextPeer') b.nextPeer = step.to;
          else {
            const k = w.consumers[step.consumer]!;
            if (k.broker >= 0) detachConsumer(w, k, 'link', -1);
            else attachConsumer(w, k, w.processes[k.process]!.broker);
          }
          const expected = roundRobinPick(w, 0, 0);
          const c = copyOnTheWay(w, 0, 0);
          const forwarded = tryForward(w, b, c, w.now);
          expect(forwarded).toBe(expected >= 0);
          if (forwarded) expect(w.peersOf[0]![b.nextPeer - 1]).toBe(expected);
        }
      }),
    );
  });
});
