/**
 * Where each of the plan's lints belongs in the exported files, so that whoever reads a
 * manifest or an activemq.xml sees the warning next to the setting it is about.
 */
import type { Lint, Plan } from '../plan/types.js';

export type LintPlace =
  | 'broker-config'
  | 'store-volume'
  | 'broker-workload'
  | 'app-workload'
  | 'client-config';

const PLACES: Record<string, readonly LintPlace[]> = {
  'appserver-embedding': ['app-workload'],
  'lock-keepalive-off': ['broker-config', 'broker-workload'],
  'lock-never-released': ['broker-config', 'broker-workload'],
  'mesh-growth': ['broker-config', 'app-workload'],
  'single-point-of-failure': ['broker-workload'],
  'shared-store-single-copy': ['store-volume'],
  'replicated-quorum': ['broker-workload'],
  'non-persistent-under-no-loss': ['client-config'],
  'memory-store-under-no-loss': ['broker-config'],
  'async-under-no-loss': ['client-config'],
  'unsynced-journal-under-no-loss': ['broker-config'],
  'ephemeral-store': ['store-volume'],
  'embedded-memory-store': ['broker-config', 'app-workload'],
  'stranded-on-crash': ['store-volume'],
  'no-consumer': ['client-config'],
  'too-many-stores': ['store-volume'],
};

/** A lint id without a place (one added to the plan later) goes to the README only. */
export function lintsAt(plan: Plan, place: LintPlace): Lint[] {
  return plan.lints.filter((l) => PLACES[l.id]?.includes(place));
}

export function lintLine(lint: Lint): string {
  return `brokerlab ${lint.severity} ${lint.id}: ${lint.message} (${lint.reason})`;
}
