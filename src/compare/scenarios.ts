/**
 * The fault model every candidate faces, so that a comparison is fair: a small set of named
 * scenarios, each one fault at the same moment (drawn from the seed) on the equivalent target
 * of each topology, plus the fault-free baseline. A scenario that has nothing to hit in a
 * topology (a broker crash where no separate broker exists) does not apply to it.
 *
 * The target stays down until the end of the run, so that `stranded` counts the messages that
 * wait for it to come back (for its restart time, in production) and `at risk` what it held.
 */
import { Rng } from '../sim/rng.js';
import { brokerName, processName, SHARED_STORE_TARGET } from '../topology/names.js';
import type { FaultKind, ScheduledFault, Topology } from '../topology/types.js';

export type ScenarioId =
  | 'baseline'
  | 'process-crash'
  | 'broker-crash'
  | 'power-loss'
  | 'disk-loss'
  | 'declared';

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** What is injected, and where, in words a reader of the report needs. */
  description: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'baseline', title: 'no fault', description: 'steady load, no fault: latency and throughput' },
  {
    id: 'process-crash',
    title: 'process crash',
    description:
      'the first process of the first producing application is killed (kill -9), its embedded broker with it',
  },
  {
    id: 'broker-crash',
    title: 'broker crash',
    description: 'the central broker that starts as master (broker-0) is killed; only where a cluster exists',
  },
  {
    id: 'power-loss',
    title: 'power loss',
    description:
      "the host of the central master loses power (or, without a cluster, the crashed process's host): unsynced journal writes are lost",
  },
  {
    id: 'disk-loss',
    title: 'disk loss',
    description:
      "the disk under one persistent store is destroyed: the cluster's store where there is one, else the crashed process's own",
  },
  {
    id: 'declared',
    title: 'declared faults',
    description: "each topology's own faults section (schedule and random MTBF/MTTR draws)",
  },
];

/** What `compare` runs unless told otherwise. */
export const DEFAULT_COMPARE_SCENARIOS: readonly ScenarioId[] = [
  'baseline',
  'process-crash',
  'broker-crash',
  'power-loss',
  'disk-loss',
];

export function scenarioById(id: ScenarioId): Scenario {
  return SCENARIOS.find((s) => s.id === id)!;
}

export function isScenarioId(text: string): text is ScenarioId {
  return SCENARIOS.some((s) => s.id === text);
}

/** The one fault a scenario injects into a topology; null where the scenario does not apply. */
export function scenarioTarget(t: Topology, id: ScenarioId): { kind: FaultKind; target: string } | null {
  const processTarget = firstProducingProcess(t);
  const cluster = t.layout !== 'embedded' ? t.cluster : null;
  switch (id) {
    case 'baseline':
    case 'declared':
      return null;
    case 'process-crash':
      return processTarget ? { kind: 'process-crash', target: processTarget } : null;
    case 'broker-crash':
      return cluster ? { kind: 'broker-crash', target: brokerName(0) } : null;
    case 'power-loss':
      if (cluster) return { kind: 'power-loss', target: brokerName(0) };
      return processTarget ? { kind: 'power-loss', target: processTarget } : null;
    case 'disk-loss':
      if (cluster) {
        if (cluster.store.kind === 'memory') return null;
        const shared = cluster.ha === 'shared-store' || cluster.ha === 'jdbc';
        return { kind: 'disk-loss', target: shared ? SHARED_STORE_TARGET : brokerName(0) };
      }
      return processTarget && t.embedded && t.embedded.store.kind !== 'memory'
        ? { kind: 'disk-loss', target: processTarget }
        : null;
  }
}

/** Whether a scenario can run on a topology at all. */
export function scenarioApplies(t: Topology, id: ScenarioId): boolean {
  return id === 'baseline' || id === 'declared' || scenarioTarget(t, id) !== null;
}

/**
 * The schedule a scenario runs with: a single fault that stays down (restart `never`).
 * `declared` keeps the topology's own schedule; the baseline has none.
 */
export function scenarioSchedule(t: Topology, id: ScenarioId, atUs: number): readonly ScheduledFault[] {
  if (id === 'declared') return t.faults.schedule;
  const fault = scenarioTarget(t, id);
  if (!fault) return [];
  return [
    {
      atUs,
      kind: fault.kind,
      target: fault.target,
      peer: null,
      oneWay: false,
      durationUs: 0,
      restartAfterUs: -1,
      slowdownFactor: 1,
    },
  ];
}

/**
 * When a scenario's fault strikes for a given seed: uniformly in the first half of the send
 * phase, after the warm-up, so that faults fall at different phases of lock polls and
 * back-offs across seeds, but at the same moment for every candidate of one seed.
 */
export function faultTimeUs(seed: number, durationUs: number, warmupUs: number): number {
  const from = Math.min(Math.max(warmupUs, Math.round(durationUs / 5)), durationUs - 1);
  const to = Math.max(from, Math.round(durationUs / 2));
  return (
    from +
    Rng.fromSeed(seed)
      .fork('compare:fault-time')
      .int(to - from + 1)
  );
}

function firstProducingProcess(t: Topology): string | null {
  const app = t.applications.find((a) => a.producers.length > 0) ?? t.applications[0];
  return app ? processName(app.id, 0) : null;
}
