/**
 * The removal pass after fast-check's shrink (issue 10): it leaves only faults that are needed
 * (removing any one of them makes the failure go away) and scales applications down as far as
 * the failure survives, renaming the processes the faults name onto the first replicas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Attempt, removalPass } from '../../../src/check/removalPass.js';
import type { ScheduledFault } from '../../../src/topology/types.js';
import { loadInline } from '../../support/simulateYaml.js';

const seed = Number(process.env.FC_SEED ?? 20261125);

const topology = loadInline(`
name: pass
layout: embedded
destinations: [{ name: q }]
applications:
  - id: app
    replicas: 40
    producers: [{ destination: q, rate: 10/s }]
    consumers: [{ destination: q }]
embedded: { store: kahadb }
`);

function crash(index: number, atUs: number): ScheduledFault {
  return {
    atUs,
    kind: 'process-crash',
    target: `app-${index}`,
    peer: null,
    oneWay: false,
    durationUs: 0,
    restartAfterUs: -1,
    slowdownFactor: 2,
  };
}

describe(`removalPass (seed ${seed})`, () => {
  it('keeps exactly the faults the failure needs, whatever else the shrink left in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 39 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (targets, neededFlags) => {
          const schedule = targets.map((t, i) => crash(t, i * 1_000_000));
          const needed = schedule.filter((_, i) => neededFlags[i]).map((f) => f.atUs);
          // The failure needs the faults at those moments, whatever they hit and whatever the size.
          const fails = (a: Attempt) => needed.every((at) => a.schedule.some((f) => f.atUs === at));
          const pass = removalPass(topology, { replicas: [40], schedule }, (a) => a, fails);
          expect(pass.result.schedule.map((f) => f.atUs)).toEqual(needed);
          expect(pass.droppedFaults).toBe(schedule.length - needed.length);
          // One process per remaining fault is enough, on the first replicas.
          expect(pass.result.replicas).toEqual([Math.max(1, needed.length)]);
          expect(pass.result.schedule.map((f) => f.target).sort()).toEqual(
            needed.map((_, i) => `app-${i}`).sort(),
          );
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it('drops the first of two crashes when the second alone still fails (the issue 10 example)', () => {
    const schedule = [crash(0, 0), crash(66 % 40, 25_385_000)];
    const fails = (a: Attempt) => a.schedule.some((f) => f.atUs === 25_385_000) && a.replicas[0]! >= 7;
    const pass = removalPass(topology, { replicas: [40], schedule }, (a) => a, fails);
    expect(pass.result.schedule).toEqual([{ ...crash(0, 25_385_000) }]);
    expect(pass.droppedFaults).toBe(1);
    // Sizes are tried smallest first (1, 2, 5, then 10 of 40): 10 is the first that still fails.
    expect(pass.result.replicas).toEqual([10]);
  });

  it('changes nothing when every fault is needed and no smaller size fails', () => {
    const schedule = [crash(3, 0), crash(5, 1_000_000)];
    const pass = removalPass(
      topology,
      { replicas: [40], schedule },
      (a) => a,
      (a) => a.schedule.length === 2 && a.replicas[0] === 40,
    );
    expect(pass.result.schedule).toEqual(schedule);
    expect(pass.result.replicas).toEqual([40]);
    expect(pass.droppedFaults).toBe(0);
  });
});
