/**
 * The throughput ceiling of a topology, computed from the cost model rather than measured: the
 * offered load, scaled up with the same mix of producers, until the busiest resource is busy
 * all the time. The resources are each broker's CPU, each producer's send cycle (synchronous:
 * hop, broker CPU, journal write and, with sync `always`, one fsync before the receipt;
 * asynchronous: the client's own share of the hop), each tcp:// connection's transport thread
 * (tcpConnectionUs per command each way, its capacity: sends and acks up, deliveries and
 * receipts down), each KahaDB broker's store thread (storeRecordUs per async persistent queue
 * message) and each consumer's processing time.
 *
 * A closed-loop producer offers what its own sender threads reach (each one send cycle at a
 * time), so its own send load is always full and the ceiling is where it runs, unless another
 * resource is busier.
 *
 * It is an upper bound: group commit is counted as one fsync per send (a send may also wait for
 * the batch before it), and messages a network of brokers forwards cost nothing extra. A
 * simulation at the ceiling would only measure the same queueing the bound leaves out, at
 * thousands of times the cost.
 */
import { haModeSpec } from '../model/haModes.js';
import { fsyncUs, tcpConnectionHoldUs, tcpControlUs, tcpHopUs, vmControlUs, vmHopUs } from '../sim/costs.js';
import type { Application, Producer, StoreSettings, Topology } from '../topology/types.js';

export type BottleneckKind =
  | 'broker-cpu'
  | 'store-thread'
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
  // The write waits for the broker's side: the hand-off (vm://), the reader behind the socket buffers (tcp://).
  return local
    ? vmHopUs(t.costs, p.sizeBytes, p.messageType, t.embedded!, 'send')
    : tcpConnectionHoldUs(t.costs);
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

function isTopic(t: Topology, destination: string): boolean {
  return t.destinations.find((d) => d.name === destination)?.type === 'topic';
}

/** Whether an application's clients use their own embedded broker over vm:// (else tcp://). */
/** The cluster brokers that share the load: all of them in a network, else the one master. */
function servingBrokers(cluster: NonNullable<Topology['cluster']>): number {
  return haModeSpec(cluster.ha).active === 'all' ? cluster.brokers : 1;
}

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
    ? vmHopUs(c, p.sizeBytes, p.messageType, t.embedded!, 'send')
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
  let stored = 0;
  if (p.persistent && store && store.kind !== 'memory') {
    stored = c.journalWriteUs;
    if (store.journalDiskSyncStrategy === 'always') stored += fsyncUs(c, store.disk);
  }
  return hop + c.brokerCpuUs + stored;
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
