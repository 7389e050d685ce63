/**
 * The comparison table's rows and what each cell holds, as data. Renderers format cells; the
 * recommendation's reasons quote cells by row and candidate, so that a reason's number is the
 * table's number by construction.
 */
import type { Summary } from '../stats/summary.js';
import type { DiskKind, SyncStrategy } from '../topology/types.js';
import type { Transport } from './candidateSetup.js';
import type { CandidateResult } from './evaluate.js';
import { type MetricId, type MetricUnit, metricById } from './metrics.js';
import type { ScenarioId } from './scenarios.js';
import type { BottleneckKind } from './throughputCeiling.js';

export type StaticRow =
  | 'transport'
  | 'store'
  | 'processRestart'
  | 'brokerRestart'
  | 'deploymentUnits'
  | 'applicationProcesses'
  | 'brokerInstances'
  | 'clusterBrokers'
  | 'persistentStores'
  | 'backupFootprint'
  | 'bridges'
  | 'clientConnections'
  | 'throughputCeiling'
  | 'bottleneck'
  | 'lints';

/** A static row, or a simulated metric in one scenario (`p99@baseline`, `lost@broker-crash`). */
export type RowKey = StaticRow | `${MetricId}@${ScenarioId}`;

export type ExactUnit = 'count' | 'us' | 'bytes' | 'perSecond';

export type CellData =
  | { kind: 'exact'; value: number; unit: ExactUnit }
  | { kind: 'estimate'; summary: Summary; unit: MetricUnit }
  | { kind: 'transport'; transport: Transport }
  | { kind: 'store'; disk: DiskKind; fsyncUs: number; syncStrategy: SyncStrategy }
  | { kind: 'bottleneck'; bottleneck: BottleneckKind; costUs: number }
  | { kind: 'none'; why: 'not-applicable' | 'not-measured' };

export function metricRow(metric: MetricId, scenario: ScenarioId): RowKey {
  return `${metric}@${scenario}`;
}

export function parseRowKey(row: RowKey): { metric: MetricId; scenario: ScenarioId } | null {
  const at = row.indexOf('@');
  return at < 0 ? null : { metric: row.slice(0, at) as MetricId, scenario: row.slice(at + 1) as ScenarioId };
}

export function cellData(c: CandidateResult, row: RowKey): CellData {
  const metric = parseRowKey(row);
  if (metric) {
    const outcome = c.outcomes.find((o) => o.scenario === metric.scenario);
    if (!outcome?.applies) return { kind: 'none', why: 'not-applicable' };
    const summary = outcome.metrics[metric.metric];
    if (summary.n === 0) return { kind: 'none', why: 'not-measured' };
    return { kind: 'estimate', summary, unit: metricById(metric.metric).unit };
  }
  return staticCell(c, row as StaticRow);
}

function staticCell(c: CandidateResult, row: StaticRow): CellData {
  const f = c.figures;
  const s = c.setup;
  const count = (value: number): CellData => ({ kind: 'exact', value, unit: 'count' });
  switch (row) {
    case 'transport':
      return { kind: 'transport', transport: s.transport };
    case 'store':
      return s.storeDisk === null || s.fsyncUs === null || s.syncStrategy === null
        ? { kind: 'none', why: 'not-applicable' }
        : { kind: 'store', disk: s.storeDisk, fsyncUs: s.fsyncUs, syncStrategy: s.syncStrategy };
    case 'processRestart':
      return { kind: 'exact', value: s.processRestartUs, unit: 'us' };
    case 'brokerRestart':
      return s.brokerRestartUs === null
        ? { kind: 'none', why: 'not-applicable' }
        : { kind: 'exact', value: s.brokerRestartUs, unit: 'us' };
    case 'deploymentUnits':
      return count(f.deploymentUnits);
    case 'applicationProcesses':
      return count(f.applicationProcesses);
    case 'brokerInstances':
      return count(f.brokerInstances);
    case 'clusterBrokers':
      return count(f.clusterBrokers);
    case 'persistentStores':
      return count(f.persistentStores);
    case 'backupFootprint':
      return { kind: 'exact', value: f.backupFootprintBytes, unit: 'bytes' };
    case 'bridges':
      return count(f.bridges);
    case 'clientConnections':
      return count(f.clientConnections);
    case 'throughputCeiling':
      return { kind: 'exact', value: c.ceiling.messagesPerSecond, unit: 'perSecond' };
    case 'bottleneck':
      return { kind: 'bottleneck', bottleneck: c.ceiling.bottleneck, costUs: c.ceiling.bottleneckUs };
    case 'lints':
      return count(c.lints.filter((l) => l.severity !== 'info').length);
  }
}
