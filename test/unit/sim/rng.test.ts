import { describe, expect, it } from 'vitest';
import { hashString, Rng } from '../../../src/sim/rng.js';

const M32 = (1n << 32n) - 1n;

/**
 * A straightforward reference: splitmix32 seeding and xoshiro128** written from the published
 * algorithms with BigInt arithmetic masked to 32 bits, sharing no code with `Rng`.
 */
function referenceOutputs(seed: number, n: number): number[] {
  let sm = BigInt(seed >>> 0);
  const splitmix32 = (): bigint => {
    sm = (sm + 0x9e3779b9n) & M32;
    let z = sm;
    z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & M32;
    z = ((z ^ (z >> 15n)) * 0x735a2d97n) & M32;
    return z ^ (z >> 15n);
  };
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M32;
  const s = [splitmix32(), splitmix32(), splitmix32(), splitmix32()];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [s0, s1, s2, s3] = s as [bigint, bigint, bigint, bigint];
    out.push(Number((rotl((s1 * 5n) & M32, 7n) * 9n) & M32));
    const t = (s1 << 9n) & M32;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11n);
  }
  return out;
}

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('Rng', () => {
  it('gives pinned first outputs for seed 1 (xoshiro128** seeded by splitmix32)', () => {
    // Also checked against the C reference (prng.di.unimi.it/xoshiro128starstar.c) seeded the same way.
    const pinned = [393288148, 2174103013, 3814759091, 2092745082, 1865176206, 2179171167];
    expect(referenceOutputs(1, 6)).toEqual(pinned);
    expect(draws(Rng.fromSeed(1), 6)).toEqual(pinned);
  });

  it('matches the reference implementation over long runs for several seeds', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef, 0xffffffff]) {
      expect(draws(Rng.fromSeed(seed), 2000)).toEqual(referenceOutputs(seed, 2000));
    }
  });

  it('repeats the same sequence for the same seed, and differs between seeds', () => {
    expect(draws(Rng.fromSeed(7), 1000)).toEqual(draws(Rng.fromSeed(7), 1000));
    expect(draws(Rng.fromSeed(7), 10)).not.toEqual(draws(Rng.fromSeed(8), 10));
    expect(Rng.fromSeed(7).seed).toBe(7);
    expect(Rng.fromSeed(-1).seed).toBe(0xffffffff);
  });

  it('nextFloat is nextUint32 / 2^32, in [0, 1)', () => {
    const a = Rng.fromSeed(3);
    const b = Rng.fromSeed(3);
    const floats = Array.from({ length: 10_000 }, () => a.nextFloat());
    expect(floats).toEqual(Array.from({ length: 10_000 }, () => b.nextUint32() / 2 ** 32));
    expect(floats.filter((f) => !(f >= 0 && f < 1))).toEqual([]);
  });

  it('int stays within bounds for small and huge ranges', () => {
    const rng = Rng.fromSeed(11);
    for (const max of [1, 2, 3, 7, 10, 1000, 2 ** 31 + 1, 2 ** 32]) {
      const values = Array.from({ length: 5000 }, () => rng.int(max));
      expect(values.filter((v) => !(Number.isInteger(v) && v >= 0 && v < max))).toEqual([]);
      if (max <= 10) expect(new Set(values).size).toBe(max);
    }
    expect(rng.int(1)).toBe(0);
  });

  it('int rejects a bound that is not an integer in [1, 2^32]', () => {
    const rng = Rng.fromSeed(1);
    for (const bad of [0, -3, 1.5, 2 ** 32 + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => rng.int(bad)).toThrow(RangeError);
    }
  });

  it('int is roughly uniform over 100k draws (chi-square, 9 degrees of freedom)', () => {
    const rng = Rng.fromSeed(2024);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) bins[rng.int(10)]!++;
    const expected = n / 10;
    const chiSquare = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 27.9 is the p = 0.001 critical value; a biased generator lands in the hundreds.
    expect(chiSquare).toBeLessThan(30);
  });

  it('int has no modulo bias when the bound does not divide 2^32', () => {
    // With max = 3 * 2^30, a plain `r % max` puts half the draws in the first third.
    const rng = Rng.fromSeed(5);
    const n = 60_000;
    const thirds = [0, 0, 0];
    for (let i = 0; i < n; i++) thirds[Math.floor(rng.int(3 * 2 ** 30) / 2 ** 30)]!++;
    for (const count of thirds) expect(Math.abs(count / n - 1 / 3)).toBeLessThan(0.01);
  });

  it('exponential has the requested mean within 3% over 100k draws', () => {
    const rng = Rng.fromSeed(99);
    const n = 100_000;
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(250);
      if (!(x >= 0 && Number.isFinite(x))) outOfRange++;
      sum += x;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(sum / n / 250 - 1)).toBeLessThan(0.03);
  });

  it('exponential is finite at both ends of nextFloat', () => {
    const rng = Rng.fromSeed(1);
    rng.nextFloat = () => 0;
    expect(Object.is(rng.exponential(10), 0)).toBe(true);
    rng.nextFloat = () => 1 - 2 ** -32;
    expect(rng.exponential(10)).toBeCloseTo(10 * 32 * Math.LN2, 9);
  });

  it('fork does not change the parent stream', () => {
    const parent = Rng.fromSeed(17);
    const twin = Rng.fromSeed(17);
    draws(parent, 3);
    draws(twin, 3);
    parent.fork('network');
    parent.fork('faults').nextUint32();
    expect(draws(parent, 100)).toEqual(draws(twin, 100));
  });

  it('fork depends on the seed and label only, not on draws or other forks', () => {
    const fresh = draws(Rng.fromSeed(17).fork('network'), 50);
    const used = Rng.fromSeed(17);
    draws(used, 1000);
    used.fork('faults');
    expect(draws(used.fork('network'), 50)).toEqual(fresh);
    expect(draws(Rng.fromSeed(17).fork('faults'), 50)).not.toEqual(fresh);
    expect(draws(Rng.fromSeed(18).fork('network'), 50)).not.toEqual(fresh);
    expect(draws(Rng.fromSeed(17), 50)).not.toEqual(fresh);
  });

  it('nested forks depend on the order of labels', () => {
    const root = Rng.fromSeed(4);
    expect(draws(root.fork('a').fork('b'), 20)).not.toEqual(draws(root.fork('b').fork('a'), 20));
  });

  it('hashString is 32-bit FNV-1a', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});
