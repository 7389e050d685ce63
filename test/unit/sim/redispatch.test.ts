/**
 * A consumer that dies (or whose connection breaks) with unacknowledged messages: the broker
 * re-dispatches them to the other consumers at once (MODEL.md: "re-dispatched to others at
 * once"); the client RedeliveryPolicy delay applies to rollback / recover only.
 */
import { describe, expect, it } from 'vitest';
import { detachConsumer } from '../../../src/sim/consumers.js';
import { CopyState } from '../../../src/sim/copyState.js';
import { arrive, runUntil, smallWorld } from '../../support/smallWorld.js';

const TWO_CONSUMERS = `
name: redispatch
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: a
    consumers: [{ destination: q, processingTime: 10ms, prefetch: 5 }]
  - id: b
    consumers: [{ destination: q, processingTime: 10ms, prefetch: 5 }]
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
cluster: { brokers: 1, ha: none }
costs: { redeliveryDelay: 5s }
simulation: { duration: 5s, drain: 1s }
`;

describe("re-dispatch of a dead consumer's messages", () => {
  it('goes to the other consumer at once, not after the redelivery delay', () => {
    const w = smallWorld(TWO_CONSUMERS);
    const [a, b] = [w.consumers[0]!, w.consumers[1]!];
    const c = arrive(w);
    const holder = w.copies.consumer[c]!;
    detachConsumer(w, holder === a.id ? a : b, 'crash', -1);
    runUntil(w, w.now + 1000); // well within the 5 s delay
    expect(w.copies.state[c]).toBe(CopyState.Dispatched);
    expect(w.copies.consumer[c]).toBe(holder === a.id ? b.id : a.id);
    expect(w.ledger.redeliveries).toBe(1);
  });
});
