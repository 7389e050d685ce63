/**
 * What `brokerlab check` may try, from the topology's fault model (faults.search) and its plan:
 * the fault kinds, simplest first, and for each kind the things it can hit. Processes are named
 * by (application, replica) so that a schedule still makes sense when the topology is scaled
 * down while shrinking.
 */
import type { Plan } from '../plan/types.js';
import { FAULT_KINDS, type FaultKind, type FaultSearch } from '../topology/types.js';

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
  const appIndex = new Map(t.applications.map((a, i) => [a.id, i]));
  const processes: TargetRef[] = plan.processes.map((p) => ({
    kind: 'process',
    app: appIndex.get(p.app)!,
    replica: p.index,
  }));
  const persistentEmbedded = new Set(
    plan.brokers.filter((b) => b.placement === 'embedded' && b.store !== null).map((b) => b.process),
  );
  const storedProcesses: TargetRef[] = plan.processes
    .filter((p) => persistentEmbedded.has(p.name))
    .map((p) => ({ kind: 'process', app: appIndex.get(p.app)!, replica: p.index }));
  const clusterBrokers = plan.brokers.filter((b) => b.placement === 'cluster');
  const brokers: TargetRef[] = clusterBrokers.map((b) => ({ kind: 'broker', name: b.name }));
  const ownStoreBrokers: TargetRef[] = clusterBrokers
    .filter((b) => b.store !== null && b.store !== 'shared-store')
    .map((b) => ({ kind: 'broker', name: b.name }));
  const shared: TargetRef[] = plan.stores.some((s) => s.name === 'shared-store' && s.persistent)
    ? [{ kind: 'shared-store' }]
    : [];
  const byKind: Record<FaultKind, TargetRef[]> = {
    'process-crash': processes,
    'broker-crash': brokers,
    'broker-restart': brokers,
    'power-loss': [...processes, ...brokers],
    'disk-loss': [...storedProcesses, ...ownStoreBrokers, ...shared],
    'slow-disk': [...storedProcesses, ...ownStoreBrokers, ...shared],
    partition: processes.length + brokers.length > 1 ? [...processes, ...brokers] : [],
  };
  const kinds = FAULT_KINDS.filter((k) => allowed.includes(k) && byKind[k].length > 0);
  const windowToUs = Math.min(search.windowToUs, durationUs);
  return {
    kinds,
    targets: new Map(kinds.map((k) => [k, byKind[k]])),
    peers: [...processes, ...brokers],
    windowFromUs: Math.min(search.windowFromUs, windowToUs),
    windowToUs,
    maxFaults: search.maxFaults,
    restarts: search.restarts,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
