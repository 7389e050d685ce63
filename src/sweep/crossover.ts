/**
 * Where the answer flips along a sweep of two topologies: at each point the better one on a
 * metric (Welch's test over the seeds; exact figures compare exactly), and each change of
 * winner reported as the interval between the last point the old winner won and the first
 * point the new one wins (tied points in between are inside the interval).
 */
import type { RowKey } from '../compare/cells.js';
import { decide } from '../compare/decide.js';
import type { CandidateResult } from '../compare/evaluate.js';
import { rowBetter, rowSamples } from '../compare/rowMetric.js';

export interface PointVerdict {
  value: number;
  /** Index of the series that is better here; null for a tie or nothing to compare. */
  winner: number | null;
  outcome: 'winner' | 'tie' | 'n/a';
}

export interface Crossover {
  /** The last value where `before` won and the first where `after` wins. */
  from: number;
  to: number;
  before: number;
  after: number;
}

export function pointVerdicts(
  values: readonly number[],
  series: readonly (readonly CandidateResult[])[],
  row: RowKey,
): PointVerdict[] {
  const better = rowBetter(row);
  if (!better) throw new RangeError(`\`${row}\` is not a metric that ranks candidates`);
  return values.map((value, i) => {
    const d = decide(
      series.map((points) => rowSamples(points[i]!, row)),
      better,
    );
    return { value, winner: d.outcome === 'winner' ? d.best : null, outcome: d.outcome };
  });
}

export function findCrossovers(verdicts: readonly PointVerdict[]): Crossover[] {
  const out: Crossover[] = [];
  let last: PointVerdict | null = null;
  for (const v of verdicts) {
    if (v.winner === null) continue;
    if (last && last.winner !== v.winner)
      out.push({ from: last.value, to: v.value, before: last.winner!, after: v.winner });
    last = v;
  }
  return out;
}
