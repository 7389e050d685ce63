/**
 * An application's start time (`startAt`): before it, its processes do not exist: no sends, no
 * consumers, no embedded broker. After it they start as a restarted process does.
 */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

function topology(layout: 'embedded' | 'central', startAt: string): string {
  const broker =
    layout === 'embedded'
      ? 'embedded: { store: kahadb, network: mesh }'
      : 'cluster: { brokers: 1, ha: none }';
  return `
name: late-${layout}
layout: ${layout}
destinations: [{ name: work }]
applications:
  - id: early
    producers: [{ destination: work, rate: 100/s, arrival: constant }]
    consumers: [{ destination: work, processingTime: 1ms }]
  - id: late
    startAt: ${startAt}
    producers: [{ destination: work, rate: 100/s, arrival: constant }]
${broker}
simulation: { duration: 10s, drain: 10s, seed: 2 }
`;
}

describe('startAt', () => {
  for (const layout of ['embedded', 'central'] as const) {
    it(`${layout}: a late application sends only from its start, and everything it sends arrives`, () => {
      const now = simulateYaml(topology(layout, '0s'));
      const late = simulateYaml(topology(layout, '6s'));
      // 100/s each for 10 s, the late one for 4 s only.
      expect(now.fates.sent).toBeGreaterThanOrEqual(1_990);
      expect(late.fates.sent).toBeGreaterThanOrEqual(1_390);
      expect(late.fates.sent).toBeLessThanOrEqual(1_401);
      expect(late.fates.delivered).toBe(late.fates.sent);
      expect(late.applicationDowntime.windows).toBe(0);
    });
  }

  it('is deterministic per seed', () => {
    expect(simulateYaml(topology('embedded', '3s'))).toEqual(simulateYaml(topology('embedded', '3s')));
  });
});
