/**
 * buildPlan on small topologies whose figures are computed by hand (issue 2's acceptance:
 * 100 embedded processes -> 100 stores, a shared-store pair -> 1 store, a 50-process mesh ->
 * 1,225 bridges, ...).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import type { Plan } from '../../../src/plan/types.js';
import { formatLoadError } from '../../../src/topology/issues.js';
import { loadTopologyText } from '../../../src/topology/load.js';

function plan(yaml: string): Plan {
  const result = loadTopologyText(yaml, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatLoadError).join('\n'));
  return buildPlan(result.topology);
}

/** One application `orders` of `replicas` processes that produce and consume `orders`. */
function ordersApp(replicas: number): string {
  return `
destinations:
  - name: orders
applications:
  - id: orders
    replicas: ${replicas}
    producers: [{ destination: orders, rate: 10/s }]
    consumers: [{ destination: orders }]
`;
}

describe('buildPlan: embedded brokers', () => {
  it('100 processes embedding KahaDB brokers: 100 stores, 100 brokers, 100 deployment units', () => {
    const p = plan(`
name: embedded-100
layout: embedded
${ordersApp(100)}
embedded: { store: kahadb }
`);
    expect(p.figures.applicationProcesses).toBe(100);
    expect(p.figures.deploymentUnits).toBe(100);
    expect(p.figures.brokerInstances).toBe(100);
    expect(p.figures.embeddedBrokers).toBe(100);
    expect(p.figures.clusterBrokers).toBe(0);
    expect(p.figures.persistentStores).toBe(100);
    expect(p.stores).toHaveLength(100);
    expect(p.figures.bridges).toBe(0);
    expect(p.figures.clientConnections).toBe(100);
    expect(p.figures.vmConnections).toBe(100);
    expect(p.figures.tcpConnections).toBe(0);
    expect(p.stores[3]).toMatchObject({
      name: 'store-orders-3',
      kind: 'kahadb',
      persistent: true,
      brokers: ['orders-3'],
    });
    expect(p.brokers[3]).toMatchObject({
      name: 'orders-3',
      placement: 'embedded',
      process: 'orders-3',
      role: 'embedded',
    });
    expect(p.connections[3]).toMatchObject({
      process: 'orders-3',
      transport: 'vm',
      uri: 'vm://orders-3?create=false',
    });
    // 100 processes x 10/s x 1 KiB, journaled once each.
    expect(p.figures.messagesPerSecond).toBe(1000);
    expect(p.figures.persistedBytesPerSecond).toBe(1000 * 1024);
  });

  it('a 50-process embedded mesh needs 50 x 49 / 2 = 1,225 duplex bridges', () => {
    const p = plan(`
name: mesh-50
layout: embedded
${ordersApp(50)}
embedded: { network: mesh }
`);
    expect(p.figures.bridges).toBe(1225);
    expect(p.bridgeSets).toEqual([expect.objectContaining({ kind: 'mesh', duplex: true, bridges: 1225 })]);
    expect(p.figures.deploymentUnits).toBe(50);
    expect(p.figures.persistentStores).toBe(50);
  });

  it('the same mesh with one-way bridges needs twice as many: 2,450', () => {
    const p = plan(`
name: mesh-50-one-way
layout: embedded
${ordersApp(50)}
embedded: { network: mesh, duplex: false }
`);
    expect(p.figures.bridges).toBe(2450);
  });

  it('a hub gives each of 6 processes one duplex bridge to the cluster, plus the cluster brokers as units', () => {
    const p = plan(`
name: hub
layout: embedded
${ordersApp(6)}
embedded: { network: hub }
cluster: { brokers: 2, ha: shared-store }
`);
    expect(p.figures.bridges).toBe(6);
    expect(p.figures.deploymentUnits).toBe(8);
    // 6 embedded stores plus the cluster's shared store.
    expect(p.figures.persistentStores).toBe(7);
  });

  it('a persistent message to a topic writes no journal record (no durable subscriber: the simulator and the ceiling store none either)', () => {
    const p = plan(`
name: news
layout: central
destinations: [{ name: news, type: topic }, { name: work }]
applications:
  - id: press
    producers:
      - { destination: news, rate: 1000/s, persistent: true, size: 1KiB }
      - { destination: work, rate: 10/s, persistent: true, size: 1KiB }
  - id: readers
    consumers: [{ destination: news }, { destination: work }]
cluster: { brokers: 1, ha: none }
`);
    expect(p.figures.messagesPerSecond).toBe(1010);
    expect(p.figures.persistedBytesPerSecond).toBe(10 * 1024);
  });

  it('embedded brokers with store memory keep no store: 0 stores, vm URIs with broker.persistent=false', () => {
    const p = plan(`
name: spring-boot-default
layout: embedded
${ordersApp(4)}
embedded: { store: memory }
`);
    expect(p.figures.persistentStores).toBe(0);
    expect(p.stores).toEqual([]);
    expect(p.figures.backupFootprintBytes).toBe(0);
    expect(p.figures.persistedBytesPerSecond).toBe(0);
    expect(p.brokers.map((b) => b.store)).toEqual([null, null, null, null]);
    expect(p.connections.map((c) => c.uri)).toEqual([
      'vm://orders-0?broker.persistent=false',
      'vm://orders-1?broker.persistent=false',
      'vm://orders-2?broker.persistent=false',
      'vm://orders-3?broker.persistent=false',
    ]);
  });
});

