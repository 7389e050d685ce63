/**
 * What build.ts works out once per producer, consumer and broker (hop means, send mode, arrival,
 * ack batch, journal batch cost) is what the per-message path used to compute at every message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { ackBatch } from '../../../src/sim/acks.js';
import { buildWorld } from '../../../src/sim/build.js';
import { fsyncUs, tcpHopUs, vmHopUs, vmSenderUs } from '../../../src/sim/costs.js';
import { loadInline } from '../../support/simulateYaml.js';

// vm:// and tcp://, text and object messages, a cloning hop, several ack modes and sync strategies.
const MIXED = `
name: mixed
layout: hybrid
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers:
      - { destination: q, rate: 5/s, size: 3KiB, messageType: object, sendMode: async, arrival: constant }
      - { destination: q, rate: 5/s, size: 1KiB }
  - id: c
    consumers:
      - { destination: q, ackMode: client, ackEvery: 7 }
      - { destination: q, ackMode: dups-ok, prefetch: 40 }
      - { destination: q }
embedded: { store: kahadb, journalDiskSyncStrategy: periodic, copyMessageOnSend: true }
cluster: { brokers: 2, ha: shared-store, store: kahadb, disk: nfs }
simulation: { duration: 5s }
`;

const topologies = [
  MIXED,
  readFileSync(new URL('../../../topologies/embedded-per-process.yaml', import.meta.url), 'utf8'),
  readFileSync(new URL('../../../topologies/central-cluster.yaml', import.meta.url), 'utf8'),
];

describe('values worked out once per entity', () => {
  it.each(topologies.map((yaml, i) => [i, yaml]))(
    'topology %i: equal the per-message expressions',
    (_, yaml) => {
      const plan = buildPlan(loadInline(yaml));
      const w = buildWorld(plan, 1, plan.topology.simulation.durationUs);
      const t = w.topology;
      for (const p of w.producers) {
        const { sizeBytes, messageType } = p.spec;
        expect(p.asyncSend).toBe(p.spec.sendMode === 'async');
        expect(p.poisson).toBe(p.spec.arrival === 'poisson');
        expect(p.hopUs.tcpSend).toBe(tcpHopUs(t.costs, sizeBytes, messageType, 'send'));
        expect(p.hopUs.tcpDeliver).toBe(tcpHopUs(t.costs, sizeBytes, messageType, 'deliver'));
        expect(p.hopUs.forward).toBe(tcpHopUs(t.costs, sizeBytes, messageType, 'forward'));
        if (t.embedded) {
          expect(p.hopUs.vmSend).toBe(vmHopUs(t.costs, sizeBytes, messageType, t.embedded, 'send'));
          expect(p.hopUs.vmDeliver).toBe(vmHopUs(t.costs, sizeBytes, messageType, t.embedded, 'deliver'));
          expect(p.hopUs.vmSender).toBe(vmSenderUs(t.costs, sizeBytes, messageType, t.embedded));
        } else {
          expect(p.hopUs.vmSender).toBeNaN();
        }
      }
      for (const k of w.consumers) expect(k.ackBatch).toBe(ackBatch(k.spec));
      for (const b of w.brokers) {
        if (b.store < 0) continue;
        const settings = w.stores[b.store]!.settings;
        const always = settings.journalDiskSyncStrategy === 'always';
        expect(b.syncEachBatch).toBe(always);
        expect(b.batchWriteUs).toBe(always ? fsyncUs(t.costs, settings.disk) : t.costs.journalWriteUs);
        expect(b.kahadb).toBe(settings.kind === 'kahadb');
      }
    },
  );
});
