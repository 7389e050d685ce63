/**
 * The settings every candidate of a comparison (or every point of a sweep) runs with, so that
 * their numbers can be set side by side: the same seeds, send phase, warm-up, drain and fault
 * scenarios.
 */
import type { Topology } from '../topology/types.js';
import { DEFAULT_COMPARE_SCENARIOS, type ScenarioId } from './scenarios.js';

export interface RunSettings {
  /** One replication per seed; the same seed gives every candidate the same workload draws and fault time. */
  seeds: number[];
  /** Length of the send phase. */
  durationUs: number;
  /** Messages created before this are left out of the latency figures. */
  warmupUs: number;
  /** Time after the sends stop for messages to settle. */
  drainUs: number;
  scenarios: ScenarioId[];
}

export const DEFAULT_SEED_COUNT = 5;

export interface SettingsOptions {
  seeds?: readonly number[];
  durationUs?: number;
  scenarios?: readonly ScenarioId[];
}

/** Seeds 1..count: small, printable, and the same on every machine. */
export function seedRange(count: number, first = 1): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/**
 * Common settings for several topologies: the given duration or the longest declared one, the
 * longest warm-up (at most a quarter of the send phase, so that some latency is measured) and
 * the longest drain.
 */
export function commonSettings(topologies: readonly Topology[], options: SettingsOptions): RunSettings {
  if (topologies.length === 0) throw new RangeError('no topology to run');
  const durationUs = options.durationUs ?? Math.max(...topologies.map((t) => t.simulation.durationUs));
  const warmupUs = Math.min(
    Math.max(...topologies.map((t) => t.simulation.warmupUs)),
    Math.floor(durationUs / 4),
  );
  return {
    seeds: [...(options.seeds ?? seedRange(DEFAULT_SEED_COUNT))],
    durationUs,
    warmupUs,
    drainUs: Math.max(...topologies.map((t) => t.simulation.drainUs)),
    scenarios: [...(options.scenarios ?? DEFAULT_COMPARE_SCENARIOS)],
  };
}

/** The topology with the common simulation settings in place of its own. */
export function withSettings(t: Topology, s: RunSettings): Topology {
  return {
    ...t,
    simulation: { ...t.simulation, durationUs: s.durationUs, warmupUs: s.warmupUs, drainUs: s.drainUs },
  };
}
