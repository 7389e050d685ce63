/**
 * A plan as a mermaid flowchart: application processes (replicas collapsed to one example and
 * a `... N more` node, so that 500 processes stay readable), their embedded brokers and stores,
 * the central cluster with its HA roles and stores, bridges and client links.
 */
import type { BridgeSet, Plan, PlannedBroker, PlannedStore } from '../../plan/types.js';
import { plural } from '../../text/plural.js';
import type { Application } from '../../topology/types.js';
import { MermaidIds, mermaidLabel as q, mermaidLines as qLines } from './escape.js';

export function planFlowchart(plan: Plan): string {
  const lines: string[] = ['flowchart LR'];
  const ids = new MermaidIds();
  const t = plan.topology;
  const brokers = new Map(plan.brokers.map((b) => [b.name, b]));
  const stores = new Map(plan.stores.map((s) => [s.name, s]));
  const clusterId = t.cluster ? ids.id('cluster') : null;
  /** Example embedded broker node and "more" node per application, for bridge edges. */
  const spokes: string[] = [];
  const clientEdges: string[] = [];

  for (const app of t.applications) {
    const group = ids.id('app');
    const example = plan.processes.find((p) => p.app === app.id)!;
    lines.push(
      `  subgraph ${group}[${q(`${app.id} ×${app.replicas.toLocaleString('en-US')} · ${app.host}`)}]`,
    );
    const processId = ids.id();
    lines.push(`    ${processId}[${qLines([example.name, ...trafficLines(app)])}]`);
    if (example.embeddedBroker) {
      const broker = brokers.get(example.embeddedBroker)!;
      const brokerId = ids.id();
      lines.push(`    ${brokerId}{{${q(`embedded broker ${broker.connectorUri}`)}}}`);
      lines.push(`    ${processId} -->|${q('vm')}| ${brokerId}`);
      addStore(lines, ids, broker, stores, brokerId, '    ');
      spokes.push(brokerId);
    }
    lines.push('  end');
    let more: string | undefined;
    if (app.replicas > 1) {
      more = ids.id();
      const what = example.embeddedBroker
        ? t.embedded?.store.kind === 'memory'
          ? ', each with its broker'
          : ', each with its broker and store'
        : '';
      lines.push(
        `  ${more}[${q(`... ${(app.replicas - 1).toLocaleString('en-US')} more like ${example.name}${what}`)}]`,
      );
      // A visible link: the replicas belong to this application (an invisible one left the node floating).
      lines.push(`  ${group} -.-|${q('replicas')}| ${more}`);
      if (example.embeddedBroker) spokes.push(more);
    }
    for (const c of plan.connections.filter((c) => c.process === example.name && c.transport === 'tcp')) {
      clientEdges.push(`  ${processId} -->|${q(`failover tcp · ${c.carries}`)}| ${clusterId}`);
      if (more) clientEdges.push(`  ${more} -->|${q(`failover tcp · ${c.carries}`)}| ${clusterId}`);
    }
  }
  if (t.cluster && clusterId) {
    lines.push(
      `  subgraph ${clusterId}[${q(`central cluster · ${t.cluster.ha} · ${plural(t.cluster.brokers, 'broker')}`)}]`,
    );
    const storeIds = new Map<string, string>();
    const brokerIds: string[] = [];
    for (const broker of plan.brokers.filter((b) => b.placement === 'cluster')) {
      const brokerId = ids.id();
      brokerIds.push(brokerId);
      lines.push(`    ${brokerId}{{${q(`${broker.name} · ${broker.role}`)}}}`);
      addStore(lines, ids, broker, stores, brokerId, '    ', storeIds);
    }
    const mesh = plan.bridgeSets.find(
      (s) => s.kind === 'mesh' && s.brokers[0] === plan.brokers.find((b) => b.placement === 'cluster')?.name,
    );
    if (mesh) addMesh(lines, ids, mesh, brokerIds, '    ');
    lines.push('  end');
  }
  for (const set of plan.bridgeSets) {
    if (
      set.kind === 'mesh' &&
      set.brokers[0] !== undefined &&
      brokers.get(set.brokers[0])?.placement === 'embedded'
    )
      addMesh(lines, ids, set, spokes, '  ');
    if (set.kind === 'star' && clusterId) {
      const arrow = set.purpose === 'forward' ? '-->' : '<-->';
      const label = `${set.purpose === 'forward' ? 'store and forward' : 'hub'} · ${plural(set.bridges, 'bridge')}`;
      for (const spoke of spokes) lines.push(`  ${spoke} ${arrow}|${q(label)}| ${clusterId}`);
    }
  }
  lines.push(...clientEdges);
  return `${lines.join('\n')}\n`;
}

function trafficLines(app: Application): string[] {
  const sends = [...new Set(app.producers.map((p) => p.destination))];
  const receives = [...new Set(app.consumers.map((c) => c.destination))];
  return [
    ...(sends.length ? [`sends ${sends.join(', ')}`] : []),
    ...(receives.length ? [`receives ${receives.join(', ')}`] : []),
  ];
}

function addStore(
  lines: string[],
  ids: MermaidIds,
  broker: PlannedBroker,
  stores: Map<string, PlannedStore>,
  brokerId: string,
  indent: string,
  shared?: Map<string, string>,
): void {
  if (!broker.store) return;
  const store = stores.get(broker.store)!;
  let storeId = shared?.get(store.name);
  if (!storeId) {
    storeId = ids.id();
    shared?.set(store.name, storeId);
    lines.push(
      `${indent}${storeId}[(${q(`${store.name} · ${store.kind} · ${store.disk}${store.ephemeral ? ' · ephemeral' : ''}`)})]`,
    );
  }
  const waits = broker.role === 'slave';
  lines.push(
    `${indent}${brokerId} ${waits ? '-.-' : '---'}|${q(waits ? 'waits for lock' : store.kind === 'kahadb' ? `journal, sync ${store.syncStrategy}` : 'writes')}| ${storeId}`,
  );
}

function addMesh(lines: string[], ids: MermaidIds, set: BridgeSet, members: string[], indent: string): void {
  if (set.kind !== 'mesh') return;
  const label = `full mesh · ${plural(set.bridges, `${set.duplex ? 'duplex' : 'one-way'} bridge`)}`;
  if (members.length <= 4 && members.length === set.brokers.length) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++)
        lines.push(`${indent}${members[i]} <-->|${q(i === 0 && j === 1 ? label : 'bridge')}| ${members[j]}`);
    }
    return;
  }
  const hub = ids.id();
  lines.push(`${indent}${hub}((${q(label)}))`);
  for (const member of members) lines.push(`${indent}${member} <--> ${hub}`);
}
