/**
 * The throughput ceiling of a topology, computed from the cost model rather than measured: the
 * offered load, scaled up with the same mix of producers, until the busiest resource is busy
 * all the time. The resources are each broker's CPU, each producer's send cycle (synchronous:
 * hop, broker CPU, with sync `always` the fsync of its journal batch, and the receipt;
 * asynchronous: the client's own share of the hop), each tcp:// connection's transport thread
 * (tcpConnectionUs per command each way, its capacity: sends and acks up, deliveries and
 * receipts down), each KahaDB broker's store thread (storeRecordUs per async persistent queue
 * message), each broker's journal writer (one batch at a time: an fsync with `always`, else a
 * page-cache write, of less than KahaDB's batch size; with `periodic` and `never` it bounds what
 * is acknowledged too, since DataFileAppender.enqueue holds a record while the next batch is
 * full: src/sim/journal.ts) and each consumer's processing time.
 *
 * A closed-loop producer offers what its own sender threads reach (each one send cycle at a
 * time), so its own send load is always full and the ceiling is where it runs, unless another
 * resource is busier.
 *
 * It is an upper bound of the simulation for one kind of producer (a property test holds it to
 * that; unlike producers scale as one mix, and open-loop async sends' client side is charged here
 * but not in the simulator: see the README): a synchronous send waits for one fsync (group
 * commit shares it among the sends waiting; the batch being written when a send arrives, which
 * it also waits for, is left out), a journal batch is counted as a full 4 MiB however its
 * records fit, and messages a network of brokers forwards cost nothing extra. A simulation at
 * the ceiling would only measure the same queueing the bound leaves out, at thousands of times
 * the cost.
 */

import { KAHADB_MAX_WRITE_BATCH_BYTES } from '../model/defaults.js';
import { haModeSpec } from '../model/haModes.js';
import { isTopic } from '../plan/figures.js';
import {
  fsyncUs,
  tcpConnectionHoldUs,
  tcpControlUs,
  tcpHopUs,
  vmControlUs,
  vmHopUs,
  vmSenderUs,
} from '../sim/costs.js';
import type { Application, Producer, StoreSettings, Topology } from '../topology/types.js';

export type BottleneckKind =
  | 'broker-cpu'
  | 'store-thread'
  | 'journal'
  | 'sync-send'
  | 'async-send'
  | 'connection'
  | 'consumer'
  | 'none';

export interface ThroughputCeiling {
  /** Messages per second sent by all producers at the ceiling; 0 without producers. */
  messagesPerSecond: number;
  bottleneck: BottleneckKind;
  /** The busiest resource's cost per message there, in microseconds (send cycle, CPU, processing). */
  bottleneckUs: number;
}

interface Load {
  kind: BottleneckKind;
  /** Fraction of the resource busy at the offered load. */
  utilization: number;
  costUs: number;
}

export function throughputCeiling(t: Topology): ThroughputCeiling {
  const offered = t.applications.reduce((sum, a) => sum + a.replicas * processRate(t, a), 0);
  const loads = [
    ...brokerLoads(t),
    ...storeLoads(t),
    ...journalLoads(t),
    ...sendLoads(t),
    ...connectionLoads(t),
    ...consumerLoads(t),
  ];
  const busiest = loads.reduce<Load | null>(
    (max, l) => (max && max.utilization >= l.utilization ? max : l),
    null,
  );
  if (offered === 0 || !busiest || busiest.utilization === 0)
    return { messagesPerSecond: 0, bottleneck: 'none', bottleneckUs: 0 };
  return {
    messagesPerSecond: Math.round(offered / busiest.utilization),
    bottleneck: busiest.kind,
    bottleneckUs: busiest.costUs,
  };
}

function processRate(t: Topology, a: Application): number {
  return a.producers.reduce((s, p) => s + offeredRate(t, a, p), 0);
}

/** Messages a second a producer offers per process: its rate, or what a closed loop's threads reach alone. */
function offeredRate(t: Topology, a: Application, p: Producer): number {
  if (!p.closedLoop) return p.ratePerSecond;
  return (p.closedLoop.inFlight * 1e6) / closedLoopCycleUs(t, a, p);
}

/**
 * One closed-loop thread's cycle: a sync send's round trip, or an async send's write, which ends
 * when the broker's side has taken the message (src/sim/producers.ts, asyncSendWritten).
 */
function closedLoopCycleUs(t: Topology, a: Application, p: Producer): number {
  const local = isLocal(t, a);
  if (p.sendMode === 'sync') return sendCycleUs(t, p, local, local ? t.embedded?.store : t.cluster?.store);
  // The write waits for the sender's own part of the hop (vm://: the broker's thread is a load of
  // its own), or for the reader behind the socket buffers (tcp://).
  return local ? vmSenderUs(t.costs, p.sizeBytes, p.messageType, t.embedded!) : tcpConnectionHoldUs(t.costs);
}

