/**
 * The comparison as a table model (sections of labelled rows, one formatted cell per
 * candidate), shared by the terminal, markdown and HTML renderers so that they show the same
 * numbers the recommendation quotes.
 */
import { cellData, metricRow, type RowKey, type StaticRow } from '../../compare/cells.js';
import type { Comparison } from '../../compare/compareTopologies.js';
import { type MetricId, metricById } from '../../compare/metrics.js';
import { type ScenarioId, scenarioById } from '../../compare/scenarios.js';
import { formatCell } from './formatCell.js';

export interface TableRow {
  key: RowKey;
  label: string;
  /** One per candidate. */
  cells: string[];
}

export interface TableSection {
  title: string;
  rows: TableRow[];
}

export const STATIC_LABELS: Record<StaticRow, string> = {
  transport: 'client transport',
  store: 'store sends wait for',
  processRestart: 'process restart time',
  brokerRestart: 'broker restart time',
  deploymentUnits: 'deployment units',
  applicationProcesses: 'application processes',
  brokerInstances: 'broker instances',
  clusterBrokers: 'separate broker processes',
  persistentStores: 'persistent stores to back up',
  backupFootprint: 'backup footprint',
  bridges: 'network bridges',
  clientConnections: 'client connections',
  throughputCeiling: 'throughput ceiling',
  bottleneck: 'bottleneck',
  lints: 'lint warnings',
};

const BASELINE_METRICS: readonly MetricId[] = ['p50', 'p90', 'p99', 'p999', 'delivered', 'forwarded'];
const FAULT_METRICS: readonly MetricId[] = [
  'lost',
  'duplicated',
  'stranded',
  'atRisk',
  'failover',
  'sendGap',
  'downtime',
  'outage',
  'sendFailed',
  'unknown',
];

export function comparisonTable(c: Comparison): TableSection[] {
  const row = (key: RowKey, label: string): TableRow => ({
    key,
    label,
    cells: c.candidates.map((k) => formatCell(cellData(k, key))),
  });
  const statics = (keys: StaticRow[]) => keys.map((k) => row(k, STATIC_LABELS[k]));
  const sections: TableSection[] = [
    {
      title: 'deployment (static)',
      rows: statics([
        'transport',
        'store',
        'processRestart',
        'brokerRestart',
        'applicationProcesses',
        'deploymentUnits',
        'brokerInstances',
        'clusterBrokers',
        'persistentStores',
        'backupFootprint',
        'bridges',
        'clientConnections',
        'lints',
      ]),
    },
    { title: 'throughput (cost model, upper bound)', rows: statics(['throughputCeiling', 'bottleneck']) },
  ];
  for (const scenario of c.settings.scenarios) {
    const metrics = scenario === 'baseline' ? BASELINE_METRICS : FAULT_METRICS;
    sections.push({
      title: scenarioTitle(scenario),
      rows: metrics.map((m) => row(metricRow(m, scenario), metricById(m).label)),
    });
  }
  return sections;
}

export function scenarioTitle(id: ScenarioId): string {
  return id === 'baseline' ? 'no fault (latency and delivery)' : `fault: ${scenarioById(id).title}`;
}

/** Every row of the table by key, for looking up what a reason quotes. */
export function tableRows(sections: readonly TableSection[]): Map<RowKey, TableRow> {
  return new Map(sections.flatMap((s) => s.rows.map((r) => [r.key, r] as const)));
}
