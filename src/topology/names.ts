/** How instances are named: processes `<app>-<index>`, cluster brokers `broker-<index>`. */
import { haModeSpec } from '../model/haModes.js';
import { plural } from '../text/plural.js';
import { quote } from '../text/quote.js';
import type { Application, Topology } from './types.js';

export const SHARED_STORE_TARGET = 'shared-store';

export function processName(appId: string, index: number): string {
  return `${appId}-${index}`;
}

export function brokerName(index: number): string {
  return `broker-${index}`;
}

/** The cluster keeps one store for all its brokers (HA table: `store: shared`), named `shared-store`. */
export function hasSharedStore(topology: Topology): boolean {
  return topology.cluster !== null && haModeSpec(topology.cluster.ha).store === 'shared';
}

/** What an instance name refers to in a topology, if anything. */
export type InstanceRef =
  | { kind: 'process'; app: Application; index: number }
  | { kind: 'broker'; index: number }
  | { kind: 'shared-store' };

export function resolveInstance(topology: Topology, name: string): InstanceRef | undefined {
  if (name === SHARED_STORE_TARGET && hasSharedStore(topology)) return { kind: 'shared-store' };
  const m = /^(.*)-(\d+)$/.exec(name);
  if (!m) return undefined;
  const index = Number(m[2]);
  if (String(index) !== m[2]) return undefined; // no leading zeros: `orders-03` names nothing
  if (m[1] === 'broker' && topology.cluster && index < topology.cluster.brokers)
    return { kind: 'broker', index };
  const app = topology.applications.find((a) => a.id === m[1]);
  if (app && index < app.replicas) return { kind: 'process', app, index };
  return undefined;
}

/** Why a name resolves to nothing, in words that help fix it. */
export function explainUnknownInstance(topology: Topology, name: string): string {
  const m = /^(.*)-(\d+)$/.exec(name);
  const app = topology.applications.find((a) => a.id === (m?.[1] ?? name));
  if (m && (app || (m[1] === 'broker' && topology.cluster)) && String(Number(m[2])) !== m[2])
    return `${quote(name)} has a leading zero: write \`${m[1]}-${Number(m[2])}\``;
  if (app && m)
    return `${quote(name)} is out of range: ${app.id} has ${plural(app.replicas, 'replica')} (${processName(app.id, 0)} .. ${processName(app.id, app.replicas - 1)})`;
  if (app)
    return `${quote(name)} is an application, not one process: name a replica such as \`${processName(app.id, 0)}\``;
  if (m?.[1] === 'broker') {
    return topology.cluster
      ? `${quote(name)} is out of range: the cluster has ${plural(topology.cluster.brokers, 'broker')} (broker-0 .. ${brokerName(topology.cluster.brokers - 1)})`
      : `${quote(name)} names a cluster broker, but this topology has no cluster`;
  }
  return `${quote(name)} is neither a process (\`<application>-<index>\`) nor a cluster broker (\`broker-<index>\`)`;
}
