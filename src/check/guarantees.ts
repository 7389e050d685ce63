/**
 * Guarantees a deployment declares (the topology's `guarantees` block or `--guarantee`), each a
 * named property of one simulation result with a one-line explanation. A verdict is data:
 * valid, the measured value and the allowed one (Jepsen's {valid?, ...evidence}).
 */
import type { Plan } from '../plan/types.js';
import { longestOutageUs } from '../sim/outage.js';
import type { SimResult } from '../sim/result.js';
import type { Guarantees } from '../topology/types.js';

/** Where a guarantee's field sits in `Guarantees` (durations in microseconds). */
export type GuaranteeKey = keyof Guarantees;

/** A guarantee as users write it: in the topology file, `--guarantee` and every report. */
export type GuaranteeName =
  | 'lostAcknowledged'
  | 'duplicates'
  | 'strandedAtEnd'
  | 'sendFailures'
  | 'outcomeUnknown'
  | 'maxUnavailable'
  | 'maxFailoverTime'
  | 'p99Latency'
  | 'maxPersistentStores';

export interface GuaranteeDefinition {
  /** The user's name (the topology file's key). */
  name: GuaranteeName;
  key: GuaranteeKey;
  /** What it means, in one line. */
  explanation: string;
  /** The measured figure; durations in microseconds. */
  measure(result: SimResult, plan: Plan): number;
  unit: 'messages' | 'us' | 'stores';
}

export interface Verdict {
  name: GuaranteeName;
  valid: boolean;
  measured: number;
  allowed: number;
  unit: GuaranteeDefinition['unit'];
  explanation: string;
}

/**
 * The longest failover of the run. A failover still unfinished at the end (an affected producer
 * could not send yet) counts until the end; one that nobody needed (no affected producer sent
 * again because the sends were over) is unknown and does not count.
 */
function maxFailoverUs(r: SimResult): number {
  let max = 0;
  for (const f of r.faults) {
    if (f.stillBlockedProducers > 0) max = Math.max(max, r.endUs - f.atUs);
    if (f.failoverUs >= 0) max = Math.max(max, f.failoverUs);
  }
  return max;
}

export const GUARANTEES: readonly GuaranteeDefinition[] = [
  {
    name: 'lostAcknowledged',
    key: 'lostAcknowledged',
    explanation: 'messages the producer was told were sent, then lost for good',
    measure: (r) => r.fates.lost,
    unit: 'messages',
  },
  {
    name: 'duplicates',
    key: 'duplicates',
    explanation: 'deliveries to the application beyond the first',
    measure: (r) => r.duplicates,
    unit: 'messages',
  },
  {
    name: 'strandedAtEnd',
    key: 'strandedAtEnd',
    explanation: 'messages left in a store that is down at the end of the run',
    measure: (r) => r.fates.stranded,
    unit: 'messages',
  },
  {
    name: 'sendFailures',
    key: 'sendFailures',
    explanation: 'sends that failed (the producer was told)',
    measure: (r) => r.fates.sendFailed,
    unit: 'messages',
  },
  {
    name: 'outcomeUnknown',
    key: 'outcomeUnknown',
    explanation:
      'sends the producer stopped waiting for after they went out (timeout, broken link, dead process): neither sent nor failed',
    measure: (r) => r.outcomeUnknown.sends,
    unit: 'messages',
  },
  {
    name: 'maxUnavailable',
    key: 'maxUnavailableUs',
    explanation:
      'the longest time a producer could not send or an application process was dead while requests arrived',
    measure: longestOutageUs,
    unit: 'us',
  },
  {
    name: 'maxFailoverTime',
    key: 'maxFailoverTimeUs',
    explanation:
      "the longest time from a broker's death to the first successful send through its replacement",
    measure: maxFailoverUs,
    unit: 'us',
  },
  {
    name: 'p99Latency',
    key: 'p99LatencyUs',
    explanation: '99th percentile of send-to-onMessage latency',
    measure: (r) => r.latency.p99Us,
    unit: 'us',
  },
  {
    name: 'maxPersistentStores',
    key: 'maxPersistentStores',
    explanation: 'persistent stores to back up and manage',
    measure: (_, plan) => plan.figures.persistentStores,
    unit: 'stores',
  },
];

/** Every declared guarantee, judged on one result; in the order of GUARANTEES. */
export function judge(guarantees: Guarantees, result: SimResult, plan: Plan): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const g of GUARANTEES) {
    const allowed = guarantees[g.key];
    if (allowed === undefined) continue;
    const measured = g.measure(result, plan);
    verdicts.push({
      name: g.name,
      valid: measured <= allowed,
      measured,
      allowed,
      unit: g.unit,
      explanation: g.explanation,
    });
  }
  return verdicts;
}
