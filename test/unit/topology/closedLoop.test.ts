/**
 * Closed-loop producers in the format: `mode: closed-loop` with `inFlight` and `count`; a setting
 * of the other loop (`rate`, `arrival` on a closed loop; `inFlight`, `count` on an open one) is an
 * error at its own line and column, with a hint.
 */
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../../src/topology/load.js';
import { serializeTopology } from '../../../src/topology/serialize.js';

function doc(producer: string): string {
  return `name: loop
layout: central
cluster: { brokers: 1, ha: none }
destinations: [{ name: work }]
applications:
  - id: batch
    producers:
      - ${producer}
`;
}

/** Line 8 holds the producer: the 1-based column where `text` starts on it. */
function columnOf(producer: string, text: string): number {
  return `      - ${producer}`.indexOf(text) + 1;
}

function errorsOf(producer: string) {
  const r = loadTopologyText(doc(producer), 'loop.yaml');
  if (r.ok) throw new Error('expected the document to be rejected');
  return r.errors;
}

describe('closed-loop producers in the format', () => {
  it('loads `mode: closed-loop` with its inFlight and count, and no rate', () => {
    const r = loadTopologyText(
      doc('{ destination: work, mode: closed-loop, inFlight: 4, count: 1000 }'),
      'a.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.topology.applications[0]!.producers[0]!;
    expect(p.closedLoop).toEqual({ inFlight: 4, count: 1000 });
    expect(p.ratePerSecond).toBe(0);
  });

  it('defaults to one sender thread and no count (until the sends end)', () => {
    const r = loadTopologyText(doc('{ destination: work, mode: closed-loop }'), 'a.yaml');
    expect(r.ok && r.topology.applications[0]!.producers[0]!.closedLoop).toEqual({
      inFlight: 1,
      count: null,
    });
  });

  it('leaves a producer without `mode` open-loop', () => {
    const r = loadTopologyText(doc('{ destination: work, rate: 5/s }'), 'a.yaml');
    expect(r.ok && r.topology.applications[0]!.producers[0]!).toMatchObject({
      ratePerSecond: 5,
      closedLoop: null,
    });
  });

  it('rejects a rate on a closed loop at the rate, with a hint', () => {
    const producer = '{ destination: work, mode: closed-loop, rate: 50/s }';
    const [e, ...rest] = errorsOf(producer);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: 'loop.yaml', line: 8, column: columnOf(producer, '50/s') });
    expect(e!.message).toContain('closed-loop');
    expect(e!.hint).toContain('remove `rate`');
  });

  it('rejects arrival on a closed loop', () => {
    const producer = '{ destination: work, mode: closed-loop, arrival: constant }';
    const errors = errorsOf(producer);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 8, column: columnOf(producer, 'constant') });
  });

  it('rejects inFlight and count on an open loop, each at its place, pointing to `mode: closed-loop`', () => {
    const producer = '{ destination: work, rate: 5/s, inFlight: 2, count: 10 }';
    const errors = errorsOf(producer);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [8, columnOf(producer, '2,')],
      [8, columnOf(producer, '10')],
    ]);
    expect(errors[0]!.hint).toContain('mode: closed-loop');
    expect(errors[0]!.message).toContain('by default');
  });

  it('rejects an inFlight below 1 and a count of 0 by the schema', () => {
    expect(errorsOf('{ destination: work, mode: closed-loop, inFlight: 0 }')[0]!.line).toBe(8);
    expect(errorsOf('{ destination: work, mode: closed-loop, count: 0 }')[0]!.line).toBe(8);
    expect(errorsOf('{ destination: work, mode: closed-loop, inFlight: 1.5 }')).toHaveLength(1);
  });

  it('rejects an unknown mode with the choices', () => {
    const [e] = errorsOf('{ destination: work, mode: closed }');
    expect(`${e!.message} ${e!.hint ?? ''}`).toContain('closed-loop');
  });

  it('round-trips through serialize', () => {
    const r = loadTopologyText(
      doc('{ destination: work, mode: closed-loop, inFlight: 3, count: 7 }'),
      'a.yaml',
    );
    if (!r.ok) throw new Error('does not load');
    const again = loadTopologyText(JSON.stringify(serializeTopology(r.topology)), 'b.json');
    expect(again.ok && again.topology.applications[0]!.producers[0]).toEqual(
      r.topology.applications[0]!.producers[0],
    );
  });
});
