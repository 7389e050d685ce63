/** The package's library API, imported as a program would (the built dist/index.js of package.json). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

describe('the library API', () => {
  it('loads, plans, simulates, checks and compares without the CLI', async () => {
    const pkg = JSON.parse(await readFile(`${REPO}/package.json`, 'utf8'));
    const api = await import(`${REPO}/${pkg.exports['.']}`);
    const loaded = api.loadTopologyText(
      await readFile(`${REPO}/topologies/spring-boot-default.yaml`, 'utf8'),
      'spring.yaml',
    );
    expect(loaded.ok).toBe(true);
    const plan = api.buildPlan(loaded.topology);
    expect(plan.figures.deploymentUnits).toBe(10);
    const files = api.exportPlan(plan, api.fieldsSetIn({ name: 'x' }));
    expect(files.map((f: { path: string }) => f.path)).toContain('brokers/notifier-9/activemq.xml');
    const result = api.simulate(plan, { durationUs: 2_000_000 });
    expect(result.format).toBe('brokerlab.result/1');
    expect(result.fates.sent).toBeGreaterThan(0);
    const outcome = api.checkTopology(loaded.topology, {
      guarantees: loaded.topology.guarantees,
      runs: 5,
      seed: 1,
      durationUs: 2_000_000,
    });
    expect(['pass', 'fail']).toContain(outcome.status);
    const comparison = api.compareTopologies([loaded.topology], {
      seeds: [1],
      durationUs: 1_000_000,
      scenarios: ['baseline'],
    });
    expect(api.compareText(comparison, api.recommend(comparison))).toContain('spring-boot-default');
    expect(api.planFlowchart(plan)).toMatch(/^flowchart LR/);
  });
});
