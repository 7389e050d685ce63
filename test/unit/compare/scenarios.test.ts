/** The fault scenarios hit equivalent targets in every layout, at the same seeded moment. */
import { describe, expect, it } from 'vitest';
import { faultTimeUs, scenarioSchedule, scenarioTarget } from '../../../src/compare/scenarios.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { loadInline } from '../../support/simulateYaml.js';

const APP = `
destinations: [{ name: orders, type: queue }]
applications:
  - id: web
    replicas: 2
    consumers: [{ destination: orders }]
  - id: orders
    replicas: 3
    producers: [{ destination: orders, rate: 10/s }]
`;

const plan = (yaml: string) => buildPlan(loadInline(yaml));
const embedded = plan(`name: e\nlayout: embedded\n${APP}`);
const central = plan(
  `name: c\nlayout: central\n${APP}cluster: { brokers: 2, ha: shared-store, store: kahadb, disk: nfs }\n`,
);
const network = plan(`name: n\nlayout: central\n${APP}cluster: { brokers: 3, ha: network-of-brokers }\n`);
const memory = plan(`name: m\nlayout: embedded\n${APP}embedded: { store: memory }\n`);
/** Embedded brokers bridged to a hub: a shared-store pair that is as much a broker cluster as a central one. */
const hub = plan(
  `name: h\nlayout: embedded\n${APP}embedded: { network: hub }\ncluster: { brokers: 2, ha: shared-store }\n`,
);

describe('scenario targets', () => {
  it('crash the first process of the first producing application', () => {
    for (const t of [embedded, central, network])
      expect(scenarioTarget(t, 'process-crash')).toEqual({ kind: 'process-crash', target: 'orders-0' });
  });

  it('crash the starting master only where separate brokers exist', () => {
    expect(scenarioTarget(embedded, 'broker-crash')).toBeNull();
    expect(scenarioTarget(central, 'broker-crash')).toEqual({ kind: 'broker-crash', target: 'broker-0' });
  });

  it("fault a hub's brokers and its store as a central cluster's", () => {
    expect(scenarioTarget(hub, 'broker-crash')).toEqual({ kind: 'broker-crash', target: 'broker-0' });
    expect(scenarioTarget(hub, 'power-loss')).toEqual({ kind: 'power-loss', target: 'broker-0' });
    expect(scenarioTarget(hub, 'disk-loss')).toEqual({ kind: 'disk-loss', target: 'shared-store' });
  });

  it("cut power to the master's host, or without a cluster to the crashed process's host", () => {
    expect(scenarioTarget(central, 'power-loss')?.target).toBe('broker-0');
    expect(scenarioTarget(embedded, 'power-loss')?.target).toBe('orders-0');
  });

  it("destroy the cluster's store, or the process's own, and only a persistent one", () => {
    expect(scenarioTarget(central, 'disk-loss')?.target).toBe('shared-store');
    expect(scenarioTarget(network, 'disk-loss')?.target).toBe('broker-0');
    expect(scenarioTarget(embedded, 'disk-loss')?.target).toBe('orders-0');
    expect(scenarioTarget(memory, 'disk-loss')).toBeNull();
  });

  it('schedule one fault that never restarts, and keep the declared schedule for `declared`', () => {
    expect(scenarioSchedule(central, 'broker-crash', 7e6)).toEqual([
      {
        atUs: 7e6,
        kind: 'broker-crash',
        target: 'broker-0',
        peer: null,
        oneWay: false,
        durationUs: 0,
        restartAfterUs: -1,
        slowdownFactor: 1,
      },
    ]);
    expect(scenarioSchedule(central, 'baseline', 7e6)).toEqual([]);
    expect(scenarioSchedule(embedded, 'declared', 7e6)).toBe(embedded.topology.faults.schedule);
  });
});

describe('faultTimeUs', () => {
  it('falls after the warm-up in the first half of the send phase, the same for a seed every time', () => {
    const times = Array.from({ length: 50 }, (_, seed) => faultTimeUs(seed, 60e6, 5e6));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(12e6);
      expect(t).toBeLessThanOrEqual(30e6);
    }
    expect(new Set(times).size).toBeGreaterThan(40);
    expect(faultTimeUs(3, 60e6, 5e6)).toBe(times[3]);
  });

  it('stays inside a short run', () => {
    expect(faultTimeUs(1, 10, 50)).toBeLessThan(10);
  });
});
