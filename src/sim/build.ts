/**
 * Plan + options -> a fresh World at time zero: runtime entities for every process, broker,
 * store, producer, consumer and client connection, with one PRNG stream per subsystem forked
 * from the seed (so that adding a producer does not change the fault times).
 */
import { KAHADB_CHECKPOINT_INTERVAL_US } from '../model/defaults.js';
import { faultTargets } from '../plan/faultTargets.js';
import type { ClientConnection, Plan } from '../plan/types.js';
import { explainUnknownInstance, resolveInstance } from '../topology/names.js';
import type { Producer, Topology } from '../topology/types.js';
import { ackBatch } from './acks.js';
import { createBrokerLifecycle } from './brokers.js';
import { fsyncUs } from './costs.js';
import { PairDeque } from './deque.js';
import { EventQueue } from './eventQueue.js';
import type { RandomTarget } from './faults.js';
import { hopMeans } from './hopMeans.js';
import { JournalQueue } from './journalQueue.js';
import { Ledger } from './ledger.js';
import { createClientLink } from './links.js';
import { CopyTable, MessageTable } from './messages.js';
import { Metrics } from './metrics.js';
import { CostNoise } from './noise.js';
import { Rng } from './rng.js';
import { TransitionMemo } from './transitionMemo.js';
import type { BrokerRt, ClosedLoopRt, ProcessRt, StoreRt, World } from './world.js';

export function buildWorld(plan: Plan, seed: number, durationUs: number): World {
  const t = plan.topology;
  const root = Rng.fromSeed(seed);
  const queue = new EventQueue(4096);
  const w: World = {
    topology: t,
    plan,
    costs: t.costs,
    now: 0,
    sendsEndUs: durationUs,
    endUs: durationUs + t.simulation.drainUs,
    sending: true,
    queue,
    lifecycles: [],
    transitions: new TransitionMemo(),
    notices: [],
    booted: false,
    rng: root.fork('links'),
    noise: new CostNoise(root.fork('costs')),
    messages: new MessageTable(),
    copies: new CopyTable(),
    dests: t.destinations.map((d) => ({ name: d.name, topic: d.type === 'topic' })),
    processes: [],
    brokers: [],
    stores: [],
    producers: [],
    consumers: [],
    links: [],
    peersOf: [],
    peersWithConsumers: [],
    isSpoke: [],
    processByName: new Map(),
    brokerByName: new Map(),
    partitions: [],
    faults: [],
    ledger: new Ledger(),
    metrics: new Metrics(),
    maxHops: plan.bridgeSets.some((s) => s.kind === 'star') ? 2 : 1,
    eventsProcessed: 0,
  };
  buildStores(w, plan, root);
  buildProcesses(w, plan, root);
  buildBrokers(w, plan);
  buildPeers(w, plan);
  w.peersWithConsumers = new Array<Int32Array | null>(w.brokers.length * w.dests.length).fill(null);
  // A process's connections, found once: scanning them per process would make start-up quadratic.
  const connections = new Map<string, ClientConnection[]>();
  for (const c of plan.connections) connections.set(c.process, [...(connections.get(c.process) ?? []), c]);
  for (const proc of w.processes) {
    const own = connections.get(proc.name) ?? [];
    const tcp = own.find((c) => c.transport === 'tcp');
    // A plain tcp:// URL names one broker: the first of the list a failover: URL would hold.
    const brokers = proc.app.connection === 'tcp' ? tcp?.brokers.slice(0, 1) : tcp?.brokers;
    if (brokers)
      proc.links.push(
        createClientLink(
          w,
          proc.id,
          brokers.map((n) => w.brokerByName.get(n)!),
        ).id,
      );
    // Producers use the connection that carries sends, consumers the one that carries receipts.
    const linkFor = (skip: ClientConnection['carries']) =>
      own.find((c) => c.carries !== skip)?.transport === 'tcp' ? proc.links[0]! : -1;
    for (const p of proc.producers) w.producers[p]!.link = linkFor('consume');
    for (const k of proc.consumers) w.consumers[k]!.link = linkFor('produce');
  }
  return w;
}

