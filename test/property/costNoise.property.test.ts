/** Cost distributions (src/sim/noise.ts): the mean is the configured cost; a seed fixes the run. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COST_SIGMA, type CostKind, CostNoise, CostStream, lognormal } from '../../src/sim/noise.js';
import { Rng } from '../../src/sim/rng.js';
import { simulateYaml } from '../support/simulateYaml.js';

const KINDS = Object.keys(COST_SIGMA) as CostKind[];

describe('cost distributions', () => {
  it('the sample mean of every kind converges to the configured mean', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom(...KINDS),
        fc.integer({ min: 10, max: 100_000 }),
        (seed, kind, mean) => {
          const rng = Rng.fromSeed(seed);
          const n = 20_000;
          let sum = 0;
          for (let i = 0; i < n; i++) sum += lognormal(rng, mean, COST_SIGMA[kind]);
          // Standard error of the mean: sqrt(exp(sigma^2) - 1) / sqrt(n) of the mean (1.3% for sigma 1).
          const se = Math.sqrt(Math.exp(COST_SIGMA[kind] ** 2) - 1) / Math.sqrt(n);
          expect(Math.abs(sum / n / mean - 1)).toBeLessThan(5 * se);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('has the lognormal quantiles: p50, p90 and p99 of exp(sigma Z - sigma^2 / 2) times the mean', () => {
    const n = 400_000;
    const z = { p50: 0, p90: 1.2815516, p99: 2.3263479 };
    for (const sigma of new Set(Object.values(COST_SIGMA))) {
      const rng = Rng.fromSeed(17);
      const draws = Float64Array.from({ length: n }, () => lognormal(rng, 1_000, sigma)).sort();
      for (const [name, q] of Object.entries(z)) {
        const p = Number(name.slice(1)) / 100;
        const expected = 1_000 * Math.exp(sigma * q - (sigma * sigma) / 2);
        // The sample quantile's relative standard error is about sigma sqrt(p (1 - p) / n) / phi(q).
        const phi = Math.exp(-0.5 * q * q) / Math.sqrt(2 * Math.PI);
        const tolerance = (5 * sigma * Math.sqrt((p * (1 - p)) / n)) / phi;
        expect(Math.abs(draws[Math.floor(p * n)]! / expected - 1), `sigma ${sigma} ${name}`).toBeLessThan(
          tolerance,
        );
      }
    }
  });

  it('a cost is the lognormal draw in whole microseconds, never below 1, always finite', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom(...new Set(Object.values(COST_SIGMA))),
        fc.oneof(fc.double({ min: 0.01, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 100_000 })),
        (seed, sigma, mean) => {
          const stream = new CostStream(Rng.fromSeed(seed), sigma);
          const reference = Rng.fromSeed(seed);
          for (let i = 0; i < 20; i++) {
            const us = stream.draw(mean);
            expect(Number.isFinite(us) && Number.isInteger(us) && us >= 1).toBe(true);
            expect(us).toBe(Math.max(1, Math.round(lognormal(reference, mean, sigma))));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has spread: p50 below p90, draws in whole microseconds of at least 1', () => {
    const noise = new CostNoise(Rng.fromSeed(7));
    const draws = Array.from({ length: 1_000 }, () => noise.hop.draw(50)).sort((a, b) => a - b);
    expect(draws[500]!).toBeLessThan(draws[900]!);
    expect(draws.every((d) => Number.isInteger(d) && d >= 1)).toBe(true);
    expect(noise.cpu.draw(0)).toBe(0);
  });

  it('the same seed gives the same draws and the same run; another seed another run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const a = new CostNoise(Rng.fromSeed(seed));
        const b = new CostNoise(Rng.fromSeed(seed));
        for (const kind of KINDS) expect(a[kind].draw(1_000)).toBe(b[kind].draw(1_000));
      }),
      { numRuns: 50 },
    );
    const run = (seed: number) =>
      simulateYaml(`
name: idle-embedded
layout: embedded
destinations: [{ name: q }]
applications:
  - id: app
    producers: [{ destination: q, rate: 50/s, persistent: false }]
    consumers: [{ destination: q, processingTime: 0s }]
embedded: { store: memory }
simulation: { duration: 10s, drain: 1s, seed: ${seed} }
`);
    expect(run(3)).toEqual(run(3));
    const r = run(3);
    expect(r.latency.p50Us).toBeLessThan(r.latency.p90Us);
    expect(run(4).latency).not.toEqual(r.latency);
  });
});
