/** A mirror topology file: loaded (failing loudly if it does not), planned and simulated. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan } from '../src/plan/buildPlan.js';
import type { SimResult } from '../src/sim/result.js';
import { simulate } from '../src/sim/simulate.js';
import { formatLoadError } from '../src/topology/issues.js';
import { loadTopologyText } from '../src/topology/load.js';
import type { Application, Topology } from '../src/topology/types.js';

export const TOPOLOGIES = join(dirname(fileURLToPath(import.meta.url)), 'topologies');

export function loadMirror(name: string): Topology {
  const file = join(TOPOLOGIES, `${name}.yaml`);
  const result = loadTopologyText(readFileSync(file, 'utf8'), file);
  if (!result.ok)
    throw new Error(`mirror topology does not load:\n${result.errors.map(formatLoadError).join('\n')}`);
  return result.topology;
}

export function simulateMirror(t: Topology): SimResult {
  return simulate(buildPlan(t));
}

/**
 * How many seeds each mirror is simulated with. A simulated run is one draw of the costs' noise
 * and of what the topology leaves open (a store's checkpoint phase at the window's start), as a
 * real run is one draw of the machine's: both sides are judged by their median, and a race that
 * a single seed would settle one way shows in the simulated min / max.
 */
export const SIM_SEEDS = 9;

/** The mirror with its own seed and the SIM_SEEDS - 1 after it, one topology each. */
export function seeded(t: Topology): Topology[] {
  return Array.from({ length: SIM_SEEDS }, (_, i) => ({
    ...t,
    simulation: { ...t.simulation, seed: t.simulation.seed + i },
  }));
}

/** The one application that produces (the experiments have exactly one). */
export function producerApp(t: Topology): Application {
  const apps = t.applications.filter((a) => a.producers.length > 0);
  if (apps.length !== 1 || apps[0]!.producers.length !== 1)
    throw new Error(`${t.name}: expected one producer`);
  return apps[0]!;
}

export function consumerApps(t: Topology): Application[] {
  return t.applications.filter((a) => a.consumers.length > 0);
}
