/**
 * What `brokerlab check` may try, from the topology's fault model (faults.search) and its plan:
 * the fault kinds, simplest first, and for each kind the things it can hit. Processes are named
 * by (application, replica) so that a schedule still makes sense when the topology is scaled
 * down while shrinking.
 */

import { FAULT_KINDS, type FaultKind } from '../model/faultKinds.js';
import { faultTargets, targetsByClass } from '../plan/faultTargets.js';
import type { Plan } from '../plan/types.js';
import { SHARED_STORE_TARGET } from '../topology/names.js';
import type { FaultSearch } from '../topology/types.js';

export type TargetRef =
  | { kind: 'process'; app: number; replica: number }
  | { kind: 'broker'; name: string }
  | { kind: 'shared-store' };

export interface FaultSpace {
  /** Allowed kinds with at least one target, simplest first. */
  kinds: FaultKind[];
  targets: Map<FaultKind, TargetRef[]>;
  /** Partition peers: every process and broker. */
  peers: TargetRef[];
  windowFromUs: number;
  windowToUs: number;
  maxFaults: number;
  restarts: boolean;
}

export type SearchOverrides = Partial<
  Pick<FaultSearch, 'kinds' | 'maxFaults' | 'windowFromUs' | 'windowToUs' | 'restarts'>
>;

export function faultSpace(
  plan: Plan,
  overrides: SearchOverrides = {},
  durationUs = plan.topology.simulation.durationUs,
): FaultSpace {
  const t = plan.topology;
  const search = { ...t.faults.search, ...definedOnly(overrides) };
  const allowed = search.kinds.length > 0 ? search.kinds : FAULT_KINDS;
  const byClass = targetsByClass(plan);
  // Processes by (application, replica), so that a schedule survives scaling the topology down.
  const appIndex = new Map(t.applications.map((a, i) => [a.id, i]));
  const refs = new Map<string, TargetRef>([
    ...plan.processes.map((p): [string, TargetRef] => [
      p.name,
      { kind: 'process', app: appIndex.get(p.app)!, replica: p.index },
    ]),
    ...byClass.broker.map((name): [string, TargetRef] => [name, { kind: 'broker', name }]),
    [SHARED_STORE_TARGET, { kind: 'shared-store' }],
  ]);
  const byKind = (kind: FaultKind) => faultTargets(plan, kind, byClass).map((name) => refs.get(name)!);
  const kinds = FAULT_KINDS.filter((k) => allowed.includes(k) && byKind(k).length > 0);
  const windowToUs = Math.min(search.windowToUs, durationUs);
  return {
    kinds,
    targets: new Map(kinds.map((k) => [k, byKind(k)])),
    peers: [...byClass.process, ...byClass.broker].map((name) => refs.get(name)!),
    windowFromUs: Math.min(search.windowFromUs, windowToUs),
    windowToUs,
    maxFaults: search.maxFaults,
    restarts: search.restarts,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
