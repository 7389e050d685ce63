/**
 * MODEL.md, "Fault x configuration", rows for a broker embedded in the application process:
 * the broker dies with its process.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../src/model/defaults.js';
import { onlyFault, simulateYaml } from '../support/simulateYaml.js';

/** One process producing faster than its own consumer keeps up, so its broker holds a backlog. */
function backlogged(opts: {
  store: 'kahadb' | 'memory';
  persistent: boolean;
  sendMode: 'sync' | 'async';
  fault: string;
}): string {
  return `
name: embedded-backlog
layout: embedded
destinations: [{ name: work }]
applications:
  - id: app
    replicas: 2
    producers: [{ destination: work, rate: 200/s, persistent: ${opts.persistent}, sendMode: ${opts.sendMode}, arrival: constant }]
    consumers: [{ destination: work, processingTime: 10ms }]
embedded: { store: ${opts.store}, network: none }
faults:
  schedule:
${opts.fault}
simulation: { duration: 10s, drain: 120s, seed: 3 }
`;
}

describe('an application process crash with an embedded broker', () => {
  it('loses the queued and prefetched messages of a non-persistent broker, and strands none', () => {
    const r = simulateYaml(
      backlogged({
        store: 'memory',
        persistent: false,
        sendMode: 'async',
        fault: '    - { at: 5s, kind: process-crash, target: app-0, restartAfter: 2s }',
      }),
    );
    const f = onlyFault(r);
    expect(f.atRisk).toBeGreaterThan(100); // ~5 s of a 2x backlog
    expect(r.fates.lost).toBeGreaterThan(100);
    expect(f.lost).toBe(r.fates.lost);
    expect(r.fates.stranded).toBe(0);
    expect(r.fates.lostPersistent).toBe(0);
  });

  it('keeps persistent messages in the local store: stranded while the process is down, none lost', () => {
    const r = simulateYaml(
      backlogged({
        store: 'kahadb',
        persistent: true,
        sendMode: 'sync',
        fault: '    - { at: 5s, kind: process-crash, target: app-0, restartAfter: never }',
      }),
    );
    const f = onlyFault(r);
    expect(r.fates.lost).toBe(0);
    expect(r.fates.stranded).toBeGreaterThan(100);
    expect(f.stranded).toBe(r.fates.stranded);
    expect(r.fates.stranded).toBeLessThanOrEqual(f.atRisk);
  });

  it('delivers the stranded messages once the process restarts on the same disk', () => {
    const r = simulateYaml(
      backlogged({
        store: 'kahadb',
        persistent: true,
        sendMode: 'sync',
        fault: '    - { at: 5s, kind: process-crash, target: app-0, restartAfter: 2s }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    expect(r.fates.stranded).toBe(0);
    expect(r.fates.inFlight).toBe(0);
    expect(r.fates.delivered).toBe(r.fates.sent - r.fates.sendFailed);
    // Failover of an embedded broker is the process restart plus the store recovery: the time to
    // open the store and journalReplay per record since the last checkpoint (taken every 5 s, at
    // a drawn phase): at most 5 s of 200 adds and 100 removes a second.
    const { storeRecoveryUs, journalReplayUs } = DEFAULT_COSTS;
    expect(onlyFault(r).failoverUs).toBeGreaterThanOrEqual(2_000_000 + storeRecoveryUs);
    expect(onlyFault(r).failoverUs).toBeLessThan(
      2_000_000 + storeRecoveryUs + 5 * 300 * journalReplayUs + 20_000,
    );
  });

  it('loses every unconsumed persistent message of the process when its disk is lost', () => {
    const r = simulateYaml(
      backlogged({
        store: 'kahadb',
        persistent: true,
        sendMode: 'sync',
        fault: '    - { at: 5s, kind: disk-loss, target: app-0, restartAfter: 10s }',
      }),
    );
    const f = onlyFault(r);
    expect(f.atRisk).toBeGreaterThan(100);
    expect(r.fates.lost).toBeGreaterThan(100);
    expect(r.fates.lostPersistent).toBe(r.fates.lost);
    expect(r.fates.stranded).toBe(0);
  });

  it('loses the store at every restart when it lives on ephemeral container storage', () => {
    const yaml = backlogged({
      store: 'kahadb',
      persistent: true,
      sendMode: 'sync',
      fault: '    - { at: 5s, kind: process-crash, target: app-0, restartAfter: 10s }',
    }).replace('network: none', 'network: none, ephemeralStorage: true');
    const r = simulateYaml(yaml);
    expect(r.fates.lost).toBeGreaterThan(100);
    expect(r.fates.stranded).toBe(0);
  });
});
