/**
 * Words and figures as a person reads them: "1 window" (not "1 windows"), a swept duration in
 * the unit that reads best (`18.25h`, not `1095m`), a negative duration called negative, and an
 * unknown layout reported before anything else.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { formatParameter } from '../../../src/report/decide/sweepTable.js';
import { planText } from '../../../src/report/text/planText.js';
import { resultText } from '../../../src/report/text/resultText.js';
import { plural } from '../../../src/text/plural.js';
import { loadTopologyText } from '../../../src/topology/load.js';
import { parseDurationUs, readableDurationUs } from '../../../src/topology/units.js';
import { loadInline, simulateYaml } from '../../support/simulateYaml.js';

const ONE_EACH = `name: one
layout: central
destinations:
  - name: orders
applications:
  - id: orders
    producers:
      - destination: orders
        rate: 10/s
    consumers:
      - destination: orders
cluster:
  brokers: 1
  ha: none
simulation:
  duration: 10s
  drain: 5s
faults:
  schedule:
    - at: 2s
      kind: broker-crash
      target: broker-0
      restartAfter: 1s
`;

describe('counts and their nouns', () => {
  it('plural: one noun for 1, the plural otherwise, with thousands separators', () => {
    expect(plural(1, 'window')).toBe('1 window');
    expect(plural(0, 'window')).toBe('0 windows');
    expect(plural(1200, 'entry', 'entries')).toBe('1,200 entries');
  });

  it('the plan says "1 application process + 1 broker process"', () => {
    expect(planText(buildPlan(loadInline(ONE_EACH)), 'one.yaml')).toContain(
      '1 application process + 1 broker process',
    );
  });

  it('a result with one unavailability window says "1 window"', () => {
    const text = resultText(simulateYaml(ONE_EACH));
    expect(text).toMatch(/unavailability: 1 window,/);
  });
});

describe('swept durations', () => {
  it('are written in the largest unit that reads exactly: 1095m is 18.25h', () => {
    expect(formatParameter('duration', 1095 * 60e6)).toBe('18.25h');
    expect(readableDurationUs(3_600e6)).toBe('1h');
    expect(readableDurationUs(90e6)).toBe('1.5m');
    expect(readableDurationUs(45e6)).toBe('45s');
    expect(readableDurationUs(250_000)).toBe('250ms');
    expect(readableDurationUs(1_234)).toBe('1.234ms');
    expect(readableDurationUs(7)).toBe('7us');
    expect(readableDurationUs(0)).toBe('0s');
  });

  it('parse back to the same value', () => {
    for (const us of [1095 * 60e6, 90e6, 1_234, 7, 86_400e6 * 1.5, 123_456_789])
      expect(parseDurationUs(readableDurationUs(us))).toBe(us);
  });
});

describe('topology errors that say what is really wrong', () => {
  const firstMessage = (text: string) => {
    const r = loadTopologyText(text, 't.yaml');
    return r.ok ? '' : r.errors[0]!.message;
  };

  it('a negative duration must not be negative, rather than "not a duration with a unit"', () => {
    expect(firstMessage(ONE_EACH.replace('duration: 10s', 'duration: -10s'))).toBe(
      'simulation.duration is `-10s`, which is negative; a duration must not be negative',
    );
    expect(firstMessage(ONE_EACH.replace('rate: 10/s', 'rate: -10/s'))).toContain(
      'a rate must not be negative',
    );
  });

  it('an unknown layout comes first, before the missing keys that follow it in the file', () => {
    const r = loadTopologyText('# a comment\nname: x\nlayout: embeded\n', 't.yaml');
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'layout is `embeded`, which is not one of `embedded`, `central`, `hybrid`',
      'the document is missing the required key `destinations`',
      'the document is missing the required key `applications`',
    ]);
  });
});
