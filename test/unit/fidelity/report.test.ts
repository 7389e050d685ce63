import { describe, expect, it } from 'vitest';
import type { Experiment, Row } from '../../../fidelity/experiments.js';
import type { Machine } from '../../../fidelity/machine.js';
import { MECHANISMS } from '../../../fidelity/mechanisms.js';
import { fidelityMarkdown } from '../../../fidelity/report.js';

const machine: Machine = {
  cpu: 'AMD EPYC',
  cores: 2,
  memoryGiB: 8,
  os: 'Debian GNU/Linux 12 (bookworm) (Linux 6.1.0)',
  jdk: 'openjdk version "17.0.15" 2025-04-15',
  activemq: '5.17.2 (/usr/share/activemq)',
  node: 'v20.20.2',
  date: '2026-11-30T09:00:00Z',
  loadAverage: 1.5,
};

const experiment = (id: string): Experiment => ({
  id,
  title: id,
  mirrors: [id],
  measure: async () => [],
  judge: () => [],
});
const row = (experiment: string, ok: boolean): Row => ({
  experiment,
  measure: 'lost',
  real: '0 / 0 / 0: none',
  simulated: ok ? '0: none' : '3: a handful',
  ok,
  raw: 'raw figures',
});

describe('docs/FIDELITY.md', () => {
  const page = fidelityMarkdown(
    machine,
    2.5,
    3,
    [experiment('crash-persistent-always'), experiment('crash-async-send')],
    [row('crash-persistent-always', true), row('crash-async-send', false)],
  );

  it('names the machine the figures hold on', () => {
    expect(page).toContain('- CPU: AMD EPYC, 2 cores, 8 GiB');
    expect(page).toContain('- JDK: openjdk version "17.0.15"');
    expect(page).toContain('- ActiveMQ: 5.17.2');
    expect(page).toContain('load average 1.5 at the start (2.5 at the end)');
  });

  it('has a row per measure, with its verdict', () => {
    expect(page).toContain('| crash-persistent-always | lost | 0 / 0 / 0: none | 0: none | yes |');
    expect(page).toContain('| crash-async-send | lost | 0 / 0 / 0: none | 3: a handful | **no** |');
    expect(page).toContain('1 of 2 measures within tolerance');
  });

  it('explains each disagreement by its mechanism, and only the disagreements', () => {
    expect(page).toContain(MECHANISMS['crash-async-send']!);
    expect(page).not.toContain(MECHANISMS['crash-persistent-always'] ?? 'no note for an agreeing row');
  });
});
