/** links.ts on a small world: a client with a failover: connection to a shared-store pair. */
import { describe, expect, it } from 'vitest';
import { brokerState } from '../../../src/sim/brokerState.js';
import { killBroker } from '../../../src/sim/brokers.js';
import { tcpControlUs } from '../../../src/sim/costs.js';
import { stateOf } from '../../../src/sim/lifecycle.js';
import { startLink } from '../../../src/sim/links.js';
import { drainNotices } from '../../../src/sim/notices.js';
import { runUntil, smallWorld } from '../../support/smallWorld.js';

const PAIR = `
name: links
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: c
    consumers: [{ destination: q, processingTime: 1ms }]
cluster: { brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockKeepAlivePeriod: 1s }
simulation: { duration: 30s, drain: 1s }
`;

describe('links', () => {
  it('connects to the active master; the consumers attach only when the notice is drained', () => {
    const w = smallWorld(PAIR, { boot: false });
    expect(w.brokers.map(brokerState)).toEqual(['active', 'slave']);
    const link = w.links[0]!;
    startLink(w, link);
    expect(stateOf(link.lifecycle)).toBe('connected');
    expect(link.broker).toBe(0);
    expect(w.consumers[0]!.broker).toBe(-1);
    expect(w.notices).toEqual([{ kind: 'linkUp', link: 0, epoch: link.epoch }]);
    drainNotices(w);
    expect(w.consumers[0]!.broker).toBe(0);
  });

  it("notices a killed broker after its process's teardown and a round trip, backs off, and fails over to the new master", () => {
    const w = smallWorld(PAIR);
    const link = w.links[0]!;
    killBroker(w, w.brokers[0]!, 'kill', -1);
    expect(link.broker).toBe(0); // the client has not noticed yet
    const noticedAt = w.now + w.costs.killTeardownUs + 2 * tcpControlUs(w.costs);
    runUntil(w, noticedAt - 1);
    expect(stateOf(link.lifecycle)).toBe('connected');
    runUntil(w, noticedAt);
    expect(stateOf(link.lifecycle)).toBe('backoff');
    expect(link.broker).toBe(-1);
    expect(w.consumers[0]!.broker).toBe(-1);
    runUntil(w, 10_000_000); // the slave takes the free lock within a second, recovers, and the client retries
    expect(brokerState(w.brokers[1]!)).toBe('active');
    expect(link.broker).toBe(1);
    expect(w.consumers[0]!.broker).toBe(1);
  });

  it("starts a new connection with idle transport threads: the dead connection's backlog is not waited for", () => {
    const w = smallWorld(PAIR);
    const link = w.links[0]!;
    // The old connection's threads were busy far ahead (writes into a dead broker's buffers).
    link.upFreeUs = w.now + 60_000_000;
    link.downFreeUs = w.now + 60_000_000;
    killBroker(w, w.brokers[0]!, 'kill', -1);
    runUntil(w, 10_000_000);
    expect(link.broker).toBe(1);
    // A new socket has its own reader and writer threads (TcpTransport per connection).
    expect(link.upFreeUs).toBeLessThanOrEqual(w.now);
    expect(link.downFreeUs).toBeLessThanOrEqual(w.now);
  });
});
