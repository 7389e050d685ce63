/**
 * vm:// against tcp:// on a real broker: the Bench program (real/java/Bench.java) with its own
 * embedded BrokerService over vm://, or as a client of a standalone broker over failover:(tcp://),
 * as the mirror topology's layout says; once one message at a time (latency), once as fast as
 * send() returns (throughput).
 */
import { join } from 'node:path';
import { throughputCeiling } from '../src/compare/throughputCeiling.js';
import type { RealBroker } from '../src/real/broker.js';
import { finished, startClient } from '../src/real/clients.js';
import type { Topology } from '../src/topology/types.js';
import { BROKER_START_MS, clusterBroker, failoverUrl, type Lab, withScratch } from './lab.js';
import { producerApp, simulateMirror } from './mirror.js';

export interface TransportOutcome {
  latencyP50Us: number;
  throughputPerSecond: number;
}

const BENCH_LIMIT_MS = 120_000;

export async function transportReal(lab: Lab, t: Topology): Promise<TransportOutcome> {
  return withScratch(`transport-${t.name}`, async (dir) => {
    const p = producerApp(t).producers[0]!;
    let broker: RealBroker | null = null;
    const options: Record<string, string | number | boolean> = {
      persistent: p.persistent,
      type: p.messageType,
      size: p.sizeBytes,
    };
    if (t.layout === 'embedded') Object.assign(options, { embedded: true, dataDir: join(dir, 'embedded') });
    else {
      ({ broker } = await clusterBroker(lab, dir, 'broker-0', t.cluster!, join(dir, 'kahadb')));
      await broker.waitUntilAccepting(BROKER_START_MS);
      options.url = failoverUrl([broker], t.failover);
    }
    try {
      // Persistent sends wait for an fsync each: fewer of them keep the run short.
      const latency = await bench(lab, dir, {
        ...options,
        mode: 'latency',
        count: p.persistent ? 500 : 2000,
      });
      const throughput = await bench(lab, dir, {
        ...options,
        mode: 'throughput',
        count: p.persistent ? 2000 : 20000,
      });
      return { latencyP50Us: Number(latency.p50Us), throughputPerSecond: Number(throughput.perSecond) };
    } finally {
      await broker?.stop();
    }
  });
}

async function bench(lab: Lab, dir: string, options: Record<string, string | number | boolean>) {
  const run = startClient(lab.inst, lab.classes, 'Bench', { warmup: 500, ...options }, dir);
  await finished(run, BENCH_LIMIT_MS);
  const line = run.events().find((l) => l.ev === options.mode);
  if (!line) throw run.failure(`printed no ${options.mode} line`);
  return line;
}

export function transportSimulated(t: Topology): TransportOutcome {
  return {
    latencyP50Us: simulateMirror(t).latency.p50Us,
    throughputPerSecond: throughputCeiling(t).messagesPerSecond,
  };
}
