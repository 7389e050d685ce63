/**
 * MODEL.md, "Fault x configuration", rows for a central cluster reached over failover:.
 */
import { describe, expect, it } from 'vitest';
import { loadMirror, seeded, simulateMirror } from '../../fidelity/mirror.js';
import { DEFAULT_COSTS } from '../../src/model/defaults.js';
import { onlyFault, simulateYaml } from '../support/simulateYaml.js';

interface Central {
  ha?: string;
  brokers?: number;
  store?: string;
  sync?: string;
  persistent?: boolean;
  sendMode?: string;
  rate?: string;
  processing?: string;
  consumers?: number;
  faults: string;
  extra?: string;
  failover?: string;
  costs?: string;
  duration?: string;
  drain?: string;
}

function central(o: Central): string {
  return `
name: central
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    replicas: 4
    producers: [{ destination: work, rate: ${o.rate ?? '100/s'}, persistent: ${o.persistent ?? true}, sendMode: ${o.sendMode ?? 'sync'}, arrival: constant }]
  - id: worker
    replicas: ${o.consumers ?? 2}
    consumers: [{ destination: work, processingTime: ${o.processing ?? '1ms'} }]
cluster:
  brokers: ${o.brokers ?? 1}
  ha: ${o.ha ?? 'none'}
  store: ${o.store ?? 'kahadb'}
  journalDiskSyncStrategy: ${o.sync ?? 'always'}
  restartTime: 5s
  ${o.extra ?? ''}
failover: { randomize: false ${o.failover ?? ''} }
${o.costs ? `costs: { ${o.costs} }` : ''}
faults:
  schedule:
${o.faults}
simulation: { duration: ${o.duration ?? '20s'}, drain: ${o.drain ?? '120s'}, seed: 5 }
`;
}

