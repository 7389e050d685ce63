/** forwarding.ts on a small world: two processes with embedded brokers bridged in a mesh. */
import { describe, expect, it } from 'vitest';
import { onAtBroker } from '../../../src/sim/arrival.js';
import { CopyState } from '../../../src/sim/copyState.js';
import { mayForward, tryForward } from '../../../src/sim/forwarding.js';
import { stateOf } from '../../../src/sim/lifecycle.js';
import { copyOnTheWay, runUntil, smallWorld } from '../../support/smallWorld.js';

const MESH = `
name: forwarding
layout: embedded
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
  - id: c
    consumers: [{ destination: q, processingTime: 1ms }]
embedded: { store: memory, network: mesh }
simulation: { duration: 5s, drain: 1s }
`;

describe('forwarding', () => {
  it('forwards a copy with no local consumer to the bridged broker that has one, creating the bridge', () => {
    const w = smallWorld(MESH);
    expect(w.links.filter((l) => l.kind === 'bridge')).toEqual([]);
    const c = copyOnTheWay(w, 0, 0);
    const m = w.copies.message[c]!;
    onAtBroker(w, c, w.copies.stamp[c]!);
    const bridge = w.links.find((l) => l.kind === 'bridge')!;
    expect(stateOf(bridge.lifecycle)).toBe('active');
    expect(w.copies.state[c]).toBe(CopyState.Free); // non-persistent: it left broker 0 at once
    expect(w.ledger.forwarded).toBe(1);
    // The bridge's own reaction (dispatching at both ends) waits for the loop, not inside dispatch.
    expect(w.notices.map((n) => n.kind)).toEqual(['linkUp']);
    runUntil(w, 100_000);
    expect(w.messages.deliveries[m]).toBe(1);
  });

  it('keeps a copy that used its network hops (networkTTL 1)', () => {
    const w = smallWorld(MESH);
    const c = copyOnTheWay(w, 0, 0);
    w.copies.hops[c] = w.maxHops;
    expect(mayForward(w, w.brokers[0]!, c, 0)).toBe(false);
    expect(tryForward(w, w.brokers[0]!, c, w.now)).toBe(false);
  });
});
