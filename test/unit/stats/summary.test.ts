/** Mean, standard deviation and confidence intervals of replications. */
import { describe, expect, it } from 'vitest';
import { mean, sampleStdDev } from '../../../src/stats/describe.js';
import { summarize } from '../../../src/stats/summary.js';

describe('summarize', () => {
  it('gives the Student-t 95% interval of the mean', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    expect(s.mean).toBe(3);
    expect(s.stdDev).toBeCloseTo(1.5811388, 6);
    // t(0.975, 4) * sd / sqrt(5) = 2.776445 * 0.7071068
    expect(s.halfWidth).toBeCloseTo(1.963243, 5);
    expect(s.low).toBeCloseTo(3 - 1.963243, 5);
    expect(s.high).toBeCloseTo(3 + 1.963243, 5);
    expect(s.samples).toEqual([1, 2, 3, 4, 5]);
  });

  it('has a zero-width interval when every replication agrees', () => {
    const s = summarize([7, 7, 7]);
    expect(s.halfWidth).toBe(0);
    expect([s.low, s.high]).toEqual([7, 7]);
  });

  it('has no interval with one replication, and nothing without any', () => {
    expect(summarize([4])).toMatchObject({ n: 1, mean: 4, halfWidth: null, stdDev: null });
    expect(summarize([])).toMatchObject({ n: 0, mean: null, halfWidth: null, low: null });
  });
});

describe('mean and sampleStdDev', () => {
  it('use n - 1 for the standard deviation', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13809, 5);
    expect(sampleStdDev([3])).toBe(0);
    expect(() => mean([])).toThrow(RangeError);
  });
});
