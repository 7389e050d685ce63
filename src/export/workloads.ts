/**
 * What runs where, shared by compose.yaml and the Kubernetes manifests: the cluster brokers as
 * one group, and each application either as interchangeable replicas (plain clients) or as
 * processes with an identity of their own (each embeds a broker with its own store).
 */
import type { Plan, PlannedBroker } from '../plan/types.js';
import type { Application } from '../topology/types.js';
import { isNetworked } from './networkConnectors.js';

export interface BrokerGroup {
  brokers: PlannedBroker[];
  /** Masters and slaves share one store directory (shared-store) or a database (jdbc). */
  sharedStore: 'directory' | 'database' | null;
  /** Each broker keeps its own persistent store on its own volume. */
  ownStores: boolean;
  ephemeral: boolean;
}

export interface AppWorkload {
  app: Application;
  /** Process names, `<app>-<index>`. */
  processes: string[];
  /** The processes embed brokers: each needs its own identity (and store volume when persistent). */
  embedsBroker: boolean;
  persistentStore: boolean;
  ephemeral: boolean;
  /** Other brokers open bridges to these processes' brokers by name. */
  networked: boolean;
}

export function brokerGroupOf(plan: Plan): BrokerGroup | null {
  const c = plan.topology.cluster;
  const brokers = plan.brokers.filter((b) => b.placement === 'cluster');
  if (!c || brokers.length === 0) return null;
  const persistent = c.store.kind !== 'memory';
  const sharedStore = !persistent
    ? null
    : c.ha === 'shared-store'
      ? 'directory'
      : c.ha === 'jdbc' || c.store.kind === 'jdbc'
        ? 'database'
        : null;
  return {
    brokers,
    sharedStore,
    ownStores: persistent && sharedStore === null,
    ephemeral: c.store.ephemeral,
  };
}

export function appWorkloadsOf(plan: Plan): AppWorkload[] {
  const e = plan.topology.embedded;
  return plan.topology.applications.map((app) => {
    const processes = plan.processes.filter((p) => p.app === app.id);
    const embedsBroker = processes.some((p) => p.embeddedBroker !== null);
    return {
      app,
      processes: processes.map((p) => p.name),
      embedsBroker,
      persistentStore: embedsBroker && e !== null && e.store.kind !== 'memory',
      ephemeral: embedsBroker && e?.store.ephemeral === true,
      networked: embedsBroker && processes.some((p) => isNetworked(plan, p.name)),
    };
  });
}
