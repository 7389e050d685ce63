/** Hand-made comparisons: candidates with chosen replications, to test recommend and the renderers. */
import type { Candidate, Comparison } from '../../src/compare/compareTopologies.js';
import type { ScenarioOutcome } from '../../src/compare/evaluate.js';
import { METRICS, type MetricId } from '../../src/compare/metrics.js';
import type { ScenarioId } from '../../src/compare/scenarios.js';
import type { Plan, PlanFigures } from '../../src/plan/types.js';
import { summarize } from '../../src/stats/summary.js';
import type { Layout } from '../../src/topology/types.js';

export interface FakeCandidate {
  label: string;
  layout: Layout;
  figures?: Partial<PlanFigures>;
  transport?: Candidate['setup']['transport'];
  fsyncUs?: number;
  ceiling?: number;
  /** Replications per scenario and metric; a scenario left out does not apply. */
  outcomes: Partial<Record<ScenarioId, Partial<Record<MetricId, number[]>>>>;
}

const FIGURES: PlanFigures = {
  deploymentUnits: 100,
  applicationProcesses: 100,
  brokerInstances: 100,
  embeddedBrokers: 100,
  clusterBrokers: 0,
  persistentStores: 100,
  bridges: 4950,
  clientConnections: 100,
  vmConnections: 100,
  tcpConnections: 0,
  persistedBytesPerSecond: 1024000,
  backupFootprintBytes: 100 * 36 * 1024 * 1024,
  messagesPerSecond: 1000,
};

export function fakeComparison(
  candidates: FakeCandidate[],
  scenarios: ScenarioId[],
  seeds = [1, 2, 3],
): Comparison {
  return {
    format: 'brokerlab.compare/1',
    settings: { seeds, durationUs: 30e6, warmupUs: 5e6, drainUs: 60e6, scenarios },
    candidates: candidates.map((k) => fakeCandidate(k, scenarios)),
  };
}

function fakeCandidate(k: FakeCandidate, scenarios: ScenarioId[]): Candidate {
  const central = k.layout === 'central';
  return {
    label: k.label,
    file: null,
    name: k.label,
    description: '',
    layout: k.layout,
    figures: { ...FIGURES, ...k.figures },
    lints: [],
    setup: {
      transport: k.transport ?? (central ? 'tcp' : 'vm'),
      storeDisk: central ? 'nfs' : 'ssd',
      fsyncUs: k.fsyncUs ?? (central ? 10_000 : 800),
      syncStrategy: 'always',
      processRestartUs: 30e6,
      brokerRestartUs: central ? 30e6 : null,
    },
    ceiling: { messagesPerSecond: k.ceiling ?? 10_000, bottleneck: 'sync-send', bottleneckUs: 1000 },
    outcomes: scenarios.map((s): ScenarioOutcome => {
      const given = withOutage(k.outcomes[s]);
      const metrics = Object.fromEntries(
        METRICS.map((m) => [m.id, summarize(given?.[m.id] ?? [])]),
      ) as Record<MetricId, ReturnType<typeof summarize>>;
      return { scenario: s, applies: given !== undefined, fault: null, atUs: [], metrics };
    }),
    growth: [],
    // recommend and the table renderers never read the plan; only diagrams do.
    plan: null as unknown as Plan,
  };
}

/** Zero for every seed: a fault that did nothing. */
export const zeros = (n = 3) => Array.from({ length: n }, () => 0);

/** The outage of each seed is the longer of its send gap and its downtime, as the metric reads it. */
function withOutage(given: Partial<Record<MetricId, number[]>> | undefined) {
  if (!given || given.outage || (!given.sendGap && !given.downtime)) return given;
  const gap = given.sendGap ?? [];
  const down = given.downtime ?? [];
  const n = Math.max(gap.length, down.length);
  return { ...given, outage: Array.from({ length: n }, (_, i) => Math.max(gap[i] ?? 0, down[i] ?? 0)) };
}
