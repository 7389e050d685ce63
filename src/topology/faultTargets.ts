/**
 * Which named instances the loader accepts as the target of a fault kind: the model's fault-kind
 * table (src/model/faultKinds.ts) applied to a topology's instances. A store is named by its
 * owner; the loader accepts a process outside layout `central` even when its broker keeps no
 * store (the fault then finds nothing to hit), while src/plan/faultTargets.ts lists only the
 * targets that really have one.
 */
import { type FaultKind, type FaultTargetClass, hits, minimumTargets } from '../model/faultKinds.js';
import { brokerName, hasSharedStore, type InstanceRef, processName, SHARED_STORE_TARGET } from './names.js';
import type { Topology } from './types.js';

/** The target classes an instance belongs to. */
export function instanceClasses(t: Topology, ref: InstanceRef): FaultTargetClass[] {
  switch (ref.kind) {
    case 'process':
      // In layout central the messages are on the brokers: a process has no store.
      return t.layout === 'central' ? ['process'] : ['process', 'store'];
    case 'broker':
      // The brokers of a shared-store group write the one `shared-store`, not a store of their own.
      return hasSharedStore(t) ? ['broker'] : ['broker', 'store'];
    case 'shared-store':
      return ['store'];
  }
}

/** Every instance of a topology, by name, in a fixed order: processes, brokers, the shared store. */
export function* instances(t: Topology): Generator<{ name: string; ref: InstanceRef }> {
  for (const app of t.applications)
    for (let index = 0; index < app.replicas; index++)
      yield { name: processName(app.id, index), ref: { kind: 'process', app, index } };
  for (let index = 0; index < (t.cluster?.brokers ?? 0); index++)
    yield { name: brokerName(index), ref: { kind: 'broker', index } };
  if (hasSharedStore(t)) yield { name: SHARED_STORE_TARGET, ref: { kind: 'shared-store' } };
}

export function acceptsTarget(t: Topology, kind: FaultKind, ref: InstanceRef): boolean {
  return instanceClasses(t, ref).some((cls) => hits(kind, cls));
}

/** The names the loader accepts as targets of `kind`; empty when fewer than the kind needs. */
export function acceptedTargets(t: Topology, kind: FaultKind): string[] {
  const names: string[] = [];
  for (const i of instances(t)) if (acceptsTarget(t, kind, i.ref)) names.push(i.name);
  return names.length >= minimumTargets(kind) ? names : [];
}

/** Whether anything here can suffer `kind` (stops counting as soon as it knows). */
export function canSuffer(t: Topology, kind: FaultKind): boolean {
  let n = 0;
  for (const i of instances(t)) if (acceptsTarget(t, kind, i.ref) && ++n >= minimumTargets(kind)) return true;
  return false;
}