function buildStores(w: World, plan: Plan, root: Rng): void {
  const t = plan.topology;
  // By placement, not by name: an embedded broker is named after its process (`broker-1-0` for
  // application `broker-1`), which may look like a cluster broker's name.
  const cluster = new Set(plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name));
  for (const s of plan.stores) {
    if (!s.persistent) continue;
    const ofCluster = s.brokers.some((b) => cluster.has(b));
    const replicated = plan.ha?.locking === 'quorum' && ofCluster;
    // A replicated group keeps one logical store: every replica holds every acknowledged message.
    if (replicated && w.stores.some((x) => x.locking === 'quorum')) continue;
    const store: StoreRt = {
      id: w.stores.length,
      name: replicated ? 'replicated-store' : s.name,
      settings: ofCluster && t.cluster ? t.cluster.store : t.embedded!.store,
      brokers: [],
      locking: replicated ? 'quorum' : s.brokers.length > 1 ? 'lock' : 'none',
      count: 0,
      unsynced: new PairDeque(),
      syncScheduled: false,
      // KahaDB's checkpoint timer started when a broker opened this store, before the window,
      // at a time the topology does not say: its phase is drawn, so a kill does not always find
      // a checkpoint just taken.
      checkpointUs: -root.fork(`checkpoint:${s.name}`).int(KAHADB_CHECKPOINT_INTERVAL_US),
      recordsSinceCheckpoint: 0,
      recordsToReplay: 0,
      lockHolder: -1,
      lockGen: 0,
      lockReleaseDueUs: -1,
      slowFactor: 1,
      epoch: 0,
    };
    w.stores.push(store);
  }
}

function addProducer(
  w: World,
  proc: ProcessRt,
  spec: Producer,
  dest: number,
  rng: Rng,
  loop: ClosedLoopRt | null,
): void {
  proc.producers.push(w.producers.length);
  w.producers.push({
    id: w.producers.length,
    process: proc.id,
    dest,
    spec,
    asyncSend: spec.sendMode === 'async',
    poisson: spec.arrival === 'poisson',
    hopUs: hopMeans(w.topology, spec),
    rng,
    backlog: [],
    backlogHead: 0,
    current: -1,
    inTransit: false,
    link: -1,
    replay: [],
    waitGen: 0,
    unavailableSinceUs: -1,
    unavailable: { windows: 0, totalUs: 0, maxUs: 0 },
    unavailableFault: -1,
    failoverFault: -1,
    lastBroker: -1,
    vmArrivalUs: 0,
    gaveUp: false,
    loop,
    stopped: false,
    writeGen: 0,
  });
}

