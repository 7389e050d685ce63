/**
 * Cells of the comparison and sweep tables as text, the same in every output format: the
 * terminal, markdown, HTML and the reasons of the recommendation (which quote a cell's value
 * without its interval) all go through here, so their numbers agree to the character.
 */
import type { CellData, ExactUnit } from '../../compare/cells.js';
import type { MetricUnit } from '../../compare/metrics.js';
import type { BottleneckKind } from '../../compare/throughputCeiling.js';
import type { Summary } from '../../stats/summary.js';
import { humanDurationUs, humanSizeBytes } from '../../topology/units.js';
import { formatCount } from '../text/table.js';

export function formatValue(value: number, unit: MetricUnit | ExactUnit): string {
  switch (unit) {
    case 'us':
      return humanDurationUs(Math.round(value));
    case 'count':
      return formatCount(value, 1);
    case 'perSecond':
      return `${formatCount(value, 1)}/s`;
    case 'bytes':
      return humanSizeBytes(value);
  }
}

/** `1.87ms ±43us`: the mean and the half-width of its 95% interval (left out when it is zero). */
export function formatSummary(s: Summary, unit: MetricUnit, withInterval = true): string {
  if (s.mean === null) return '-';
  const value = formatValue(s.mean, unit);
  if (!withInterval || s.halfWidth === null || s.halfWidth === 0) return value;
  return `${value} ±${formatValue(s.halfWidth, unit)}`;
}

const TRANSPORTS = { vm: 'vm://', tcp: 'tcp:// (failover)', 'vm+tcp': 'vm:// + tcp://', none: '-' } as const;

const BOTTLENECKS: Record<BottleneckKind, string> = {
  'broker-cpu': 'broker CPU',
  'store-thread': 'KahaDB store thread',
  journal: 'journal writer (one batch at a time)',
  'sync-send': 'sync send cycle',
  'async-send': 'async send (client side)',
  connection: 'tcp:// connection',
  consumer: 'consumer processing',
  none: '-',
};

export function formatCell(cell: CellData, withInterval = true): string {
  switch (cell.kind) {
    case 'exact':
      return formatValue(cell.value, cell.unit);
    case 'estimate':
      return formatSummary(cell.summary, cell.unit, withInterval);
    case 'transport':
      return TRANSPORTS[cell.transport];
    case 'store':
      return `${cell.disk} · fsync ${humanDurationUs(cell.fsyncUs)} · sync ${cell.syncStrategy}`;
    case 'bottleneck':
      return cell.bottleneck === 'none'
        ? '-'
        : `${BOTTLENECKS[cell.bottleneck]} ${humanDurationUs(cell.costUs)}/msg`;
    case 'none':
      return cell.why === 'not-applicable' ? 'n/a' : '-';
  }
}

/** What a reason shows for a quoted cell: its value, without the interval. */
export function formatQuote(cell: CellData): string {
  return formatCell(cell, false);
}
