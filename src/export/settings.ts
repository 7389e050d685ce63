/**
 * The settings an export writes, each with its value and where it came from: set in the
 * topology, a default (brokerlab's, which follows ActiveMQ's; src/model/defaults.ts names the
 * source), or derived from the plan. The README in the output directory lists them.
 */

import type { Plan } from '../plan/types.js';
import { formatDurationUs, formatSizeBytes } from '../topology/units.js';
import { networkConnectorsOf } from './networkConnectors.js';
import type { ExportedSetting } from './types.js';

/** Collects the dotted paths of every field a topology document sets (`cluster.lockKeepAlivePeriod`). */
export function fieldsSetIn(document: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return out;
  for (const [key, value] of Object.entries(document)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    for (const inner of fieldsSetIn(value, path)) out.add(inner);
  }
  return out;
}

export function exportedSettings(plan: Plan, setInTopology: ReadonlySet<string>): ExportedSetting[] {
  const t = plan.topology;
  const out: ExportedSetting[] = [];
  const add: Add = (name, field, value) =>
    out.push({
      name,
      value: String(value),
      source: setInTopology.has(field) ? 'topology' : 'default',
      from: field,
    });
  for (const [section, s] of [
    ['embedded', plan.brokers.some((b) => b.placement === 'embedded') ? t.embedded : null],
    ['cluster', t.cluster],
  ] as const) {
    if (!s) continue;
    add(`${section}: store`, `${section}.store`, s.store.kind);
    if (s.store.kind === 'kahadb') {
      add(
        `${section}: kahaDB journalDiskSyncStrategy`,
        `${section}.journalDiskSyncStrategy`,
        s.store.journalDiskSyncStrategy,
      );
      add(
        `${section}: kahaDB journalDiskSyncInterval`,
        `${section}.journalDiskSyncInterval`,
        formatDurationUs(s.store.journalDiskSyncIntervalUs),
      );
    }
    add(
      `${section}: systemUsage memoryUsage limit`,
      `${section}.memoryLimit`,
      formatSizeBytes(s.memoryLimitBytes),
    );
    add(`${section}: systemUsage sendFailIfNoSpace`, `${section}.sendFailIfNoSpace`, s.sendFailIfNoSpace);
    add(`${section}: storage is ephemeral (no volume)`, `${section}.ephemeralStorage`, s.store.ephemeral);
  }
  const c = t.cluster;
  if (c && (c.ha === 'shared-store' || c.ha === 'jdbc')) {
    add(
      'cluster: locker lockAcquireSleepInterval',
      'cluster.lockAcquireSleepInterval',
      formatDurationUs(c.lock.lockAcquireSleepIntervalUs),
    );
    add(
      'cluster: lockKeepAlivePeriod',
      'cluster.lockKeepAlivePeriod',
      formatDurationUs(c.lock.lockKeepAlivePeriodUs),
    );
  }
  if (c && plan.bridgeSets.length > 0)
    add('cluster: replayWhenNoConsumers', 'cluster.replayWhenNoConsumers', c.replayWhenNoConsumers);
  bridgeSettings(plan, add, out);
  if (plan.connections.some((x) => x.transport === 'tcp')) failoverSettings(plan, add);
  out.push({
    name: 'policyEntry producerFlowControl',
    value: 'true',
    source: 'default',
    from: 'ActiveMQ default; the topology has no switch for it',
  });
  return out;
}

/** Records a setting whose source is the topology when `field` is set there, else the default. */
type Add = (name: string, field: string, value: string | number | boolean) => void;

function bridgeSettings(plan: Plan, add: Add, out: ExportedSetting[]): void {
  for (const set of plan.bridgeSets) {
    const first = set.kind === 'mesh' ? set.brokers[0]! : set.spokes[0]!;
    const section =
      plan.brokers.find((b) => b.name === first)?.placement === 'cluster' ? 'cluster' : 'embedded';
    const spec = networkConnectorsOf(plan, first)[0];
    if (!spec) continue;
    const label = `networkConnector ${spec.name}`;
    add(`${label} duplex`, `${section}.duplex`, spec.duplex);
    add(
      `${label} decreaseNetworkConsumerPriority`,
      `${section}.decreaseNetworkConsumerPriority`,
      spec.decreaseNetworkConsumerPriority,
    );
    out.push({
      name: `${label} networkTTL`,
      value: String(spec.networkTTL),
      source: 'derived',
      from: spec.networkTTL === 1 ? 'a direct peer: one hop' : 'a hub relays: one hop per broker on the way',
    });
  }
}

function failoverSettings(plan: Plan, add: Add): void {
  const f = plan.topology.failover;
  const rows: [string, string | number | boolean][] = [
    ['randomize', f.randomize],
    ['initialReconnectDelay', formatDurationUs(f.initialReconnectDelayUs)],
    ['maxReconnectDelay', formatDurationUs(f.maxReconnectDelayUs)],
    ['backOffMultiplier', f.backOffMultiplier],
    ['useExponentialBackOff', f.useExponentialBackOff],
    ['maxReconnectAttempts', f.maxReconnectAttempts],
    ['timeout', f.timeoutUs < 0 ? 'none (-1)' : formatDurationUs(f.timeoutUs)],
    ['trackMessages', f.trackMessages],
  ];
  for (const [key, value] of rows) add(`failover: ${key}`, `failover.${key}`, value);
}
