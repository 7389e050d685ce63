/**
 * What each fault kind can hit in a plan: the model's fault-kind table
 * (src/model/faultKinds.ts) applied to the plan's instances. Every broker process the plan has
 * counts, a hub's as much as a central cluster's, and every persistent store, named by its owner
 * (an embedded broker's process, a broker with a store of its own, or `shared-store` for a
 * group's one store). `check`'s fault space, the simulator's random faults and `compare`'s
 * scenarios all read this.
 */
import { type FaultKind, type FaultTargetClass, faultKindSpec, minimumTargets } from '../model/faultKinds.js';
import { SHARED_STORE_TARGET } from '../topology/names.js';
import type { Plan } from './types.js';

export type TargetsByClass = Record<FaultTargetClass, string[]>;

export function targetsByClass(plan: Plan): TargetsByClass {
  const owner = new Map(plan.brokers.map((b) => [b.name, b.process ?? b.name]));
  return {
    process: plan.processes.map((p) => p.name),
    broker: plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name),
    // A group's one store is `shared-store`; any other by the host of the broker that writes it.
    store: plan.stores
      .filter((s) => s.persistent)
      .map((s) => (s.name === SHARED_STORE_TARGET ? s.name : owner.get(s.brokers[0]!)!)),
  };
}

/** The targets of `kind`, class by class in the table's order; empty when fewer than it needs. */
export function faultTargets(plan: Plan, kind: FaultKind, byClass = targetsByClass(plan)): string[] {
  const names = faultKindSpec(kind).hits.flatMap((cls) => byClass[cls]);
  return names.length >= minimumTargets(kind) ? names : [];
}
