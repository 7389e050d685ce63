/** The cost-model throughput ceiling, worked out by hand for the bundled topologies. */
import { describe, expect, it } from 'vitest';
import { throughputCeiling } from '../../../src/compare/throughputCeiling.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import { loadInline } from '../../support/simulateYaml.js';

async function bundled(name: string) {
  const r = await loadTopologyFile(`topologies/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.topology;
}

describe('throughputCeiling', () => {
  it('central-cluster: each sync send waits for an NFS fsync', async () => {
    // tcp hop 100 + 2 (marshal 1KiB both ways) + receipt 100 + CPU 12 + journal write 50 + fsync 10,000 = 10,264 us
    // at 10/s a producer is 10.264% busy: the load can grow 1 / 0.10264 times, to 9,743 msg/s.
    expect(throughputCeiling(await bundled('central-cluster'))).toEqual({
      messagesPerSecond: 9743,
      bottleneck: 'sync-send',
      bottleneckUs: 10264,
    });
  });

  it('embedded-per-process: the 2 ms consumers saturate first', async () => {
    // Each of 100 consumers takes 2 ms a message: 500/s each, 50,000/s in all.
    expect(throughputCeiling(await bundled('embedded-per-process'))).toEqual({
      messagesPerSecond: 50000,
      bottleneck: 'consumer',
      bottleneckUs: 2000,
    });
  });

  it('a single central broker with async sends is bound by its CPU', () => {
    const t = loadInline(`
name: cpu
layout: central
destinations: [{ name: q }]
applications:
  - id: app
    replicas: 10
    producers: [{ destination: q, rate: 100/s, persistent: false, sendMode: async }]
    consumers: [{ destination: q, processingTime: 10us }]
cluster: { brokers: 1, ha: none }
costs: { brokerCpu: 100us }
`);
    // 1,000 msg/s x 100 us = 10% busy: ceiling 10,000 msg/s.
    expect(throughputCeiling(t)).toEqual({
      messagesPerSecond: 10000,
      bottleneck: 'broker-cpu',
      bottleneckUs: 100,
    });
  });

  it('is zero without producers', () => {
    const t = loadInline(`
name: idle
layout: central
destinations: [{ name: q }]
applications: [{ id: app, consumers: [{ destination: q }] }]
cluster: { brokers: 1, ha: none }
`);
    expect(throughputCeiling(t)).toEqual({ messagesPerSecond: 0, bottleneck: 'none', bottleneckUs: 0 });
  });
});
