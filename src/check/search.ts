/**
 * The fault-schedule search: fast-check generates candidates from the fault space, each is
 * simulated and judged against the guarantees, fast-check shrinks the first failure, and a
 * removal pass drops every fault (and replica) it does not need. The outcome carries fast-check's
 * seed and path, which replay fast-check's counterexample exactly (`replayCandidate`); when the
 * removal pass changed it, only the schedule itself (a counterexample file) replays it.
 */
import fc from 'fast-check';
import { buildPlan } from '../plan/buildPlan.js';
import type { Plan } from '../plan/types.js';
import type { SimResult } from '../sim/result.js';
import { simulate } from '../sim/simulate.js';
import type { Guarantees, ScheduledFault, Topology } from '../topology/types.js';
import { type Candidate, candidateArbitrary, scaledTopology, toSchedule } from './candidate.js';
import { type Coverage, CoverageCounter } from './coverage.js';
import { type FaultSpace, faultSpace, type SearchOverrides } from './faultSpace.js';
import { judge, type Verdict } from './guarantees.js';
import { removalPass } from './removalPass.js';

export interface CheckOptions {
  guarantees: Guarantees;
  runs: number;
  /** fast-check's seed for the search. */
  seed: number;
  /** Simulated duration of each run (the sends), in microseconds; default simulation.duration. */
  durationUs?: number;
  search?: SearchOverrides;
  /** Called after each generated run (not during shrinking), for a progress bar. */
  onRun?: (done: number) => void;
}

/** One simulated candidate, judged. */
export interface Trial {
  /** Replicas per application the schedule ran against. */
  replicas: number[];
  topology: Topology;
  plan: Plan;
  schedule: ScheduledFault[];
  result: SimResult;
  verdicts: Verdict[];
}

export type CheckOutcome =
  | { status: 'pass'; seed: number; runs: number; space: FaultSpace; coverage: Coverage }
  | {
      status: 'fail';
      seed: number;
      runs: number;
      space: FaultSpace;
      coverage: Coverage;
      /** fast-check's path to its shrunk counterexample (before the removal pass). */
      path: string;
      shrinks: number;
      /** What the removal pass took from fast-check's counterexample. */
      removal: Removal;
      trial: Trial;
    };

export interface Removal {
  droppedFaults: number;
  /** Replicas per application before the pass (what the seed and path replay). */
  replicasBefore: number[];
  /** Runs the pass simulated. */
  tries: number;
}

/** Whether the removal pass changed fast-check's counterexample, so that seed and path no longer replay it. */
export function changedByRemoval(outcome: Extract<CheckOutcome, { status: 'fail' }>): boolean {
  return (
    outcome.removal.droppedFaults > 0 ||
    outcome.removal.replicasBefore.some((r, i) => r !== outcome.trial.replicas[i])
  );
}

function runCandidate(
  topology: Topology,
  space: FaultSpace,
  candidate: Candidate,
  options: Pick<CheckOptions, 'guarantees' | 'durationUs'>,
): Trial {
  return runSchedule(topology, candidate.replicas, toSchedule(topology, space, candidate), options);
}

/** Simulates a schedule against the topology scaled to `replicas`, and judges the guarantees. */
export function runSchedule(
  topology: Topology,
  replicas: number[],
  schedule: ScheduledFault[],
  options: Pick<CheckOptions, 'guarantees' | 'durationUs'>,
): Trial {
  const scaled = scaledTopology(topology, replicas);
  const plan = buildPlan(scaled);
  const result = simulate(plan, { schedule, randomFaults: false, durationUs: options.durationUs });
  return {
    replicas,
    topology: scaled,
    plan,
    schedule,
    result,
    verdicts: judge(options.guarantees, result, plan),
  };
}

export function checkTopology(topology: Topology, options: CheckOptions): CheckOutcome {
  const plan = buildPlan(topology);
  const space = faultSpace(plan, options.search, options.durationUs);
  const arbitrary = candidateArbitrary(topology, space);
  const coverage = new CoverageCounter();
  let generated = 0;
  let shrinking = false;
  const property = fc.property(arbitrary, (candidate) => {
    const trial = runCandidate(topology, space, candidate, options);
    if (!shrinking) {
      generated++;
      coverage.record(trial.result);
      options.onRun?.(generated);
    }
    const ok = trial.verdicts.every((v) => v.valid);
    if (!ok) shrinking = true;
    return ok;
  });
  const details = fc.check(property, { seed: options.seed, numRuns: options.runs, endOnFailure: false });
  const base = { seed: options.seed, runs: generated, space, coverage: coverage.snapshot(space.kinds) };
  if (!details.failed || details.counterexample === null) return { status: 'pass', ...base };
  const [candidate] = details.counterexample;
  const shrunk = runCandidate(topology, space, candidate, options);
  const broken = new Set(shrunk.verdicts.filter((v) => !v.valid).map((v) => v.name));
  const pass = removalPass(
    topology,
    shrunk,
    (a) => runSchedule(topology, a.replicas, a.schedule, options),
    (t) => t.verdicts.some((v) => !v.valid && broken.has(v.name)),
  );
  return {
    status: 'fail',
    ...base,
    path: details.counterexamplePath ?? '',
    shrinks: details.numShrinks,
    removal: { droppedFaults: pass.droppedFaults, replicasBefore: shrunk.replicas, tries: pass.tries },
    trial: pass.result,
  };
}

/** Rebuilds a counterexample from fast-check's seed and path, and simulates it again. */
export function replayCandidate(
  topology: Topology,
  options: Pick<CheckOptions, 'guarantees' | 'durationUs' | 'search'>,
  seed: number,
  path: string,
): Trial {
  const space = faultSpace(buildPlan(topology), options.search, options.durationUs);
  const [candidate] = fc.sample(candidateArbitrary(topology, space), { seed, path, numRuns: 1 });
  if (!candidate) throw new Error(`no candidate at seed ${seed} path ${path}`);
  return runCandidate(topology, space, candidate, options);
}
