/** The cost-model throughput ceiling, worked out by hand for the bundled topologies. */
import { describe, expect, it } from 'vitest';
import { throughputCeiling } from '../../../src/compare/throughputCeiling.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { simulate } from '../../../src/sim/simulate.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import { loadInline } from '../../support/simulateYaml.js';

async function bundled(name: string) {
  const r = await loadTopologyFile(`topologies/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.topology;
}

describe('throughputCeiling', () => {
  it('central-cluster: the billing consumers saturate before the NFS-bound sends', async () => {
    // Offered: 100 web x 5/s orders + 5 billing x 10/s invoices = 550 msg/s.
    // A sync send: tcp hop 100 + 2 (marshal 1KiB both ways) + receipt 100 + two transport reads
    // 10 + CPU 4 + the fsync of its batch 10,000 = 10,216 us; the busiest sender, billing at
    // 10/s, is 10.216% busy.
    // The 500 orders/s are shared by 5 billing consumers: 100/s x 9.8 ms = 98% busy.
    // The broker: 550/s x 4 us = 0.22%. The ceiling: 550 / 0.98 = 561.2 msg/s.
    expect(throughputCeiling(await bundled('central-cluster'))).toEqual({
      messagesPerSecond: 561,
      bottleneck: 'consumer',
      bottleneckUs: 9800,
    });
  });

  it('embedded-per-process: the same billing consumers, whatever the transport', async () => {
    // vm:// sends wait for an 800 us ssd fsync (~0.9 ms a cycle, 1% busy at 10/s); each embedded
    // broker carries its own process's sends only. The billing consumers are still 98% busy.
    expect(throughputCeiling(await bundled('embedded-per-process'))).toEqual({
      messagesPerSecond: 561,
      bottleneck: 'consumer',
      bottleneckUs: 9800,
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

  it("an async vm:// sender is busy for its own part of the hop only: the broker's thread bounds it", () => {
    const t = (type: string) =>
      loadInline(`
name: vm-pace
layout: embedded
embedded: { store: memory }
destinations: [{ name: q }]
applications:
  - id: app
    producers: [{ destination: q, mode: closed-loop, persistent: false, messageType: ${type} }]
    consumers: [{ destination: q, processingTime: 0s }]
costs: { vmHop: 40us, brokerCpu: 5us, objectSerializationPerKiB: 20us }
`);
    // 1 KiB text: the sender's clone, 0.5 us (1 us at least), against the broker's 5 us.
    expect(throughputCeiling(t('text'))).toEqual({
      messagesPerSecond: 200000,
      bottleneck: 'broker-cpu',
      bottleneckUs: 5,
    });
    // An ObjectMessage is serialized on the sending thread too: 0.5 + 10 us, 11 whole us.
    expect(throughputCeiling(t('object'))).toEqual({
      messagesPerSecond: 90909,
      bottleneck: 'async-send',
      bottleneckUs: 11,
    });
  });

  it('a tcp:// connection carries one command per tcpConnection each way, not per tcpTransport', () => {
    const t = (transport: string) =>
      loadInline(`
name: connection
layout: central
destinations: [{ name: q }]
applications:
  - id: shop
    producers: [{ destination: q, rate: 1000/s, persistent: false, sendMode: async }]
  - id: worker
    consumers: [{ destination: q, processingTime: 0s }]
cluster: { brokers: 1, ha: none }
costs: { brokerCpu: 1us, tcpTransport: ${transport}, tcpConnection: 100us }
`);
    // 1,000 sends a second x 100 us = 10% of the shop's connection: ceiling 10,000 msg/s. The
    // reader's 5 us on each message's path is within that time, not on top of it.
    expect(throughputCeiling(t('5us'))).toEqual({
      messagesPerSecond: 10000,
      bottleneck: 'connection',
      bottleneckUs: 100,
    });
    // A command holds its thread at least for its time on the path.
    expect(throughputCeiling(t('200us'))).toMatchObject({ messagesPerSecond: 5000, bottleneckUs: 200 });
  });

  it('async persistent sends to a KahaDB broker are bound by its store thread, sync ones are not', () => {
    const t = (sendMode: string, store: string, ha = 'none') =>
      loadInline(`
name: store-thread
layout: central
destinations: [{ name: q }]
applications:
  - id: app
    replicas: 10
    producers: [{ destination: q, rate: 100/s, persistent: true, sendMode: ${sendMode} }]
    consumers: [{ destination: q, processingTime: 10us }]
cluster: { brokers: 1, ha: ${ha}, store: ${store}, journalDiskSyncStrategy: never }
costs: { storeRecord: 500us }
`);
    // 1,000 msg/s x 500 us = 50% busy: ceiling 2,000 msg/s, the store thread the bottleneck.
    expect(throughputCeiling(t('async', 'kahadb'))).toEqual({
      messagesPerSecond: 2000,
      bottleneck: 'store-thread',
      bottleneckUs: 500,
    });
    expect(throughputCeiling(t('sync', 'kahadb')).bottleneck).not.toBe('store-thread');
    expect(throughputCeiling(t('async', 'jdbc', 'jdbc')).bottleneck).not.toBe('store-thread');
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

const batch = (producer: string, consumers = 'processingTime: 0s', sync = 'always') =>
  loadInline(`
name: batch
layout: central
cluster: { brokers: 1, ha: none, disk: ssd, journalDiskSyncStrategy: ${sync} }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [${producer}]
  - id: worker
    consumers: [{ destination: work, ${consumers} }]
`);

describe('throughput ceiling of closed-loop producers', () => {
  it('one sync thread reaches one send cycle at a time (its own bound)', () => {
    const c = throughputCeiling(batch('{ destination: work, mode: closed-loop }'));
    expect(c.bottleneck).toBe('sync-send');
    expect(c.messagesPerSecond).toBe(Math.round(1e6 / c.bottleneckUs));
  });

  it('more threads reach more, until another resource is the busiest', () => {
    const one = throughputCeiling(batch('{ destination: work, mode: closed-loop }'));
    const four = throughputCeiling(batch('{ destination: work, mode: closed-loop, inFlight: 4 }'));
    expect(four.messagesPerSecond).toBeCloseTo(4 * one.messagesPerSecond, -1);
    const slow = throughputCeiling(
      batch('{ destination: work, mode: closed-loop, inFlight: 4 }', 'processingTime: 10ms'),
    );
    expect(slow).toMatchObject({ bottleneck: 'consumer', messagesPerSecond: 100 });
  });
});

describe('throughput ceiling of the journal', () => {
  const persistent = (sync: string) =>
    batch('{ destination: work, mode: closed-loop, persistent: true }', undefined, sync);

  it("a sync send waits for its batch's fsync (the write is part of it), and with periodic for nothing", () => {
    // tcp hop 102 + receipt 100 + two transport reads 10 + CPU 4 = 216 us, + fsync 800 with always.
    expect(throughputCeiling(persistent('always'))).toEqual({
      messagesPerSecond: 984,
      bottleneck: 'sync-send',
      bottleneckUs: 1016,
    });
    // periodic / never: the broker answers once the record is in the journal's next batch.
    expect(throughputCeiling(persistent('periodic'))).toEqual({
      messagesPerSecond: 4630,
      bottleneck: 'sync-send',
      bottleneckUs: 216,
    });
  });

  it('a journal batch holds up to 4 MiB: many threads of 1 MiB messages share an fsync four at a time', () => {
    // Embedded (vm://): 64 threads of 5 + 512 (clone) + 5 + 4 + 800 us cycles offer 48,265
    // msg/s; the journal takes at most 4 MiB an 800 us fsync: 5,000 msg/s, 200 us a message.
    const t = loadInline(`
name: journal
layout: embedded
embedded: { disk: ssd, journalDiskSyncStrategy: always }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, inFlight: 64, persistent: true, size: 1MiB }]
    consumers: [{ destination: work, processingTime: 0s }]
