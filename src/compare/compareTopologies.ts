/**
 * Several candidate deployments under the same workload seeds and fault scenarios, side by side:
 * the data behind `brokerlab compare`. Renderers turn it into tables, charts and reasons;
 * `recommend` reads it to pick a winner per concern.
 */
import type { Plan } from '../plan/types.js';
import type { Topology } from '../topology/types.js';
import { type CandidateResult, evaluateTopology, runCount } from './evaluate.js';
import { type GrowthPoint, growth } from './growth.js';
import { commonSettings, type RunSettings, type SettingsOptions } from './runSettings.js';

export const COMPARE_FORMAT = 'brokerlab.compare/1';

export interface Candidate extends CandidateResult {
  /** The name shown in tables: the topology's name, made unique. */
  label: string;
  file: string | null;
  /** Static figures of the same deployment planned at other sizes. */
  growth: GrowthPoint[];
  /** The plan the candidate ran (for diagrams; not part of the JSON document). */
  plan: Plan;
}

export interface Comparison {
  format: typeof COMPARE_FORMAT;
  settings: RunSettings;
  candidates: Candidate[];
}

export interface CompareOptions extends SettingsOptions {
  /** The file each topology came from, in the same order. */
  files?: readonly string[];
  /** Called after each simulation with the fraction of all of them done. */
  onProgress?: (fraction: number) => void;
}

export function compareTopologies(topologies: readonly Topology[], options: CompareOptions = {}): Comparison {
  const settings = commonSettings(topologies, options);
  const total = topologies.reduce((n, t) => n + runCount(t, settings), 0);
  let done = 0;
  const onRun = () => options.onProgress?.(++done / Math.max(1, total));
  const labels = uniqueLabels(topologies.map((t) => t.name));
  const candidates = topologies.map((t, i): Candidate => {
    const { result, plan } = evaluateTopology(t, settings, onRun);
    return { ...result, label: labels[i]!, file: options.files?.[i] ?? null, growth: growth(t), plan };
  });
  return { format: COMPARE_FORMAT, settings, candidates };
}

/** `orders`, `orders` -> `orders #1`, `orders #2`: the same file compared with itself stays readable. */
export function uniqueLabels(names: readonly string[]): string[] {
  return names.map((name, i) =>
    names.filter((n) => n === name).length > 1
      ? `${name} #${names.slice(0, i + 1).filter((n) => n === name).length}`
      : name,
  );
}
