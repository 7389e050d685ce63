/**
 * Application downtime: the time an application process is dead while requests arrive (the send
 * phase). A crashed embedded process has no blocked producer (its own producer died with it),
 * so its send gap is 0 s; its downtime says what its users saw.
 */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

function topology(layout: 'embedded' | 'central', fault: string): string {
  const broker =
    layout === 'embedded'
      ? 'embedded: { store: kahadb, network: mesh, duplex: true }'
      : 'cluster: { brokers: 1, ha: none, store: kahadb }';
  return `
name: ${layout}
layout: ${layout}
destinations: [{ name: work }]
applications:
  - id: shop
    replicas: 3
    restartTime: 7s
    producers: [{ destination: work, rate: 50/s, persistent: true }]
    consumers: [{ destination: work, processingTime: 1ms }]
${broker}
faults:
  schedule:
    - ${fault}
simulation: { duration: 20s, drain: 10s, seed: 3 }
`;
}

describe('application downtime', () => {
  for (const layout of ['embedded', 'central'] as const) {
    it(`${layout}: a crashed process is down until it restarts, whatever its send gap`, () => {
      const r = simulateYaml(topology(layout, '{ at: 5s, kind: process-crash, target: shop-1 }'));
      expect(r.applicationDowntime).toEqual({
        windows: 1,
        totalUs: 7_000_000,
        maxUs: 7_000_000,
        byProcess: [
          { process: 'shop-1', windows: 1, totalUs: 7_000_000, maxUs: 7_000_000, stillDown: false },
        ],
      });
    });

    it(`${layout}: a process that never comes back is down until the sends end`, () => {
      const r = simulateYaml(
        topology(layout, '{ at: 12s, kind: process-crash, target: shop-0, restartAfter: never }'),
      );
      expect(r.applicationDowntime.maxUs).toBe(8_000_000);
      expect(r.applicationDowntime.byProcess[0]!.stillDown).toBe(true);
    });
  }

  it('counts only the send phase: no request arrives after it', () => {
    const r = simulateYaml(topology('embedded', '{ at: 18s, kind: process-crash, target: shop-2 }'));
    expect(r.applicationDowntime.maxUs).toBe(2_000_000);
  });

  it('embedded: the send gap misses the outage that the downtime shows', () => {
    const r = simulateYaml(
      topology('embedded', '{ at: 5s, kind: process-crash, target: shop-1, restartAfter: never }'),
    );
    expect(Math.max(r.unavailability.maxUs, r.unavailability.stillBlockedMaxUs)).toBe(0);
    expect(r.applicationDowntime.maxUs).toBeGreaterThan(0);
  });
});
