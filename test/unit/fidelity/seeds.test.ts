/**
 * The simulated side of a fidelity row is SIM_SEEDS runs of the mirror, one per seed, judged by
 * their median as the real side is: one seed is one draw of the noise and of what the topology
 * leaves open, and a race it settles one way must show.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../fidelity/experiments.js';
import { loadMirror, SIM_SEEDS, seeded } from '../../../fidelity/mirror.js';
import { median } from '../../../fidelity/verdict.js';

describe('fidelity simulates each mirror with several seeds', () => {
  it('gives each run the next seed, and nothing else changes', () => {
    const t = loadMirror('failover-1s-lock-poll');
    const runs = seeded(t);
    expect(runs.map((r) => r.simulation.seed)).toEqual(
      Array.from({ length: SIM_SEEDS }, (_, i) => t.simulation.seed + i),
    );
    for (const r of runs)
      expect({ ...r, simulation: { ...r.simulation, seed: 0 } }).toEqual({
        ...t,
        simulation: { ...t.simulation, seed: 0 },
      });
  });

  it('judges a failover gap by the median over the seeds, and shows every seed in the raw figures', () => {
    const e = EXPERIMENTS.find((x) => x.id === 'failover-default-lock-poll')!;
    const [row] = e.judge([{ gapUs: 1_000_000 }]);
    const simulated = row!.raw
      .split('| simulated ')[1]!
      .split(', ')
      .map((g) => Number.parseFloat(g) * 1e6);
    expect(simulated).toHaveLength(SIM_SEEDS);
    const mid = median(simulated);
    expect(row!.simulated.split(' / ')[1]).toBe(`${(mid / 1e6).toFixed(2)}s`);
    // Judged against a real median equal to the simulated one, and against one far from it.
    expect(e.judge([{ gapUs: mid }])[0]!.ok).toBe(true);
    expect(e.judge([{ gapUs: mid * 3 }])[0]!.ok).toBe(false);
  });
});
