/** A plan for the terminal: the static figures, one client URI per application, and the lints. */
import { type ClosedLoopLoad, closedLoopLoad } from '../../compare/closedLoopLoad.js';
import type { Plan } from '../../plan/types.js';
import { plural } from '../../text/plural.js';
import { humanSizeBytes } from '../../topology/units.js';
import { formatCount as n, renderTable } from './table.js';

/** Closed-loop producers have no set rate: they count at most at the throughput ceiling of their sends. */
function sentNote(plan: Plan, load: ClosedLoopLoad | null): string {
  if (!load) return 'by all producers';
  const open = plan.figures.messagesPerSecond;
  const closed = 'at most at the throughput ceiling of their sends';
  if (open === 0) return `closed-loop producers ${closed}`;
  return `open-loop producers at their rate (${n(open, 2)}/s), closed-loop ones ${closed}`;
}

export function planText(plan: Plan, file: string): string {
  const f = plan.figures;
  const t = plan.topology;
  const load = closedLoopLoad(plan);
  const sent = load ? `up to ${n(load.messagesPerSecondUpTo, 2)}` : n(f.messagesPerSecond, 2);
  const persisted = load
    ? `up to ${humanSizeBytes(load.persistedBytesPerSecondUpTo)}`
    : humanSizeBytes(f.persistedBytesPerSecond);
  const rows: string[][] = [
    [
      'deployment units',
      n(f.deploymentUnits),
      `${plural(f.applicationProcesses, 'application process', 'application processes')} + ${plural(f.clusterBrokers, 'broker process', 'broker processes')}`,
    ],
    [
      'broker instances',
      n(f.brokerInstances),
      `${n(f.embeddedBrokers)} embedded, ${n(f.clusterBrokers)} in the cluster`,
    ],
    ['persistent stores', n(f.persistentStores), 'to back up and manage'],
    ['bridges', n(f.bridges), bridgeNote(plan)],
    ['client connections', n(f.clientConnections), `${n(f.vmConnections)} vm, ${n(f.tcpConnections)} tcp`],
    ['messages sent', `${sent}/s`, sentNote(plan, load)],
    ['persisted', `${persisted}/s`, 'journal writes across all stores'],
    [
      'backup footprint',
      humanSizeBytes(f.backupFootprintBytes),
      'at least one 32 MiB journal file and its index per store',
    ],
  ];
  const uris: string[][] = [];
  for (const app of t.applications) {
    for (const c of plan.connections.filter((c) => c.process === `${app.id}-0`))
      uris.push([c.process, c.carries, c.uri]);
  }
  const out = [
    `${t.name}  (layout ${t.layout}, ${file})`,
    renderTable(rows, ['left', 'right', 'left'], '  '),
  ];
  if (uris.length > 0)
    out.push('client URIs (first replica of each application)', renderTable(uris, [], '  '));
  if (plan.bridgeSets.length > 0) {
    const connectors = plan.bridgeSets.map((s) => [
      s.kind === 'mesh' ? `${s.brokers[0]} (mesh)` : `${s.spokes[0]} (${s.purpose})`,
      s.connectorUri,
    ]);
    out.push('network connectors (first member of each set)', renderTable(connectors, [], '  '));
  }
  out.push(plan.lints.length === 0 ? 'lints: none' : `lints (${plan.lints.length})`);
  for (const lint of plan.lints)
    out.push(`  ${lint.severity.padEnd(7)} ${lint.id}: ${lint.message}\n          ${lint.reason}`);
  return `${out.join('\n')}\n`;
}

function bridgeNote(plan: Plan): string {
  if (plan.bridgeSets.length === 0) return 'no network of brokers';
  return plan.bridgeSets
    .map((s) =>
      s.kind === 'mesh'
        ? `mesh of ${n(s.brokers.length)} (${s.duplex ? 'duplex' : 'one-way'})`
        : `${n(s.spokes.length)} to the cluster (${s.purpose})`,
    )
    .join(' + ');
}
