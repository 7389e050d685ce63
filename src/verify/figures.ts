/**
 * The figures `verify` puts side by side, from a real run (the client processes' lines) and from
 * a simulated one (its result): every message's fate, what was at risk, the failover gap, the
 * longest blocked send, and the end-to-end latency.
 */
import { longestSendGapUs } from '../sim/outage.js';
import type { SimResult } from '../sim/result.js';

export interface VerifyFates {
  /** Sends attempted. */
  sent: number;
  delivered: number;
  /** Acknowledged to the producer and found nowhere at the end. */
  lost: number;
  /** Not delivered, still in the store of something that stayed down. */
  stranded: number;
  /** Deliveries beyond the first of a message. */
  duplicated: number;
  sendFailed: number;
  /** Sends that never got an answer, and of which no copy was found. */
  outcomeUnknown: number;
}

export interface RunFigures {
  fates: VerifyFates;
  /** Acknowledged before the fault and not yet delivered when it struck. */
  atRisk: number;
  /** From the fault to the first send acknowledged to an affected producer; -1 none. */
  failoverUs: number;
  /**
   * From the fault until a surviving broker of the group logged that it started (it took the
   * store over); null where nothing took over or it was not measured (the simulator's result
   * does not report it).
   */
  newMasterUs: number | null;
  /** The longest a send blocked (still blocked at the end included). */
  sendGapUs: number;
  latencyP50Us: number;
  latencyP99Us: number;
}

/** One line of a client program (real/java/App.java), at wall-clock milliseconds. */
export interface AppEvent {
  ev: 'send' | 'sent' | 'failed' | 'recv';
  seq: number;
  atMs: number;
  /** For `send`: when the application meant to send it (its request arrived); latency starts there. */
  dueMs?: number;
}

export interface ProcessLog {
  process: string;
  events: AppEvent[];
  /** Whether its producers used what failed (and it survived): its first send after the fault ends the gap. */
  affected: boolean;
  /** When it was killed by the fault; null if it ran to the end. */
  killedAtMs: number | null;
}

export function realFigures(
  logs: readonly ProcessLog[],
  drained: ReadonlySet<number>,
  faultMs: number | null,
  endMs: number,
  newMasterMs: number | null = null,
): RunFigures {
  const sendAt = new Map<number, number>();
  const dueAt = new Map<number, number>();
  /** Until when an unanswered send could still have been answered: its process's end. */
  const openUntil = new Map<number, number>();
  const answered = new Map<number, 'sent' | 'failed'>();
  const sentAt = new Map<number, number>();
  const recvs = new Map<number, number[]>();
  let failoverUs = -1;
  for (const log of logs)
    for (const e of log.events) {
      if (e.ev === 'send') {
        sendAt.set(e.seq, e.atMs);
        dueAt.set(e.seq, e.dueMs ?? e.atMs);
        openUntil.set(e.seq, log.killedAtMs ?? endMs);
      } else if (e.ev === 'recv') recvs.set(e.seq, [...(recvs.get(e.seq) ?? []), e.atMs]);
      else {
        answered.set(e.seq, e.ev);
        if (e.ev === 'sent') sentAt.set(e.seq, e.atMs);
        // A send begun before the fault may have been answered by the dying broker: the gap ends
        // with the first send that began after the fault and was answered.
        const began = sendAt.get(e.seq);
        if (e.ev === 'sent' && log.affected && faultMs !== null && began !== undefined && began > faultMs) {
          const gap = Math.round((e.atMs - faultMs) * 1000);
          if (failoverUs < 0 || gap < failoverUs) failoverUs = gap;
        }
      }
    }
  const fates: VerifyFates = {
    sent: sendAt.size,
    delivered: 0,
    lost: 0,
    stranded: 0,
    duplicated: 0,
    sendFailed: 0,
    outcomeUnknown: 0,
  };
  const latencies: number[] = [];
  let atRisk = 0;
  let sendGapUs = 0;
  for (const [seq, at] of sendAt) {
    const got = recvs.get(seq) ?? [];
    const answer = answered.get(seq);
    const until = answer === 'sent' ? sentAt.get(seq)! : answer === undefined ? openUntil.get(seq)! : at;
    sendGapUs = Math.max(sendGapUs, Math.round((until - at) * 1000));
    if (answer === 'sent' && faultMs !== null && sentAt.get(seq)! < faultMs && !got.some((r) => r < faultMs))
      atRisk++;
    if (got.length > 0) {
      fates.delivered++;
      fates.duplicated += got.length - 1;
      latencies.push(Math.min(...got) - dueAt.get(seq)!);
    } else if (drained.has(seq)) fates.stranded++;
    else if (answer === 'failed') fates.sendFailed++;
    else if (answer === 'sent') fates.lost++;
    else fates.outcomeUnknown++;
  }
  latencies.sort((a, b) => a - b);
  return {
    fates,
    atRisk,
    failoverUs,
    newMasterUs: newMasterMs === null || faultMs === null ? null : Math.round((newMasterMs - faultMs) * 1000),
    sendGapUs,
    latencyP50Us: percentileUs(latencies, 0.5),
    latencyP99Us: percentileUs(latencies, 0.99),
  };
}

function percentileUs(sortedMs: readonly number[], q: number): number {
  if (sortedMs.length === 0) return 0;
  return Math.round(sortedMs[Math.min(sortedMs.length - 1, Math.ceil(q * sortedMs.length) - 1)]! * 1000);
}

export function simulatedFigures(r: SimResult): RunFigures {
  const f = r.faults[0];
  return {
    fates: {
      sent: r.fates.sent,
      delivered: r.fates.delivered,
      lost: r.fates.lost,
      stranded: r.fates.stranded + r.fates.inFlight,
      duplicated: r.duplicates,
      sendFailed: r.fates.sendFailed,
      outcomeUnknown: r.fates.unknown,
    },
    atRisk: f?.atRisk ?? 0,
    failoverUs: f?.failoverUs ?? -1,
    newMasterUs: null,
    sendGapUs: longestSendGapUs(r),
    latencyP50Us: r.latency.p50Us,
    latencyP99Us: r.latency.p99Us,
  };
}
