/**
 * What a metric measured over replications (one simulation per seed) says: its mean and a
 * Student-t 95% confidence interval for that mean. With one replication there is no interval
 * (`halfWidth` null): nothing is known about the noise.
 */
import { mean, sampleStdDev } from './describe.js';
import { studentTQuantile } from './studentT.js';

export interface Summary {
  /** Replications that measured the metric (a run can have nothing to measure, e.g. no failover). */
  n: number;
  /** Null when no replication measured it. */
  mean: number | null;
  stdDev: number | null;
  /** Half the width of the 95% confidence interval of the mean; null below two replications. */
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  /** The replications themselves, in seed order. */
  samples: number[];
}

export const CONFIDENCE = 0.95;

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  if (n === 0) return { n, mean: null, stdDev: null, halfWidth: null, low: null, high: null, samples: [] };
  const m = mean(samples);
  const sd = sampleStdDev(samples);
  const halfWidth = n < 2 ? null : studentTQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * (sd / Math.sqrt(n));
  return {
    n,
    mean: m,
    stdDev: n < 2 ? null : sd,
    halfWidth,
    low: halfWidth === null ? m : m - halfWidth,
    high: halfWidth === null ? m : m + halfWidth,
    samples: [...samples],
  };
}
