/**
 * Acknowledgement modes (MODEL.md, "Acknowledgement and redelivery"): what a consumer killed
 * holding messages gets redelivered to the others. One consumer (`a`) takes five messages while
 * the other (`b`) is away; `a` dies 25 ms in (two processed, one in onMessage, two prefetched),
 * then `b` attaches and takes what the broker re-dispatches.
 */
import { describe, expect, it } from 'vitest';
import { attachConsumer, detachConsumer } from '../../../src/sim/consumers.js';
import { CopyState } from '../../../src/sim/copyState.js';
import type { World } from '../../../src/sim/world.js';
import { arrive, runUntil, smallWorld } from '../../support/smallWorld.js';

const MS = 1000;

function world(consumerA: string): World {
  return smallWorld(`
name: ack-modes
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: a
    consumers: [{ destination: q, processingTime: 10ms, ${consumerA} }]
  - id: b
    consumers: [{ destination: q, processingTime: 1ms }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
cluster: { brokers: 1, ha: none }
simulation: { duration: 5s, drain: 1s }
`);
}

/** Five messages to `a`, `a` killed at `killAtUs`, `b` takes the rest: deliveries per message. */
function killHolding(consumerA: string, killAtUs: number): { deliveries: number[]; w: World } {
  const w = world(consumerA);
  const [a, b] = [w.consumers[0]!, w.consumers[1]!];
  detachConsumer(w, b, 'link', -1);
  const copies = [1, 2, 3, 4, 5].map(() => arrive(w));
  const messages = copies.map((c) => w.copies.message[c]!);
  expect(w.copies.consumer[copies[0]!]).toBe(a.id);
  runUntil(w, killAtUs);
  detachConsumer(w, a, 'crash', -1);
  attachConsumer(w, b, 0);
  runUntil(w, 500 * MS); // before the producer's own first send reuses a slot
  return { deliveries: messages.map((m) => w.messages.deliveries[m]!), w };
}

describe('acknowledgement modes', () => {
  it('auto: what onMessage returned is acknowledged; the one in onMessage and the prefetched come back', () => {
    const { deliveries } = killHolding('ackMode: auto', 25 * MS);
    expect(deliveries).toEqual([1, 1, 2, 1, 1]);
  });

  it('individual: each message is acknowledged on its own, as auto', () => {
    const { deliveries } = killHolding('ackMode: individual', 25 * MS);
    expect(deliveries).toEqual([1, 1, 2, 1, 1]);
  });

  it('client, acknowledge() every 3rd: the processed but unacknowledged come back as duplicates', () => {
    const { deliveries, w } = killHolding('ackMode: client, ackEvery: 3', 25 * MS);
    expect(deliveries).toEqual([2, 2, 2, 1, 1]);
    expect(w.ledger.duplicates).toBe(3);
  });

  it('client, acknowledge() every 3rd: an acknowledge() covers everything received before; those never come back', () => {
    const { deliveries } = killHolding('ackMode: client, ackEvery: 3', 35 * MS);
    expect(deliveries).toEqual([1, 1, 1, 2, 1]);
  });

  it('transacted, commit every 2nd: the uncommitted come back', () => {
    const { deliveries } = killHolding('ackMode: transacted, ackEvery: 2', 35 * MS);
    // 1 and 2 committed; 3 processed but not committed; 4 in onMessage; 5 prefetched.
    expect(deliveries).toEqual([1, 1, 2, 2, 1]);
  });

  it('dups-ok acknowledges in batches of half the prefetch', () => {
    const { deliveries } = killHolding('ackMode: dups-ok, prefetch: 4', 35 * MS);
    // Batch of 2: 1 and 2 acknowledged; 3 processed, unacknowledged; 4 in onMessage.
    expect(deliveries).toEqual([1, 1, 2, 2, 1]);
  });

  it('a batched consumer with a prefetch below its batch still takes messages (delivered acks open the window)', () => {
    const w = world('ackMode: client, ackEvery: 10, prefetch: 2');
    detachConsumer(w, w.consumers[1]!, 'link', -1);
    const copies = [1, 2, 3, 4, 5, 6].map(() => arrive(w));
    runUntil(w, 500 * MS);
    // All six processed, Held for the 10th message's acknowledge().
    for (const c of copies) expect(w.copies.state[c]).toBe(CopyState.Held);
    expect(w.consumers[0]!.unacked).toBe(6);
  });
});
