/**
 * How a real measurement and a simulated one are judged (issue 9's acceptance): a loss category
 * must match exactly; a ratio or a failover gap must land within 30% of the real median.
 */

export const TOLERANCE = 0.3;

export type LossCategory = 'none' | 'a handful' | 'a large share' | 'all';

/** At most this many messages is "a handful", whatever was at risk. */
export const HANDFUL = 10;

/**
 * `lost` out of what was exposed: the messages at risk when the fault struck (acknowledged to the
 * producer, not yet delivered), or the lost ones if more were lost than that (async sends the
 * producer believed sent before the broker had them). "all" is at least 90% of the exposed.
 */
export function lossCategory(lost: number, atRisk: number): LossCategory {
  if (lost === 0) return 'none';
  const exposed = Math.max(atRisk, lost);
  if (lost <= HANDFUL) return 'a handful';
  return lost >= 0.9 * exposed ? 'all' : 'a large share';
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function withinTolerance(simulated: number, realMedian: number): boolean {
  return Math.abs(simulated - realMedian) <= TOLERANCE * Math.abs(realMedian);
}

/** The repetition whose `key` is the median (the lower middle one for an even count). */
export function medianRun<T>(runs: T[], key: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
