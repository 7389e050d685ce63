/**
 * schemas/result.schema.json describes what `simulate` returns: it compiles in ajv's strict mode,
 * documents every property, accepts the results of every bundled topology and of generated ones
 * under faults, and rejects results that break it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import type { SimResult } from '../../../src/sim/result.js';
import { simulate } from '../../../src/sim/simulate.js';
import { formatLoadError } from '../../../src/topology/issues.js';
import { loadTopologyText } from '../../../src/topology/load.js';
import type { Topology } from '../../../src/topology/types.js';
import { topologyDocument } from '../../support/arbitraries.js';
import { faultSchedule } from '../../support/faultSchedules.js';

const ROOT = new URL('../../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/result.schema.json', ROOT), 'utf8')) as Record<
  string,
  unknown
>;
const S = 1_000_000;

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  // Fault kinds are the topology schema's `faultKind`.
  ajv.addSchema(JSON.parse(readFileSync(new URL('schemas/topology.schema.json', ROOT), 'utf8')));
  return ajv.compile(schema);
}

const validate = compile();

function expectValid(result: unknown, what: string): void {
  const ok = validate(result);
  expect(ok, `${what}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
}

function load(text: string, file: string): Topology {
  const loaded = loadTopologyText(text, file);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatLoadError).join('\n'));
  return loaded.topology;
}

/** Every `properties` map in the schema, with the JSON pointer of each property. */
function allProperties(node: unknown, pointer: string, out: [string, Record<string, unknown>][]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      allProperties(item, `${pointer}/${i}`, out);
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, sub] of Object.entries(value)) {
        out.push([`${pointer}/properties/${name}`, sub as Record<string, unknown>]);
        allProperties(sub, `${pointer}/properties/${name}`, out);
      }
    } else allProperties(value, `${pointer}/${key}`, out);
  }
}

describe('schemas/result.schema.json', () => {
  it('compiles in strict mode', () => {
    expect(compile).not.toThrow();
  });

  it('gives every property a title and a description', () => {
    const properties: [string, Record<string, unknown>][] = [];
    allProperties(schema, '#', properties);
    // Top level, fates, latency, throughput, unavailability and fault reports at least.
    expect(properties.length).toBeGreaterThan(50);
    const undocumented = properties
      .filter(([, p]) => !(typeof p.title === 'string' && p.title.length > 0))
      .map(([path]) => `${path}: no title`)
      .concat(
        properties
          .filter(([, p]) => !(typeof p.description === 'string' && p.description.length > 0))
          .map(([path]) => `${path}: no description`),
      );
    expect(undocumented).toEqual([]);
  });

  const bundled = readdirSync(new URL('topologies/', ROOT))
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('finds the bundled topologies', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(6);
  });

  it.each(bundled)('accepts the result of topologies/%s (5 s of sends)', (file) => {
    const text = readFileSync(new URL(`topologies/${file}`, ROOT), 'utf8');
    const result = simulate(buildPlan(load(text, file)), { durationUs: 5 * S });
    expect(result.fates.sent).toBeGreaterThan(0);
    expectValid(result, file);
    // What the CLI prints with --json is the same document.
    expectValid(JSON.parse(JSON.stringify(result)), `${file} (JSON)`);
  });

  it('accepts the results of generated topologies under generated and random faults', () => {
    const seed = 20261125;
    const runs = topologyDocument({ maxReplicas: 3, maxBrokers: 3 })
      .map((doc) => load(JSON.stringify(doc), 'generated.json'))
      // Clients retry at least 1 ms apart: a zero reconnect delay can livelock the simulator.
      .map((t) => ({
        ...t,
        failover: {
          ...t.failover,
          initialReconnectDelayUs: Math.max(1_000, t.failover.initialReconnectDelayUs),
        },
      }))
      .chain((t) =>
        fc.tuple(
          fc.constant(t),
          faultSchedule(t, { durationUs: 2 * S, maxFaults: 3 }),
          fc.integer({ min: 0, max: 0xffff_ffff }),
        ),
      );
    let faults = 0;
    fc.assert(
      fc.property(runs, ([t, schedule, runSeed]) => {
        const result = simulate(buildPlan(t), { seed: runSeed, durationUs: 2 * S, schedule });
        faults += result.faults.length;
        expectValid(result, `${t.name} with ${JSON.stringify(schedule)}`);
      }),
      { seed, numRuns: 25 },
    );
    // The runs did exercise fault reports.
    expect(faults).toBeGreaterThan(0);
  });

  it('rejects results that break it', () => {
    const text = readFileSync(new URL('topologies/central-cluster.yaml', ROOT), 'utf8');
    const t = load(text, 'central-cluster.yaml');
    const good: SimResult = simulate(buildPlan(t), {
      durationUs: 1 * S,
      schedule: [
        {
          atUs: 500_000,
          kind: 'broker-crash',
          target: 'broker-0',
          peer: null,
          oneWay: false,
          durationUs: 0,
          restartAfterUs: null,
          slowdownFactor: 10,
        },
      ],
    });
    expectValid(good, 'central-cluster with a broker crash');
    expect(good.faults).toHaveLength(1);
    const bad: [string, unknown][] = [
      ['a negative count', { ...good, fates: { ...good.fates, lost: -1 } }],
      ['a fractional count', { ...good, events: 1.5 }],
      ['an unknown field', { ...good, surprise: true }],
      ['another format', { ...good, format: 'brokerlab.result/2' }],
      ['a missing field', { ...good, latency: undefined }],
      ['an unknown fault kind', { ...good, faults: [{ ...good.faults[0], kind: 'meteor' }] }],
      ['a restart before -1', { ...good, faults: [{ ...good.faults[0], restartAfterUs: -2 }] }],
    ];
    for (const [what, result] of bad) expect(validate(JSON.parse(JSON.stringify(result))), what).toBe(false);
  });
});
