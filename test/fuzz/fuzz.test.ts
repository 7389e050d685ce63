/**
 * A small share of `npm run fuzz` in every test run: 200 hostile generated topologies, each
 * simulated (every 20th twice, for determinism). The seed is fixed so that the suite is
 * repeatable; FUZZ_SEED=<n> tries others. A failure prints the topology and its replay command.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from './fuzzCase.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = 200;

describe(`fuzz: hostile generated topologies (seed ${seed}, FUZZ_SEED=<n> for others)`, () => {
  it(`simulates ${RUNS} of them without an exception, with fates that add up, deterministically`, () => {
    const failures: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = runCase(seed, i, i % 20 === 0);
      if (!r.ok)
        failures.push(`case ${i}: ${r.reason}\n--- topology ---\n${r.yaml}--- replay ---\n${r.replay}`);
    }
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);
});
