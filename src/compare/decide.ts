/**
 * Which candidate is best on one metric, or whether the best is within noise of another: the
 * best mean, tested against every other candidate with `compareSamples` (Welch's t-test).
 */
import { type Better, compareSamples } from '../stats/compareSamples.js';
import { mean } from '../stats/describe.js';

export interface Decision {
  outcome: 'winner' | 'tie' | 'n/a';
  /** The candidate with the best mean (the winner, or the first of a tie); null for n/a. */
  best: number | null;
  /** Candidates within noise of the best, the best included; empty for n/a. */
  tied: number[];
  /** Candidates that measured the metric. */
  measured: number[];
  /** False when a side had a single replication, so the noise was unknown. */
  tested: boolean;
}

/** `samples[i]` is candidate i's replications, or null where the metric does not apply. */
export function decide(samples: readonly (readonly number[] | null)[], better: Better): Decision {
  const measured = samples.flatMap((s, i) => (s && s.length > 0 ? [i] : []));
  if (measured.length < 2) return { outcome: 'n/a', best: null, tied: [], measured, tested: true };
  const means = new Map(measured.map((i) => [i, mean(samples[i]!)]));
  const best = measured.reduce((b, i) =>
    better === 'lower' ? (means.get(i)! < means.get(b)! ? i : b) : means.get(i)! > means.get(b)! ? i : b,
  );
  const tied = [best];
  let tested = true;
  for (const i of measured) {
    if (i === best) continue;
    const c = compareSamples(samples[best]!, samples[i]!, better);
    if (c.basis === 'single-run') tested = false;
    if (c.winner === 'tie') tied.push(i);
  }
  tied.sort((a, b) => a - b);
  return { outcome: tied.length > 1 ? 'tie' : 'winner', best, tied, measured, tested };
}