simulation: { duration: 300ms, drain: 1s, seed: 1 }
`);
    expect(throughputCeiling(t)).toEqual({
      messagesPerSecond: 5000,
      bottleneck: 'journal',
      bottleneckUs: 200,
    });
    // KahaDB's batch stays below 4 MiB: three 1 MiB records an fsync, 3,750 msg/s at most.
    const r = simulate(buildPlan(t));
    expect(r.throughput.deliveredPerSecond).toBeLessThanOrEqual(3750);
    expect(r.throughput.deliveredPerSecond).toBeGreaterThan(2500);
  });

  it('with periodic, the page-cache writer bounds what is acknowledged: 4 MiB a 50 us write', () => {
    // The same 64 threads, now without the fsync: 526 us cycles offer 121,673 msg/s, the CPU
    // takes 250,000, the journal 4 MiB (four 1 MiB records) every 50 us: 80,000, 12.5 us each. The
    // simulation stays below (three records a batch: 60,000; test/unit/sim/journal.test.ts).
    const t = loadInline(`
name: journal
layout: embedded
embedded: { journalDiskSyncStrategy: periodic }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, inFlight: 64, persistent: true, size: 1MiB }]
    consumers: [{ destination: work, processingTime: 0s }]
`);
    expect(throughputCeiling(t)).toEqual({
      messagesPerSecond: 80000,
      bottleneck: 'journal',
      bottleneckUs: 12.5,
    });
  });
});
