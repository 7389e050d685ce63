/**
 * The model against the real broker's committed measurements (docs/FIDELITY.json, from
 * `npm run fidelity` on the machine docs/FIDELITY.md names): every experiment's simulated mirror
 * must stay within tolerance of them, and the committed page must be what they give under the
 * current model. A change of a default or a mechanism that moves the simulation away from the
 * real broker fails here, without a broker (`npm run fidelity -- --resimulate` shows the rows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../fidelity/experiments.js';
import type { Machine } from '../../fidelity/machine.js';
import { fidelityMarkdown } from '../../fidelity/report.js';
import { REPO } from '../support/cli.js';

const measured = JSON.parse(readFileSync(join(REPO, 'docs/FIDELITY.json'), 'utf8')) as {
  machine: Machine;
  endLoad: number;
  reps: number;
  real: Record<string, unknown[]>;
};
const experiments = EXPERIMENTS.filter((e) => measured.real[e.id]);
const rows = experiments.flatMap((e) => e.judge(measured.real[e.id]!));

describe('the simulation against the committed real measurements', () => {
  it('measured every experiment', () => {
    expect(experiments.map((e) => e.id)).toEqual(EXPERIMENTS.map((e) => e.id));
  });

  it('lands every measure within tolerance of the real broker', () => {
    const off = rows
      .filter((r) => !r.ok)
      .map((r) => `${r.experiment} ${r.measure}: real ${r.real}, simulated ${r.simulated}`);
    expect(off).toEqual([]);
  });

  it('is what docs/FIDELITY.md shows', () => {
    const page = fidelityMarkdown(measured.machine, measured.endLoad, measured.reps, experiments, rows);
    expect(page).toBe(readFileSync(join(REPO, 'docs/FIDELITY.md'), 'utf8'));
  });
});
