/**
 * The crash-loss matrix against a real broker: a producer and consumers (real/java) on one
 * broker over failover:, the mirror topology's fault injected at its time (kill -9 of the
 * broker, a clean stop, or kill -9 of a consumer process) and the broker restarted after its
 * delay; then every sequence number the producer was told was sent is looked for among those the
 * consumers received.
 */
import { join } from 'node:path';
import type { ClientLine, JavaProcess } from '../src/real/javaProcess.js';
import type { Consumer, Producer, ScheduledFault, Topology } from '../src/topology/types.js';
import { BROKER_START_MS, client, clusterBroker, failoverUrl, type Lab, sleep, withRun } from './lab.js';
import { consumerApps, producerApp, simulateMirror } from './mirror.js';

export interface CrashOutcome {
  /** Sequence numbers the producer was told were sent (send() returned). */
  acknowledged: number;
  /** Acknowledged but never delivered to any consumer. */
  lost: number;
  /** Acknowledged before the fault and not yet delivered when it struck. */
  atRisk: number;
  /** Deliveries beyond the first of a message. */
  duplicates: number;
  /** Deliveries flagged JMSRedelivered. */
  redelivered: number;
}

/** When nothing new has arrived for this long after the producer finished, the run is over. */
const SETTLE_MS = 1_500;
const RUN_LIMIT_MS = 90_000;

export async function crashReal(lab: Lab, t: Topology): Promise<CrashOutcome> {
  const r = await crashRun(lab, t);
  return outcome(r.sent, r.received, r.faultMs);
}

/** What one real crash run printed: the producer's lines, each consumer's, and when the fault struck. */
export interface CrashLines {
  sent: ClientLine[];
  received: ClientLine[][];
  faultMs: number;
}

export async function crashRun(lab: Lab, t: Topology): Promise<CrashLines> {
  return withRun(`crash-${t.name}`, async (run) => {
    const cluster = t.cluster!;
    const fault = onlyFault(t);
    let broker = await clusterBroker(lab, run, 'broker-0', cluster, join(run.dir, 'kahadb'));
    // Every JVM starts while the broker does (their failover: transports wait for it); the
    // producer sends once everyone is connected and it is told to go.
    const url = failoverUrl([broker], t.failover);
    const consumers = new Map<string, JavaProcess>();
    for (const app of consumerApps(t)) {
      const p = client(lab, run, 'Consumer', consumerOptions(url, app.consumers[0]!));
      consumers.set(`${app.id}-0`, p);
    }
    const spec = producerApp(t).producers[0]!;
    const producer = client(lab, run, 'Producer', producerOptions(url, spec, t));
    await broker.waitUntilAccepting(BROKER_START_MS);
    for (const c of [...consumers.values(), producer])
      await c.waitForLine(isConnected, 30_000, 'a connection');
    producer.tell('go');
    const startMs = Date.now();
    await sleep(fault.atUs / 1000 - (Date.now() - startMs));
    const faultMs = Date.now();
    if (fault.kind === 'process-crash') await consumerProcess(consumers, fault.target).kill();
    else {
      await (fault.kind === 'broker-restart' ? broker.stop() : broker.kill());
      await sleep((fault.restartAfterUs ?? cluster.restartUs) / 1000 - (Date.now() - faultMs));
      broker = await clusterBroker(
        lab,
        run,
        'broker-0',
        cluster,
        join(run.dir, 'kahadb'),
        broker.openwirePort,
      );
      await broker.waitUntilAccepting(BROKER_START_MS);
    }
    await producer.exited;
    await settle([...consumers.values()], startMs);
    for (const c of consumers.values()) await c.kill();
    await broker.kill();
    return {
      sent: producer.events(),
      received: [...consumers.values()].map((c) => c.events()),
      faultMs,
    };
  });
}

function consumerProcess(consumers: Map<string, JavaProcess>, target: string): JavaProcess {
  const p = consumers.get(target);
  if (!p)
    throw new Error(
      `a process-crash experiment kills a consumer; ${target} is none of ${[...consumers.keys()]}`,
    );
  return p;
}

function onlyFault(t: Topology): ScheduledFault {
  if (t.faults.schedule.length !== 1) throw new Error(`${t.name}: a crash experiment has exactly one fault`);
  return t.faults.schedule[0]!;
}

export const isConnected = (line: string) => line.includes('"connected"');

export function producerOptions(url: string, p: Producer, t: Topology) {
  return {
    url,
    waitForGo: true,
    queue: p.destination,
    count: Math.round((p.ratePerSecond * t.simulation.durationUs) / 1e6),
    rate: p.ratePerSecond,
    size: p.sizeBytes,
    type: p.messageType,
    persistent: p.persistent,
    // ActiveMQ sends persistent messages synchronously and non-persistent ones asynchronously
    // unless told otherwise: useAsyncSend for the first, alwaysSyncSend for the second.
    useAsyncSend: p.persistent && p.sendMode === 'async',
    alwaysSyncSend: !p.persistent && p.sendMode === 'sync',
  };
}

function consumerOptions(url: string, c: Consumer) {
  return {
    url,
    queue: c.destination,
    ackMode: c.ackMode === 'dups-ok' ? 'dups_ok' : c.ackMode,
    ackEvery: c.ackEvery,
    processingMs: c.processingUs / 1000,
    prefetch: c.prefetch,
    idleMs: RUN_LIMIT_MS,
    maxMs: RUN_LIMIT_MS,
  };
}

/** Waits until the consumers still running have received nothing new for SETTLE_MS (bounded). */
async function settle(consumers: JavaProcess[], startMs: number): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() - startMs < RUN_LIMIT_MS) {
    const count = consumers.reduce((s, c) => s + c.lines.length, 0);
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= SETTLE_MS) return;
    await sleep(100);
  }
}

export function outcome(sent: ClientLine[], received: ClientLine[][], faultMs: number): CrashOutcome {
  const epoch = (lines: ClientLine[]) => lines.find((l) => l.ev === 'start')?.epochMs ?? 0;
  const before = (lines: ClientLine[]) => (l: ClientLine) => epoch(lines) + l.t / 1000 < faultMs;
  const acked = sent.filter((l) => l.ev === 'sent');
  const recvs = received.map((lines) => lines.filter((l) => l.ev === 'recv'));
  const delivered = new Set(recvs.flat().map((l) => l.seq));
  const deliveredBefore = new Set(recvs.flatMap((r, i) => r.filter(before(received[i]!)).map((l) => l.seq)));
  const all = recvs.flat();
  return {
    acknowledged: acked.length,
    lost: acked.filter((l) => !delivered.has(l.seq)).length,
    atRisk: acked.filter(before(sent)).filter((l) => !deliveredBefore.has(l.seq)).length,
    duplicates: all.length - delivered.size,
    redelivered: all.filter((l) => l.redelivered).length,
  };
}

export function crashSimulated(t: Topology): CrashOutcome {
  const r = simulateMirror(t);
  const f = r.faults[0]!;
  return {
    acknowledged: r.fates.sent - r.fates.sendFailed - r.fates.unknown,
    lost: r.fates.lost,
    atRisk: f.atRisk,
    duplicates: r.duplicates,
    redelivered: r.redeliveries,
  };
}
