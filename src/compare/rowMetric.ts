/**
 * A table row as a metric to decide on (a sweep's crossover, a verdict): which direction is
 * better, the replications behind a cell, and the names users give metrics on the command line.
 */
import type { Better } from '../stats/compareSamples.js';
import { cellData, parseRowKey, type RowKey, type StaticRow } from './cells.js';
import type { CandidateResult } from './evaluate.js';
import { isMetricId, metricById } from './metrics.js';
import { isScenarioId } from './scenarios.js';

/** Static rows that are figures to minimize or maximize (the others describe, they do not rank). */
const STATIC_BETTER: Partial<Record<StaticRow, Better>> = {
  deploymentUnits: 'lower',
  brokerInstances: 'lower',
  clusterBrokers: 'lower',
  persistentStores: 'lower',
  backupFootprint: 'lower',
  bridges: 'lower',
  clientConnections: 'lower',
  throughputCeiling: 'higher',
  lints: 'lower',
};

/** Short names for static rows on the command line. */
const ALIASES: Record<string, StaticRow> = {
  stores: 'persistentStores',
  units: 'deploymentUnits',
  brokers: 'brokerInstances',
  connections: 'clientConnections',
  throughput: 'throughputCeiling',
  ceiling: 'throughputCeiling',
  backup: 'backupFootprint',
};

export function rowBetter(row: RowKey): Better | null {
  const metric = parseRowKey(row);
  if (metric) return metricById(metric.metric).better;
  return STATIC_BETTER[row as StaticRow] ?? null;
}

/** The replications behind a cell (an exact figure counts as two equal ones); null when empty. */
export function rowSamples(result: CandidateResult, row: RowKey): number[] | null {
  const cell = cellData(result, row);
  if (cell.kind === 'estimate') return cell.summary.samples;
  if (cell.kind === 'exact') return [cell.value, cell.value];
  return null;
}

/** `p99` (baseline), `lost@process-crash`, `stores`, `bridges`... -> a rankable row, or undefined. */
export function parseMetricName(text: string): RowKey | undefined {
  const [name, scenario] = text.split('@') as [string, string | undefined];
  if (isMetricId(name)) {
    const s = scenario ?? 'baseline';
    return isScenarioId(s) ? `${name}@${s}` : undefined;
  }
  if (scenario !== undefined) return undefined;
  const row = (ALIASES[name] ?? name) as StaticRow;
  return STATIC_BETTER[row] ? row : undefined;
}

export const METRIC_NAMES_HELP =
  'p50, p90, p99, p999, delivered, forwarded (baseline), lost@SCENARIO, duplicated@, stranded@, atRisk@, failover@, sendGap@, downtime@, outage@, unknown@, ' +
  'or static: stores, units, bridges, brokers, connections, throughput, backup';
