/** arrival.ts on a small world: a copy reaching a broker that is up, down, or already has it. */
import { describe, expect, it } from 'vitest';
import { onAtBroker } from '../../../src/sim/arrival.js';
import { killBroker } from '../../../src/sim/brokers.js';
import { CopyState } from '../../../src/sim/copyState.js';
import { Ev } from '../../../src/sim/events.js';
import { Journal, Outcome } from '../../../src/sim/messages.js';
import { sendOver } from '../../../src/sim/network.js';
import { copyOnTheWay, smallWorld } from '../../support/smallWorld.js';

const topology = (type: 'queue' | 'topic', persistent: boolean) => `
name: arrival
layout: central
destinations: [{ name: d, type: ${type} }]
applications:
  - id: p
    producers: [{ destination: d, rate: 1/s, arrival: constant, persistent: ${persistent} }]
cluster: { brokers: 1, ha: none, store: kahadb }
simulation: { duration: 5s, drain: 1s }
`;

describe('arrival', () => {
  it('a copy reaching a dead broker is lost on the way, attributed to the fault that killed it', () => {
    const w = smallWorld(topology('queue', false));
    const c = copyOnTheWay(w, 0, 0);
    const m = w.copies.message[c]!;
    w.faults.push({ index: 0 } as never);
    killBroker(w, w.brokers[0]!, 'kill', 0);
    onAtBroker(w, c, w.copies.stamp[c]!);
    expect(w.copies.state[c]).toBe(CopyState.Free);
    expect(w.messages.fault[m]).toBe(0);
  });

  it('a persistent copy is queued for the journal, a non-persistent one waits in memory', () => {
    const persistent = smallWorld(topology('queue', true));
    const c = copyOnTheWay(persistent, 0, 0);
    onAtBroker(persistent, c, persistent.copies.stamp[c]!);
    expect(persistent.copies.state[c]).toBe(CopyState.Journaling);
    expect(persistent.copies.journal[c]).toBe(Journal.Queued);
    const memory = smallWorld(topology('queue', false));
    const c2 = copyOnTheWay(memory, 0, 0);
    onAtBroker(memory, c2, memory.copies.stamp[c2]!);
    expect(memory.copies.journal[c2]).toBe(Journal.None);
    expect(memory.brokers[0]!.pending[0]!.length).toBe(1);
  });

  it('a topic message without a subscriber is discarded by design', () => {
    const w = smallWorld(topology('topic', false));
    const c = copyOnTheWay(w, 0, 0);
    const m = w.copies.message[c]!;
    onAtBroker(w, c, w.copies.stamp[c]!);
    expect(w.messages.outcome[m]).toBe(Outcome.Discarded);
    expect(w.copies.state[c]).toBe(CopyState.Free);
  });

  it('ignores an event with a stale stamp', () => {
    const w = smallWorld(topology('queue', false));
    const c = copyOnTheWay(w, 0, 0);
    onAtBroker(w, c, w.copies.stamp[c]! - 1);
    expect(w.copies.state[c]).toBe(CopyState.Arriving);
  });
});

describe('stamps', () => {
  it('refuses to schedule an event about a copy with a stamp that is already stale', () => {
    const w = smallWorld(topology('queue', false));
    const c = copyOnTheWay(w, 0, 0);
    const stamp = w.copies.stamp[c]!;
    w.copies.restamp(c);
    expect(() => sendOver(w, -1, 'up', w.now + 1, Ev.AtBroker, c, stamp)).toThrow('stale stamp');
    w.copies.free(c);
    expect(() => sendOver(w, -1, 'up', w.now + 1, Ev.AtBroker, c, 0)).toThrow('stale stamp');
  });
});
