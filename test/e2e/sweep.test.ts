/** `brokerlab sweep` as a user runs it. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { schemaValidator } from '../support/schemas.js';

const EMBEDDED = 'topologies/embedded-per-process.yaml';
// The smallest pair whose bridges cross over: one application, a full mesh against a hub.
const MESH = 'test/fixtures/sweep/mesh.yaml';
const HUB = 'test/fixtures/sweep/hub.yaml';

describe('brokerlab sweep', () => {
  it('shows stores growing linearly and mesh bridges quadratically', async () => {
    const r = await runCli([
      'sweep',
      EMBEDDED,
      '--vary',
      'applications.orders.replicas=10..500:5',
      '--plan-only',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // 5 billing processes beside the n web ones: n + 5 units, brokers and stores, (n + 5)(n + 4) / 2 bridges.
    expect(r.stdout).toMatch(/\n {2}10 +15 +15 +15 +105\n/);
    expect(r.stdout).toMatch(/\n {2}500 +505 +505 +505 +127,260\n/);
  });

  it('finds the crossover of two topologies and writes JSON that conforms to schemas/sweep.schema.json', async () => {
    const r = await runCli([
      'sweep',
      MESH,
      '--vary',
      'applications[0].replicas=2..6',
      '--vs',
      HUB,
      '--metric',
      'bridges',
      '--plan-only',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const validate = await schemaValidator('sweep');
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.crossovers).toEqual([{ from: 2, to: 4, before: 'mesh', after: 'hub' }]);
  });

  it('simulates each point and says where the answer flips, in words', async () => {
    const r = await runCli([
      'sweep',
      MESH,
      '--vary',
      'applications.orders.replicas=2..6:3',
      '--vs',
      HUB,
      '--metric',
      'bridges',
      '--seeds',
      '2',
      '--duration',
      '2s',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('latency p99');
    expect(r.stdout).toContain(
      'crossover on network bridges: mesh is better up to applications.orders.replicas=2, hub from 4 on (the flip lies between 2 and 4)',
    );
  });

  it('simulates the declared faults when it varies an MTBF', async () => {
    const r = await runCli([
      'sweep',
      EMBEDDED,
      '--vary',
      'faults.random[0].mtbf=1m..10m:2',
      '--seeds',
      '1',
      '--duration',
      '2s',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.settings.scenarios).toEqual(['baseline', 'declared']);
    expect(doc.parameter).toEqual({ path: 'faults.random[0].mtbf', kind: 'duration', values: [60e6, 600e6] });
  });

  it.each([
    [['sweep', EMBEDDED], "required option '--vary"],
    [['sweep', EMBEDDED, '--vary', 'replicas'], '--vary must look like PATH=FROM..TO[:STEPS]'],
    [['sweep', EMBEDDED, '--vary', 'cluster.brokers=2..4'], 'the topology has no field `cluster`'],
    [['sweep', EMBEDDED, '--vary', 'applications.order.replicas=2..4'], 'did you mean `orders`?'],
    [
      ['sweep', EMBEDDED, '--vary', 'applications.orders.replicas=0..4', '--plan-only'],
      'is not a valid topology',
    ],
    [['sweep', EMBEDDED, '--vary', 'faults.random[0].mtbf=1..2'], 'write the range like 1h..24h'],
    [
      ['sweep', EMBEDDED, '--vary', 'applications.orders.replicas=2..4', '--metric', 'speed'],
      '--metric must be one of',
    ],
  ])('exits 2 on %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
