/**
 * Issue 12, reproducer 3: an exception thrown while a lifecycle change is applied (here: a
 * consumer attaching when its client connects, or when its embedded broker becomes active) must
 * abort simulate() with the seed and the replay command, before any result exists. It used to
 * vanish inside xstate and come back later as an uncaught exception.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

const injected = vi.hoisted(() => ({ attachThrows: false }));

vi.mock('../../../src/sim/consumers.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/sim/consumers.js')>();
  return {
    ...original,
    attachConsumer: (...args: Parameters<typeof original.attachConsumer>) => {
      if (injected.attachThrows) throw new Error('consumer attached twice (injected)');
      return original.attachConsumer(...args);
    },
  };
});

afterEach(() => {
  injected.attachThrows = false;
});

const topology = (layout: 'central' | 'embedded') => `
name: attach-throws
layout: ${layout}
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 50/s }]
    consumers: [{ destination: q, processingTime: 1ms }]
${layout === 'central' ? 'cluster: { brokers: 1, ha: none }' : 'embedded: { store: kahadb }'}
simulation: { duration: 2s, drain: 1s, seed: 4 }
`;

describe('an exception inside a lifecycle change', () => {
  for (const layout of ['central', 'embedded'] as const) {
    it(`aborts simulate() with the seed and a replay hint (${layout}: attach on connect / on broker active)`, () => {
      injected.attachThrows = true;
      let result: unknown;
      let error: Error | undefined;
      try {
        result = simulateYaml(topology(layout), { seed: 17 });
      } catch (e) {
        error = e as Error;
      }
      expect(result).toBeUndefined();
      expect(error?.message).toContain('consumer attached twice (injected)');
      expect(error?.message).toContain('seed 17');
      expect(error?.message).toContain('brokerlab simulate FILE --seed 17');
    });
  }

  it('runs normally without the injected fault', () => {
    expect(simulateYaml(topology('central'), { seed: 17 }).fates.delivered).toBeGreaterThan(0);
  });
});
