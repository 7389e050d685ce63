/**
 * Every fault kind in one table: what it may hit, whether it heals after a duration, which
 * parameters a fault of the kind carries, and the simulator handler that applies it. The loader
 * (src/topology/faultTargets.ts), the plan's fault targets (src/plan/faultTargets.ts, read by
 * `check`, the simulator's random faults and `compare`), the simulator (src/sim/faults.ts) and
 * the test generators all read it; the schema's `faultKind` enum lists the same keys in the same
 * order (a test keeps them equal).
 *
 * Adding a kind: a row here, the enum in schemas/topology.schema.json, and its handler in
 * src/sim/faults.ts (the `never` check there fails to compile until it exists).
 */

/**
 * What a fault may hit: an application process (`orders-3`), a broker process of the cluster or
 * of the hub (`broker-1`), or a persistent store, named by its owner (the process or broker
 * that writes it, or `shared-store` for a master/slave group's one store).
 */
export type FaultTargetClass = 'process' | 'broker' | 'store';

/** How the simulator applies a fault of the kind. */
export type FaultHandler = 'crash' | 'disk-loss' | 'partition' | 'slow-disk';

export interface FaultKindSpec {
  /** The classes of target it may hit, in the order their targets are listed. */
  hits: readonly FaultTargetClass[];
  /** Lasts `duration` and then heals (true); otherwise the target stays down until `restartAfter`. */
  timed: boolean;
  /** Cuts the target off from a second party, `peer` (optionally `oneWay`); needs two parties. */
  peer: boolean;
  /** Takes a slowdown `factor`. */
  factor: boolean;
  handler: FaultHandler;
  /** For a crash: how the target dies (kill -9, a clean stop, a power cut). */
  death: 'kill' | 'stop' | 'power' | null;
}

/** In `check`'s search order, simplest first. */
export const FAULT_KIND_TABLE = {
  'process-crash': {
    hits: ['process'],
    timed: false,
    peer: false,
    factor: false,
    handler: 'crash',
    death: 'kill',
  },
  'broker-crash': {
    hits: ['broker'],
    timed: false,
    peer: false,
    factor: false,
    handler: 'crash',
    death: 'kill',
  },
  'broker-restart': {
    hits: ['broker'],
    timed: false,
    peer: false,
    factor: false,
    handler: 'crash',
    death: 'stop',
  },
  'power-loss': {
    hits: ['process', 'broker'],
    timed: false,
    peer: false,
    factor: false,
    handler: 'crash',
    death: 'power',
  },
  'disk-loss': {
    hits: ['store'],
    timed: false,
    peer: false,
    factor: false,
    handler: 'disk-loss',
    death: null,
  },
  partition: {
    hits: ['process', 'broker'],
    timed: true,
    peer: true,
    factor: false,
    handler: 'partition',
    death: null,
  },
  'slow-disk': { hits: ['store'], timed: true, peer: false, factor: true, handler: 'slow-disk', death: null },
} as const satisfies Record<string, FaultKindSpec>;

export type FaultKind = keyof typeof FAULT_KIND_TABLE;

export const FAULT_KINDS = Object.keys(FAULT_KIND_TABLE) as readonly FaultKind[];

export function faultKindSpec(kind: FaultKind): FaultKindSpec {
  return FAULT_KIND_TABLE[kind];
}

/** A kind that hits `cls`. */
export function hits(kind: FaultKind, cls: FaultTargetClass): boolean {
  return faultKindSpec(kind).hits.includes(cls);
}

/** Fewest targets a kind needs to apply at all: a partition needs two parties. */
export function minimumTargets(kind: FaultKind): number {
  return faultKindSpec(kind).peer ? 2 : 1;
}
