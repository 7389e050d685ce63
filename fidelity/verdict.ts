/**
 * How a real measurement and a simulated one are judged (issue 9's acceptance): the categories
 * and the tolerance are src/verify/verdict.ts's, shared with `verify`; the experiments repeat a
 * run and judge its median.
 */
export {
  HANDFUL,
  type LossCategory,
  lossCategory,
  TOLERANCE,
  withinTolerance,
} from '../src/verify/verdict.js';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The repetition whose `key` is the median (the lower middle one for an even count). */
export function medianRun<T>(runs: T[], key: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
