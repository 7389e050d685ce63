/**
 * Fault injection: the topology's schedule, random faults drawn from MTBF/MTTR on the seeded
 * PRNG, and what each kind does (MODEL.md). Crashed targets come back after their restart time;
 * partitions and slow disks end after their duration. No new fault starts once the sends stop.
 */

import { DEFAULT_SLOWDOWN_FACTOR } from '../model/defaults.js';
import { faultKindSpec } from '../model/faultKinds.js';
import { resolveInstance } from '../topology/names.js';
import type { FaultKind, ScheduledFault } from '../topology/types.js';
import { isDown } from './brokerState.js';
import { type DeathCause, killBroker, startBroker, wipeStore } from './brokers.js';
import { detachConsumer } from './consumers.js';
import { Ev } from './events.js';
import { type FaultRecord, newFaultRecord } from './faultRecord.js';
import { restartLink, scheduleLinkFailure, stopLink } from './links.js';
import { releaseHeld, updateStall } from './network.js';
import { crashProducer, openUnavailable, restartProducers } from './producers.js';
import type { Rng } from './rng.js';
import type { ProcessRt, World } from './world.js';

/** One target of a random fault spec, with its own stream of failure times. */
export interface RandomTarget {
  kind: FaultKind;
  target: string;
  mtbfUs: number;
  mttrUs: number;
  rng: Rng;
}

export function scheduleFaults(
  w: World,
  schedule: readonly ScheduledFault[],
  origin: FaultRecord['origin'],
): void {
  for (const f of schedule) {
    const record = newFaultRecord(w.faults.length, origin, {
      atUs: f.atUs,
      kind: f.kind,
      target: f.target,
      peer: f.peer,
      oneWay: f.oneWay,
      durationUs: f.durationUs,
      restartAfterUs: f.restartAfterUs ?? defaultRestartUs(w, f.kind, f.target),
      factor: f.slowdownFactor,
    });
    w.faults.push(record);
    if (f.atUs < w.endUs) w.queue.push(f.atUs, Ev.Fault, record.index, 0);
  }
}

/** Draws the first failure of every random target. */
export function scheduleRandomFaults(w: World, targets: RandomTarget[]): void {
  targets.forEach((t, i) => {
    scheduleNextRandom(w, t, i, 0);
  });
}

function scheduleNextRandom(w: World, t: RandomTarget, index: number, fromUs: number): void {
  const at = fromUs + Math.max(1, Math.round(t.rng.exponential(t.mtbfUs)));
  if (at < w.sendsEndUs) w.queue.push(at, Ev.RandomFault, index, 0);
}

export function onRandomFault(w: World, targets: RandomTarget[], index: number): void {
  const t = targets[index]!;
  const record = newFaultRecord(w.faults.length, 'random', {
    atUs: w.now,
    kind: t.kind,
    target: t.target,
    peer: faultKindSpec(t.kind).peer ? randomPeer(w, t) : null,
    oneWay: false,
    durationUs: faultKindSpec(t.kind).timed ? t.mttrUs : 0,
    restartAfterUs: t.mttrUs,
    factor: DEFAULT_SLOWDOWN_FACTOR,
  });
  w.faults.push(record);
  applyFault(w, record);
  // The next failure of this target is drawn from the moment it is repaired.
  scheduleNextRandom(w, t, index, w.now + t.mttrUs);
}

function randomPeer(w: World, t: RandomTarget): string {
  const ref = resolveInstance(w.topology, t.target);
  const brokers = w.brokers.filter((b) => !b.embedded).map((b) => b.name);
  const options = ref?.kind === 'broker' || brokers.length === 0 ? w.processes.map((p) => p.name) : brokers;
  const others = options.filter((n) => n !== t.target);
  return others[t.rng.int(Math.max(1, others.length))] ?? t.target;
}

function defaultRestartUs(w: World, kind: FaultKind, target: string): number {
  if (faultKindSpec(kind).timed) return 0;
  const ref = resolveInstance(w.topology, target);
  if (ref?.kind === 'process') return ref.app.restartUs;
  return w.topology.cluster?.restartUs ?? 0;
}

export function onFault(w: World, index: number): void {
  applyFault(w, w.faults[index]!);
}

/** Applies a fault by its kind's handler (src/model/faultKinds.ts); a handler missing here fails to compile. */
function applyFault(w: World, f: FaultRecord): void {
  const ref = resolveInstance(w.topology, f.target);
  if (!ref) return;
  const spec = faultKindSpec(f.kind);
  switch (spec.handler) {
    case 'crash':
      return crash(w, f, spec.death ?? 'kill');
    case 'disk-loss':
      return loseDisk(w, f);
    case 'partition':
      return partition(w, f);
    case 'slow-disk': {
      const store = storeOf(w, f.target);
      if (store < 0) return;
      w.stores[store]!.slowFactor = f.factor;
      w.queue.push(w.now + f.durationUs, Ev.Heal, f.index, 0);
      return;
    }
    default:
      return unhandled(spec.handler);
  }
}

function unhandled(handler: never): never {
  throw new Error(`no simulator handler for fault handler \`${handler}\``);
}

function crash(w: World, f: FaultRecord, cause: DeathCause): void {
  const proc = w.processByName.get(f.target);
  if (proc !== undefined) {
    crashProcess(w, w.processes[proc]!, cause, f.index);
    if (f.restartAfterUs >= 0)
      w.queue.push(w.now + f.restartAfterUs, Ev.ProcessRestart, proc, w.processes[proc]!.epoch);
    return;
  }
  const broker = w.brokerByName.get(f.target);
  if (broker === undefined) return;
  const b = w.brokers[broker]!;
  killBroker(w, b, cause, f.index);
  if (f.restartAfterUs >= 0) w.queue.push(w.now + f.restartAfterUs, Ev.BrokerStart, broker, b.epoch);
}

