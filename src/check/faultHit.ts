/**
 * What a fault hits, in the plan's instances: a crash, restart or power loss the process or
 * cluster broker it names (a process takes its embedded broker with it: they share the name), a
 * disk fault the store under it (a process's embedded store, a broker's own, or the shared one),
 * a partition both sides. The one mapping from a fault target to the thing drawn for it.
 */
import type { Plan } from '../plan/types.js';
import type { FaultKind } from '../topology/types.js';

export type HitInstance =
  | { kind: 'process'; name: string }
  | { kind: 'broker'; name: string }
  | { kind: 'store'; name: string };

const DISK_FAULTS: ReadonlySet<FaultKind> = new Set(['disk-loss', 'slow-disk']);

export function faultHits(
  plan: Plan,
  fault: { kind: FaultKind; target: string; peer: string | null },
): HitInstance[] {
  const names = fault.peer === null ? [fault.target] : [fault.target, fault.peer];
  return names.map((name) =>
    DISK_FAULTS.has(fault.kind) ? storeUnder(plan, name) : instanceNamed(plan, name),
  );
}

/** A process or a cluster broker, by name. */
export function instanceNamed(plan: Plan, name: string): HitInstance {
  return plan.processes.some((p) => p.name === name) ? { kind: 'process', name } : { kind: 'broker', name };
}

function storeUnder(plan: Plan, name: string): HitInstance {
  const broker = plan.brokers.find((b) => b.name === name);
  return { kind: 'store', name: broker?.store ?? name };
}
