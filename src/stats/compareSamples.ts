/**
 * Is one candidate better than another on a metric, or is the difference noise? Decided by
 * Welch's two-sided t-test at the 5% level (unequal variances, Welch-Satterthwaite degrees of
 * freedom): a difference whose p-value is 0.05 or more is a tie. We chose the test over
 * "confidence intervals overlap" because overlap is a much stricter rule (roughly p < 0.006) that
 * would call real differences ties.
 *
 * Degenerate cases, each named in `basis`:
 * - `exact`: neither sample varies (a static figure, or a count that was the same for every
 *   seed): equal means tie, different means differ.
 * - `single-run`: a side has one replication, so its noise is unknown: the means decide, and a
 *   renderer should say that the verdict is untested.
 * - `missing`: a side measured nothing (no failover happened): no verdict.
 */
import { mean } from './describe.js';
import { studentTCdf } from './studentT.js';

export type Better = 'lower' | 'higher';
export type Winner = 'a' | 'b' | 'tie';

export interface SampleComparison {
  winner: Winner | null;
  basis: 'welch' | 'exact' | 'single-run' | 'missing';
  /** Welch's two-sided p-value; null unless basis is `welch`. */
  pValue: number | null;
}

export const SIGNIFICANCE = 0.05;

export function compareSamples(a: readonly number[], b: readonly number[], better: Better): SampleComparison {
  if (a.length === 0 || b.length === 0) return { winner: null, basis: 'missing', pValue: null };
  const ma = mean(a);
  const mb = mean(b);
  const byMeans = (): Winner => (ma === mb ? 'tie' : ma < mb === (better === 'lower') ? 'a' : 'b');
  if (a.length < 2 || b.length < 2) return { winner: byMeans(), basis: 'single-run', pValue: null };
  const va = variance(a, ma) / a.length;
  const vb = variance(b, mb) / b.length;
  if (va + vb === 0) return { winner: byMeans(), basis: 'exact', pValue: null };
  const t = (ma - mb) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const pValue = Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df)));
  return { winner: pValue < SIGNIFICANCE ? byMeans() : 'tie', basis: 'welch', pValue };
}

/** @internal Sample variance around a known mean. */
function variance(samples: readonly number[], m: number): number {
  let squares = 0;
  for (const x of samples) squares += (x - m) ** 2;
  return squares / (samples.length - 1);
}
