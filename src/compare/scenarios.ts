/**
 * The fault model every candidate faces, so that a comparison is fair: a small set of named
 * scenarios, each one fault at the same moment (drawn from the seed) on the equivalent target
 * of each topology, plus the fault-free baseline. A scenario that has nothing to hit in a
 * topology (a broker crash where no separate broker exists) does not apply to it; the brokers
 * of an embedded layout's hub are separate brokers.
 *
 * The target stays down until the end of the run, so that `stranded` counts the messages that
 * wait for it to come back (for its restart time, in production) and `at risk` what it held.
 */
import { targetsByClass } from '../plan/faultTargets.js';
import type { Plan } from '../plan/types.js';
import { Rng } from '../sim/rng.js';
import { processName, SHARED_STORE_TARGET } from '../topology/names.js';
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
    description:
      'the broker that starts as master (broker-0) of the central cluster or hub is killed; only where such brokers exist',
  },
  {
    id: 'power-loss',
    title: 'power loss',
    description:
      "the host of broker-0 loses power (or, without separate brokers, the crashed process's host): unsynced journal writes are lost",
  },
  {
    id: 'disk-loss',
    title: 'disk loss',
    description:
      "the disk under one persistent store is destroyed: the brokers' store (shared, or broker-0's) where there is one, else the crashed process's own",
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

/**
 * The one fault a scenario injects into a plan; null where the scenario does not apply. Targets
 * come from the plan's fault targets (src/plan/faultTargets.ts), so a hub's brokers and store are
 * as eligible as a central cluster's.
 */
export function scenarioTarget(plan: Plan, id: ScenarioId): { kind: FaultKind; target: string } | null {
  const byClass = targetsByClass(plan);
  const processTarget = firstProducingProcess(plan.topology);
  const master = byClass.broker[0] ?? null;
  // The store every message of the brokers depends on first, else the crashed process's own.
  const brokerStore = byClass.store.find((s) => s === SHARED_STORE_TARGET || s === master) ?? null;
  const processStore = processTarget !== null && byClass.store.includes(processTarget) ? processTarget : null;
  const fault = (kind: FaultKind, target: string | null) => (target === null ? null : { kind, target });
  switch (id) {
    case 'baseline':
    case 'declared':
      return null;
    case 'process-crash':
      return fault('process-crash', processTarget);
    case 'broker-crash':
      return fault('broker-crash', master);
    case 'power-loss':
      return fault('power-loss', master ?? processTarget);
    case 'disk-loss':
      return fault('disk-loss', brokerStore ?? processStore);
  }
}

/** Whether a scenario can run on a plan at all. */
export function scenarioApplies(plan: Plan, id: ScenarioId): boolean {
  return id === 'baseline' || id === 'declared' || scenarioTarget(plan, id) !== null;
}

/**
 * The schedule a scenario runs with: a single fault that stays down (restart `never`).
 * `declared` keeps the topology's own schedule; the baseline has none.
 */
export function scenarioSchedule(plan: Plan, id: ScenarioId, atUs: number): readonly ScheduledFault[] {
  if (id === 'declared') return plan.topology.faults.schedule;
  const fault = scenarioTarget(plan, id);
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
