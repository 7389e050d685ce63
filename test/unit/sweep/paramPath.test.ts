/** Paths into a topology file, the ranges swept, and the validation of every point. */
import { describe, expect, it } from 'vitest';
import { locate, parsePath, readAt } from '../../../src/sweep/paramPath.js';
import { topologyAt } from '../../../src/sweep/topologyAt.js';
import { parseVary, sweepValues, valueKind } from '../../../src/sweep/varySpec.js';
import { serializeTopology } from '../../../src/topology/serialize.js';
import { loadInline } from '../../support/simulateYaml.js';

const central = loadInline(`
name: c
layout: central
destinations: [{ name: orders }]
applications:
  - id: orders
    replicas: 10
    producers: [{ destination: orders, rate: 10/s }]
    consumers: [{ destination: orders }]
cluster: { brokers: 2, ha: shared-store }
faults:
  random: [{ kind: broker-crash, mtbf: 24h, mttr: 30s }]
  schedule: [{ at: 10s, kind: process-crash, target: orders-7 }]
`);

function read(path: string): unknown {
  const p = parsePath(path);
  if (!p.ok) throw new Error(p.message);
  const where = locate(serializeTopology(central), p.value);
  if (!where.ok) throw new Error(where.message);
  return readAt(where.value.parent, where.value.key);
}

describe('parsePath and locate', () => {
  it('reach a setting by name or index, dotted or bracketed', () => {
    expect(read('applications.orders.replicas')).toBe(10);
    expect(read('applications[0].replicas')).toBe(10);
    expect(read('applications.0.replicas')).toBe(10);
    expect(read('cluster.brokers')).toBe(2);
    expect(read('faults.random[0].mtbf')).toBe('1d');
    expect(read('faults.random.broker-crash.mtbf')).toBe('1d');
  });

  it('explain what a wrong path could have named', () => {
    const miss = (path: string) => {
      const p = parsePath(path);
      if (!p.ok) return p.message;
      const where = locate(serializeTopology(central), p.value);
      return where.ok ? 'found' : where.message;
    };
    expect(miss('applications.order.replicas')).toBe(
      '`applications` has no element `order`: it has 1 (orders); did you mean `orders`?',
    );
    expect(miss('cluster.broker')).toBe('`cluster` has no field `broker`; did you mean `brokers`?');
    expect(miss('applications[4].replicas')).toMatch(/has no element `4`/);
    expect(miss('cluster.brokers.x')).toBe(
      '`cluster.brokers` is a value, not a section: nothing is inside it',
    );
    expect(miss('cluster..brokers')).toMatch(/is not a path/);
  });
});

describe('parseVary and sweepValues', () => {
  it('parses PATH=FROM..TO[:STEPS], five steps by default', () => {
    expect(parseVary('applications.orders.replicas=10..500')).toEqual({
      ok: true,
      value: { path: 'applications.orders.replicas', from: '10', to: '500', steps: 5 },
    });
    expect(parseVary('cluster.brokers=2..10:9')).toMatchObject({ ok: true, value: { steps: 9 } });
    expect(parseVary('cluster.brokers=2')).toMatchObject({ ok: false });
    expect(parseVary('cluster.brokers=2..10:1')).toMatchObject({ ok: false });
  });

  it('spaces values evenly, whole where the setting is whole, in the setting’s unit', () => {
    const spec = (from: string, to: string, steps = 5) => ({ path: 'p', from, to, steps });
    expect(sweepValues('integer', spec('10', '500'))).toEqual({ ok: true, value: [10, 133, 255, 378, 500] });
    expect(sweepValues('integer', spec('2', '4', 5))).toEqual({ ok: true, value: [2, 3, 4] });
    expect(sweepValues('duration', spec('1h', '3h', 3))).toEqual({
      ok: true,
      value: [3600e6, 7200e6, 10800e6],
    });
    expect(sweepValues('duration', spec('1', '3'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/1h\.\.24h/),
    });
  });

  it('reads the kind of a setting from its value in the file format', () => {
    expect([
      valueKind(10),
      valueKind(1.5),
      valueKind('30s'),
      valueKind('1KiB'),
      valueKind('10/s'),
      valueKind('x'),
    ]).toEqual(['integer', 'number', 'duration', 'size', 'rate', undefined]);
  });
});

describe('topologyAt', () => {
  it('writes the value back in the file format and loads the result', () => {
    const p = parsePath('faults.random[0].mtbf');
    if (!p.ok) throw new Error(p.message);
    const r = topologyAt(central, p.value, 'faults.random[0].mtbf', 'duration', 3600e6);
    expect(r.ok && r.value.faults.random[0]!.mtbfUs).toBe(3600e6);
  });

  it('refuses a point that is not a valid topology, and says why', () => {
    const p = parsePath('applications.orders.replicas');
    if (!p.ok) throw new Error(p.message);
    const r = topologyAt(central, p.value, 'applications.orders.replicas', 'integer', 5);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^c with applications\.orders\.replicas=5 is not a valid topology:\n.*orders-7/,
    );
  });
});
