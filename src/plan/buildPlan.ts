/**
 * Topology -> Plan: every process, broker, store, bridge set and client connection, then the
 * figures and lints derived from them. Pure and linear in the number of processes.
 */
import { haModeSpec } from '../model/haModes.js';
import { brokerName, processName, SHARED_STORE_TARGET } from '../topology/names.js';
import type { StoreSettings, Topology } from '../topology/types.js';
import { computeFigures } from './figures.js';
import { lintPlan } from './lints.js';
import type {
  BridgeSet,
  ClientConnection,
  Plan,
  PlannedBroker,
  PlannedHa,
  PlannedProcess,
  PlannedStore,
} from './types.js';
import { bridgeUri, failoverUri, tcpUri, usesAsyncSend, vmUri } from './uris.js';

export function buildPlan(topology: Topology): Plan {
  const ha: PlannedHa | null = topology.cluster
    ? { mode: topology.cluster.ha, ...haModeSpec(topology.cluster.ha) }
    : null;
  const processes = planProcesses(topology);
  const stores: PlannedStore[] = [];
  const brokers = [
    ...planEmbeddedBrokers(topology, processes, stores),
    ...planClusterBrokers(topology, ha, stores),
  ];
  const bridgeSets = planBridges(topology, ha, processes);
  const connections = planConnections(topology, processes);
  const partial = { topology, ha, processes, brokers, stores, bridgeSets, connections };
  const figures = computeFigures(partial);
  return { ...partial, figures, lints: lintPlan({ ...partial, figures }) };
}

function planProcesses(t: Topology): PlannedProcess[] {
  return t.applications.flatMap((app) => {
    // In a hybrid, only producing processes need a local broker to store and forward through.
    const embeds = t.layout === 'embedded' || (t.layout === 'hybrid' && app.producers.length > 0);
    return Array.from({ length: app.replicas }, (_, index) => {
      const name = processName(app.id, index);
      return { name, app: app.id, index, host: app.host, embeddedBroker: embeds ? name : null };
    });
  });
}

function isPersistent(store: StoreSettings): boolean {
  return store.kind !== 'memory';
}

function storeOf(name: string, settings: StoreSettings, brokers: string[]): PlannedStore {
  return {
    name,
    kind: settings.kind,
    persistent: isPersistent(settings),
    brokers,
    disk: settings.disk,
    syncStrategy: settings.journalDiskSyncStrategy,
    ephemeral: settings.ephemeral,
  };
}

function planEmbeddedBrokers(
  t: Topology,
  processes: PlannedProcess[],
  stores: PlannedStore[],
): PlannedBroker[] {
  const embedded = t.embedded;
  if (!embedded || t.layout === 'central') return [];
  const persistent = isPersistent(embedded.store);
  return processes.flatMap((p) => {
    if (!p.embeddedBroker) return [];
    const store = persistent ? `store-${p.name}` : null;
    if (store) stores.push(storeOf(store, embedded.store, [p.name]));
    return {
      name: p.name,
      placement: 'embedded',
      process: p.name,
      role: 'embedded',
      store,
      connectorUri: vmUri(p.name, persistent),
    };
  });
}

function planClusterBrokers(t: Topology, ha: PlannedHa | null, stores: PlannedStore[]): PlannedBroker[] {
  const c = t.cluster;
  if (!c || !ha) return [];
  const names = Array.from({ length: c.brokers }, (_, i) => brokerName(i));
  const persistent = isPersistent(c.store);
  const shared = ha.store === 'shared';
  if (persistent && shared) stores.push(storeOf(SHARED_STORE_TARGET, c.store, names));
  return names.map((name, i) => {
    let store: string | null = null;
    if (persistent) {
      store = shared ? SHARED_STORE_TARGET : `store-${name}`;
      if (!shared) stores.push(storeOf(store, c.store, [name]));
    }
    return {
      name,
      placement: 'cluster',
      process: null,
      role: i === 0 ? ha.firstRole : ha.otherRole,
      store,
      connectorUri: tcpUri(name),
    };
  });
}