/** Embedded brokers each carry their own process's sends; a cluster's active brokers share all. */
function brokerLoads(t: Topology): Load[] {
  const cpu = t.costs.brokerCpuUs;
  const loads: Load[] = [];
  for (const a of t.applications)
    if (isLocal(t, a))
      loads.push({ kind: 'broker-cpu', utilization: (processRate(t, a) * cpu) / 1e6, costUs: cpu });
  if (t.layout !== 'embedded' && t.cluster) {
    const active = servingBrokers(t.cluster);
    const total = t.applications.reduce((s, a) => s + a.replicas * processRate(t, a), 0);
    loads.push({ kind: 'broker-cpu', utilization: (total / active) * (cpu / 1e6), costUs: cpu });
  }
  return loads;
}

/**
 * KahaDB's one store thread per broker takes async persistent queue messages one at a time
 * (storeRecordUs each; sync sends are counted in their send cycle).
 */
function storeLoads(t: Topology): Load[] {
  const cost = t.costs.storeRecordUs;
  const rate = (a: Application) =>
    a.producers
      .filter((p) => p.persistent && p.sendMode === 'async' && !isTopic(t, p.destination))
      .reduce((s, p) => s + offeredRate(t, a, p), 0);
  const load = (perSecond: number): Load => ({
    kind: 'store-thread',
    utilization: (perSecond * cost) / 1e6,
    costUs: cost,
  });
  const loads: Load[] = [];
  if (t.embedded?.store.kind === 'kahadb')
    for (const a of t.applications) if (isLocal(t, a)) loads.push(load(rate(a)));
  if (t.layout !== 'embedded' && t.cluster?.store.kind === 'kahadb') {
    const active = servingBrokers(t.cluster);
    const remote = t.applications.filter((a) => !isLocal(t, a));
    loads.push(load(remote.reduce((s, a) => s + a.replicas * rate(a), 0) / active));
  }
  return loads;
}

/**
 * Each broker's journal writes one batch at a time (src/sim/journal.ts): with `always` an fsync
 * each, else a page-cache write, of every persistent queue message's record (topic messages go to
 * non-durable subscribers from memory). A batch holds less than KAHADB_MAX_WRITE_BATCH_BYTES, or
 * one larger record: counted as that many bytes, so the load is a lower bound and the ceiling
 * stays an upper one. Synchronous senders never fill it faster than one record each per fsync,
 * which their own send cycles already bound; with `periodic` and `never` a send is answered once
 * its record is in the next batch, which is full while the writer lags. Its cost per message is a
 * batch's over the records it holds.
 */
function journalLoads(t: Topology): Load[] {
  const loads: Load[] = [];
  const embedded = t.embedded?.store;
  if (embedded && embedded.kind !== 'memory')
    for (const a of t.applications)
      if (isLocal(t, a)) loads.push(journalLoad(t, embedded, journaled(t, [{ app: a, processes: 1 }])));
  const cluster = t.cluster;
  if (t.layout !== 'embedded' && cluster && cluster.store.kind !== 'memory') {
    // The serving brokers share the remote applications' processes.
    const sources = t.applications
      .filter((a) => !isLocal(t, a))
      .map((a) => ({ app: a, processes: a.replicas / servingBrokers(cluster) }));
    loads.push(journalLoad(t, cluster.store, journaled(t, sources)));
  }
  return loads;
}

/** Records a second one journal takes, and the full batches they need at the least. */
interface Journaled {
  perSecond: number;
  batchesPerSecond: number;
}

/** What one journal takes from `processes` processes of each application. */
function journaled(t: Topology, sources: { app: Application; processes: number }[]): Journaled {
  let perSecond = 0;
  let batchesPerSecond = 0;
  for (const { app: a, processes } of sources)
    for (const p of a.producers) {
      if (!p.persistent || isTopic(t, p.destination)) continue;
      const rate = processes * offeredRate(t, a, p);
      perSecond += rate;
      batchesPerSecond += rate / Math.max(1, KAHADB_MAX_WRITE_BATCH_BYTES / p.sizeBytes);
    }
  return { perSecond, batchesPerSecond };
}

function journalLoad(t: Topology, store: StoreSettings, records: Journaled): Load {
  const batchUs =
    store.journalDiskSyncStrategy === 'always' ? fsyncUs(t.costs, store.disk) : t.costs.journalWriteUs;
  const busyUsPerSecond = records.batchesPerSecond * batchUs;
  // A batch's cost over the records it holds, to the nanosecond.
  const costUs =
    records.perSecond > 0 ? Math.round((busyUsPerSecond / records.perSecond) * 1000) / 1000 : batchUs;
  return { kind: 'journal', utilization: busyUsPerSecond / 1e6, costUs };
}

/** The cluster brokers that share the load: all of them in a network, else the one master. */
function servingBrokers(cluster: NonNullable<Topology['cluster']>): number {
  return haModeSpec(cluster.ha).active === 'all' ? cluster.brokers : 1;
}

