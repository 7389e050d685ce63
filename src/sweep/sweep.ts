/**
 * `brokerlab sweep`: one setting varied over a range, each point a valid topology planned and
 * (unless plan-only) simulated under the common settings; optionally the same sweep of a second
 * topology, and where the better of the two flips on a chosen metric. Pure.
 */
import type { RowKey } from '../compare/cells.js';
import { uniqueLabels } from '../compare/compareTopologies.js';
import { type CandidateResult, evaluateTopology, runCount } from '../compare/evaluate.js';
import { commonSettings, type RunSettings, type SettingsOptions } from '../compare/runSettings.js';
import type { ScenarioId } from '../compare/scenarios.js';
import { buildPlan } from '../plan/buildPlan.js';
import type { Plan } from '../plan/types.js';
import { serializeTopology as serialize } from '../topology/serialize.js';
import type { Topology } from '../topology/types.js';
import { type Crossover, findCrossovers, type PointVerdict, pointVerdicts } from './crossover.js';
import { locate, parsePath, readAt } from './paramPath.js';
import { topologyAt } from './topologyAt.js';
import { sweepValues, type ValueKind, type VarySpec, valueKind } from './varySpec.js';

export const SWEEP_FORMAT = 'brokerlab.sweep/1';

export interface SweepPoint extends CandidateResult {
  /** The varied setting here, in its internal unit (count, us, bytes, messages per second). */
  value: number;
}

export interface SweepSeries {
  label: string;
  file: string | null;
  points: SweepPoint[];
  /** The topology as given, planned (for its diagram; not part of the JSON document). */
  plan: Plan;
}

export interface Sweep {
  format: typeof SWEEP_FORMAT;
  parameter: { path: string; kind: ValueKind; values: number[] };
  settings: RunSettings;
  /** False for a plan-only sweep (static figures, no simulation). */
  simulated: boolean;
  /** The metric the two series are compared on. */
  metric: RowKey;
  series: SweepSeries[];
  /** With two series: the better one at each point, and where that flips. */
  verdicts: PointVerdict[];
  crossovers: Crossover[];
}

export interface SweepOptions extends SettingsOptions {
  vary: VarySpec;
  /** A second topology swept the same way, to find the crossover. */
  vs?: Topology;
  files?: readonly string[];
  metric?: RowKey;
  /** Plan only: static figures at every point, no simulation. */
  planOnly?: boolean;
  onProgress?: (fraction: number) => void;
}

export type SweepResult = { ok: true; sweep: Sweep } | { ok: false; message: string };

export const DEFAULT_SWEEP_METRIC: RowKey = 'p99@baseline';

export function sweep(topology: Topology, options: SweepOptions): SweepResult {
  const bases = options.vs ? [topology, options.vs] : [topology];
  const metric = options.metric ?? (options.planOnly ? 'persistentStores' : DEFAULT_SWEEP_METRIC);
  if (options.planOnly && metric.includes('@'))
    return { ok: false, message: `a plan-only sweep has no simulated metric such as ${metric}` };
  const path = parsePath(options.vary.path);
  if (!path.ok) return path;
  const located = locate(serialize(topology), path.value);
  if (!located.ok) return located;
  const kind = valueKind(readAt(located.value.parent, located.value.key));
  if (!kind) return { ok: false, message: `${options.vary.path} is not a numeric setting` };
  const values = sweepValues(kind, options.vary);
  if (!values.ok) return values;
  const points: Topology[][] = [];
  for (const base of bases) {
    const row: Topology[] = [];
    for (const value of values.value) {
      const t = topologyAt(base, path.value, options.vary.path, kind, value);
      if (!t.ok) return t;
      row.push(t.value);
    }
    points.push(row);
  }
  const settings = commonSettings(bases, { ...options, scenarios: sweepScenarios(options, metric) });
  const run = options.planOnly ? { ...settings, scenarios: [] } : settings;
  const total = points.flat().reduce((n, t) => n + runCount(t, run), 0);
  let done = 0;
  const onRun = () => options.onProgress?.(++done / Math.max(1, total));
  const labels = uniqueLabels(bases.map((t) => t.name));
  const series = points.map(
    (row, s): SweepSeries => ({
      label: labels[s]!,
      file: options.files?.[s] ?? null,
      points: row.map((t, i) => ({ value: values.value[i]!, ...evaluateTopology(t, run, onRun).result })),
      plan: buildPlan(bases[s]!),
    }),
  );
  const verdicts =
    series.length > 1
      ? pointVerdicts(
          values.value,
          series.map((s) => s.points),
          metric,
        )
      : [];
  return {
    ok: true,
    sweep: {
      format: SWEEP_FORMAT,
      parameter: { path: options.vary.path, kind, values: values.value },
      settings: run,
      simulated: !options.planOnly,
      metric,
      series,
      verdicts,
      crossovers: findCrossovers(verdicts),
    },
  };
}

/**
 * The baseline, the scenario the metric names, and, when the swept setting is part of the
 * fault model (an MTBF), each topology's own declared faults.
 */
function sweepScenarios(options: SweepOptions, metric: RowKey): ScenarioId[] {
  if (options.scenarios) return [...options.scenarios];
  const out = new Set<ScenarioId>(['baseline']);
  const at = metric.indexOf('@');
  if (at >= 0) out.add(metric.slice(at + 1) as ScenarioId);
  if (options.vary.path.startsWith('faults')) out.add('declared');
  return [...out];
}
