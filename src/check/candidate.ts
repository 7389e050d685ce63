/**
 * A candidate counterexample: how far each application is scaled down, and a fault schedule.
 * Its fast-check arbitrary shrinks towards fewer faults, earlier ones, simpler kinds (the order
 * of the fault space), the first targets, shorter partitions, and fewer replicas: every choice
 * is an integer index or offset, so fast-check's own integer shrinking does the work.
 */
import fc from 'fast-check';
import { faultKindSpec } from '../model/faultKinds.js';
import { processName } from '../topology/names.js';
import type { ScheduledFault, Topology } from '../topology/types.js';
import type { FaultSpace, TargetRef } from './faultSpace.js';

export interface FaultChoice {
  kind: number;
  target: number;
  peer: number;
  /** Milliseconds after the window opens. */
  atMs: number;
  /** Partition or slow-disk length, in milliseconds. */
  lengthMs: number;
  factor: number;
}

export interface Candidate {
  /** Replicas per application (full size unless shrunk). */
  replicas: number[];
  faults: FaultChoice[];
}

/** Shortest partition or slow disk tried, and the longest: beyond the inactivity timeout. */
const MIN_LENGTH_MS = 1_000;
const MAX_LENGTH_MS = 120_000;

export function candidateArbitrary(topology: Topology, space: FaultSpace): fc.Arbitrary<Candidate> {
  const windowMs = Math.max(0, Math.floor((space.windowToUs - space.windowFromUs) / 1000) - 1);
  const fault: fc.Arbitrary<FaultChoice> = fc.record({
    kind: fc.integer({ min: 0, max: Math.max(0, space.kinds.length - 1) }),
    target: fc.nat({ max: 1_000_000 }),
    peer: fc.nat({ max: 1_000_000 }),
    atMs: fc.integer({ min: 0, max: windowMs }),
    lengthMs: fc.integer({ min: MIN_LENGTH_MS, max: MAX_LENGTH_MS }),
    factor: fc.integer({ min: 2, max: 100 }),
  });
  // Mostly schedules with faults; shrinking still tries no fault at all first (cross shrink).
  const none = fc.constant([] as FaultChoice[]);
  const faults =
    space.kinds.length === 0
      ? none
      : fc.oneof(
          { withCrossShrink: true },
          { arbitrary: none, weight: 1 },
          { arbitrary: fc.array(fault, { minLength: 1, maxLength: space.maxFaults }), weight: 9 },
        );
  return fc.record({
    replicas: fc.tuple(...topology.applications.map((a) => fullSizeShrinkingDown(a.replicas))),
    faults,
  });
}

/** Always the full size; shrinks towards a single replica. */
function fullSizeShrinkingDown(full: number): fc.Arbitrary<number> {
  const range = fc.integer({ min: 1, max: full });
  return new (class extends fc.Arbitrary<number> {
    generate(): fc.Value<number> {
      return new fc.Value(full, undefined);
    }
    canShrinkWithoutContext(value: unknown): value is number {
      return range.canShrinkWithoutContext(value);
    }
    shrink(value: number, context: unknown): fc.Stream<fc.Value<number>> {
      return range.shrink(value, context);
    }
  })();
}

/** The topology with each application at the given size. */
export function scaledTopology(topology: Topology, replicas: readonly number[]): Topology {
  return {
    ...topology,
    applications: topology.applications.map((a, i) => ({
      ...a,
      replicas: Math.min(a.replicas, replicas[i] ?? a.replicas),
    })),
  };
}

/** The candidate's faults as a schedule for `simulate`, in time order, naming instances of the scaled topology. */
export function toSchedule(topology: Topology, space: FaultSpace, candidate: Candidate): ScheduledFault[] {
  const name = (ref: TargetRef): string => {
    if (ref.kind === 'broker') return ref.name;
    if (ref.kind === 'shared-store') return 'shared-store';
    const app = topology.applications[ref.app]!;
    return processName(app.id, ref.replica % (candidate.replicas[ref.app] ?? app.replicas));
  };
  const schedule = candidate.faults.map((f): ScheduledFault => {
    const kind = space.kinds[f.kind % space.kinds.length]!;
    const targets = space.targets.get(kind)!;
    const target = name(targets[f.target % targets.length]!);
    const { timed, peer: needsPeer } = faultKindSpec(kind);
    let peer: string | null = null;
    if (needsPeer) {
      const others = space.peers.map(name).filter((n) => n !== target);
      peer = others.length > 0 ? others[f.peer % others.length]! : null;
    }
    return {
      atUs: space.windowFromUs + f.atMs * 1000,
      kind,
      target,
      peer,
      oneWay: false,
      durationUs: timed ? f.lengthMs * 1000 : 0,
      restartAfterUs: timed || space.restarts ? null : -1,
      slowdownFactor: f.factor,
    };
  });
  // A partition needs two parties; with one process and no broker there is none to cut.
  return schedule
    .filter((f) => !faultKindSpec(f.kind).peer || f.peer !== null)
    .sort((a, b) => a.atUs - b.atUs);
}
