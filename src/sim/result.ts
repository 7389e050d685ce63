/** A run's result as plain data (schemas/result.schema.json): what happened to every message. */
import type { FaultKind } from '../topology/types.js';

export const RESULT_FORMAT = 'brokerlab.result/1';

export interface Fates {
  sent: number;
  /** Extra messages from topic fan-out (one per subscriber beyond the first). */
  fanout: number;
  delivered: number;
  lost: number;
  /** Of the lost: persistent messages. */
  lostPersistent: number;
  stranded: number;
  inFlight: number;
  sendFailed: number;
  deadLettered: number;
  discarded: number;
}

export interface LatencySummary {
  count: number;
  minUs: number;
  meanUs: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
}

export interface FaultReport {
  index: number;
  origin: 'schedule' | 'random' | 'check';
  atUs: number;
  kind: FaultKind;
  target: string;
  peer: string | null;
  /** When the target came back, after the fault; -1 never; 0 for partitions and slow disks. */
  restartAfterUs: number;
  durationUs: number;
  atRisk: number;
  lost: number;
  duplicated: number;
  stranded: number;
  redelivered: number;
  /** From the fault to the first successful send of a producer that used what failed; -1 none. */
  failoverUs: number;
  allRecoveredUs: number;
  /** Producers that used what failed, and how many of them were still unable to send at the end. */
  affectedProducers: number;
  stillBlockedProducers: number;
  maxUnavailableUs: number;
}

export interface SimResult {
  format: typeof RESULT_FORMAT;
  topology: string;
  seed: number;
  durationUs: number;
  /** Simulated time when the run ended (all settled, or the end of the drain). */
  endUs: number;
  persistentStores: number;
  fates: Fates;
  duplicates: number;
  redeliveries: number;
  /** Copies sent over network bridges (a message forwarded twice counts twice). */
  forwarded: number;
  /** In flight at the end in a broker without consumers that may not forward (stuck). */
  stuck: number;
  latency: LatencySummary;
  throughput: { sentPerSecond: number; deliveredPerSecond: number };
  unavailability: { windows: number; totalUs: number; maxUs: number; stillBlockedMaxUs: number };
  flowControlBlocks: number;
  faults: FaultReport[];
  events: number;
}
