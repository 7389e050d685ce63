/**
 * The core stays pure (DESIGN.md): below the CLI and the topology loader, no clock, no random
 * numbers of its own, no timers, no files, no process. Enforced here by reading the sources, the
 * way TigerBeetle's tidy bans wall-clock time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPlan } from '../../src/plan/buildPlan.js';
import { simulate } from '../../src/sim/simulate.js';
import { loadTopologyText } from '../../src/topology/load.js';
import { simulateYaml } from '../support/simulateYaml.js';

const SRC = 'src';
/**
 * Where I/O belongs: the CLI, the loader that reads topology files and the schemas, and the
 * real-broker harness (processes, ports and scratch directories at the edge, beside the core).
 */
const MAY_DO_IO = [/^src\/cli\//, /^src\/topology\/load\.ts$/, /^src\/topology\/schema\.ts$/, /^src\/real\//];

const BANNED: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Rng)'],
  [/\bDate\.now\b|\bnew Date\(/, 'the wall clock'],
  [/\bperformance\.now\b/, 'the wall clock'],
  [/\bprocess\./, 'the process (environment, streams, exit)'],
  [/\bset(Timeout|Interval|Immediate)\(/, 'real timers (use the simulated clock)'],
  [/from 'node:(fs|fs\/promises|child_process|worker_threads|net|http)'/, 'I/O'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the pure core', () => {
  it('uses no clock, randomness, timers, files or process below the CLI and the loader', () => {
    const offences: string[] = [];
    for (const file of files(SRC)) {
      if (MAY_DO_IO.some((r) => r.test(file))) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // comments may name what they avoid
        for (const [pattern, what] of BANNED) {
          if (pattern.test(line)) offences.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    expect(offences).toEqual([]);
  });

  it('catches an offence (the check itself works)', () => {
    expect(BANNED.some(([p]) => p.test('const x = Math.random();'))).toBe(true);
    expect(BANNED.some(([p]) => p.test("import { readFile } from 'node:fs/promises';"))).toBe(true);
  });
});

/**
 * What the source scan cannot see: a library reading the wall clock or setting a timer on the
 * core's behalf (xstate's scheduler does both when an actor runs a delayed transition). A run of
 * every bundled topology, and one full of lifecycle changes, must not touch either.
 */
describe('a run, libraries included', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function spyOnClocks() {
    return [
      vi.spyOn(Date, 'now'),
      vi.spyOn(performance, 'now'),
      vi.spyOn(globalThis, 'setTimeout'),
      vi.spyOn(globalThis, 'setInterval'),
      vi.spyOn(globalThis, 'setImmediate'),
      vi.spyOn(Math, 'random'),
    ];
  }

  it('reads no wall clock, sets no timer and draws no Math.random for any bundled topology', () => {
    const plans = readdirSync('topologies').map((f) => {
      const loaded = loadTopologyText(readFileSync(join('topologies', f), 'utf8'), f);
      if (!loaded.ok) throw new Error(`${f} does not load`);
      return buildPlan(loaded.topology);
    });
    const spies = spyOnClocks();
    for (const plan of plans) simulate(plan, { seed: 5, durationUs: 3_000_000 });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('nor through crashes, failovers, reconnects and lock polls', () => {
    const yaml = `
name: lifecycle-churn
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: app
    replicas: 3
    producers: [{ destination: q, rate: 100/s }]
    consumers: [{ destination: q, processingTime: 2ms }]
cluster: { brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s }
faults:
  schedule:
    - { at: 200ms, kind: broker-crash, target: broker-0, restartAfter: 300ms }
    - { at: 900ms, kind: process-crash, target: app-1, restartAfter: 100ms }
    - { at: 1200ms, kind: partition, target: app-2, peer: broker-1, duration: 500ms }
simulation: { duration: 3s, drain: 2s, seed: 3 }
`;
    const spies = spyOnClocks();
    const r = simulateYaml(yaml);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(r.faults.length).toBe(3);
  });
});