function buildProcesses(w: World, plan: Plan, root: Rng): void {
  const apps = new Map(plan.topology.applications.map((a) => [a.id, a]));
  const destIndex = new Map(plan.topology.destinations.map((d, i) => [d.name, i]));
  for (const p of plan.processes) {
    const app = apps.get(p.app)!;
    const proc: ProcessRt = {
      id: w.processes.length,
      name: p.name,
      app,
      // An application with a start time does not exist before it (see boot in loop.ts).
      alive: app.startUs <= 0,
      epoch: 0,
      broker: -1,
      producers: [],
      consumers: [],
      links: [],
      downFault: -1,
    };
    w.processes.push(proc);
    w.processByName.set(p.name, proc.id);
    app.producers.forEach((spec, j) => {
      // A closed-loop producer is `inFlight` sender threads (one send() at a time each) sharing its count.
      const count = spec.closedLoop?.count ?? Number.POSITIVE_INFINITY;
      const loop = spec.closedLoop ? { count, left: count } : null;
      for (let thread = 0; thread < (spec.closedLoop?.inFlight ?? 1); thread++)
        addProducer(
          w,
          proc,
          spec,
          destIndex.get(spec.destination)!,
          root.fork(`producer:${p.name}:${j}${thread > 0 ? `#${thread}` : ''}`),
          loop,
        );
    });
    for (const spec of app.consumers) {
      proc.consumers.push(w.consumers.length);
      w.consumers.push({
        id: w.consumers.length,
        process: proc.id,
        dest: destIndex.get(spec.destination)!,
        spec,
        ackBatch: ackBatch(spec),
        broker: -1,
        link: -1,
        inflight: 0,
        unacked: 0,
        busyUntilUs: 0,
      });
    }
  }
}

function buildBrokers(w: World, plan: Plan): void {
  const t = plan.topology;
  for (const pb of plan.brokers) {
    const embedded = pb.placement === 'embedded';
    const settings = embedded ? t.embedded! : t.cluster!;
    const storeId = storeFor(w, pb.store);
    const store = storeId >= 0 ? w.stores[storeId]!.settings : undefined;
    const syncEachBatch = settings.store.journalDiskSyncStrategy === 'always';
    const b: BrokerRt = {
      id: w.brokers.length,
      name: pb.name,
      host: pb.process ?? pb.name,
      embedded,
      process: pb.process ? w.processByName.get(pb.process)! : -1,
      store: storeId,
      lifecycle: undefined as unknown as BrokerRt['lifecycle'],
      epoch: 0,
      syncEachBatch,
      batchWriteUs: !store ? 0 : syncEachBatch ? fsyncUs(t.costs, store.disk) : t.costs.journalWriteUs,
      kahadb: store?.kind === 'kahadb',
      cpuFreeUs: 0,
      storeFreeUs: 0,
      memoryBytes: 0,
      memoryLimitBytes: settings.memoryLimitBytes,
      sendFailIfNoSpace: settings.sendFailIfNoSpace,
      pending: w.dests.map(() => new PairDeque()),
      consumersByDest: w.dests.map(() => []),
      nextConsumer: new Int32Array(w.dests.length),
      journal: new JournalQueue(),
      journalBusy: false,
      journalScheduled: false,
      batchCount: 0,
      nextBatchCount: 0,
      nextBatchBytes: 0,
      blocked: [],
      bridgeByPeer: new Map(),
      networkEqualPriority: !settings.decreaseNetworkConsumerPriority,
      nextTarget: new Int32Array(w.dests.length),
      nextPeer: 0,
      downFault: -1,
      downSinceUs: -1,
    };
    w.brokers.push(b);
    w.brokerByName.set(b.name, b.id);
    if (b.process >= 0) w.processes[b.process]!.broker = b.id;
    if (storeId >= 0) w.stores[storeId]!.brokers.push(b.id);
    const locking = storeId >= 0 ? w.stores[storeId]!.locking : 'none';
    createBrokerLifecycle(w, b, {
      needsLock: locking !== 'none',
      lockPollUs: t.cluster?.lock.lockAcquireSleepIntervalUs ?? 0,
      lockWaitUs: w.plan.ha?.lockWait === 'keepAlivePeriod' ? t.cluster!.lock.lockKeepAlivePeriodUs : 0,
    });
  }
}

function storeFor(w: World, name: string | null): number {
  if (name === null) return -1;
  const direct = w.stores.findIndex((s) => s.name === name);
  if (direct >= 0) return direct;
  return w.plan.ha?.locking === 'quorum' ? w.stores.findIndex((s) => s.locking === 'quorum') : -1;
}

/** Who may forward to whom: mesh members to each other, spokes to the hub, a hub back to its spokes. */
function buildPeers(w: World, plan: Plan): void {
  w.peersOf = w.brokers.map(() => []);
  w.isSpoke = w.brokers.map(() => false);
  const id = (name: string) => w.brokerByName.get(name)!;
  for (const set of plan.bridgeSets) {
    if (set.kind === 'mesh') {
      const members = set.brokers.map(id);
      for (const a of members) for (const b of members) if (a !== b) w.peersOf[a]!.push(b);
      continue;
    }
    const hub = set.hub.map(id);
    for (const spokeName of set.spokes) {
      const spoke = id(spokeName);
      w.isSpoke[spoke] = true;
      w.peersOf[spoke]!.push(...hub);
      if (set.purpose === 'hub') for (const h of hub) w.peersOf[h]!.push(spoke);
    }
  }
}

/** Every (kind, target) pair that random faults hit, each with its own PRNG stream. */
export function randomTargets(plan: Plan, root: Rng): RandomTarget[] {
  const t = plan.topology;
  const out: RandomTarget[] = [];
  for (const spec of t.faults.random) {
    const names =
      spec.targets.length > 0
        ? spec.targets.flatMap((n) => expandTarget(t, n))
        : faultTargets(plan, spec.kind);
    for (const target of names) {
      out.push({
        kind: spec.kind,
        target,
        mtbfUs: spec.mtbfUs,
        mttrUs: spec.mttrUs,
        rng: root.fork(`fault:${spec.kind}:${target}`),
      });
    }
  }
  return out;
}

function expandTarget(t: Topology, name: string): string[] {
  const app = t.applications.find((a) => a.id === name);
  if (app) return Array.from({ length: app.replicas }, (_, i) => `${app.id}-${i}`);
  if (!resolveInstance(t, name)) throw new Error(`random fault target ${explainUnknownInstance(t, name)}`);
  return [name];
}
