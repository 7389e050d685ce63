/**
 * A sweep's charts: the compared metric with its confidence band per series and the crossover
 * shaded, then latency and the static figures (stores, bridges, deployment units) against the
 * varied setting.
 */
import { cellData, type RowKey } from '../../compare/cells.js';
import type { Sweep } from '../../sweep/sweep.js';
import { formatValue } from '../decide/formatCell.js';
import { formatParameter, metricLabel } from '../decide/sweepTable.js';
import { type ChartPoint, lineChart } from '../svg/lineChart.js';

const FIGURES: readonly { row: RowKey; id: string; title: string }[] = [
  { row: 'persistentStores', id: 'stores', title: 'persistent stores to back up' },
  { row: 'bridges', id: 'bridges', title: 'network bridges' },
  { row: 'deploymentUnits', id: 'units', title: 'deployment units' },
];

export function sweepCharts(s: Sweep): string[] {
  const rows: { row: RowKey; id: string; title: string }[] = [
    { row: s.metric, id: 'metric', title: metricLabel(s.metric) },
  ];
  if (s.simulated && s.metric !== 'p99@baseline')
    rows.push({ row: 'p99@baseline', id: 'p99', title: 'latency p99' });
  for (const f of FIGURES) if (f.row !== s.metric) rows.push(f);
  return rows.map((r) => chart(s, r.row, r.id, r.title));
}

function chart(s: Sweep, row: RowKey, id: string, title: string): string {
  const unit = unitOf(s, row);
  const highlights =
    row === s.metric
      ? s.crossovers.map((x) => ({ from: x.from, to: x.to, label: `flips: ${s.series[x.after]!.label}` }))
      : [];
  return lineChart({
    id,
    title: `${title} vs ${s.parameter.path}${s.simulated && row.includes('@') ? ' (mean, 95% interval shaded)' : ''}`,
    xLabel: s.parameter.path,
    yLabel: title,
    x: { kind: 'linear', format: (v) => formatParameter(s.parameter.kind, v) },
    y: { kind: 'linear', format: (v) => formatValue(v, unit) },
    series: s.series.map((series) => ({
      label: series.label,
      points: series.points.map((p): ChartPoint => {
        const cell = cellData(p, row);
        if (cell.kind === 'exact') return { x: p.value, y: cell.value };
        if (cell.kind === 'estimate')
          // Every metric is non-negative: an interval reaching below zero is drawn from zero.
          return {
            x: p.value,
            y: cell.summary.mean,
            low: nonNegative(cell.summary.low),
            high: cell.summary.high,
          };
        return { x: p.value, y: null };
      }),
    })),
    highlights,
  });
}

function unitOf(s: Sweep, row: RowKey) {
  for (const series of s.series)
    for (const p of series.points) {
      const cell = cellData(p, row);
      if (cell.kind === 'exact' || cell.kind === 'estimate') return cell.unit;
    }
  return 'count' as const;
}

function nonNegative(v: number | null): number | null {
  return v === null ? null : Math.max(0, v);
}
