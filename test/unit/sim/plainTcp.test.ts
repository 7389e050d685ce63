/**
 * A plain tcp:// client (`connection: tcp`): no failover transport. When its broker dies the
 * connection is gone for good: every send fails at once (a JMSException), nothing reconnects,
 * until the process restarts. The same topology with failover: rides the failover out.
 */
import { describe, expect, it } from 'vitest';
import { onlyFault, simulateYaml } from '../../support/simulateYaml.js';

function topology(connection: 'tcp' | 'failover', restart = ''): string {
  return `
name: plain-${connection}
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    connection: ${connection}
    producers: [{ destination: work, rate: 100/s, arrival: constant }]
  - id: worker
    consumers: [{ destination: work, processingTime: 1ms }]
cluster: { brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockKeepAlivePeriod: 1s }
faults:
  schedule:
    - { at: 2s, kind: broker-crash, target: broker-0, restartAfter: never }
${restart}
simulation: { duration: 6s, drain: 10s, seed: 1 }
`;
}

describe('plain tcp:// clients', () => {
  it('fail every send after their broker dies and never reconnect', () => {
    const r = simulateYaml(topology('tcp'));
    // 2 s of sends go through; the 4 s after the kill fail at once (about 400 sends).
    expect(r.fates.sendFailed).toBeGreaterThanOrEqual(390);
    expect(r.fates.delivered).toBeLessThanOrEqual(201);
    expect(r.fates.lost).toBe(0);
  });

  it('with failover: the same sends wait for the slave and all arrive', () => {
    const r = simulateYaml(topology('failover'));
    expect(r.fates.sendFailed).toBe(0);
    expect(r.fates.delivered).toBe(r.fates.sent);
    expect(onlyFault(r).failoverUs).toBeGreaterThan(0);
  });

  it('a restarted process connects again, to the one broker its URL names', () => {
    const r = simulateYaml(`
name: plain-restart
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    connection: tcp
    producers: [{ destination: work, rate: 100/s, arrival: constant }]
  - id: worker
    consumers: [{ destination: work, processingTime: 1ms }]
cluster: { brokers: 1, ha: none }
faults:
  schedule:
    - { at: 2s, kind: broker-crash, target: broker-0, restartAfter: 1s }
    - { at: 5s, kind: process-crash, target: shop-0, restartAfter: 0s }
simulation: { duration: 8s, drain: 10s, seed: 1 }
`);
    // Sends fail from 2 s until the application restarts at 5 s (the broker is back at ~3.6 s),
    // then go through again: 2 s before and 3 s after.
    expect(r.fates.sendFailed).toBeGreaterThanOrEqual(290);
    expect(r.fates.sendFailed).toBeLessThanOrEqual(301);
    expect(r.fates.delivered).toBeGreaterThanOrEqual(490);
  });
});
