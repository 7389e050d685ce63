/** A run's result as plain data (schemas/result.schema.json): what happened to every message. */
import type { FaultRecord } from './faultRecord.js';

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
  /** The producer was told the send failed, and it never left the producer. */
  sendFailed: number;
  /** The producer stopped waiting without an answer after it went out, and no copy is left. */
  unknown: number;
  deadLettered: number;
  discarded: number;
}

/**
 * Sends that ended without an answer after they went out (the producer's `timeout` expired, its
 * link gave up, or its process died): neither sent nor failed. sends = recovered + gone + held.
 */
export interface OutcomeUnknown {
  sends: number;
  /** Delivered after all. */
  recovered: number;
  /** No copy left: fates.unknown. */
  gone: number;
  /** Stranded, in flight or dead-lettered at the end. */
  held: number;
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

/** What one fault did: its record without the simulator's bookkeeping. */
export type FaultReport = Omit<FaultRecord, 'oneWay' | 'factor' | 'recoveredProducers'> & {
  /** Producers that used what failed and were still unable to send at the end. */
  stillBlockedProducers: number;
};

export interface ProducerUnavailability {
  /** `<process>/<destination>`. */
  producer: string;
  windows: number;
  totalUs: number;
  maxUs: number;
  /** How long its current send had been blocked when the run ended; 0 if it was not. */
  stillBlockedUs: number;
}

export interface ProcessDowntime {
  process: string;
  windows: number;
  totalUs: number;
  maxUs: number;
  /** Still dead when the run ended. */
  stillDown: boolean;
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
  outcomeUnknown: OutcomeUnknown;
  duplicates: number;
  redeliveries: number;
  /** Copies sent over network bridges (a message forwarded twice counts twice). */
  forwarded: number;
  /** In flight at the end in a broker without consumers that may not forward (stuck). */
  stuck: number;
  latency: LatencySummary;
  throughput: { sentPerSecond: number; deliveredPerSecond: number };
  unavailability: {
    windows: number;
    totalUs: number;
    maxUs: number;
    stillBlockedMaxUs: number;
    /** Every producer that was unable to send at some point: its windows, and a wait still open at the end. */
    byProducer: ProducerUnavailability[];
  };
  /**
   * Time application processes were dead while requests arrived (the send phase): their
   * requests could not be served, whether or not a producer was blocked.
   */
  applicationDowntime: {
    windows: number;
    totalUs: number;
    maxUs: number;
    byProcess: ProcessDowntime[];
  };
  flowControlBlocks: number;
  faults: FaultReport[];
  events: number;
}