/** Whether an application's clients use their own embedded broker over vm:// (else tcp://). */
function isLocal(t: Topology, a: Application): boolean {
  return t.layout === 'embedded' || (t.layout === 'hybrid' && a.producers.length > 0);
}

/**
 * A synchronous producer has one send in flight: it cannot send faster than one cycle each. An
 * asynchronous one is busy for its own share of the hop: the clone and ObjectMessage
 * serialization over vm://, marshalling over tcp:// (the wire and the far side run in parallel).
 */
function sendLoads(t: Topology): Load[] {
  const loads: Load[] = [];
  for (const a of t.applications) {
    const local = isLocal(t, a);
    const store = local ? t.embedded?.store : t.cluster?.store;
    for (const p of a.producers) {
      const kind = p.sendMode === 'sync' ? 'sync-send' : 'async-send';
      if (p.closedLoop) {
        // Each of its threads is busy all the time at the rate it offers.
        loads.push({ kind, utilization: 1, costUs: closedLoopCycleUs(t, a, p) });
        continue;
      }
      const cycleUs = p.sendMode === 'sync' ? sendCycleUs(t, p, local, store) : clientSendUs(t, p, local);
      loads.push({ kind, utilization: (p.ratePerSecond * cycleUs) / 1e6, costUs: cycleUs });
    }
  }
  return loads;
}

function clientSendUs(t: Topology, p: Producer, local: boolean): number {
  const c = t.costs;
  return local
    ? vmSenderUs(c, p.sizeBytes, p.messageType, t.embedded!)
    : tcpHopUs(c, p.sizeBytes, p.messageType, 'send') - tcpControlUs(c);
}

/**
 * One transport thread per tcp:// connection and direction reads its commands in order, each
 * holding it for tcpConnectionUs (src/sim/transport.ts): a process's connection carries its sends
 * and its consumers' acks up, their deliveries and its sync sends' receipts down.
 */
function connectionLoads(t: Topology): Load[] {
  const loads: Load[] = [];
  const cost = tcpConnectionHoldUs(t.costs);
  for (const a of t.applications) {
    const local = isLocal(t, a);
    const sends = local ? 0 : processRate(t, a);
    const receipts = local
      ? 0
      : a.producers.reduce((s, p) => s + (p.sendMode === 'sync' ? offeredRate(t, a, p) : 0), 0);
    const consumed = local ? 0 : a.consumers.reduce((s, k) => s + consumedRate(t, k.destination), 0);
    for (const commands of [sends + consumed, receipts + consumed])
      if (commands > 0)
        loads.push({ kind: 'connection', utilization: (commands * cost) / 1e6, costUs: cost });
  }
  return loads;
}

/** Messages a second one consumer of `destination` receives: a queue's share, or all of a topic's. */
function consumedRate(t: Topology, destination: string): number {
  const topic = isTopic(t, destination);
  let rate = 0;
  let count = 0;
  for (const a of t.applications) {
    for (const p of a.producers) if (p.destination === destination) rate += a.replicas * offeredRate(t, a, p);
    for (const k of a.consumers) if (k.destination === destination) count += a.replicas;
  }
  if (topic) return rate;
  return count > 0 ? rate / count : 0;
}

function sendCycleUs(t: Topology, p: Producer, local: boolean, store: StoreSettings | undefined): number {
  const c = t.costs;
  // Normalization gives every non-central layout its embedded settings.
  const hop = local
    ? vmHopUs(c, p.sizeBytes, p.messageType, t.embedded!, 'send') + vmControlUs(c)
    : tcpHopUs(c, p.sizeBytes, p.messageType, 'send') + tcpControlUs(c) + 2 * c.tcpTransportUs;
  // With `always` the receipt waits for the fsync of the record's batch (the write is part of it:
  // the simulator's batch costs the fsync alone); with `periodic` and `never` the broker answers
  // once the record is in the journal's next batch (journalLoads bounds that).
  const synced =
    p.persistent && store && store.kind !== 'memory' && store.journalDiskSyncStrategy === 'always';
  return hop + c.brokerCpuUs + (synced ? fsyncUs(c, store.disk) : 0);
}

/** A queue's messages are shared by its consumers; every topic subscriber gets every message. */
function consumerLoads(t: Topology): Load[] {
  const loads: Load[] = [];
  for (const d of t.destinations) {
    const rate = t.applications.reduce(
      (s, a) =>
        s +
        a.replicas *
          a.producers.filter((p) => p.destination === d.name).reduce((r, p) => r + offeredRate(t, a, p), 0),
      0,
    );
    const consumers = t.applications.flatMap((a) =>
      a.consumers.filter((k) => k.destination === d.name).map((k) => ({ k, replicas: a.replicas })),
    );
    const count = consumers.reduce((s, c) => s + c.replicas, 0);
    for (const { k } of consumers) {
      const share = d.type === 'topic' ? rate : rate / count;
      loads.push({ kind: 'consumer', utilization: (share * k.processingUs) / 1e6, costUs: k.processingUs });
    }
  }
  return loads;
}