/** Bridges needed to join `n` brokers pairwise: one duplex bridge per pair, or one each way. */
function meshBridgeCount(n: number, duplex: boolean): number {
  const pairs = (n * (n - 1)) / 2;
  return duplex ? pairs : 2 * pairs;
}

function planBridges(t: Topology, ha: PlannedHa | null, processes: PlannedProcess[]): BridgeSet[] {
  const sets: BridgeSet[] = [];
  const c = t.cluster;
  const clusterBrokers = c ? Array.from({ length: c.brokers }, (_, i) => brokerName(i)) : [];
  if (c && ha?.bridged && c.brokers > 1) {
    sets.push({
      kind: 'mesh',
      brokers: clusterBrokers,
      duplex: c.duplex,
      bridges: meshBridgeCount(c.brokers, c.duplex),
      connectorUri: bridgeUri([clusterBrokers[1]!]),
    });
  }
  const embedded = t.embedded;
  const spokes = processes.filter((p) => p.embeddedBroker !== null).map((p) => p.name);
  if (t.layout === 'embedded' && embedded?.network === 'mesh' && spokes.length > 1) {
    sets.push({
      kind: 'mesh',
      brokers: spokes,
      duplex: embedded.duplex,
      bridges: meshBridgeCount(spokes.length, embedded.duplex),
      connectorUri: bridgeUri([spokes[1]!]),
    });
  }
  if (t.layout === 'embedded' && embedded?.network === 'hub' && c) {
    // A spoke must both send to and receive from the hub: one duplex bridge, or two one-way.
    sets.push({
      kind: 'star',
      spokes,
      hub: clusterBrokers,
      duplex: embedded.duplex,
      purpose: 'hub',
      bridges: spokes.length * (embedded.duplex ? 1 : 2),
      connectorUri: bridgeUri(clusterBrokers),
    });
  }
  if (t.layout === 'hybrid' && c) {
    // Store-and-forward towards the cluster needs one bridge per embedded broker.
    sets.push({
      kind: 'star',
      spokes,
      hub: clusterBrokers,
      duplex: embedded?.duplex ?? true,
      purpose: 'forward',
      bridges: spokes.length,
      connectorUri: bridgeUri(clusterBrokers),
    });
  }
  return sets;
}

function planConnections(t: Topology, processes: PlannedProcess[]): ClientConnection[] {
  const clusterBrokers = t.cluster ? Array.from({ length: t.cluster.brokers }, (_, i) => brokerName(i)) : [];
  const persistentEmbedded = t.embedded ? isPersistent(t.embedded.store) : false;
  const apps = new Map(t.applications.map((a) => [a.id, a]));
  const out: ClientConnection[] = [];
  for (const p of processes) {
    const app = apps.get(p.app)!;
    const produces = app.producers.length > 0;
    const consumes = app.consumers.length > 0;
    if (!produces && !consumes) continue;
    const tcp = (carries: ClientConnection['carries']): ClientConnection => ({
      process: p.name,
      transport: 'tcp',
      uri: failoverUri(clusterBrokers, t.failover, usesAsyncSend(t, app.id) && carries !== 'consume'),
      brokers: clusterBrokers,
      carries,
    });
    const vm = (carries: ClientConnection['carries']): ClientConnection => ({
      process: p.name,
      transport: 'vm',
      uri: vmUri(p.name, persistentEmbedded),
      brokers: [p.name],
      carries,
    });
    if (t.layout === 'central')
      out.push(tcp(produces && consumes ? 'both' : produces ? 'produce' : 'consume'));
    else if (t.layout === 'embedded')
      out.push(vm(produces && consumes ? 'both' : produces ? 'produce' : 'consume'));
    else {
      if (produces) out.push(vm('produce'));
      if (consumes) out.push(tcp('consume'));
    }
  }
  return out;
}
