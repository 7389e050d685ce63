/**
 * Availability is decided on the longest outage: the send gap (a producer waiting for a broker)
 * or the application downtime (a dead process cannot serve its requests), whichever is longer.
 * A crashed embedded process has no blocked producer, so its send gap alone would say 0 s.
 */
import { describe, expect, it } from 'vitest';
import { recommend } from '../../../src/compare/recommend.js';
import { comparisonTable } from '../../../src/report/decide/comparisonTable.js';
import { reasonText } from '../../../src/report/decide/reasonText.js';
import { type FakeCandidate, fakeComparison, zeros } from '../../support/decideFixtures.js';

const s = (x: number) => x * 1e6;

const EMBEDDED: FakeCandidate = {
  label: 'embedded',
  layout: 'embedded',
  outcomes: {
    'process-crash': { sendGap: zeros(), downtime: [s(40), s(35), s(30)] },
    'disk-loss': { sendGap: zeros(), downtime: [s(40), s(35), s(30)] },
  },
};

const CENTRAL: FakeCandidate = {
  label: 'central',
  layout: 'central',
  outcomes: {
    'process-crash': { sendGap: zeros(), downtime: [s(40), s(35), s(30)] },
    'disk-loss': { sendGap: [s(11), s(12), s(13)], downtime: zeros(), failover: [s(11), s(12), s(13)] },
  },
};

describe('availability', () => {
  const c = fakeComparison([EMBEDDED, CENTRAL], ['process-crash', 'disk-loss']);
  const v = recommend(c).verdicts.find((x) => x.concern === 'availability')!;

  it('counts a dead embedded process as unavailable, though no producer of it was blocked', () => {
    expect(v.outcome).toBe('winner');
    expect(v.winner).toBe(1);
    expect(reasonText(c, v.reasons[0]!)).toBe(
      'disk loss: an embedded broker takes its application process down with it: its requests cannot be served until it restarts; longest outage 12s vs 35s (send gap 12s vs 0s; application downtime 0s vs 35s); failover of central 12s',
    );
  });

  it('calls a process crash a tie when both layouts lose the same process', () => {
    expect(reasonText(c, v.reasons[1]!)).toBe('no difference: process crash 35s vs 35s');
  });

  it('shows the downtime and the outage beside the send gap in the table', () => {
    const rows = comparisonTable(c).flatMap((section) => section.rows.map((r) => r.key));
    expect(rows).toContain('downtime@process-crash');
    expect(rows).toContain('outage@disk-loss');
    expect(rows).toContain('unknown@disk-loss');
  });
});
