/**
 * Sends whose outcome is unknown (the producer stopped waiting after the message went out) are
 * their own category, as in Jepsen's queue checker: never folded into sent or failed. Each ends
 * recovered (delivered after all), gone, or still held, and those add up.
 */
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../../src/sim/result.js';
import { simulateYaml } from '../../support/simulateYaml.js';

function central(o: { timeout: string; sendMode?: string; restart?: string; processing?: string }): string {
  return `
name: central
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    replicas: 4
    producers: [{ destination: work, rate: 200/s, persistent: true, sendMode: ${o.sendMode ?? 'sync'}, arrival: constant }]
  - id: worker
    replicas: 2
    consumers: [{ destination: work, processingTime: ${o.processing ?? '1ms'} }]
cluster:
  brokers: 1
  ha: none
  store: kahadb
  disk: hdd
  restartTime: 5s
failover: { randomize: false, timeout: ${o.timeout} }
faults:
  schedule:
    - { at: 10.0004s, kind: broker-crash, target: broker-0, restartAfter: ${o.restart ?? '5s'} }
simulation: { duration: 20s, drain: 120s, seed: 5 }
`;
}

function expectConserved(r: SimResult): void {
  const f = r.fates;
  const u = r.outcomeUnknown;
  expect(u.sends).toBe(u.recovered + u.gone + u.held);
  expect(f.unknown).toBe(u.gone);
  expect(
    f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown + f.deadLettered + f.discarded,
  ).toBe(f.sent + f.fanout);
}

describe('a send whose failover timeout expires after the message went out', () => {
  it('has an unknown outcome: neither failed nor silently delivered', () => {
    // Each producer has one sync send in flight when the broker dies (an hdd fsync keeps it
    // waiting for the journal); the broker is down 5 s, the timeout is 1 s.
    const r = simulateYaml(central({ timeout: '1s' }));
    expect(r.outcomeUnknown.sends).toBeGreaterThan(0);
    expect(r.outcomeUnknown.sends).toBeLessThanOrEqual(4);
    // Sends tried while no broker could be reached never left: those failed, and the producer knows.
    expect(r.fates.sendFailed).toBeGreaterThan(0);
    expectConserved(r);
  });

  it('is recovered when the restarted broker delivers what it had stored', () => {
    const r = simulateYaml(central({ timeout: '1s' }));
    // KahaDB with sync always: what was journaled before the crash comes back after the restart.
    expect(r.outcomeUnknown.recovered + r.outcomeUnknown.gone).toBe(r.outcomeUnknown.sends);
    expect(r.outcomeUnknown.recovered).toBeGreaterThan(0);
  });

  it('is held when the broker never comes back', () => {
    const r = simulateYaml(central({ timeout: '1s', restart: 'never' }));
    expect(r.outcomeUnknown.recovered).toBe(0);
    expect(r.outcomeUnknown.held + r.outcomeUnknown.gone).toBe(r.outcomeUnknown.sends);
    expect(r.outcomeUnknown.sends).toBeGreaterThan(0);
    expectConserved(r);
  });

  it('never arises without a timeout: the send blocks until the broker is back', () => {
    const r = simulateYaml(central({ timeout: 'none' }));
    expect(r.outcomeUnknown).toEqual({ sends: 0, recovered: 0, gone: 0, held: 0 });
    expect(r.fates.sendFailed).toBe(0);
    expectConserved(r);
  });
});
