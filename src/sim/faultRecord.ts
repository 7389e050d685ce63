/** One fault that happened in a run, and what it did to messages. */
import type { FaultKind } from '../topology/types.js';

export interface FaultRecord {
  index: number;
  origin: 'schedule' | 'random' | 'check';
  atUs: number;
  kind: FaultKind;
  target: string;
  peer: string | null;
  oneWay: boolean;
  durationUs: number;
  /** When the target came back, relative to the fault; -1 never, 0 for partitions and slow disks. */
  restartAfterUs: number;
  factor: number;
  /** Messages held by what failed at that moment (memory, journal, store, prefetch). */
  atRisk: number;
  lost: number;
  duplicated: number;
  stranded: number;
  redelivered: number;
  /** From the failure to the first successful send of a producer that used the failed broker; -1 none. */
  failoverUs: number;
  /** From the failure until every such producer sent successfully again; -1 none. */
  allRecoveredUs: number;
  affectedProducers: number;
  recoveredProducers: number;
  /** Longest time a producer could not send because of this fault. */
  maxUnavailableUs: number;
}

export function newFaultRecord(
  index: number,
  origin: FaultRecord['origin'],
  f: Pick<
    FaultRecord,
    'atUs' | 'kind' | 'target' | 'peer' | 'oneWay' | 'durationUs' | 'restartAfterUs' | 'factor'
  >,
): FaultRecord {
  return {
    index,
    origin,
    ...f,
    atRisk: 0,
    lost: 0,
    duplicated: 0,
    stranded: 0,
    redelivered: 0,
    failoverUs: -1,
    allRecoveredUs: -1,
    affectedProducers: 0,
    recoveredProducers: 0,
    maxUnavailableUs: 0,
  };
}
