/**
 * The facts about a candidate that explain its numbers (and that the recommendation's reasons
 * cite): how clients reach their broker, what the store syncs to, how long a crashed process or
 * broker takes to come back.
 */
import type { Plan } from '../plan/types.js';
import { fsyncUs } from '../sim/costs.js';
import type { DiskKind, SyncStrategy } from '../topology/types.js';

export type Transport = 'vm' | 'tcp' | 'vm+tcp' | 'none';

export interface CandidateSetup {
  /** vm: every client connection is in-process; tcp: every one crosses the network. */
  transport: Transport;
  /** The store that producers' sends are journaled in first; null without a persistent store. */
  storeDisk: DiskKind | null;
  fsyncUs: number | null;
  syncStrategy: SyncStrategy | null;
  /** Restart time of the first application (the one the process-crash scenario hits). */
  processRestartUs: number;
  /** Restart time of a broker of the cluster or hub; null without one. */
  brokerRestartUs: number | null;
}

export function candidateSetup(plan: Plan): CandidateSetup {
  const t = plan.topology;
  const f = plan.figures;
  const transport: Transport =
    f.vmConnections > 0 && f.tcpConnections > 0
      ? 'vm+tcp'
      : f.vmConnections > 0
        ? 'vm'
        : f.tcpConnections > 0
          ? 'tcp'
          : 'none';
  // Producers journal first in their embedded store (embedded, hybrid), else in the cluster's.
  const store = t.layout === 'central' ? t.cluster?.store : t.embedded?.store;
  const persistent = store !== undefined && store.kind !== 'memory';
  const app = t.applications.find((a) => a.producers.length > 0) ?? t.applications[0];
  return {
    transport,
    storeDisk: persistent ? store.disk : null,
    fsyncUs: persistent ? fsyncUs(t.costs, store.disk) : null,
    syncStrategy: persistent ? store.journalDiskSyncStrategy : null,
    processRestartUs: app?.restartUs ?? 0,
    // A hub's brokers restart as a central cluster's do (compare faults them alike).
    brokerRestartUs: t.cluster ? t.cluster.restartUs : null,
  };
}
