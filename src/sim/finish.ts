/**
 * The end of a run: every message not yet settled is stranded (a copy waits in the store of a
 * broker that is down) or in flight; conservation is checked; the World becomes a SimResult.
 */
import { isActive } from './brokerState.js';
import { wedgedLockError } from './brokers.js';
import { CopyState, isAtBroker } from './copyState.js';
import { settleDelivered } from './ledger.js';
import { Ack, Journal } from './messages.js';
import { type ProducerUnavailability, RESULT_FORMAT, type SimResult } from './result.js';
import type { World } from './world.js';

export function finishRun(w: World, seed: number, durationUs: number): SimResult {
  settleRemaining(w);
  const stillDown = [...w.metrics.downSinceUs.keys()];
  for (const proc of stillDown) w.metrics.processUp(proc, w.now, w.sendsEndUs);
  const downtime = [...w.metrics.downtime].sort(([a], [b]) => a - b);
  const error = w.ledger.conservationError() ?? wedgedLockError(w);
  if (error) throw new Error(`brokerlab invariant: ${error} (seed ${seed})`);
  const l = w.ledger;
  const h = w.metrics.latency;
  const seconds = durationUs / 1e6;
  const byProducer = unavailabilityByProducer(w);
  return {
    format: RESULT_FORMAT,
    topology: w.topology.name,
    seed,
    durationUs,
    endUs: w.now,
    persistentStores: w.plan.figures.persistentStores,
    fates: {
      sent: l.sent,
      fanout: l.fanout,
      delivered: l.delivered,
      lost: l.lost,
      lostPersistent: l.lostPersistent,
      stranded: l.stranded,
      inFlight: l.inFlight,
      sendFailed: l.sendFailed,
      unknown: l.unknown,
      deadLettered: l.deadLettered,
      discarded: l.discarded,
    },
    outcomeUnknown: { sends: l.outcomeUnknown, recovered: l.recovered, gone: l.unknown, held: l.unknownHeld },
    duplicates: l.duplicates,
    redeliveries: l.redeliveries,
    forwarded: l.forwarded,
    stuck: l.stuck,
    latency: {
      count: h.count,
      minUs: h.count ? h.min : 0,
      meanUs: h.count ? Math.round(h.mean) : 0,
      p50Us: h.count ? h.percentile(50) : 0,
      p90Us: h.count ? h.percentile(90) : 0,
      p99Us: h.count ? h.percentile(99) : 0,
      p999Us: h.count ? h.percentile(99.9) : 0,
      maxUs: h.count ? h.max : 0,
    },
    throughput: {
      sentPerSecond: round2(l.sent / seconds),
      deliveredPerSecond: round2(w.metrics.deliveredWhileSending / seconds),
    },
    unavailability: {
      windows: w.metrics.unavailableWindows,
      totalUs: w.metrics.unavailableTotalUs,
      maxUs: w.metrics.maxUnavailableUs,
      stillBlockedMaxUs: Math.max(0, ...byProducer.map((p) => p.stillBlockedUs)),
      byProducer,
    },
    applicationDowntime: {
      windows: downtime.reduce((n, [, d]) => n + d.windows, 0),
      totalUs: downtime.reduce((n, [, d]) => n + d.totalUs, 0),
      maxUs: downtime.reduce((n, [, d]) => Math.max(n, d.maxUs), 0),
      byProcess: downtime.map(([proc, d]) => ({
        process: w.processes[proc]!.name,
        ...d,
        stillDown: stillDown.includes(proc),
      })),
    },
    flowControlBlocks: w.metrics.flowControlBlocks,
    faults: faultsInTimeOrder(w).map(({ oneWay: _, factor: __, recoveredProducers: ___, ...f }, index) => ({
      ...f,
      index,
      stillBlockedProducers: w.producers.filter(
        (p) => p.failoverFault === f.index && p.unavailableSinceUs >= 0,
      ).length,
    })),
    events: w.eventsProcessed,
  };
}

/** The faults that happened, in time order (a schedule may be given in any order). */
function faultsInTimeOrder(w: World): World['faults'] {
  return w.faults
    .filter((f) => f.atUs < w.endUs && f.atUs <= w.now)
    .sort((a, b) => a.atUs - b.atUs || a.index - b.index);
}

function unavailabilityByProducer(w: World): ProducerUnavailability[] {
  return w.producers
    .filter((p) => p.unavailable.windows > 0 || p.unavailableSinceUs >= 0)
    .map((p) => ({
      producer: `${w.processes[p.process]!.name}/${w.dests[p.dest]!.name}`,
      ...p.unavailable,
      stillBlockedUs: p.unavailableSinceUs >= 0 ? w.now - p.unavailableSinceUs : 0,
    }));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function settleRemaining(w: World): void {
  const msgs = w.messages;
  const copies = w.copies;
  const stranded = new Map<number, number>();
  const stuck = new Set<number>();
  const high = copies.pool.highWater;
  for (let c = 0; c < high; c++) {
    if (copies.state[c] === CopyState.Free) continue;
    const m = copies.message[c]!;
    const b = w.brokers[copies.broker[c]!]!;
    const stored = copies.journal[c] === Journal.Written || copies.journal[c] === Journal.Synced;
    if (isAtBroker(copies.state[c]!) && stored && (!isActive(b) || copies.brokerEpoch[c] !== b.epoch)) {
      stranded.set(m, b.downFault);
    } else if (
      // Forwarded as far as networkTTL allows, to a broker that has no consumer for it (any more).
      isAtBroker(copies.state[c]!) &&
      copies.hops[c]! >= w.maxHops &&
      copies.consumer[c]! < 0 &&
      isActive(b) &&
      b.consumersByDest[msgs.dest[m]!]!.length === 0
    ) {
      stuck.add(m);
    }
  }
  const seen = new Set<number>();
  for (let c = 0; c < high; c++) {
    if (copies.state[c] === CopyState.Free) continue;
    seen.add(copies.message[c]!);
  }
  for (const p of w.producers) {
    if (p.current >= 0) seen.add(p.current);
    for (const m of p.replay) seen.add(m);
  }
  for (const m of seen) {
    if (msgs.deliveries[m]! > 0) {
      settleDelivered(w, m);
      continue;
    }
    if (msgs.acked[m] === Ack.Unknown) w.ledger.unknownHeld++;
    if (stranded.has(m)) {
      w.ledger.stranded++;
      const fault = stranded.get(m)!;
      if (fault >= 0) w.faults[fault]!.stranded++;
    } else {
      w.ledger.inFlight++;
      if (stuck.has(m)) w.ledger.stuck++;
    }
  }
}
