/** Where the better of two series flips, as an interval between sweep points. */
import { describe, expect, it } from 'vitest';
import { findCrossovers, type PointVerdict } from '../../../src/sweep/crossover.js';

const v = (value: number, winner: number | null): PointVerdict => ({
  value,
  winner,
  outcome: winner === null ? 'tie' : 'winner',
});

describe('findCrossovers', () => {
  it('reports each flip between the last point of the old winner and the first of the new', () => {
    expect(findCrossovers([v(1, 0), v(2, 0), v(3, null), v(4, 1), v(5, 1)])).toEqual([
      { from: 2, to: 4, before: 0, after: 1 },
    ]);
    expect(findCrossovers([v(1, 1), v(2, 0), v(3, 1)])).toEqual([
      { from: 1, to: 2, before: 1, after: 0 },
      { from: 2, to: 3, before: 0, after: 1 },
    ]);
  });

  it('finds none when one side always wins or nothing differs', () => {
    expect(findCrossovers([v(1, 0), v(2, null), v(3, 0)])).toEqual([]);
    expect(findCrossovers([v(1, null), v(2, null)])).toEqual([]);
  });
});
