/** The ziggurat's standard normal draws (src/sim/normal.ts) against the normal distribution itself. */
import { describe, expect, it } from 'vitest';
import { standardNormal } from '../../../src/sim/normal.js';
import { Rng } from '../../../src/sim/rng.js';

/** Phi, the standard normal CDF, from erfc by its continued fraction (|x| > 3) or series (else). */
function normalCdf(x: number): number {
  const t = Math.abs(x) / Math.SQRT2;
  let erfc: number;
  if (t > 3) {
    let f = 0;
    for (let k = 60; k >= 1; k--) f = k / 2 / (t + f);
    erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  } else {
    // erf(t) = 2/sqrt(pi) * sum (-1)^n t^(2n+1) / (n! (2n+1))
    let term = t;
    let sum = t;
    for (let n = 1; n < 80; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

function sample(seed: number, n: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = standardNormal(rng);
  return z;
}

describe('standardNormal (ziggurat)', () => {
  const n = 1_000_000;
  const z = sample(11, n);
  const sorted = Float64Array.from(z).sort();

  it('has mean 0, variance 1, skewness 0 and kurtosis 3', () => {
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (const x of z) {
      s1 += x;
      s2 += x * x;
      s3 += x * x * x;
      s4 += x * x * x * x;
    }
    // Standard errors over n draws: 1/sqrt(n), sqrt(2/n), sqrt(6/n), sqrt(24/n); allow 5 of them.
    const se = 1 / Math.sqrt(n);
    expect(Math.abs(s1 / n)).toBeLessThan(5 * se);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.SQRT2 * se);
    expect(Math.abs(s3 / n)).toBeLessThan(5 * Math.sqrt(6) * se);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(24) * se);
  });

  it('follows the normal CDF everywhere (Kolmogorov-Smirnov, 1% level)', () => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = normalCdf(sorted[i]!);
      d = Math.max(d, cdf - i / n, (i + 1) / n - cdf);
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it('has the normal quantiles, the tails included', () => {
    const quantile = (p: number) => sorted[Math.floor(p * n)]!;
    // Phi^-1 at 0.5, 0.9, 0.99, 0.999 and their mirrors.
    const expected: [number, number][] = [
      [0.5, 0],
      [0.9, 1.2815516],
      [0.99, 2.3263479],
      [0.999, 3.0902323],
    ];
    for (const [p, q] of expected) {
      // The sample quantile's standard error is sqrt(p (1 - p) / n) / phi(q); allow 5 of them.
      const phi = Math.exp(-0.5 * q * q) / Math.sqrt(2 * Math.PI);
      const tolerance = (5 * Math.sqrt((p * (1 - p)) / n)) / phi;
      expect(Math.abs(quantile(p) - q)).toBeLessThan(tolerance);
      expect(Math.abs(quantile(1 - p) + q)).toBeLessThan(tolerance);
    }
  });

  it('reaches beyond the ziggurat base (R = 3.654) as often and as far as the normal does, on both sides', () => {
    const R = 3.6541528853610088;
    const draws = sample(12, 4_000_000);
    const tail = Array.from(
      draws.filter((x) => Math.abs(x) > R),
      (x) => Math.abs(x) - R,
    );
    const high = draws.filter((x) => x > R).length;
    const q = 1 - normalCdf(R);
    const expected = draws.length * 2 * q;
    // Poisson counts: allow 5 standard deviations.
    expect(Math.abs(tail.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(Math.abs(2 * high - tail.length)).toBeLessThan(5 * Math.sqrt(expected));
    // How far beyond: E[Z - R | Z > R] = phi(R) / (1 - Phi(R)) - R.
    const excess = Math.exp(-0.5 * R * R) / Math.sqrt(2 * Math.PI) / q - R;
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    const sd = Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
    expect(Math.abs(mean - excess)).toBeLessThan((5 * sd) / Math.sqrt(tail.length));
  });

  it('is symmetric and never 0: every draw is finite', () => {
    expect(z.every((x) => Number.isFinite(x) && x !== 0)).toBe(true);
    let negative = 0;
    for (const x of z) if (x < 0) negative++;
    expect(Math.abs(negative - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('the same seed gives the same draws', () => {
    expect(sample(5, 1_000)).toEqual(sample(5, 1_000));
    expect(sample(6, 1_000)).not.toEqual(sample(5, 1_000));
  });
});