describe('buildPlan: central clusters', () => {
  it('a shared-store pair: 1 store, 2 brokers (master, slave), processes + 2 deployment units', () => {
    const p = plan(`
name: shared-store-pair
layout: central
destinations:
  - name: orders
applications:
  - id: shop
    replicas: 3
    producers: [{ destination: orders }]
  - id: billing
    replicas: 2
    consumers: [{ destination: orders }]
cluster: { brokers: 2, ha: shared-store }
failover: { randomize: false }
`);
    expect(p.figures.persistentStores).toBe(1);
    expect(p.stores).toEqual([
      expect.objectContaining({ name: 'shared-store', kind: 'kahadb', brokers: ['broker-0', 'broker-1'] }),
    ]);
    expect(p.brokers.map((b) => [b.name, b.role, b.store])).toEqual([
      ['broker-0', 'master', 'shared-store'],
      ['broker-1', 'slave', 'shared-store'],
    ]);
    expect(p.figures.brokerInstances).toBe(2);
    expect(p.figures.applicationProcesses).toBe(5);
    expect(p.figures.deploymentUnits).toBe(7);
    expect(p.figures.bridges).toBe(0);
    expect(p.figures.tcpConnections).toBe(5);
    expect(p.connections.map((c) => [c.process, c.carries])).toEqual([
      ['shop-0', 'produce'],
      ['shop-1', 'produce'],
      ['shop-2', 'produce'],
      ['billing-0', 'consume'],
      ['billing-1', 'consume'],
    ]);
    expect(new Set(p.connections.map((c) => c.uri))).toEqual(
      new Set(['failover:(tcp://broker-0:61616,tcp://broker-1:61616)?randomize=false']),
    );
  });

  it('a jdbc pair also keeps one store, of kind jdbc', () => {
    const p = plan(`
name: jdbc-pair
layout: central
${ordersApp(1)}
cluster: { brokers: 2, ha: jdbc }
`);
    expect(p.stores).toEqual([expect.objectContaining({ name: 'shared-store', kind: 'jdbc' })]);
    expect(p.figures.persistentStores).toBe(1);
  });

  it('a 3-broker network of brokers: 3 stores and 3 duplex bridges (6 one-way)', () => {
    const yaml = (duplex: boolean) => `
name: nob-3
layout: central
${ordersApp(4)}
cluster: { brokers: 3, ha: network-of-brokers, duplex: ${duplex} }
`;
    const p = plan(yaml(true));
    expect(p.figures.persistentStores).toBe(3);
    expect(p.stores.map((s) => s.name)).toEqual(['store-broker-0', 'store-broker-1', 'store-broker-2']);
    expect(p.brokers.map((b) => b.role)).toEqual(['peer', 'peer', 'peer']);
    expect(p.figures.bridges).toBe(3);
    expect(p.bridgeSets[0]!.connectorUri).toBe('static:(tcp://broker-1:61616)');
    expect(p.figures.deploymentUnits).toBe(7);
    expect(p.connections[0]!.uri).toBe(
      'failover:(tcp://broker-0:61616,tcp://broker-1:61616,tcp://broker-2:61616)',
    );
    expect(plan(yaml(false)).figures.bridges).toBe(6);
  });

  it('a replicated trio keeps a store per broker; a memory network of brokers keeps none', () => {
    const replicated = plan(`
name: replicated
layout: central
${ordersApp(1)}
cluster: { brokers: 3, ha: replicated }
`);
    expect(replicated.figures.persistentStores).toBe(3);
    expect(replicated.brokers.map((b) => b.role)).toEqual(['master', 'replica', 'replica']);
    const memory = plan(`
name: memory-nob
layout: central
${ordersApp(1)}
cluster: { brokers: 2, ha: network-of-brokers, store: memory }
`);
    expect(memory.figures.persistentStores).toBe(0);
    expect(memory.figures.bridges).toBe(1);
  });
});

describe('buildPlan: hybrid', () => {
  it('10 processes forwarding to a shared-store pair: 11 stores, 10 bridges, vm to send and tcp to receive', () => {
    const p = plan(`
name: hybrid
layout: hybrid
${ordersApp(10)}
cluster: { brokers: 2, ha: shared-store }
failover: { randomize: false }
`);
    expect(p.figures.persistentStores).toBe(11);
    expect(p.figures.bridges).toBe(10);
    expect(p.bridgeSets).toEqual([
      expect.objectContaining({
        kind: 'star',
        purpose: 'forward',
        bridges: 10,
        connectorUri: 'static:(failover:(tcp://broker-0:61616,tcp://broker-1:61616))',
      }),
    ]);
    expect(p.figures.brokerInstances).toBe(12);
    expect(p.figures.deploymentUnits).toBe(12);
    expect(p.figures.vmConnections).toBe(10);
    expect(p.figures.tcpConnections).toBe(10);
    expect(p.connections.filter((c) => c.process === 'orders-7')).toEqual([
      {
        process: 'orders-7',
        transport: 'vm',
        uri: 'vm://orders-7?create=false',
        brokers: ['orders-7'],
        carries: 'produce',
      },
      {
        process: 'orders-7',
        transport: 'tcp',
        uri: 'failover:(tcp://broker-0:61616,tcp://broker-1:61616)?randomize=false',
        brokers: ['broker-0', 'broker-1'],
        carries: 'consume',
      },
    ]);
    // Every message is journaled twice: in the embedded store, then in the cluster's.
    expect(p.figures.persistedBytesPerSecond).toBe(10 * 10 * 1024 * 2);
  });
});
