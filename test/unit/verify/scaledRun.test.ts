import { describe, expect, it } from 'vitest';
import { faultTimeUs, scenarioTarget } from '../../../src/compare/scenarios.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import type { Topology } from '../../../src/topology/types.js';
import { INJECTIONS } from '../../../src/verify/injection.js';
import {
  defaultVerifyScenario,
  replicasFor,
  scaledRun,
  VERIFY_SEND_US,
} from '../../../src/verify/scaledRun.js';

async function topology(name: string): Promise<Topology> {
  const r = await loadTopologyFile(`topologies/${name}.yaml`);
  if (!r.ok) throw new Error(name);
  return r.topology;
}

describe('scaledRun', () => {
  it('shares K processes out over the applications, each keeping at least one and at most its size', async () => {
    const t = await topology('embedded-per-process'); // billing 5, orders 100
    expect(replicasFor(t, 2)).toEqual([1, 1]);
    expect(replicasFor(t, 3)).toEqual([2, 1]);
    expect(replicasFor(t, 4)).toEqual([2, 2]);
    expect(replicasFor(t, 12)).toEqual([5, 7]);
    expect(replicasFor(t, 1000)).toEqual([5, 100]);
  });

  it("injects compare's scenario fault on its target, at compare's time for a short send phase", async () => {
    const t = await topology('central-cluster');
    const run = scaledRun(t, 'broker-crash', 4);
    expect(run.topology.applications.map((a) => a.replicas)).toEqual([2, 2]);
    expect(run.topology.simulation.durationUs).toBe(VERIFY_SEND_US);
    expect(run.topology.simulation.warmupUs).toBe(0);
    expect(run.schedule).toHaveLength(1);
    expect(run.schedule[0]).toMatchObject({
      ...scenarioTarget(buildPlan(t), 'broker-crash'),
      atUs: faultTimeUs(t.simulation.seed, VERIFY_SEND_US, 0),
      restartAfterUs: -1,
    });
  });
});

describe('defaultVerifyScenario', () => {
  it("kills a broker wherever compare's broker-crash applies (a hub's brokers too), else a process", async () => {
    const scenarioOf = async (name: string) => defaultVerifyScenario(buildPlan(await topology(name)));
    expect(await scenarioOf('central-cluster')).toBe('broker-crash');
    expect(await scenarioOf('embedded-hub')).toBe('broker-crash');
    expect(await scenarioOf('embedded-per-process')).toBe('process-crash');
  });
});

describe('INJECTIONS', () => {
  it('injects crashes, stops and disk loss for real, and skips what one machine cannot do, saying why', () => {
    expect(INJECTIONS['process-crash'].how).toBe('kill');
    expect(INJECTIONS['broker-crash'].how).toBe('kill');
    expect(INJECTIONS['broker-restart'].how).toBe('stop');
    expect(INJECTIONS['disk-loss'].how).toBe('remove-store');
    for (const kind of ['power-loss', 'partition', 'slow-disk'] as const) {
      const i = INJECTIONS[kind];
      expect(i.how).toBe('skip');
      if (i.how === 'skip') expect(i.reason.length).toBeGreaterThan(20);
    }
  });
});