describe('a central broker crash', () => {
  it('loses everything a non-persistent broker held', () => {
    const r = simulateYaml(
      central({
        persistent: false,
        sendMode: 'async',
        processing: '30ms',
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
      }),
    );
    const f = onlyFault(r);
    expect(f.atRisk).toBeGreaterThan(1000); // 400/s in, ~67/s out for 10 s
    // The two messages in onMessage, and the two whose acks are on the wire, are delivered.
    expect(r.fates.lost).toBeGreaterThanOrEqual(f.atRisk - 4);
    // On top: the async sends written into the dead broker's sockets before they reset
    // (killTeardown and a round trip, at 400/s): gone as well.
    expect(r.fates.lost).toBeLessThanOrEqual(
      f.atRisk + Math.ceil((400 * (DEFAULT_COSTS.killTeardownUs + 1_000)) / 1e6),
    );
    expect(r.fates.stranded).toBe(0);
  });

  it('with a shared store, persistent sync sends and `always`: loses no acknowledged message; fails over after the lock poll, recovery and client back-off', () => {
    const at = 10_300_000;
    const r = simulateYaml(
      // 800 msg/s against 667 msg/s of consumers: the store holds a backlog when the master dies.
      central({
        ha: 'shared-store',
        brokers: 2,
        rate: '200/s',
        processing: '3ms',
        extra: 'lockKeepAlivePeriod: 5s',
        faults: `    - { at: ${at}us, kind: broker-crash, target: broker-0, restartAfter: never }`,
      }),
    );
    const f = onlyFault(r);
    expect(f.atRisk).toBeGreaterThan(500);
    expect(r.fates.lost).toBe(0);
    expect(r.fates.stranded).toBe(0);
    expect(r.fates.inFlight).toBe(0);
    // The slave polls the lock every 10 s from time zero: it gets it at 20 s, waits one
    // lockKeepAlivePeriod (5 s), and recovers (storeRecovery and the journal since the last
    // checkpoint, well under a second here). The clients see the reset once the killed JVM is
    // torn down (killTeardown) and a round trip (200 us) later, and retry 10, 20, 40, ... ms after
    // each failed attempt, which itself takes reconnectAttempt: the first attempt after the
    // recovery connects.
    const { killTeardownUs, reconnectAttemptUs, storeRecoveryUs } = DEFAULT_COSTS;
    const firstAttemptAfter = (activeUs: number) => {
      let attemptUs = at + killTeardownUs + 200 + 10_000;
      for (let delayMs = 20; attemptUs < activeUs; delayMs = Math.min(delayMs * 2, 30_000))
        attemptUs += reconnectAttemptUs + delayMs * 1000;
      return attemptUs;
    };
    const expected = firstAttemptAfter(25_000_000 + storeRecoveryUs) - at;
    expect(firstAttemptAfter(26_000_000 + storeRecoveryUs) - at).toBe(expected);
    expect(f.failoverUs).toBeGreaterThanOrEqual(expected);
    // The first successful send also waits for its journal batch (NFS-free SSD fsync 0.8 ms) and two hops.
    expect(f.failoverUs).toBeLessThan(expected + 5_000);
    // Bounds from the issue: at least the recovery, at most the lock poll + recovery + back-off.
    expect(f.failoverUs).toBeGreaterThanOrEqual(2_000_000);
    expect(f.failoverUs).toBeLessThanOrEqual(10_000_000 + 2_000_000 + 30_000_000);
  });

  it('with a 1 s lock poll and a kill halfway between polls: the client connects on its 7th attempt, however few records the slave replays', () => {
    // Measured (fidelity/failoverProbe.ts, 2026-11-30): the slave takes the lock 0.51 s after
    // the kill and accepts connections 0.2-0.45 s later, with 28 or 81 records to replay as
    // with 500; the producer's 6th attempt (0.69 s) always came too early, the 7th (1.33 s)
    // connected: a gap of 1.35-1.55 s in every run, whatever the checkpoint phase.
    for (const t of seeded(loadMirror('failover-1s-lock-poll'))) {
      const gapUs = onlyFault(simulateMirror(t)).failoverUs;
      expect(gapUs, `seed ${t.simulation.seed}`).toBeGreaterThan(1_300_000);
      expect(gapUs, `seed ${t.simulation.seed}`).toBeLessThan(1_400_000);
    }
  });

  it('attributes the redeliveries and duplicates it causes to itself', () => {
    // Slow consumers with a small prefetch: messages are in onMessage and prefetched at the crash.
    const r = simulateYaml(
      central({
        ha: 'shared-store',
        brokers: 2,
        processing: '20ms',
        consumers: 4,
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0, restartAfter: never }',
      }).replace('processingTime: 20ms }', 'processingTime: 20ms, prefetch: 10 }'),
    );
    const f = onlyFault(r);
    expect(r.redeliveries).toBeGreaterThan(0);
    expect(f.redelivered).toBe(r.redeliveries);
    expect(r.duplicates).toBeGreaterThan(0);
    expect(f.duplicated).toBe(r.duplicates);
  });

  it('with a replayed send that reaches the same store: rejected as a duplicate, not delivered twice', () => {
    const r = simulateYaml(
      central({
        ha: 'shared-store',
        brokers: 2,
        rate: '400/s',
        costs: 'lanRoundTrip: 4ms',
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    // Only messages in onMessage at the crash, or processed with their ack still on the wire
    // (2 ms each way here): a few per consumer.
    expect(r.duplicates).toBeLessThanOrEqual(8);
  });

  it('with `periodic` or `never`: a process kill may lose only the few acknowledged records still queued for the journal writer', () => {
    for (const sync of ['periodic', 'never']) {
      const r = simulateYaml(
        central({
          sync,
          rate: '2000/s',
          duration: '11s',
          costs: 'journalWrite: 2ms',
          faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
        }),
      );
      const f = onlyFault(r);
      // 8,000 msg/s arrive; a 2 ms write leaves at most ~2 batches' worth queued: about 32.
      expect(r.fates.lost).toBeGreaterThan(0);
      expect(r.fates.lost).toBeLessThanOrEqual(40);
      expect(f.lost).toBe(r.fates.lost);
    }
    const always = simulateYaml(
      central({
        sync: 'always',
        rate: '2000/s',
        duration: '11s',
        costs: 'journalWrite: 2ms',
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
      }),
    );
    expect(always.fates.lost).toBe(0);
  });

  it('does not keep non-persistent messages even across a clean restart', () => {
    const r = simulateYaml(
      central({
        persistent: false,
        sendMode: 'async',
        processing: '30ms',
        faults: '    - { at: 10.0003s, kind: broker-restart, target: broker-0, restartAfter: 1s }',
      }),
    );
    expect(onlyFault(r).atRisk).toBeGreaterThan(1000);
    expect(r.fates.lost).toBeGreaterThan(1000);
  });

  it('keeps persistent messages across a clean restart', () => {
    const r = simulateYaml(
      central({
        processing: '30ms',
        faults: '    - { at: 10.0003s, kind: broker-restart, target: broker-0, restartAfter: 1s }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    expect(r.fates.stranded).toBe(0);
  });
});

describe('a host power loss', () => {
  it('with `periodic` loses at most the last sync interval of acknowledged messages', () => {
    // Slow consumers keep a backlog, so the newest messages are still in the store.
    const r = simulateYaml(
      central({
        sync: 'periodic',
        rate: '100/s',
        processing: '30ms',
        faults: '    - { at: 10.7s, kind: power-loss, target: broker-0 }',
      }),
    );
    const f = onlyFault(r);
    // The periodic sync ran at 10 s; 0.7 s x 400 msg/s were acknowledged since.
    expect(r.fates.lost).toBeGreaterThan(200);
    expect(r.fates.lost).toBeLessThanOrEqual(0.7 * 400 + 10);
    expect(f.lost).toBe(r.fates.lost);
  });

  it('with `always` loses no acknowledged message', () => {
    const r = simulateYaml(
      central({
        sync: 'always',
        rate: '100/s',
        processing: '30ms',
        faults: '    - { at: 10.7s, kind: power-loss, target: broker-0 }',
      }),
    );
    expect(onlyFault(r).atRisk).toBeGreaterThan(1000);
    expect(r.fates.lost).toBe(0);
  });

  it('is noticed by clients only after the inactivity timeout', () => {
    const r = simulateYaml(
      central({
        ha: 'shared-store',
        brokers: 2,
        faults: '    - { at: 10.3s, kind: power-loss, target: broker-0, restartAfter: never }',
      }),
    );
    const f = onlyFault(r);
    // Lease (30 s) for the lock of a dead host; the clients wait for their inactivity monitor (30 s).
    expect(f.failoverUs).toBeGreaterThan(30_000_000);
    expect(r.fates.lost).toBe(0);
    // The producers were blocked from the power loss on, not from when they noticed it.
    expect(r.unavailability.maxUs).toBeGreaterThanOrEqual(f.failoverUs - 5_000);
    expect(f.maxUnavailableUs).toBe(r.unavailability.maxUs);
    // Each of the four producers was cut off, each for about as long.
    const byProducer = r.unavailability.byProducer;
    expect(byProducer.map((p) => p.producer)).toEqual([
      'shop-0/work',
      'shop-1/work',
      'shop-2/work',
      'shop-3/work',
    ]);
    expect(Math.max(...byProducer.map((p) => p.maxUs))).toBe(r.unavailability.maxUs);
    for (const p of byProducer) expect(p.maxUs).toBeGreaterThan(30_000_000);
  });
});

describe('useAsyncSend', () => {
  it('loses the async sends in flight at a broker crash, silently', () => {
    const r = simulateYaml(
      central({
        sendMode: 'async',
        rate: '500/s',
        costs: 'lanRoundTrip: 10ms',
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
      }),
    );
    // 2,000 msg/s with 5 ms on the wire: about 10 in flight, and the producers keep sending
    // into the dead sockets until they reset (killTeardown and a 10 ms round trip). Now and then
    // a crash catches about 30 more than that (with a 44 ms teardown, seed 5: 152; 118-136 over
    // seeds 10-39), so the margin is 50.
    expect(r.fates.lost).toBeGreaterThan(10);
    expect(r.fates.lost).toBeLessThan(10 + (2_000 * (DEFAULT_COSTS.killTeardownUs + 10_000)) / 1e6 + 50);
  });

  it('replays them with trackMessages', () => {
    const r = simulateYaml(
      central({
        sendMode: 'async',
        rate: '500/s',
        costs: 'lanRoundTrip: 10ms',
        failover: ', trackMessages: true',
        faults: '    - { at: 10.0003s, kind: broker-crash, target: broker-0 }',
      }),
    );
    expect(r.fates.lost).toBe(0);
  });
});

describe('a disk loss under a shared store', () => {
  it('loses the whole cluster store', () => {
    const r = simulateYaml(
      central({
        ha: 'shared-store',
        brokers: 2,
        processing: '30ms',
        faults: '    - { at: 10.3s, kind: disk-loss, target: shared-store }',
      }),
    );
    const f = onlyFault(r);
    expect(f.atRisk).toBeGreaterThan(1000);
    expect(r.fates.lost).toBeGreaterThanOrEqual(f.atRisk - 2);
  });
});

describe('an application process crash with a central broker', () => {
  it('loses the async sends it had on the wire', () => {
    const r = simulateYaml(
      central({
        sendMode: 'async',
        rate: '500/s',
        costs: 'lanRoundTrip: 10ms',
        faults: '    - { at: 10.0003s, kind: process-crash, target: shop-0, restartAfter: never }',
      }),
    );
    expect(r.fates.lost).toBeGreaterThan(0);
    expect(r.fates.lost).toBeLessThan(10);
  });

  it('redelivers the message a consumer was processing to another consumer: a duplicate', () => {
    const r = simulateYaml(
      central({
        processing: '50ms',
        rate: '5/s',
        faults: '    - { at: 10.02s, kind: process-crash, target: worker-0, restartAfter: never }',
      }),
    );
    expect(r.fates.lost).toBe(0);
    expect(r.duplicates).toBeGreaterThanOrEqual(1);
    expect(onlyFault(r).duplicated).toBe(r.duplicates);
    expect(r.redeliveries).toBeGreaterThanOrEqual(r.duplicates);
  });
});

describe('a client-broker partition', () => {
  it('blocks sends until the inactivity monitor fails the connection over, and redelivers unacknowledged messages', () => {
    const r = simulateYaml(
      central({
        ha: 'network-of-brokers',
        brokers: 2,
        processing: '50ms',
        rate: '5/s',
        faults: '    - { at: 10.02s, kind: partition, target: worker-0, peer: broker-0, duration: 60s }',
      }),
    );
    const f = onlyFault(r);
    expect(r.fates.lost).toBe(0);
    expect(f.redelivered).toBeGreaterThan(0);
    expect(r.duplicates).toBeGreaterThanOrEqual(1);
  });
});

describe('a client whose brokers are all down', () => {
  // The loader rejects delays below 1ms (LIFECYCLE_FLOORS_US): the most aggressive settings it accepts.
  it('keeps retrying with the shortest reconnect delays allowed, and the run ends', () => {
    const r = simulateYaml(
      central({
        ha: 'network-of-brokers',
        brokers: 2,
        failover: ', initialReconnectDelay: 1ms, maxReconnectDelay: 1ms',
        duration: '2s',
        drain: '1s',
        faults:
          '    - { at: 500ms, kind: broker-crash, target: broker-0, restartAfter: never }\n    - { at: 500ms, kind: broker-crash, target: broker-1, restartAfter: never }',
      }),
    );
    expect(r.endUs).toBe(r.durationUs + 1_000_000);
    expect(r.unavailability.stillBlockedMaxUs).toBeGreaterThan(2_000_000);
  });
});
