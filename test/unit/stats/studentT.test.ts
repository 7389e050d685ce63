/** Student's t distribution against reference values (scipy.stats.t.ppf / cdf). */
import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../../src/stats/studentT.js';

// scipy.stats.t.ppf(0.975, df)
const QUANTILES_975: [number, number][] = [
  [1, 12.706205],
  [2, 4.302653],
  [3, 3.182446],
  [4, 2.776445],
  [5, 2.570582],
  [9, 2.262157],
  [10, 2.228139],
  [19, 2.093024],
  [30, 2.042272],
  [40, 2.021075],
  [120, 1.97993],
  [1e9, 1.959964],
  // Fractional degrees of freedom, as Welch's test produces.
  [1.5, 6.0167],
  [2.5, 3.5747],
  [3.7, 2.8675],
  [7.5, 2.333],
  [12.3, 2.1729],
  [45, 2.0141],
  [1000, 1.9623],
];

describe('studentTQuantile', () => {
  it.each(QUANTILES_975)('t(0.975, df=%d) = %d', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('is symmetric around zero', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776445, 5);
    expect(studentTQuantile(0.5, 7)).toBeCloseTo(0, 9);
  });

  it('rejects probabilities outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('matches scipy.stats.t.cdf', () => {
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 10); // Cauchy: 1/2 + atan(1)/pi
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850709, 9);
    expect(studentTCdf(-1.5, 10)).toBeCloseTo(0.08225366322272008, 9);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 2)).toBe(1);
  });
});
