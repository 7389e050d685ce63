/**
 * Comparing N candidates says about each pair what comparing that pair alone says: for every
 * concern and every pair, the N-way verdict restricted to the pair equals the 2-way verdict,
 * over generated replications (noisy and exact, some scenarios missing). Plus issue 10's case:
 * disk loss 0 vs 2 vs 6, where the 3-way reasons called a real difference noise.
 *
 * The suite title carries the seed; replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/compareTopologies.js';
import type { MetricId } from '../../src/compare/metrics.js';
import { recommend } from '../../src/compare/recommend.js';
import type { Verdict } from '../../src/compare/recommendation.js';
import type { ScenarioId } from '../../src/compare/scenarios.js';
import { reasonText } from '../../src/report/decide/reasonText.js';
import { type FakeCandidate, fakeComparison } from '../support/decideFixtures.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const settings = { seed, numRuns: 200 };

const SCENARIOS: ScenarioId[] = ['baseline', 'process-crash', 'broker-crash', 'disk-loss'];
const SEEDS = 3;

/** Few distinct values, so that exact ties, noisy ties and clear differences all happen. */
const replications = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 6 }), { minLength: SEEDS, maxLength: SEEDS }),
  fc.integer({ min: 0, max: 6 }).map((v) => Array.from({ length: SEEDS }, () => v)),
);

const metricsOf = (faulty: boolean): fc.Arbitrary<Partial<Record<MetricId, number[]>>> =>
  faulty
    ? fc.record({
        lost: replications,
        duplicated: replications,
        stranded: replications,
        sendGap: replications,
        downtime: replications,
        unavailable: replications,
      })
    : fc.record({ p50: replications, p99: replications });

const candidate = (i: number): fc.Arbitrary<FakeCandidate> =>
  fc
    .record({
      layout: fc.constantFrom('embedded' as const, 'central' as const, 'hybrid' as const),
      units: fc.integer({ min: 100, max: 103 }),
      stores: fc.constantFrom(1, 2, 100),
      ceiling: fc.constantFrom(9_000, 10_000, 50_000),
      outcomes: fc.record(
        {
          baseline: metricsOf(false),
          'process-crash': metricsOf(true),
          'broker-crash': metricsOf(true),
          'disk-loss': metricsOf(true),
        },
        { requiredKeys: ['baseline'] },
      ),
    })
    .map((r) => ({
      label: `c${i}`,
      layout: r.layout,
      figures: { deploymentUnits: r.units, persistentStores: r.stores },
      ceiling: r.ceiling,
      outcomes: r.outcomes,
    }));

const candidates = fc
  .integer({ min: 3, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i))));

/** What a verdict says about the pair (a, b): a, b, tie, mixed or n/a. */
function pairSays(v: Verdict, a: number, b: number): string {
  const p = v.pairs.find((x) => x.a === a && x.b === b)!;
  return p.outcome === 'winner' ? (p.winner === a ? 'a' : 'b') : p.outcome;
}

function twoWaySays(v: Verdict): string {
  return v.outcome === 'winner' ? (v.winner === 0 ? 'a' : 'b') : v.outcome;
}

describe(`pairwise verdicts (seed ${seed})`, () => {
  it('the N-way verdict restricted to a pair equals the 2-way verdict of that pair', () => {
    fc.assert(
      fc.property(candidates, (ks) => {
        const all = recommend(fakeComparison(ks, SCENARIOS)).verdicts;
        for (let a = 0; a < ks.length; a++)
          for (let b = a + 1; b < ks.length; b++) {
            const two = recommend(fakeComparison([ks[a]!, ks[b]!], SCENARIOS)).verdicts;
            for (const [i, v] of all.entries()) {
              expect(pairSays(v, a, b), `${v.concern}: c${a} vs c${b}`).toBe(twoWaySays(two[i]!));
              expect(pairSays(two[i]!, 0, 1)).toBe(twoWaySays(two[i]!));
            }
          }
        // A winner of N beats each of the others when compared with it alone.
        for (const v of all)
          if (v.outcome === 'winner')
            for (const p of v.pairs.filter(
              (x) => x.outcome !== 'n/a' && (x.a === v.winner || x.b === v.winner),
            ))
              expect(p.winner).toBe(v.winner);
      }),
      settings,
    );
  });
});

describe('three candidates, disk loss 0 vs 2 vs 6', () => {
  const lost = (samples: number[]): FakeCandidate => ({
    label: `lost-${samples.join('-')}`,
    layout: 'central',
    outcomes: { 'disk-loss': { lost: samples } },
  });
  const a = lost([0, 0, 0]);
  const b = lost([0, 6, 0]);
  const c = lost([6, 6, 6]);
  const verdictOf = (comparison: Comparison) =>
    recommend(comparison).verdicts.find((v) => v.concern === 'loss')!;

  it('keeps the 2-way winner of a pair that differs beyond noise', () => {
    expect(verdictOf(fakeComparison([a, c], ['disk-loss'])).winner).toBe(0);
    const three = fakeComparison([a, b, c], ['disk-loss']);
    const v = verdictOf(three);
    expect(v.outcome).toBe('tie');
    expect(v.tied).toEqual([0, 1]);
    expect(v.pairs).toEqual([
      { a: 0, b: 1, outcome: 'tie', winner: null },
      { a: 0, b: 2, outcome: 'winner', winner: 0 },
      { a: 1, b: 2, outcome: 'tie', winner: null },
    ]);
    const texts = v.reasons.map((r) => reasonText(three, r));
    expect(texts.join('\n')).not.toContain('no difference');
    expect(texts[0]).toBe(
      "disk loss: the central store holds every client's messages; lost 0 (lost-0-0-0) vs 2 (lost-0-6-0), 6 (lost-6-6-6); at risk when it struck - (lost-0-0-0) vs - (lost-0-6-0), - (lost-6-6-6) (pairwise: lost-0-0-0 beats lost-6-6-6; tied: lost-0-0-0 and lost-0-6-0, lost-0-6-0 and lost-6-6-6)",
    );
  });
});
