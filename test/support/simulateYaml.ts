/** Loads an inline topology (failing loudly on a mistake in the test itself) and simulates it. */
import { buildPlan } from '../../src/plan/buildPlan.js';
import type { SimResult } from '../../src/sim/result.js';
import { type SimulateOptions, simulate } from '../../src/sim/simulate.js';
import { formatLoadError } from '../../src/topology/issues.js';
import { loadTopologyText } from '../../src/topology/load.js';
import type { Topology } from '../../src/topology/types.js';

export function loadInline(yaml: string): Topology {
  const result = loadTopologyText(yaml, 'inline.yaml');
  if (!result.ok)
    throw new Error(`test topology does not load:\n${result.errors.map(formatLoadError).join('\n')}`);
  return result.topology;
}

export function simulateYaml(yaml: string, options: SimulateOptions = {}): SimResult {
  return simulate(buildPlan(loadInline(yaml)), options);
}

/** The one fault of a result that the test scheduled. */
export function onlyFault(result: SimResult) {
  if (result.faults.length !== 1) throw new Error(`expected one fault, got ${result.faults.length}`);
  return result.faults[0]!;
}
