/** Building blocks for reasons: quotes of table cells, and "A vs B" lists of them. */
import type { RowKey } from './cells.js';
import type { Comparison } from './compareTopologies.js';
import type { PairVerdict } from './pairwise.js';
import type { Quote, ReasonPart } from './recommendation.js';

export function quote(row: RowKey, candidate: number): Quote {
  return { row, candidate };
}

/**
 * `first` vs the others on one row: `1.87ms vs 43.7ms`; with more than two candidates each
 * other value is followed by its candidate's label.
 */
export function versus(c: Comparison, row: RowKey, first: number, others: readonly number[]): ReasonPart[] {
  const named = c.candidates.length > 2;
  const parts: ReasonPart[] = [quote(row, first)];
  if (named) parts.push(` (${c.candidates[first]!.label})`);
  others.forEach((o, i) => {
    parts.push(i === 0 ? ' vs ' : ', ', quote(row, o));
    if (named) parts.push(` (${c.candidates[o]!.label})`);
  });
  return parts;
}

export function othersThan(candidates: readonly number[], one: number): number[] {
  return candidates.filter((i) => i !== one);
}

/**
 * With more than two candidates, what each pair alone would say: ` (pairwise: a beats c, b beats
 * c; tied: a and b)`; tied means equal, or within noise. Two candidates need no note: their pair
 * is the verdict.
 */
export function pairNote(c: Comparison, pairs: readonly PairVerdict[]): ReasonPart[] {
  // Two candidates, or all tied: the verdict already says it all.
  if (c.candidates.length <= 2 || pairs.every((p) => p.outcome === 'tie' || p.outcome === 'n/a')) return [];
  const label = (i: number) => c.candidates[i]!.label;
  const other = (p: PairVerdict) => (p.winner === p.a ? p.b : p.a);
  const groups = [
    pairs.filter((p) => p.outcome === 'winner').map((p) => `${label(p.winner!)} beats ${label(other(p))}`),
    pairs.filter((p) => p.outcome === 'tie').map((p) => `${label(p.a)} and ${label(p.b)}`),
    pairs.filter((p) => p.outcome === 'mixed').map((p) => `${label(p.a)} and ${label(p.b)}`),
  ];
  const titles = ['', 'tied: ', 'depends on the fault: '];
  const shown = groups.flatMap((g, i) => (g.length > 0 ? [`${titles[i]}${g.join(', ')}`] : []));
  return shown.length === 0 ? [] : [` (pairwise: ${shown.join('; ')})`];
}
