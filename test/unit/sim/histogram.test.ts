import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketLow, LatencyHistogram } from '../../../src/sim/histogram.js';
import { Rng } from '../../../src/sim/rng.js';

/** The histogram's promise: within half a bucket, at most 1/128 of the true value. */
const RELATIVE_ERROR = 1 / 128;
const PERCENTILES = [0, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 100];

/** Nearest-rank percentile of sorted values: the smallest v with at least p% of values <= v. */
function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1]!;
}

function histogramOf(values: number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

function expectWithinError(h: LatencyHistogram, values: number[], percentiles: number[]): void {
  const sorted = [...values].sort((x, y) => x - y);
  for (const p of percentiles) {
    const exact = exactPercentile(sorted, p);
    const got = h.percentile(p);
    if (Math.abs(got - exact) > exact * RELATIVE_ERROR) {
      expect.fail(`p${p}: histogram ${got}, exact ${exact} (${values.length} values)`);
    }
  }
}

const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 2 ** 53 - 1 }),
);

describe('LatencyHistogram', () => {
  it('buckets tile the range without gaps, each at most 1/64 of its lower bound wide', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 53 - 2 }), (v) => {
        const i = bucketIndex(v);
        expect(bucketLow(i)).toBeLessThanOrEqual(v);
        expect(bucketLow(i + 1)).toBeGreaterThan(v);
        if (v >= 128) expect(bucketLow(i + 1) - bucketLow(i)).toBeLessThanOrEqual(bucketLow(i) / 64);
      }),
    );
    expect([0, 127, 128, 255, 256].map(bucketIndex)).toEqual([0, 127, 128, 191, 192]);
    expect(bucketIndex(2 ** 31 - 1) + 1).toBe(bucketIndex(2 ** 31));
    expect(bucketIndex(2 ** 53 - 1)).toBe(3071);
  });

  it('percentiles of random samples are within the stated error of exact sorted percentiles', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 500 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p) => {
          expectWithinError(histogramOf(values), values, [...PERCENTILES, p]);
        },
      ),
    );
  });

  it('count, min, max and mean are exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const h = histogramOf(values);
          expect(h.count).toBe(values.length);
          expect(h.min).toBe(Math.min(...values));
          expect(h.max).toBe(Math.max(...values));
          expect(h.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 6);
          expect(h.percentile(0)).toBe(h.min);
          expect(h.percentile(100)).toBe(h.max);
        },
      ),
    );
  });

  it('is exact below 128 us', () => {
    const values = Array.from({ length: 128 }, (_, i) => i);
    const h = histogramOf(values);
    expect(h.percentile(50)).toBe(63);
    expect(h.percentile(90)).toBe(115);
    expect(h.percentile(1)).toBe(1);
  });

  it('summarises a uniform 1..100000 and an exponential distribution within the error', () => {
    const uniform = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const u = histogramOf(uniform);
    expect(Math.abs(u.percentile(50) - 50_000)).toBeLessThanOrEqual(50_000 * RELATIVE_ERROR);
    expect(Math.abs(u.percentile(99.9) - 99_900)).toBeLessThanOrEqual(99_900 * RELATIVE_ERROR);
    expect(u.mean).toBe(50_000.5);
    const rng = Rng.fromSeed(1);
    const exponential = Array.from({ length: 100_000 }, () => Math.round(rng.exponential(2_000)));
    const e = histogramOf(exponential);
    expectWithinError(e, exponential, PERCENTILES);
    // Median of an exponential is mean * ln 2.
    expect(Math.abs(e.percentile(50) / (2_000 * Math.LN2) - 1)).toBeLessThan(0.03);
  });

  it('merging equals recording both', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { maxLength: 200 }),
        fc.array(valueArb, { maxLength: 200 }),
        (xs, ys) => {
          const merged = histogramOf(xs);
          const other = histogramOf(ys);
          merged.merge(other);
          const both = histogramOf([...xs, ...ys]);
          // The sum is added in another order, so the mean may differ in the last bit once it passes 2^53.
          const { mean, ...rest } = merged.toJSON();
          const { mean: bothMean, ...bothRest } = both.toJSON();
          expect(rest).toEqual(bothRest);
          expect(Math.abs(mean - bothMean)).toBeLessThanOrEqual(bothMean * 1e-15);
          for (const p of [5, 33, 66, 95]) expect(merged.percentile(p)).toBe(both.percentile(p));
          expect(other.count).toBe(ys.length);
        },
      ),
    );
  });

  it('records 0 and huge values exactly at the ends', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(2 ** 45);
    h.record(2 ** 53 - 1);
    expect(h.min).toBe(0);
    expect(h.max).toBe(2 ** 53 - 1);
    expect(h.percentile(0)).toBe(0);
    expect(h.percentile(33)).toBe(0); // rank ceil(0.99) = 1
    expect(Math.abs(h.percentile(50) - 2 ** 45)).toBeLessThanOrEqual(2 ** 45 * RELATIVE_ERROR);
    expect(h.percentile(100)).toBe(2 ** 53 - 1);
  });

  it('counts past 2^32 samples without overflow', () => {
    const h = new LatencyHistogram();
    h.recordMany(1_000, 1e9);
    h.recordMany(5_000, 2 ** 32);
    h.recordMany(7, 0);
    expect(h.count).toBe(1e9 + 2 ** 32);
    expect(h.percentile(10)).toBeCloseTo(1_000, -1);
    expect(h.percentile(90)).toBeCloseTo(5_000, -2);
    expect(h.min).toBe(1_000);
  });

  it('rejects negative, fractional, non-finite and too large values', () => {
    const h = new LatencyHistogram();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => h.record(bad)).toThrow(RangeError);
    }
    expect(() => h.recordMany(5, -1)).toThrow(RangeError);
    expect(() => h.recordMany(5, 0.5)).toThrow(RangeError);
    expect(() => h.percentile(101)).toThrow(RangeError);
    expect(h.count).toBe(0);
  });

  it('reports zeros, never null or Infinity, when empty', () => {
    const summary = new LatencyHistogram().toJSON();
    expect(summary).toEqual({ count: 0, min: 0, max: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0 });
    expect(JSON.stringify(summary)).not.toMatch(/null/);
  });

  it('summarises into JSON with the percentiles', () => {
    const h = histogramOf(Array.from({ length: 1000 }, (_, i) => i + 1));
    const summary = h.toJSON();
    expect(summary.count).toBe(1000);
    expect(summary.min).toBe(1);
    expect(summary.max).toBe(1000);
    expect(summary.mean).toBe(500.5);
    expect(Math.abs(summary.p50 - 500)).toBeLessThanOrEqual(500 * RELATIVE_ERROR);
    expect(Math.abs(summary.p90 - 900)).toBeLessThanOrEqual(900 * RELATIVE_ERROR);
    expect(Math.abs(summary.p99 - 990)).toBeLessThanOrEqual(990 * RELATIVE_ERROR);
    expect(Math.abs(summary.p999 - 999)).toBeLessThanOrEqual(999 * RELATIVE_ERROR);
  });
});
