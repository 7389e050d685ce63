/**
 * A counterexample as a mermaid sequence diagram: the message path of the deployment (producer,
 * broker, store, consumer), then each fault as a note with what it did to messages, then the
 * broken guarantee.
 */
import type { Trial } from '../../check/search.js';
import { humanDurationUs } from '../../topology/units.js';
import { verdictSummary } from '../text/verdictText.js';
import { mermaidText as t } from './escape.js';

export function counterexampleSequence(trial: Trial): string {
  const topo = trial.topology;
  const embedded = topo.layout !== 'central';
  const producer = topo.applications.find((a) => a.producers.length > 0);
  const consumer = topo.applications.find((a) => a.consumers.length > 0);
  const spec = producer?.producers[0];
  const brokerLabel = embedded
    ? `embedded broker ${producer ? `${producer.id}-0` : ''}`
    : `cluster (${topo.cluster?.ha ?? 'none'})`;
  const store = trial.plan.stores.find((s) => s.persistent);
  const lines = ['sequenceDiagram'];
  lines.push(`  participant P as ${t(producer ? `producer ${producer.id}` : 'producers')}`);
  lines.push(`  participant B as ${t(brokerLabel)}`);
  if (store) lines.push(`  participant S as ${t(`store ${store.name} (${store.syncStrategy})`)}`);
  lines.push(`  participant C as ${t(consumer ? `consumer ${consumer.id}` : 'consumers')}`);
  if (spec) {
    const how = `${spec.persistent ? 'persistent' : 'non-persistent'}, ${spec.sendMode} send over ${embedded ? 'vm' : 'tcp'}`;
    lines.push(`  P->>B: ${t(`send ${spec.destination} (${how})`)}`);
    if (store && spec.persistent) lines.push(`  B->>S: ${t('journal write')}`);
    if (spec.sendMode === 'sync') lines.push(`  B-->>P: ${t('receipt')}`);
  }
  lines.push(`  B->>C: ${t('dispatch (prefetch)')}`);
  lines.push(`  C-->>B: ${t('ack')}`);
  for (const f of trial.result.faults) {
    const what = `${humanDurationUs(f.atUs)} ${f.kind} ${f.target}${f.peer ? ` / ${f.peer}` : ''}`;
    lines.push(`  Note over P,C: ${t(what)}`);
    const effects = [
      `at risk ${f.atRisk}`,
      f.lost > 0 ? `lost ${f.lost}` : '',
      f.duplicated > 0 ? `duplicated ${f.duplicated}` : '',
      f.stranded > 0 ? `stranded ${f.stranded}` : '',
      f.redelivered > 0 ? `redelivered ${f.redelivered}` : '',
      f.failoverUs >= 0 ? `failover ${humanDurationUs(f.failoverUs)}` : '',
    ].filter(Boolean);
    lines.push(`  B-->>P: ${t(effects.join(', '))}`);
  }
  for (const v of trial.verdicts.filter((x) => !x.valid)) {
    lines.push(`  Note over P,C: ${t(`broken: ${verdictSummary(v)}`)}`);
  }
  return `${lines.join('\n')}\n`;
}
