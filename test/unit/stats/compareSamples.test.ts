/** Welch's t-test decides whether a difference is real or noise. */
import { describe, expect, it } from 'vitest';
import { compareSamples } from '../../../src/stats/compareSamples.js';

describe('compareSamples', () => {
  it("matches scipy's Welch test p-value", () => {
    // scipy.stats.ttest_ind([1,2,3,4,5], [2,4,6,8,10.5], equal_var=False): p = 0.111054, df = 5.7218
    const c = compareSamples([1, 2, 3, 4, 5], [2, 4, 6, 8, 10.5], 'lower');
    expect(c.basis).toBe('welch');
    expect(c.pValue).toBeCloseTo(0.111054, 5);
    expect(c.winner).toBe('tie');
  });

  it('names the better side when the difference is significant, in either direction', () => {
    const low = [1.0, 1.1, 0.9, 1.05, 0.95];
    const high = [5.0, 5.2, 4.9, 5.1, 4.8];
    expect(compareSamples(low, high, 'lower').winner).toBe('a');
    expect(compareSamples(low, high, 'higher').winner).toBe('b');
    expect(compareSamples(high, low, 'lower').winner).toBe('b');
    expect(compareSamples(low, high, 'lower').pValue!).toBeLessThan(0.001);
  });

  it('calls overlapping noisy samples a tie', () => {
    expect(compareSamples([10, 20, 30], [12, 22, 29], 'lower').winner).toBe('tie');
  });

  it('compares constant samples exactly', () => {
    expect(compareSamples([0, 0, 0], [0, 0, 0], 'lower')).toEqual({
      winner: 'tie',
      basis: 'exact',
      pValue: null,
    });
    expect(compareSamples([1, 1], [2, 2], 'lower')).toEqual({ winner: 'a', basis: 'exact', pValue: null });
  });

  it('says when one replication leaves the noise unknown, and when there is nothing to compare', () => {
    expect(compareSamples([1], [2, 3], 'lower')).toMatchObject({ winner: 'a', basis: 'single-run' });
    expect(compareSamples([], [2, 3], 'lower')).toMatchObject({ winner: null, basis: 'missing' });
  });
});
