/**
 * Which candidate is best on one metric, or whether the best is within noise of another: the
 * best mean, tested against every other candidate with `compareSamples` (Welch's t-test). Every
 * pair is also decided on its own, so that what a comparison of N candidates says about two of
 * them is what comparing those two alone says.
 */
import { type Better, compareSamples } from '../stats/compareSamples.js';
import { mean } from '../stats/describe.js';

/** Two measured candidates (a < b) tested against each other alone; `winner` null for a tie. */
export interface PairDecision {
  a: number;
  b: number;
  winner: number | null;
}

export interface Decision {
  outcome: 'winner' | 'tie' | 'n/a';
  /** The candidate with the best mean (the winner, or the first of a tie); null for n/a. */
  best: number | null;
  /** Candidates within noise of the best, the best included; empty for n/a. */
  tied: number[];
  /** Candidates that measured the metric. */
  measured: number[];
  /** Every pair of measured candidates, in index order. */
  pairs: PairDecision[];
  /** False when a side had a single replication, so the noise was unknown. */
  tested: boolean;
}

/** `samples[i]` is candidate i's replications, or null where the metric does not apply. */
export function decide(samples: readonly (readonly number[] | null)[], better: Better): Decision {
  const measured = samples.flatMap((s, i) => (s && s.length > 0 ? [i] : []));
  let tested = true;
  const pairs: PairDecision[] = [];
  for (const [x, a] of measured.entries())
    for (const b of measured.slice(x + 1)) {
      const c = compareSamples(samples[a]!, samples[b]!, better);
      if (c.basis === 'single-run') tested = false;
      pairs.push({ a, b, winner: c.winner === 'a' ? a : c.winner === 'b' ? b : null });
    }
  if (measured.length < 2) return { outcome: 'n/a', best: null, tied: [], measured, pairs, tested: true };
  const means = new Map(measured.map((i) => [i, mean(samples[i]!)]));
  const best = measured.reduce((b, i) =>
    better === 'lower' ? (means.get(i)! < means.get(b)! ? i : b) : means.get(i)! > means.get(b)! ? i : b,
  );
  const tied = measured.filter(
    (i) =>
      i === best ||
      pairs.some((p) => p.winner === null && (p.a === i || p.b === i) && (p.a === best || p.b === best)),
  );
  return { outcome: tied.length > 1 ? 'tie' : 'winner', best, tied, measured, pairs, tested };
}
