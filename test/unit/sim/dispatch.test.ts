/** dispatch.ts on a small world: one central broker, two consumers with a prefetch of one. */
import { describe, expect, it } from 'vitest';
import { CopyState } from '../../../src/sim/copyState.js';
import { dispatchPending, redeliver } from '../../../src/sim/dispatch.js';
import { Outcome } from '../../../src/sim/messages.js';
import { arrive, runUntil, smallWorld } from '../../support/smallWorld.js';

const CENTRAL = `
name: dispatch
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: c
    replicas: 2
    consumers: [{ destination: q, processingTime: 10ms, prefetch: 1 }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
cluster: { brokers: 1, ha: none }
simulation: { duration: 5s, drain: 1s }
`;

describe('dispatch', () => {
  it('hands copies to the attached consumers in turn, then queues them when every prefetch is full', () => {
    const w = smallWorld(CENTRAL);
    const b = w.brokers[0]!;
    expect(b.consumersByDest[0]).toEqual([0, 1]);
    const [c1, c2, c3] = [arrive(w), arrive(w), arrive(w)];
    expect([w.copies.consumer[c1], w.copies.consumer[c2], w.copies.consumer[c3]]).toEqual([0, 1, -1]);
    expect(b.pending[0]!.length).toBe(1);
    expect(w.consumers.map((k) => k.inflight)).toEqual([1, 1]);
  });

  it('an ack frees the window and the queued copy goes to that consumer', () => {
    const w = smallWorld(CENTRAL);
    // Consumer 0 gets its copy 1 ms before consumer 1, far more than the hops' jitter: it acks first.
    const c1 = arrive(w);
    runUntil(w, 1_000);
    const [, c3] = [arrive(w), arrive(w)];
    const m1 = w.copies.message[c1]!;
    runUntil(w, 50_000);
    expect(w.messages.deliveries[m1]).toBe(1);
    expect(w.copies.consumer[c3]).toBe(0);
    expect(w.brokers[0]!.pending[0]!.length).toBe(0);
  });

  it('dispatchPending skips a queue entry whose copy has moved on', () => {
    const w = smallWorld(CENTRAL);
    const b = w.brokers[0]!;
    arrive(w);
    arrive(w);
    const c3 = arrive(w);
    w.copies.free(c3); // settled elsewhere meanwhile: its slot's generation no longer matches
    w.consumers[0]!.inflight = 0;
    dispatchPending(w, b, 0);
    expect(b.pending[0]!.length).toBe(0);
  });

  it('moves a copy to the DLQ once it was redelivered too often', () => {
    const w = smallWorld(CENTRAL);
    const b = w.brokers[0]!;
    const c = arrive(w);
    const m = w.copies.message[c]!;
    w.copies.dispatches[c] = w.costs.maxRedeliveries + 1;
    redeliver(w, b, c, -1);
    expect(w.messages.outcome[m]).toBe(Outcome.DeadLetter);
    expect(w.copies.state[c]).toBe(CopyState.Free);
  });
});

/** A broker far slower than its consumer: its CPU, not the consumer's prefetch, paces deliveries. */
const SLOW_BROKER = `
name: slow-broker
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: c
    consumers: [{ destination: q, processingTime: 0s, prefetch: 1 }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
cluster: { brokers: 1, ha: none, store: memory }
costs: { brokerCpu: 1ms }
simulation: { duration: 5s, drain: 1s }
`;

describe('a copy parked in the pending list', () => {
  it('is not dispatched before the broker CPU time it was charged is spent', () => {
    const w = smallWorld(SLOW_BROKER);
    // Three copies at once: the CPU finishes them about 1, 2 and 3 ms later; the prefetch of one parks two.
    const copies = [arrive(w), arrive(w), arrive(w)];
    const messages = copies.map((c) => w.copies.message[c]!);
    const cpuDone = copies.map((c) => w.copies.readyUs[c]!);
    expect(cpuDone[1]).toBeGreaterThan(1_000);
    expect(w.brokers[0]!.pending[0]!.length).toBe(2);
    const started: number[] = [];
    for (let t = 0; t <= 10_000 && started.length < 3; t += 10) {
      runUntil(w, t);
      for (const [i, m] of messages.entries())
        if (started[i] === undefined && w.messages.deliveries[m]! > 0) started[i] = t;
    }
    // The ack of the first frees the window long before the second copy's CPU time is over.
    expect(started[1]).toBeGreaterThanOrEqual(cpuDone[1]!);
    expect(started[2]).toBeGreaterThanOrEqual(cpuDone[2]!);
  });
});