/** A process dies with everything in it: producers, consumers, connections and its embedded broker. */
function crashProcess(w: World, proc: ProcessRt, cause: DeathCause, fault: number): void {
  if (!proc.alive) return;
  const f = w.faults[fault];
  for (const p of proc.producers) {
    const producer = w.producers[p]!;
    if (proc.broker >= 0 && f && producer.failoverFault < 0) {
      producer.failoverFault = fault;
      f.affectedProducers++;
    }
    crashProducer(w, producer, fault);
  }
  if (f && proc.broker < 0)
    f.atRisk += proc.consumers.reduce((n, k) => n + w.consumers[k]!.inflight + w.consumers[k]!.unacked, 0);
  proc.alive = false;
  proc.epoch++;
  proc.downFault = fault;
  w.metrics.processDown(proc.id, w.now);
  // Its own broker dies with it, and with it what its local consumers held; consumers of a
  // central broker leave unacknowledged messages there for redelivery.
  if (proc.broker >= 0) killBroker(w, w.brokers[proc.broker]!, cause, fault);
  for (const k of proc.consumers) detachConsumer(w, w.consumers[k]!, 'crash', fault);
  for (const link of proc.links) stopLink(w, w.links[link]!, fault);
}

export function onProcessRestart(w: World, procId: number, epoch: number): void {
  const proc = w.processes[procId]!;
  if (proc.alive || proc.epoch !== epoch) return;
  proc.alive = true;
  proc.epoch++;
  proc.downFault = -1;
  w.metrics.processUp(proc.id, w.now, w.sendsEndUs);
  if (proc.broker >= 0) startBroker(w, w.brokers[proc.broker]!);
  for (const link of proc.links) restartLink(w, w.links[link]!);
  if (w.sending) restartProducers(w, proc);
}

export function onBrokerStart(w: World, broker: number, epoch: number): void {
  const b = w.brokers[broker]!;
  if (b.epoch !== epoch) return;
  startBroker(w, b);
}

/** The store a disk fault hits: a process's embedded store, a broker's own, or the shared one. */
function storeOf(w: World, target: string): number {
  const proc = w.processByName.get(target);
  if (proc !== undefined) {
    const b = w.processes[proc]!.broker;
    return b >= 0 ? w.brokers[b]!.store : -1;
  }
  const broker = w.brokerByName.get(target);
  if (broker !== undefined) return w.brokers[broker]!.store;
  return w.stores.findIndex((s) => s.name === target);
}

/**
 * The disk under a store is destroyed: its unconsumed messages are gone (for a replicated store,
 * only when a majority of replicas is lost). The broker on it stops on the I/O error and comes
 * back on a new, empty disk after its restart time.
 */
function loseDisk(w: World, f: FaultRecord): void {
  const storeId = storeOf(w, f.target);
  if (storeId < 0) return;
  const store = w.stores[storeId]!;
  const owners = store.brokers.map((id) => w.brokers[id]!).filter((b) => !isDown(b));
  f.atRisk += store.count;
  if (store.locking !== 'quorum') wipeStore(w, store, f.index);
  const victims =
    store.locking === 'none' || store.locking === 'quorum'
      ? owners.filter((b) => b.name === f.target || b.host === f.target)
      : owners.filter((b) => store.lockHolder === b.id);
  for (const b of victims) {
    if (b.process >= 0) {
      crashProcess(w, w.processes[b.process]!, 'disk', f.index);
      if (f.restartAfterUs >= 0)
        w.queue.push(w.now + f.restartAfterUs, Ev.ProcessRestart, b.process, w.processes[b.process]!.epoch);
    } else {
      killBroker(w, b, 'disk', f.index);
      if (f.restartAfterUs >= 0) w.queue.push(w.now + f.restartAfterUs, Ev.BrokerStart, b.id, b.epoch);
    }
  }
}

/** Traffic between two hosts stops; connections across it fail after the inactivity timeout. */
function partition(w: World, f: FaultRecord): void {
  if (!f.peer) return;
  w.partitions.push({ fault: f.index, a: f.target, b: f.peer, oneWay: f.oneWay });
  for (const link of w.links) {
    if (link.broker < 0) continue;
    const before = link.stalledUp || link.stalledDown;
    updateStall(w, link);
    if (!before && (link.stalledUp || link.stalledDown)) {
      f.atRisk += messagesOnLink(w, link.id);
      for (const p of w.producers)
        if (p.link === link.id && p.current >= 0 && p.inTransit) openUnavailable(w, p, f.index);
      scheduleLinkFailure(w, link, w.costs.inactivityUs, f.index);
    }
  }
  w.queue.push(w.now + f.durationUs, Ev.Heal, f.index, 0);
}

/** Messages a link carries right now: deliveries to its consumers and sends of its producers. */
function messagesOnLink(w: World, link: number): number {
  let n = 0;
  for (const k of w.consumers) if (k.link === link) n += k.inflight;
  for (const p of w.producers) if (p.link === link && p.inTransit) n++;
  return n;
}

export function onHeal(w: World, index: number): void {
  const f = w.faults[index]!;
  if (faultKindSpec(f.kind).handler === 'slow-disk') {
    const store = storeOf(w, f.target);
    if (store >= 0) w.stores[store]!.slowFactor = 1;
    return;
  }
  w.partitions = w.partitions.filter((p) => p.fault !== index);
  for (const link of w.links) {
    if (link.broker < 0) continue;
    updateStall(w, link);
    if (!link.stalledUp && !link.stalledDown && link.held.length > 0) releaseHeld(w, link);
  }
}
