/**
 * fast-check arbitraries for fault schedules of a loaded Topology: `ScheduledFault` objects as
 * `simulate(plan, { schedule })` takes them (what `brokerlab check` generates), every one of them
 * valid for src/topology/references.ts: the target exists and its kind can suffer the fault
 * (TARGET_KINDS), a partition names a different peer, and the fault comes before the sends stop.
 */
import fc from 'fast-check';
import { brokerName, processName, SHARED_STORE_TARGET } from '../../src/topology/names.js';
import { FAULT_KINDS, type FaultKind, type ScheduledFault, type Topology } from '../../src/topology/types.js';

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

function processes(t: Topology): string[] {
  return t.applications.flatMap((a) => Array.from({ length: a.replicas }, (_, i) => processName(a.id, i)));
}

function brokers(t: Topology): string[] {
  return Array.from({ length: t.cluster?.brokers ?? 0 }, (_, i) => brokerName(i));
}

/** The brokers of a shared-store or JDBC cluster have no store of their own: disk faults hit `shared-store`. */
function hasSharedStore(t: Topology): boolean {
  return t.cluster !== null && (t.cluster.ha === 'shared-store' || t.cluster.ha === 'jdbc');
}

/**
 * The instances a fault kind may hit in this topology (references.ts TARGET_KINDS and checkTarget):
 * crashes hit their own kind of instance; power loss and partitions any process or broker; disk
 * faults a process outside layout `central` (even one whose broker keeps no store: the simulator
 * must shrug that off), a broker with a store of its own, or the shared store.
 */
export function faultTargets(t: Topology, kind: FaultKind): string[] {
  switch (kind) {
    case 'process-crash':
      return processes(t);
    case 'broker-crash':
    case 'broker-restart':
      return brokers(t);
    case 'power-loss':
    case 'partition':
      return [...processes(t), ...brokers(t)];
    case 'disk-loss':
    case 'slow-disk':
      return [
        ...(t.layout === 'central' ? [] : processes(t)),
        ...(hasSharedStore(t) ? [SHARED_STORE_TARGET] : brokers(t)),
      ];
  }
}

/** Kinds (of `kinds`, default all) with something to hit; a partition needs two different sides. */
export function possibleFaultKinds(t: Topology, kinds: readonly FaultKind[] = FAULT_KINDS): FaultKind[] {
  return kinds.filter((kind) => faultTargets(t, kind).length >= (kind === 'partition' ? 2 : 1));
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
      const targets = faultTargets(t, kind);
      if (kind === 'partition') {
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
      if (kind === 'slow-disk') {
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
