/** The static figures of a plan: what the deployment costs to run, before any simulation. */
import type { Producer, Topology } from '../topology/types.js';
import type { Plan, PlanFigures } from './types.js';

/** KahaDB's journalMaxFileLength (W:kahadb): the least a store occupies on disk. */
const JOURNAL_FILE_BYTES = 32 * 1024 * 1024;
/** [est] the B-tree index beside the journal of a small store. */
const INDEX_BYTES = 4 * 1024 * 1024;

/** Whether `destination` is a topic: its messages go to the subscribers present, from memory. */
export function isTopic(t: Topology, destination: string): boolean {
  return t.destinations.find((d) => d.name === destination)?.type === 'topic';
}

/**
 * Bytes a message of `p` writes to persistent stores: hybrid ones twice, embedded and central.
 * None for a topic: with no durable subscriber ActiveMQ stores no topic message (and brokerlab
 * models none), as the simulator and the throughput ceiling do.
 */
export function persistedBytesPerMessage(t: Topology, p: Producer): number {
  if (!p.persistent || isTopic(t, p.destination)) return 0;
  const embeddedPersistent =
    t.layout !== 'central' && t.embedded !== null && t.embedded.store.kind !== 'memory';
  const clusterPersistent =
    t.layout !== 'embedded' && t.cluster !== null && t.cluster.store.kind !== 'memory';
  return p.sizeBytes * ((embeddedPersistent ? 1 : 0) + (clusterPersistent ? 1 : 0));
}

export function computeFigures(plan: Omit<Plan, 'figures' | 'lints'>): PlanFigures {
  const t = plan.topology;
  const embeddedBrokers = plan.brokers.filter((b) => b.placement === 'embedded').length;
  const clusterBrokers = plan.brokers.length - embeddedBrokers;
  const persistentStores = plan.stores.filter((s) => s.persistent).length;
  const vmConnections = plan.connections.filter((c) => c.transport === 'vm').length;
  let messagesPerSecond = 0;
  let persistedBytesPerSecond = 0;
  for (const app of t.applications) {
    for (const p of app.producers) {
      // A closed loop has no set rate (0 here): compare/closedLoopLoad.ts bounds it.
      const rate = p.ratePerSecond * app.replicas;
      messagesPerSecond += rate;
      persistedBytesPerSecond += rate * persistedBytesPerMessage(t, p);
    }
  }
  return {
    deploymentUnits: plan.processes.length + clusterBrokers,
    applicationProcesses: plan.processes.length,
    brokerInstances: plan.brokers.length,
    embeddedBrokers,
    clusterBrokers,
    persistentStores,
    bridges: plan.bridgeSets.reduce((sum, set) => sum + set.bridges, 0),
    clientConnections: plan.connections.length,
    vmConnections,
    tcpConnections: plan.connections.length - vmConnections,
    persistedBytesPerSecond: Math.round(persistedBytesPerSecond),
    backupFootprintBytes: persistentStores * (JOURNAL_FILE_BYTES + INDEX_BYTES),
    messagesPerSecond,
  };
}
