/**
 * A sweep as table models: one table per series (a row per value of the varied setting, columns
 * for the static figures and, when simulated, latency and the compared metric), and with two
 * series a table of the compared metric side by side with the better one at each point. Shared
 * by the terminal, markdown and HTML renderers.
 */
import { cellData, parseRowKey, type RowKey, type StaticRow } from '../../compare/cells.js';
import { metricById } from '../../compare/metrics.js';
import { scenarioById } from '../../compare/scenarios.js';
import type { Sweep, SweepSeries } from '../../sweep/sweep.js';
import type { ValueKind } from '../../sweep/varySpec.js';
import { formatRate, formatSizeBytes, humanDurationUs, readableDurationUs } from '../../topology/units.js';
import { formatCount } from '../text/table.js';
import { STATIC_LABELS } from './comparisonTable.js';
import { formatCell } from './formatCell.js';

export interface SweepTable {
  title: string;
  header: string[];
  /** Columns right-aligned (numbers). */
  numeric: boolean[];
  rows: string[][];
}

const STATIC_COLUMNS: readonly RowKey[] = [
  'applicationProcesses',
  'deploymentUnits',
  'persistentStores',
  'bridges',
];

function sweepColumns(s: Sweep): RowKey[] {
  const columns: RowKey[] = [...STATIC_COLUMNS];
  if (s.simulated) columns.push('p50@baseline', 'p99@baseline');
  if (s.simulated && s.settings.scenarios.includes('declared'))
    columns.push('faults@declared', 'lost@declared', 'stranded@declared');
  if (!columns.includes(s.metric)) columns.push(s.metric);
  return columns;
}

/** One table per series. */
export function seriesTables(s: Sweep): SweepTable[] {
  const columns = sweepColumns(s);
  return s.series.map((series) => ({
    title: series.label,
    header: [s.parameter.path, ...columns.map(metricLabel)],
    numeric: [false, ...columns.map(() => true)],
    rows: series.points.map((p) => [
      formatParameter(s.parameter.kind, p.value),
      ...columns.map((c) => formatCell(cellData(p, c))),
    ]),
  }));
}

/** With two series: the compared metric of each, and which is better, point by point. */
export function verdictTable(s: Sweep): SweepTable | null {
  if (s.series.length < 2) return null;
  const cell = (series: SweepSeries, i: number) => formatCell(cellData(series.points[i]!, s.metric));
  return {
    title: `${metricLabel(s.metric)}: which is better`,
    header: [s.parameter.path, ...s.series.map((x) => x.label), 'better'],
    numeric: [false, ...s.series.map(() => true), false],
    rows: s.verdicts.map((v, i) => [
      formatParameter(s.parameter.kind, v.value),
      ...s.series.map((x) => cell(x, i)),
      v.winner !== null ? s.series[v.winner]!.label : v.outcome === 'tie' ? 'tie (within noise)' : '-',
    ]),
  };
}

/** `latency p99`, `lost (declared faults)`, `persistent stores to back up`. */
export function metricLabel(row: RowKey): string {
  const m = parseRowKey(row);
  if (!m) return STATIC_LABELS[row as StaticRow] ?? row;
  const label = metricById(m.metric).label;
  return m.scenario === 'baseline' ? label : `${label} (${scenarioById(m.scenario).title})`;
}

/** A value of the varied setting as the user wrote it: `250`, `1h`, `4KiB`, `100/s`. */
export function formatParameter(kind: ValueKind, value: number): string {
  switch (kind) {
    case 'integer':
      return formatCount(value);
    case 'number':
      return formatCount(value, 3);
    case 'duration':
      return Number.isInteger(value) ? readableDurationUs(value) : humanDurationUs(value);
    case 'size':
      return formatSizeBytes(value);
    case 'rate':
      return formatRate(Number(value.toPrecision(6)));
  }
}
