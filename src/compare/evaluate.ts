/**
 * One candidate under the common settings: its plan's static figures, its throughput ceiling,
 * and every scenario simulated once per seed with each metric summarized over the seeds.
 * Pure: the same topology and settings give the same result.
 */
import { buildPlan } from '../plan/buildPlan.js';
import type { Lint, Plan, PlanFigures } from '../plan/types.js';
import { simulate } from '../sim/simulate.js';
import { type Summary, summarize } from '../stats/summary.js';
import type { FaultKind, Layout, Topology } from '../topology/types.js';
import { type CandidateSetup, candidateSetup } from './candidateSetup.js';
import { METRICS, type MetricId } from './metrics.js';
import { type RunSettings, withSettings } from './runSettings.js';
import {
  faultTimeUs,
  type ScenarioId,
  scenarioApplies,
  scenarioSchedule,
  scenarioTarget,
} from './scenarios.js';
import { type ThroughputCeiling, throughputCeiling } from './throughputCeiling.js';

export interface ScenarioOutcome {
  scenario: ScenarioId;
  applies: boolean;
  /** The injected fault; null for the baseline, for declared faults, and where it does not apply. */
  fault: { kind: FaultKind; target: string } | null;
  /** When the fault struck, per seed in settings order; empty without an injected fault. */
  atUs: number[];
  /** Each metric over the seeds (no samples where the scenario does not apply). */
  metrics: Record<MetricId, Summary>;
}

export interface CandidateResult {
  name: string;
  description: string;
  layout: Layout;
  figures: PlanFigures;
  lints: Lint[];
  setup: CandidateSetup;
  ceiling: ThroughputCeiling;
  /** In the order of settings.scenarios. */
  outcomes: ScenarioOutcome[];
}

/** Simulations `evaluateTopology` will run, for a progress bar. */
export function runCount(t: Topology, settings: RunSettings): number {
  const plan = buildPlan(t);
  return settings.scenarios.filter((id) => scenarioApplies(plan, id)).length * settings.seeds.length;
}

export function evaluateTopology(
  topology: Topology,
  settings: RunSettings,
  onRun: () => void = () => {},
): { result: CandidateResult; plan: Plan } {
  const t = withSettings(topology, settings);
  const plan = buildPlan(t);
  const outcomes = settings.scenarios.map((id) => runScenario(plan, id, settings, onRun));
  return {
    plan,
    result: {
      name: t.name,
      description: t.description,
      layout: t.layout,
      figures: plan.figures,
      lints: plan.lints,
      setup: candidateSetup(plan),
      ceiling: throughputCeiling(t),
      outcomes,
    },
  };
}

function runScenario(plan: Plan, id: ScenarioId, s: RunSettings, onRun: () => void): ScenarioOutcome {
  const applies = scenarioApplies(plan, id);
  const fault = scenarioTarget(plan, id);
  const samples = new Map<MetricId, number[]>(METRICS.map((m) => [m.id, []]));
  const atUs: number[] = [];
  if (applies) {
    for (const seed of s.seeds) {
      const at = faultTimeUs(seed, s.durationUs, s.warmupUs);
      if (fault) atUs.push(at);
      const result = simulate(plan, {
        seed,
        durationUs: s.durationUs,
        ...(id === 'declared' ? {} : { schedule: scenarioSchedule(plan, id, at) }),
        randomFaults: id === 'declared',
      });
      for (const m of METRICS) {
        const value = m.read(result);
        if (value !== null) samples.get(m.id)!.push(value);
      }
      onRun();
    }
  }
  const metrics = Object.fromEntries(METRICS.map((m) => [m.id, summarize(samples.get(m.id)!)])) as Record<
    MetricId,
    Summary
  >;
  return { scenario: id, applies, fault, atUs, metrics };
}
