/**
 * The simulated metrics a comparison measures in every run, how each is read from a SimResult,
 * and which direction is better. A metric a run has nothing to say about (no message delivered,
 * no producer that had to fail over) reads as null and is left out of its summary.
 */
import { longestOutageUs, longestSendGapUs } from '../sim/outage.js';
import type { SimResult } from '../sim/result.js';
import type { Better } from '../stats/compareSamples.js';

export type MetricId =
  | 'p50'
  | 'p90'
  | 'p99'
  | 'p999'
  | 'maxLatency'
  | 'delivered'
  | 'forwarded'
  | 'lost'
  | 'duplicated'
  | 'stranded'
  | 'atRisk'
  | 'failover'
  | 'sendGap'
  | 'downtime'
  | 'outage'
  | 'unknown'
  | 'sendFailed'
  | 'faults';

/** How a value is shown: microseconds, a count of messages, messages per second. */
export type MetricUnit = 'us' | 'count' | 'perSecond';

export interface MetricDef {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  better: Better;
  description: string;
  read(r: SimResult): number | null;
}

const latency = (pick: (l: SimResult['latency']) => number) => (r: SimResult) =>
  r.latency.count === 0 ? null : pick(r.latency);

export const METRICS: readonly MetricDef[] = [
  {
    id: 'p50',
    label: 'latency p50',
    unit: 'us',
    better: 'lower',
    description: 'median send-to-onMessage latency after the warm-up',
    read: latency((l) => l.p50Us),
  },
  {
    id: 'p90',
    label: 'latency p90',
    unit: 'us',
    better: 'lower',
    description: '90th percentile latency',
    read: latency((l) => l.p90Us),
  },
  {
    id: 'p99',
    label: 'latency p99',
    unit: 'us',
    better: 'lower',
    description: '99th percentile latency',
    read: latency((l) => l.p99Us),
  },
  {
    id: 'p999',
    label: 'latency p99.9',
    unit: 'us',
    better: 'lower',
    description: '99.9th percentile latency',
    read: latency((l) => l.p999Us),
  },
  {
    id: 'maxLatency',
    label: 'latency max',
    unit: 'us',
    better: 'lower',
    description: 'slowest delivery',
    read: latency((l) => l.maxUs),
  },
  {
    id: 'delivered',
    label: 'delivered rate',
    unit: 'perSecond',
    better: 'higher',
    description:
      'messages delivered per second while producers were sending (the offered load, when all goes well)',
    read: (r) => r.throughput.deliveredPerSecond,
  },
  {
    id: 'forwarded',
    label: 'forwarded over bridges',
    unit: 'count',
    better: 'lower',
    description:
      'copies sent over network bridges: each crossed the network although its producer used vm:// (a message forwarded twice counts twice)',
    read: (r) => r.forwarded,
  },
  {
    id: 'lost',
    label: 'lost',
    unit: 'count',
    better: 'lower',
    description: 'messages acknowledged to the producer and then gone for good',
    read: (r) => r.fates.lost,
  },
  {
    id: 'duplicated',
    label: 'duplicated',
    unit: 'count',
    better: 'lower',
    description: 'deliveries beyond the first',
    read: (r) => r.duplicates,
  },
  {
    id: 'stranded',
    label: 'stranded',
    unit: 'count',
    better: 'lower',
    description: 'messages waiting at the end in a store whose broker is down (until it restarts)',
    read: (r) => r.fates.stranded,
  },
  {
    id: 'atRisk',
    label: 'at risk',
    unit: 'count',
    better: 'lower',
    description: 'messages held by what failed when it failed (memory, journal, store, prefetch)',
    read: (r) => (r.faults.length === 0 ? null : r.faults.reduce((n, f) => n + f.atRisk, 0)),
  },
  {
    id: 'failover',
    label: 'failover time',
    unit: 'us',
    better: 'lower',
    description: 'from the fault to the first successful send of a producer that used what failed',
    read: (r) => {
      const times = r.faults.map((f) => f.failoverUs).filter((us) => us >= 0);
      return times.length === 0 ? null : Math.max(...times);
    },
  },
  {
    id: 'sendGap',
    label: 'longest send gap',
    unit: 'us',
    better: 'lower',
    description: 'the longest time a producer could not send (including sends still blocked at the end)',
    read: longestSendGapUs,
  },
  {
    id: 'downtime',
    label: 'application downtime',
    unit: 'us',
    better: 'lower',
    description:
      'the longest time an application process was dead while requests arrived: its requests could not be served (a dead producer is not blocked, so the send gap misses it)',
    read: (r) => r.applicationDowntime.maxUs,
  },
  {
    id: 'outage',
    label: 'longest outage',
    unit: 'us',
    better: 'lower',
    description: 'the longer of the send gap and the application downtime: what availability is decided on',
    read: longestOutageUs,
  },
  {
    id: 'unknown',
    label: 'outcome unknown',
    unit: 'count',
    better: 'lower',
    description:
      'sends the producer stopped waiting for after they went out (timeout, broken connection, dead process): neither sent nor failed',
    read: (r) => r.outcomeUnknown.sends,
  },
  {
    id: 'sendFailed',
    label: 'send failed',
    unit: 'count',
    better: 'lower',
    description: 'sends the producer was told had failed (not lost: the application knows)',
    read: (r) => r.fates.sendFailed,
  },
  {
    id: 'faults',
    label: 'faults',
    unit: 'count',
    better: 'lower',
    description: 'faults that struck during the run',
    read: (r) => r.faults.length,
  },
];

export function metricById(id: MetricId): MetricDef {
  return METRICS.find((m) => m.id === id)!;
}

export function isMetricId(text: string): text is MetricId {
  return METRICS.some((m) => m.id === text);
}
