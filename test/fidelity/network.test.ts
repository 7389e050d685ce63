/**
 * MODEL.md, networks of brokers: store-and-forward bridges, forwarding on demand only, at least
 * once for persistent messages, and messages stuck where their consumer left.
 */
import { describe, expect, it } from 'vitest';
import { onlyFault, simulateYaml } from '../support/simulateYaml.js';

/** A producing process and a consuming process, each with an embedded broker, in a mesh. */
function pair(o: { persistent: boolean; fault: string; processing?: string }): string {
  return `
name: bridged-pair
layout: embedded
destinations: [{ name: work }]
applications:
  - id: front
    producers: [{ destination: work, rate: 200/s, persistent: ${o.persistent}, sendMode: ${o.persistent ? 'sync' : 'async'}, arrival: constant }]
  - id: back
    consumers: [{ destination: work, processingTime: ${o.processing ?? '1ms'} }]
embedded: { store: ${o.persistent ? 'kahadb' : 'memory'}, network: mesh }
faults:
  schedule:
${o.fault}
simulation: { duration: 20s, drain: 120s, seed: 11 }
`;
}

describe('a network bridge', () => {
  it('forwards every message to the broker that has the consumer', () => {
    const r = simulateYaml(
      pair({ persistent: true, fault: '    []' }).replace('schedule:\n    []', 'schedule: []'),
    );
    expect(r.fates.delivered).toBe(r.fates.sent);
    // Two stores, a bridge hop: a few ms, not more (each store's fsync is lognormal with sigma 1,
    // mean 800 us; the p99 is 7-10 ms over seeds 1-11).
    expect(r.latency.p99Us).toBeLessThan(12_000);
  });

  it('loses the non-persistent messages in flight when it fails', () => {
    const r = simulateYaml(
      pair({
        persistent: false,
        fault: '    - { at: 5.0001s, kind: partition, target: front-0, peer: back-0, duration: 60s }',
      }),
    );
    const f = onlyFault(r);
    // The bridge keeps sending into the partition until its prefetch (1,000) is full; the
    // inactivity monitor then fails it and those messages are gone. The rest wait at the source.
    expect(r.fates.lost).toBe(1000);
    expect(f.lost).toBe(1000);
    expect(r.fates.delivered).toBe(r.fates.sent - 1000);
  });

  it('forwards persistent messages at least once: none lost, and lost acks come back as duplicates', () => {
    // Only the acks (back -> front) are dropped: the far side stores and delivers, the source
    // never hears so, and sends everything again once the bridge is declared dead.
    const r = simulateYaml(
      pair({
        persistent: true,
        fault:
          '    - { at: 5.0001s, kind: partition, target: back-0, peer: front-0, oneWay: true, duration: 60s }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    expect(r.fates.delivered).toBe(r.fates.sent);
    expect(r.duplicates).toBeGreaterThan(500);
    expect(r.duplicates).toBeLessThanOrEqual(1000);
  });

  it('strands the messages of a dead broker until it restarts', () => {
    const r = simulateYaml(
      pair({
        persistent: true,
        processing: '20ms',
        fault: '    - { at: 10.0001s, kind: process-crash, target: back-0, restartAfter: never }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    expect(r.fates.stranded).toBeGreaterThan(0);
    expect(onlyFault(r).stranded).toBe(r.fates.stranded);
  });
});

/** Two brokers in a network; the consumer's connection moves from broker-1 to broker-0. */
function movingConsumer(replay: boolean): string {
  return `
name: moving-consumer
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 100/s, arrival: constant }]
  - id: worker
    consumers: [{ destination: work, processingTime: 20ms }]
cluster: { brokers: 2, ha: network-of-brokers, replayWhenNoConsumers: ${replay} }
failover: { randomize: false }
faults:
  schedule:
    - { at: 0s, kind: partition, target: shop-0, peer: broker-0, duration: 200s }
    - { at: 10.0001s, kind: partition, target: worker-0, peer: broker-0, duration: 200s }
simulation: { duration: 20s, drain: 60s, seed: 2 }
`;
}

describe('a message forwarded to a broker whose consumer moved', () => {
  it('stays stuck there (networkTTL) unless replayWhenNoConsumers', () => {
    // The producer starts cut off from broker-0 and sends to broker-1, which forwards to the
    // consumer on broker-0; a second partition then moves the consumer to broker-1 and leaves
    // what broker-0 had received with no consumer and no hop left.
    const stuck = simulateYaml(movingConsumer(false));
    expect(stuck.fates.lost).toBe(0);
    expect(stuck.stuck).toBeGreaterThan(0);
    expect(stuck.fates.inFlight).toBeGreaterThanOrEqual(stuck.stuck);
    const replayed = simulateYaml(movingConsumer(true));
    expect(replayed.fates.lost).toBe(0);
    expect(replayed.stuck).toBe(0);
    expect(replayed.fates.delivered).toBeGreaterThanOrEqual(stuck.fates.delivered);
  });
});

/** Three processes, each producing and consuming: every broker has a local consumer and two bridged ones. */
function symmetricMesh(decrease: boolean): string {
  return `
name: symmetric-mesh
layout: embedded
destinations: [{ name: work }]
applications:
  - id: app
    replicas: 3
    producers: [{ destination: work, rate: 100/s }]
    consumers: [{ destination: work, processingTime: 1ms }]
embedded: { store: kahadb, network: mesh, decreaseNetworkConsumerPriority: ${decrease} }
simulation: { duration: 10s, seed: 4 }
`;
}

describe('dispatch in a mesh where every broker has a local consumer', () => {
  it('by default (decreaseNetworkConsumerPriority false) sends most messages over the bridges', () => {
    const r = simulateYaml(symmetricMesh(false));
    // The local consumer and two bridges take turns: about two thirds are forwarded.
    expect(r.forwarded / r.fates.sent).toBeGreaterThan(0.55);
    expect(r.forwarded / r.fates.sent).toBeLessThan(0.75);
    expect(r.fates.delivered).toBe(r.fates.sent);
  });

  it('with decreaseNetworkConsumerPriority keeps them local and saves the network hop', () => {
    const local = simulateYaml(symmetricMesh(true));
    const forwarded = simulateYaml(symmetricMesh(false));
    expect(local.forwarded).toBe(0);
    expect(local.latency.p50Us).toBeLessThan(forwarded.latency.p50Us);
  });
});

describe('a topic across a network', () => {
  it('reaches a subscriber on the cluster broker a spoke is not connected to', () => {
    const r = simulateYaml(`
name: hybrid-topic
layout: hybrid
destinations: [{ name: t, type: topic }]
applications:
  - { id: app, replicas: 1, producers: [{ destination: t, rate: 10/s }], consumers: [{ destination: t }] }
cluster: { brokers: 2, ha: network-of-brokers }
simulation: { duration: 2s, drain: 2s, seed: 3 }
`);
    expect(r.fates.lost).toBe(0);
    expect(r.fates.delivered).toBe(r.fates.sent);
  });

  it('reaches every subscriber two hops away, behind a hub', () => {
    const r = simulateYaml(`
name: hub-topic
layout: embedded
destinations: [{ name: t, type: topic }]
applications:
  - { id: prod, replicas: 2, producers: [{ destination: t, rate: 50/s }] }
  - { id: cons, replicas: 2, consumers: [{ destination: t }] }
embedded: { network: hub }
cluster: { brokers: 1, ha: none }
simulation: { duration: 2s, drain: 2s, seed: 3 }
`);
    expect(r.fates.discarded).toBe(0);
    // Two subscribers: one extra message per send.
    expect(r.fates.fanout).toBe(r.fates.sent);
    expect(r.fates.delivered).toBe(2 * r.fates.sent);
  });
});
