/**
 * A counterexample as a mermaid sequence diagram: the message path of one producer (its process,
 * the broker it sends to, that broker's store, a hub it forwards to, the consumers), then each
 * fault as a note over the participant it hit (`faultHits`: the process, broker or store), with
 * what it did to messages, the sends left without an answer, then the broken guarantee.
 */
import { faultHits, type HitInstance, instanceNamed } from '../../check/faultHit.js';
import type { Trial } from '../../check/search.js';
import type { Plan } from '../../plan/types.js';
import { humanDurationUs } from '../../topology/units.js';
import { unansweredSends } from '../text/unanswered.js';
import { verdictSummary } from '../text/verdictText.js';
import { mermaidText as t } from './escape.js';

export function counterexampleSequence(trial: Trial): string {
  const plan = trial.plan;
  const topo = plan.topology;
  const participants = new Participants(plan);
  const producerApp = topo.applications.find((a) => a.producers.length > 0);
  const consumerApp = topo.applications.find((a) => a.consumers.length > 0);
  const spec = producerApp?.producers[0];
  const producerProcess = plan.processes.find((p) => p.app === producerApp?.id);
  const P = producerProcess
    ? participants.of(instanceNamed(plan, producerProcess.name))
    : participants.role('producers');
  // The broker it sends to: its own embedded one (the same process), else its first cluster broker.
  const sendsTo = producerProcess?.embeddedBroker
    ? producerProcess.name
    : plan.connections.find((c) => c.process === producerProcess?.name && c.carries !== 'consume')
        ?.brokers[0];
  const B = sendsTo ? participants.of(instanceNamed(plan, sendsTo)) : P;
  const storeName = plan.brokers.find((b) => b.name === sendsTo)?.store;
  const store = plan.stores.find((s) => s.name === storeName && s.persistent);
  const S = store ? participants.of({ kind: 'store', name: store.name }) : undefined;
  // In a hybrid layout the embedded broker forwards to the cluster, where the consumers are.
  const hub = topo.layout === 'hybrid' ? plan.brokers.find((b) => b.placement === 'cluster') : undefined;
  const H = hub ? participants.of({ kind: 'broker', name: hub.name }) : B;
  const C = participants.role(consumerApp ? `consumers ${consumerApp.id}` : 'consumers');
  const notes: string[] = [];
  for (const f of trial.result.faults) {
    const over = faultHits(plan, f).map((hit) => participants.of(hit));
    const effects = [
      `at risk ${f.atRisk}`,
      f.lost > 0 ? `lost ${f.lost}` : '',
      f.duplicated > 0 ? `duplicated ${f.duplicated}` : '',
      f.stranded > 0 ? `stranded ${f.stranded}` : '',
      f.redelivered > 0 ? `redelivered ${f.redelivered}` : '',
      f.failoverUs >= 0 ? `failover ${humanDurationUs(f.failoverUs)}` : '',
    ].filter(Boolean);
    const what = `${humanDurationUs(f.atUs)} ${f.kind} ${f.target}${f.peer ? ` / ${f.peer}` : ''}`;
    notes.push(`  Note over ${[...new Set(over)].join(',')}: ${t(`${what}: ${effects.join(', ')}`)}`);
  }
  const lines = ['sequenceDiagram', ...participants.declarations()];
  if (spec) {
    const how = `${spec.persistent ? 'persistent' : 'non-persistent'}, ${spec.sendMode} send over ${producerProcess?.embeddedBroker ? 'vm' : 'tcp'}`;
    lines.push(`  ${P}->>${B}: ${t(`send ${spec.destination} (${how})`)}`);
    if (S && spec.persistent) lines.push(`  ${B}->>${S}: ${t('journal write')}`);
    if (spec.sendMode === 'sync') lines.push(`  ${B}-->>${P}: ${t('receipt')}`);
  }
  if (H !== B) lines.push(`  ${B}->>${H}: ${t('forward (network bridge)')}`);
  lines.push(`  ${H}->>${C}: ${t('dispatch (prefetch)')}`);
  lines.push(`  ${C}-->>${H}: ${t('ack')}`);
  lines.push(...notes);
  // Per run, not per fault: which fault left a send without its answer is not recorded.
  const unanswered = unansweredSends(trial.result.outcomeUnknown);
  if (unanswered) lines.push(`  Note over ${P}: ${t(unanswered)}`);
  const all = participants.aliases();
  const span = all.length > 1 ? `${all[0]},${all[all.length - 1]}` : all[0]!;
  for (const v of trial.verdicts.filter((x) => !x.valid)) {
    lines.push(`  Note over ${span}: ${t(`broken: ${verdictSummary(v)}`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One participant per plan instance (a process and its embedded broker are one), in order of first use. */
class Participants {
  private readonly byKey = new Map<string, { alias: string; label: string }>();
  constructor(private readonly plan: Plan) {}

  of(hit: HitInstance): string {
    return this.add(`${hit.kind === 'store' ? 'store' : 'instance'}:${hit.name}`, () => this.label(hit));
  }

  role(label: string): string {
    return this.add(`role:${label}`, () => label);
  }

  aliases(): string[] {
    return [...this.byKey.values()].map((p) => p.alias);
  }

  declarations(): string[] {
    return [...this.byKey.values()].map((p) => `  participant ${p.alias} as ${t(p.label)}`);
  }

  private add(key: string, label: () => string): string {
    let p = this.byKey.get(key);
    if (!p) {
      p = { alias: `p${this.byKey.size}`, label: label() };
      this.byKey.set(key, p);
    }
    return p.alias;
  }

  private label(hit: HitInstance): string {
    if (hit.kind === 'store') {
      const store = this.plan.stores.find((s) => s.name === hit.name);
      return `store ${hit.name}${store ? ` (${store.kind}, ${store.syncStrategy})` : ''}`;
    }
    const proc = this.plan.processes.find((p) => p.name === hit.name);
    if (proc) {
      const app = this.plan.topology.applications.find((a) => a.id === proc.app);
      const roles = [
        app?.producers.length ? 'producer' : '',
        app?.consumers.length ? 'consumer' : '',
        proc.embeddedBroker ? 'embedded broker' : '',
      ].filter(Boolean);
      return `${hit.name}${roles.length > 0 ? ` (${roles.join(', ')})` : ''}`;
    }
    const broker = this.plan.brokers.find((b) => b.name === hit.name);
    return `${hit.name}${broker ? ` (${broker.role})` : ''}`;
  }
}
