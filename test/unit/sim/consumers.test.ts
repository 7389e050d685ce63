/** consumers.ts on a small world: one central broker, one consumer over tcp. */
import { describe, expect, it } from 'vitest';
import { attachConsumer, detachConsumer } from '../../../src/sim/consumers.js';
import { CopyState } from '../../../src/sim/copyState.js';
import { Ev } from '../../../src/sim/events.js';
import { arrive, runUntil, smallWorld } from '../../support/smallWorld.js';

const CENTRAL = `
name: consumers
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: c
    consumers: [{ destination: q, processingTime: 10ms, prefetch: 5 }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
cluster: { brokers: 1, ha: none }
simulation: { duration: 5s, drain: 1s }
`;

describe('consumers', () => {
  it('attaching dispatches what waited for it', () => {
    const w = smallWorld(CENTRAL);
    const k = w.consumers[0]!;
    detachConsumer(w, k, 'link', -1);
    const c = arrive(w);
    expect(w.brokers[0]!.pending[0]!.length).toBe(1);
    attachConsumer(w, k, 0);
    expect(w.copies.consumer[c]).toBe(0);
    expect(k.inflight).toBe(1);
  });

  it('a broken connection sends every unacknowledged copy back for redelivery; the one in onMessage counts as delivered', () => {
    const w = smallWorld(CENTRAL);
    const k = w.consumers[0]!;
    const [c1, c2] = [arrive(w), arrive(w)];
    const start1 = w.copies.startUs[c1]!;
    runUntil(w, start1 + 1); // c1 in onMessage, c2 waits behind it
    detachConsumer(w, k, 'link', -1);
    expect(w.messages.deliveries[w.copies.message[c1]!]).toBe(1);
    expect(w.messages.deliveries[w.copies.message[c2]!]).toBe(0);
    expect([w.copies.consumer[c1], w.copies.consumer[c2]]).toEqual([-1, -1]);
    expect(k.inflight).toBe(0);
    expect(k.broker).toBe(-1);
    expect(w.brokers[0]!.consumersByDest[0]).toEqual([]);
  });

  it('a crash at the microsecond a processing ends finishes it: delivered once, its ack on the wire', () => {
    const w = smallWorld(CENTRAL);
    const k = w.consumers[0]!;
    const c = arrive(w);
    const m = w.copies.message[c]!;
    const done = w.copies.startUs[c]! + k.spec.processingUs;
    runUntil(w, done - 1);
    w.now = done; // the fault pops first at this microsecond
    detachConsumer(w, k, 'crash', -1);
    expect(w.messages.deliveries[m]).toBe(1);
    runUntil(w, done + 100_000); // the stale ConsumerDone is ignored, the ack settles the copy
    expect(w.copies.state[c]).toBe(CopyState.Free);
    expect(w.ledger.delivered).toBe(1);
    expect(w.ledger.duplicates).toBe(0);
  });

  it('the redelivery of a detached copy is an event at once (the broker does not wait)', () => {
    const w = smallWorld(CENTRAL);
    const c = arrive(w);
    const stamp = w.copies.stamp[c]!;
    detachConsumer(w, w.consumers[0]!, 'link', -1);
    expect(w.copies.stamp[c]).not.toBe(stamp);
    expect(w.queue.peekTime()).toBeLessThanOrEqual(w.now + w.costs.redeliveryDelayUs);
    expect(Ev.Redeliver).toBeGreaterThan(0);
  });
});
