/**
 * vm:// against tcp:// on a real broker: the Bench program (real/java/Bench.java) with its own
 * embedded BrokerService over vm://, or as a client of a standalone broker over failover:(tcp://),
 * as the mirror topology's layout says; once one message at a time (latency), once as fast as
 * send() returns (throughput).
 */
import { join } from 'node:path';
import { finished } from '../src/real/clients.js';
import type { Topology } from '../src/topology/types.js';
import { BROKER_START_MS, client, clusterBroker, failoverUrl, type Lab, type Run, withRun } from './lab.js';
import { producerApp, simulateMirror } from './mirror.js';

export interface TransportOutcome {
  latencyP50Us: number;
  /** The fastest round: the path's own cost, least disturbed by other work on the machine. */
  latencyMinUs: number;
  throughputPerSecond: number;
}

const BENCH_LIMIT_MS = 300_000;

/**
 * Messages sent before the timing starts: the simulator models a broker and clients in steady
 * state, and HotSpot compiles a hot method fully (C2) only after thousands of calls. Measured
 * (OpenWire marshal + unmarshal of a 1 KiB TextMessage, the work of a tcp:// command, in a fresh
 * JVM on the fidelity machine, 2026-11-30): p50 11 us over messages 300-1,300, 3.5-5.8 us after
 * 3,000-10,000, 2.3 us warm. A persistent send waits for an fsync, which dwarfs the difference.
 */
const WARMUP = { nonPersistent: 5000, persistent: 1000 };

/**
 * The throughput run: untimed bursts of `count` (`warmup` messages in all), then one timed burst.
 * The simulator models a broker and clients in steady state, and a burst's code (a send racing a
 * receive, a backlog in the broker) is compiled only while bursts run: after 100,000 messages one
 * at a time, repeated bursts of 100,000 non-persistent 1 KiB TextMessages over vm:// rose from
 * 135,000-165,000 a second to 270,000-310,000 over 600,000-1,000,000 messages, then stayed
 * (2026-11-30 23:20-23:33, quiet machine, 6 JVMs of 8-15 bursts). Before that, the runs timed one burst
 * of 100,000 after 100,000 one at a time (the runs of 2026-11-30 17:48-19:31), and earlier 10,000
 * after 5,000. A persistent send waits for its fsync, which dwarfs all that.
 */
const THROUGHPUT = {
  nonPersistent: { warmup: 1_000_000, count: 100_000 },
  persistent: { warmup: WARMUP.persistent, count: 1000 },
};

export async function transportReal(lab: Lab, t: Topology): Promise<TransportOutcome> {
  return withRun(`transport-${t.name}`, async (run) => {
    const p = producerApp(t).producers[0]!;
    const options: Record<string, string | number | boolean> = {
      persistent: p.persistent,
      type: p.messageType,
      size: p.sizeBytes,
    };
    if (t.layout === 'embedded')
      Object.assign(options, { embedded: true, dataDir: join(run.dir, 'embedded') });
    else {
      const broker = await clusterBroker(lab, run, 'broker-0', t.cluster!, join(run.dir, 'kahadb'));
      await broker.waitUntilAccepting(BROKER_START_MS);
      options.url = failoverUrl([broker], t.failover);
    }
    // Persistent sends wait for an fsync each: fewer of them keep the run short.
    const warmup = p.persistent ? WARMUP.persistent : WARMUP.nonPersistent;
    const latency = await bench(lab, run, {
      ...options,
      mode: 'latency',
      count: p.persistent ? 300 : 1000,
      warmup,
    });
    const throughput = await bench(lab, run, {
      ...options,
      mode: 'throughput',
      ...(p.persistent ? THROUGHPUT.persistent : THROUGHPUT.nonPersistent),
    });
    return {
      latencyP50Us: Number(latency.p50Us),
      latencyMinUs: Number(latency.minUs),
      throughputPerSecond: Number(throughput.perSecond),
    };
  });
}

async function bench(lab: Lab, run: Run, options: Record<string, string | number | boolean>) {
  const b = client(lab, run, 'Bench', options);
  await finished(b, BENCH_LIMIT_MS);
  const line = b.events().find((l) => l.ev === options.mode);
  if (!line) throw b.failure(`printed no ${options.mode} line`);
  return line;
}

/** Latency from one message at a time; throughput from the mirror's closed loop, delivered over its send phase. */
export function transportSimulated(t: Topology): TransportOutcome {
  const latency = simulateMirror(oneAtATime(t)).latency;
  return {
    latencyP50Us: latency.p50Us,
    latencyMinUs: latency.minUs,
    throughputPerSecond: Math.round(simulateMirror(t).throughput.deliveredPerSecond),
  };
}

/**
 * The mirror's producer open-loop at 10/s for 30 s: each of its 300 messages alone on its path,
 * as in the real latency run (the next sent once the last has arrived).
 */
function oneAtATime(t: Topology): Topology {
  return {
    ...t,
    applications: t.applications.map((a) => ({
      ...a,
      producers: a.producers.map((p) => ({ ...p, closedLoop: null, ratePerSecond: 10, arrival: 'constant' })),
    })),
    simulation: { ...t.simulation, durationUs: 30_000_000 },
  };
}
