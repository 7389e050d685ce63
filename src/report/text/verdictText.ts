/** One guarantee's verdict in the user's names and units: `maxUnavailable measured 20.2s, allowed 5s`. */
import { type GuaranteesInForce, guaranteeBlock } from '../../check/guaranteeOption.js';
import type { GuaranteeName, Verdict } from '../../check/guarantees.js';
import { humanDurationUs } from '../../topology/units.js';
import { formatCount } from './table.js';

export function formatMeasure(v: Pick<Verdict, 'unit'>, value: number): string {
  if (v.unit === 'us') return humanDurationUs(value);
  return `${formatCount(value)} ${value === 1 ? v.unit.replace(/s$/, '') : v.unit}`;
}

export function verdictSummary(v: Verdict): string {
  return `${v.name} measured ${formatMeasure(v, v.measured)}, allowed ${formatMeasure(v, v.allowed)}`;
}

/** The line `check` prints for a broken guarantee and `replay` for every one. */
export function verdictLine(v: Verdict): string {
  return `${v.valid ? 'holds' : 'FAIL'}: ${verdictSummary(v)} (${v.explanation})`;
}

/** `maxUnavailable=5s (--guarantee), lostAcknowledged=0 (file)`. */
export function guaranteesText(inForce: GuaranteesInForce): string {
  return Object.entries(guaranteeBlock(inForce.guarantees))
    .map(([name, value]) => `${name}=${value} (${inForce.from[name as GuaranteeName] ?? 'file'})`)
    .join(', ');
}
