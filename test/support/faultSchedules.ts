/**
 * fast-check arbitraries for fault schedules of a loaded Topology: `ScheduledFault` objects as
 * `simulate(plan, { schedule })` takes them (what `brokerlab check` generates), every one of them
 * valid for src/topology/references.ts: the target is one the loader accepts for its kind (the
 * fault-kind table, src/model/faultKinds.ts), a partition names a different peer, and the fault
 * comes before the sends stop. Kind-specific fields follow the table's parameters.
 */
import fc from 'fast-check';
import { FAULT_KINDS, type FaultKind, faultKindSpec } from '../../src/model/faultKinds.js';
import { acceptedTargets } from '../../src/topology/faultTargets.js';
import type { ScheduledFault, Topology } from '../../src/topology/types.js';

export interface FaultScheduleOptions {
  /** The run's send phase (faults come strictly before its end); default simulation.durationUs. */
  durationUs?: number;
  /** Most faults in one schedule. */
  maxFaults?: number;
  /** Longest restart delay, partition or slow disk drawn. */
  maxDelayUs?: number;
  /** Sort the schedule by time, as a schedule file is usually written (default true). */
  sorted?: boolean;
  /** Only these kinds (default: every kind that can hit something here). */
  kinds?: readonly FaultKind[];
}

const S = 1_000_000;

/** Kinds (of `kinds`, default all) with something to hit; a partition needs two different sides. */
export function possibleFaultKinds(t: Topology, kinds: readonly FaultKind[] = FAULT_KINDS): FaultKind[] {
  return kinds.filter((kind) => acceptedTargets(t, kind).length > 0);
}

/** One fault of any possible kind, at a time strictly inside [0, durationUs). */
export function scheduledFault(
  t: Topology,
  options: FaultScheduleOptions = {},
): fc.Arbitrary<ScheduledFault> {
  const durationUs = options.durationUs ?? t.simulation.durationUs;
  const maxDelayUs = options.maxDelayUs ?? 10 * S;
  const atUs = fc.integer({ min: 0, max: durationUs - 1 });
  const delayUs = fc.integer({ min: 0, max: maxDelayUs });
  // null: the application's or cluster's restart time; -1: never; else a delay.
  const restartAfterUs = fc.oneof(fc.constant(null), fc.constant(-1), delayUs);
  return fc
    .constantFrom(...possibleFaultKinds(t, options.kinds))
    .chain((kind): fc.Arbitrary<ScheduledFault> => {
      // The loader accepts a disk fault on a process whose broker keeps no store: the simulator must shrug it off.
      const targets = acceptedTargets(t, kind);
      const spec = faultKindSpec(kind);
      if (spec.peer) {
        return fc
          .record({
            atUs,
            sides: fc.uniqueArray(fc.constantFrom(...targets), { minLength: 2, maxLength: 2 }),
            oneWay: fc.boolean(),
            durationUs: delayUs,
          })
          .map(({ atUs, sides, oneWay, durationUs }) => ({
            atUs,
            kind,
            target: sides[0]!,
            peer: sides[1]!,
            oneWay,
            durationUs,
            restartAfterUs: null,
            slowdownFactor: 10,
          }));
      }
      if (spec.timed) {
        return fc
          .record({
            atUs,
            target: fc.constantFrom(...targets),
            durationUs: delayUs,
            // The schema allows a factor of 1 .. 10,000.
            slowdownFactor: fc.integer({ min: 10, max: 10_000 }).map((tenths) => tenths / 10),
          })
          .map((f) => ({ ...f, kind, peer: null, oneWay: false, restartAfterUs: null }));
      }
      return fc
        .record({ atUs, target: fc.constantFrom(...targets), restartAfterUs })
        .map((f) => ({ ...f, kind, peer: null, oneWay: false, durationUs: 0, slowdownFactor: 10 }));
    });
}

/** A schedule of 0 .. maxFaults faults (default 4); empty when nothing in the topology can fail. */
export function faultSchedule(
  t: Topology,
  options: FaultScheduleOptions = {},
): fc.Arbitrary<ScheduledFault[]> {
  if (possibleFaultKinds(t, options.kinds).length === 0) return fc.constant([]);
  const schedule = fc.array(scheduledFault(t, options), { maxLength: options.maxFaults ?? 4 });
  return options.sorted === false ? schedule : schedule.map((s) => [...s].sort((a, b) => a.atUs - b.atUs));
}
