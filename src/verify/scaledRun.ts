/**
 * What `verify` runs: the topology scaled down to at most K application processes (check's
 * scaling: each application keeps its settings with fewer replicas), a short send phase without
 * warm-up, and the named scenario's one fault at a time drawn from the seed as `compare` does.
 */

import { scaledTopology } from '../check/candidate.js';
import { faultTimeUs, type ScenarioId, scenarioApplies, scenarioSchedule } from '../compare/scenarios.js';
import { buildPlan } from '../plan/buildPlan.js';
import type { Plan } from '../plan/types.js';
import type { ScheduledFault, Topology } from '../topology/types.js';

/** Seconds of sending, not minutes: a real run has to stay short. */
export const VERIFY_SEND_US = 8_000_000;
export const DEFAULT_MAX_PROCESSES = 4;

export interface ScaledRun {
  topology: Topology;
  /** Replicas per application, in the topology's order. */
  replicas: number[];
  schedule: readonly ScheduledFault[];
}

/** The scenario `verify` runs unless told: a broker's kill wherever compare's broker crash applies, else a process's. */
export function defaultVerifyScenario(plan: Plan): ScenarioId {
  return scenarioApplies(plan, 'broker-crash') ? 'broker-crash' : 'process-crash';
}

/** K processes shared out over the applications in order, each at least one, none above its size. */
export function replicasFor(t: Topology, maxProcesses: number): number[] {
  const n = t.applications.length;
  const replicas = t.applications.map(() => 1);
  let left = maxProcesses - n;
  for (let grew = true; left > 0 && grew; ) {
    grew = false;
    for (let i = 0; i < n && left > 0; i++) {
      if (replicas[i]! >= t.applications[i]!.replicas) continue;
      replicas[i]!++;
      left--;
      grew = true;
    }
  }
  return replicas;
}

export function scaledRun(t: Topology, scenario: ScenarioId, maxProcesses: number): ScaledRun {
  const replicas = replicasFor(t, maxProcesses);
  const sendUs = Math.min(VERIFY_SEND_US, t.simulation.durationUs);
  const scaled: Topology = {
    ...scaledTopology(t, replicas),
    simulation: { ...t.simulation, durationUs: sendUs, warmupUs: 0 },
  };
  const atUs = faultTimeUs(t.simulation.seed, sendUs, 0);
  return { topology: scaled, replicas, schedule: scenarioSchedule(buildPlan(scaled), scenario, atUs) };
}
