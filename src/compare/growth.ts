/**
 * How a deployment's static figures grow with its number of application processes: every
 * application scaled by the same factor and planned again (no simulation). This is the "stores
 * vs processes" chart: an embedded layout adds a store and, in a mesh, a bridge to every other
 * broker with each process; a central cluster adds connections only.
 */
import { buildPlan } from '../plan/buildPlan.js';
import type { Topology } from '../topology/types.js';

export interface GrowthPoint {
  applicationProcesses: number;
  deploymentUnits: number;
  persistentStores: number;
  bridges: number;
  clientConnections: number;
}

export const GROWTH_PROCESS_COUNTS: readonly number[] = [10, 50, 100, 200, 500];

export function growth(t: Topology, processCounts: readonly number[] = GROWTH_PROCESS_COUNTS): GrowthPoint[] {
  const current = t.applications.reduce((n, a) => n + a.replicas, 0);
  return processCounts.map((target) => {
    const factor = target / Math.max(1, current);
    const scaled: Topology = {
      ...t,
      applications: t.applications.map((a) => ({
        ...a,
        replicas: Math.max(1, Math.round(a.replicas * factor)),
      })),
      // Fault targets name replicas that may not exist at another scale; planning ignores faults.
      faults: { ...t.faults, schedule: [], random: [] },
    };
    const f = buildPlan(scaled).figures;
    return {
      applicationProcesses: f.applicationProcesses,
      deploymentUnits: f.deploymentUnits,
      persistentStores: f.persistentStores,
      bridges: f.bridges,
      clientConnections: f.clientConnections,
    };
  });
}
