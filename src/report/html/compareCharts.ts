/**
 * The comparison's charts: latency distribution per candidate, lost / stranded / send gap /
 * application downtime per fault scenario, and stores and bridges as the deployment grows. Values shown are the table's.
 */
import type { Comparison } from '../../compare/compareTopologies.js';
import { type MetricId, metricById } from '../../compare/metrics.js';
import { type ScenarioId, scenarioById } from '../../compare/scenarios.js';
import type { Summary } from '../../stats/summary.js';
import { humanDurationUs } from '../../topology/units.js';
import { formatSummary, formatValue } from '../decide/formatCell.js';
import { type Bar, barChart } from '../svg/barChart.js';
import { lineChart } from '../svg/lineChart.js';

const PERCENTILES: readonly { metric: MetricId; label: string }[] = [
  { metric: 'p50', label: 'p50' },
  { metric: 'p90', label: 'p90' },
  { metric: 'p99', label: 'p99' },
  { metric: 'p999', label: 'p99.9' },
  { metric: 'maxLatency', label: 'max' },
];

export function compareCharts(c: Comparison): string[] {
  const faults = c.settings.scenarios.filter((s) => s !== 'baseline');
  const charts: string[] = [];
  if (c.settings.scenarios.includes('baseline')) charts.push(latencyChart(c));
  if (faults.length > 0) {
    charts.push(faultBars(c, faults, 'lost', 'loss', 'Messages lost per fault (acknowledged, then gone)'));
    charts.push(
      faultBars(c, faults, 'stranded', 'stranded', 'Messages stranded per fault (waiting for a restart)'),
    );
    charts.push(
      faultBars(c, faults, 'sendGap', 'send-gap', 'Longest time a producer could not send, per fault'),
    );
    charts.push(
      faultBars(
        c,
        faults,
        'downtime',
        'downtime',
        'Longest time an application process was dead while requests arrived, per fault',
      ),
    );
  }
  charts.push(
    growthChart(c, 'persistentStores', 'stores', 'Persistent stores to back up vs application processes'),
  );
  charts.push(growthChart(c, 'bridges', 'bridges', 'Network bridges vs application processes'));
  return charts;
}

function latencyChart(c: Comparison): string {
  return lineChart({
    id: 'latency',
    title: 'Latency distribution without faults (mean of the seeds, 95% interval shaded)',
    xLabel: 'percentile',
    yLabel: 'latency (log scale)',
    x: { kind: 'category', categories: PERCENTILES.map((p) => p.label), format: String },
    y: { kind: 'log', format: (v) => humanDurationUs(Math.round(v)) },
    series: c.candidates.map((k) => {
      const o = k.outcomes.find((x) => x.scenario === 'baseline');
      return {
        label: k.label,
        points: PERCENTILES.map((p, i) => point(i, o?.applies ? o.metrics[p.metric] : null)),
      };
    }),
  });
}

function point(x: number, s: Summary | null) {
  // Every metric is non-negative: an interval reaching below zero is drawn from zero.
  const low = s?.low ?? null;
  return { x, y: s?.mean ?? null, low: low === null ? null : Math.max(0, low), high: s?.high ?? null };
}

function faultBars(
  c: Comparison,
  faults: readonly ScenarioId[],
  metric: MetricId,
  id: string,
  title: string,
): string {
  const unit = metricById(metric).unit === 'us' ? 'us' : 'count';
  return barChart({
    id,
    title,
    xLabel: 'fault scenario',
    yLabel: unit === 'us' ? 'time' : 'messages',
    groups: faults.map((s) => scenarioById(s).title),
    format: (v) => formatValue(v, unit),
    minTop: unit === 'count' ? 5 : 1,
    series: c.candidates.map((k) => ({
      label: k.label,
      bars: faults.map((s): Bar | null => {
        const o = k.outcomes.find((x) => x.scenario === s);
        const summary = o?.applies ? o.metrics[metric] : null;
        if (!summary || summary.mean === null) return null;
        return {
          value: summary.mean,
          low: summary.low,
          high: summary.high,
          text: formatSummary(summary, unit, false),
        };
      }),
    })),
  });
}

function growthChart(
  c: Comparison,
  figure: 'persistentStores' | 'bridges',
  id: string,
  title: string,
): string {
  return lineChart({
    id,
    title,
    xLabel: 'application processes',
    yLabel: figure === 'bridges' ? 'bridges' : 'persistent stores',
    x: { kind: 'linear', format: (v) => formatValue(v, 'count') },
    y: { kind: 'linear', format: (v) => formatValue(v, 'count') },
    series: c.candidates.map((k) => ({
      label: k.label,
      points: k.growth.map((g) => ({ x: g.applicationProcesses, y: g[figure] })),
    })),
  });
}
