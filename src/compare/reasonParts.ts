/** Building blocks for reasons: quotes of table cells, and "A vs B" lists of them. */
import type { RowKey } from './cells.js';
import type { Comparison } from './compareTopologies.js';
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
