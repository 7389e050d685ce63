/**
 * Acceptance: sweeping embedded replicas 10..500 grows persistent stores linearly and mesh
 * bridges quadratically, exactly; and a constructed pair has a crossover where it must.
 */
import { describe, expect, it } from 'vitest';
import { sweep } from '../../../src/sweep/sweep.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import { loadInline } from '../../support/simulateYaml.js';

async function bundled(name: string) {
  const r = await loadTopologyFile(`topologies/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.topology;
}

async function fixture(name: string) {
  const r = await loadTopologyFile(`test/fixtures/sweep/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.topology;
}

function ok<T>(r: { ok: true; sweep: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.sweep;
}

describe('sweep', () => {
  it('grows stores linearly and mesh bridges quadratically with embedded replicas 10..500', async () => {
    const s = ok(
      sweep(await bundled('embedded-per-process'), {
        vary: { path: 'applications.orders.replicas', from: '10', to: '500', steps: 5 },
        planOnly: true,
      }),
    );
    const points = s.series[0]!.points;
    expect(points.map((p) => p.value)).toEqual([10, 133, 255, 378, 500]);
    // The 5 billing processes stay: n + 5 stores, (n + 5)(n + 4) / 2 bridges.
    expect(points.map((p) => p.figures.persistentStores)).toEqual([15, 138, 260, 383, 505]);
    expect(points.map((p) => p.figures.bridges)).toEqual([105, 9453, 33670, 73153, 127260]);
    for (const p of points) expect(p.figures.bridges).toBe(((p.value + 5) * (p.value + 4)) / 2);
  });

  it('simulates every point with the same seeds, and keeps the static figures exact', async () => {
    const s = ok(
      sweep(await bundled('embedded-per-process'), {
        vary: { path: 'applications[1].replicas', from: '10', to: '30', steps: 2 },
        seeds: [1, 2],
        durationUs: 2e6,
      }),
    );
    expect(s.settings.seeds).toEqual([1, 2]);
    for (const p of s.series[0]!.points) {
      expect(p.outcomes.map((o) => o.scenario)).toEqual(['baseline']);
      expect(p.outcomes[0]!.metrics.p99.n).toBe(2);
      expect(p.figures.persistentStores).toBe(p.value + 5);
    }
  });

  it('finds where a full mesh starts to need more bridges than a hub (exact figures)', async () => {
    const s = ok(
      sweep(await fixture('mesh'), {
        vary: { path: 'applications.orders.replicas', from: '2', to: '6', steps: 5 },
        vs: await fixture('hub'),
        metric: 'bridges',
        planOnly: true,
      }),
    );
    // mesh n(n-1)/2 = 1, 3, 6, 10, 15 against hub n = 2, 3, 4, 5, 6: equal at 3.
    expect(s.verdicts.map((v) => v.winner)).toEqual([0, null, 1, 1, 1]);
    expect(s.crossovers).toEqual([{ from: 2, to: 4, before: 0, after: 1 }]);
  });

  it('finds where a saturated broker loses to slow disks on p99 latency (simulated)', () => {
    // One broker at 2 ms a message serves 500 msg/s: 100 replicas at 10/s overload it, and its
    // queue grows for the whole run; the embedded brokers pay an 8 ms HDD fsync at any load.
    const busy = loadInline(`
name: one-busy-broker
layout: central
destinations: [{ name: q }]
applications:
  - id: app
    replicas: 5
    producers: [{ destination: q, rate: 10/s, persistent: false, sendMode: async }]
    consumers: [{ destination: q, processingTime: 100us }]
cluster: { brokers: 1, ha: none, store: memory }
costs: { brokerCpu: 2ms }
simulation: { duration: 5s, warmup: 1s, drain: 10s }
`);
    const slow = loadInline(`
name: slow-disks
layout: embedded
destinations: [{ name: q }]
applications:
  - id: app
    replicas: 5
    producers: [{ destination: q, rate: 10/s }]
    consumers: [{ destination: q, processingTime: 100us }]
embedded: { store: kahadb, disk: hdd, network: none }
simulation: { duration: 5s, warmup: 1s, drain: 10s }
`);
    const s = ok(
      sweep(busy, {
        vary: { path: 'applications.app.replicas', from: '5', to: '100', steps: 4 },
        vs: slow,
        seeds: [1, 2, 3],
        metric: 'p99@baseline',
      }),
    );
    expect(s.verdicts[0]!.winner).toBe(0);
    expect(s.verdicts.at(-1)!.winner).toBe(1);
    expect(s.crossovers).toHaveLength(1);
    const [x] = s.crossovers;
    expect([x!.before, x!.after]).toEqual([0, 1]);
    expect(x!.from).toBeLessThan(x!.to);
  });

  it('says clearly when a path or a point is wrong', async () => {
    const t = await bundled('embedded-per-process');
    const r = sweep(t, { vary: { path: 'cluster.brokers', from: '2', to: '4', steps: 3 }, planOnly: true });
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^the topology has no field `cluster`/),
    });
    const bad = sweep(t, {
      vary: { path: 'applications.orders.replicas', from: '0', to: '4', steps: 3 },
      planOnly: true,
    });
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringMatching(/replicas=0 is not a valid topology/),
    });
  });
});
