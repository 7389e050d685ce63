import { describe, expect, it } from 'vitest';
import { lossCategory, median, medianRun, withinTolerance } from '../../../fidelity/verdict.js';

describe('judging a simulation against a real broker', () => {
  it('puts a loss in its category: none, a handful, a large share, all', () => {
    expect(lossCategory(0, 900)).toBe('none');
    expect(lossCategory(3, 900)).toBe('a handful');
    expect(lossCategory(10, 10)).toBe('a handful');
    expect(lossCategory(400, 900)).toBe('a large share');
    expect(lossCategory(900, 918)).toBe('all');
  });

  it('measures a loss against what was at risk, or against the loss when more was lost (async sends)', () => {
    expect(lossCategory(950, 0)).toBe('all');
  });

  it('accepts a figure within 30% of the real median, and no further', () => {
    expect(withinTolerance(1.29, 1)).toBe(true);
    expect(withinTolerance(0.71, 1)).toBe(true);
    expect(withinTolerance(1.31, 1)).toBe(false);
    expect(withinTolerance(0.69, 1)).toBe(false);
  });

  it('takes medians of odd and even counts, and the median repetition', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianRun([{ lost: 9 }, { lost: 0 }, { lost: 3 }], (r) => r.lost)).toEqual({ lost: 3 });
  });
});
