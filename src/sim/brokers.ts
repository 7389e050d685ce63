/**
 * Broker lifecycles (the xstate broker machine, stepped by lifecycle.ts), store locks, recovery,
 * and what a broker's death does to the messages it holds (MODEL.md, "Fault x configuration").
 */
import { type BrokerEffect, type BrokerInput, brokerMachine } from '../machines/brokerMachine.js';
import { releaseFromConsumer } from './acks.js';
import { brokerState, isActive, isDown } from './brokerState.js';
import { closeStore, openStore, storeRecoveryUs } from './checkpoint.js';
import { CopyState, isAtBroker, moveCopy } from './copyState.js';
import { tcpControlUs } from './costs.js';
import { Ev } from './events.js';
import { syncStore } from './journal.js';
import { dropCopy, recordDelivery } from './ledger.js';
import { newLifecycle, sendLifecycle } from './lifecycle.js';
import { scheduleLinkFailure } from './links.js';
import { clearLocalConsumers } from './localConsumers.js';
import { Ack, Journal } from './messages.js';
import { lostOnTheWay, openUnavailable } from './producers.js';
import { stopReading } from './sendPipeline.js';
import { markStored, storedCopies } from './storage.js';
import type { BrokerRt, StoreRt, World } from './world.js';

export type DeathCause = 'kill' | 'power' | 'stop' | 'disk';

export function createBrokerLifecycle(w: World, b: BrokerRt, input: BrokerInput): void {
  b.lifecycle = newLifecycle(w, brokerMachine, input, (effect: BrokerEffect) =>
    applyBrokerEffect(w, b, effect),
  );
}

function applyBrokerEffect(w: World, b: BrokerRt, effect: BrokerEffect): void {
  switch (effect) {
    case 'requestLock':
      return sendLifecycle(
        w,
        b.lifecycle,
        grantLock(w, b) ? { type: 'LOCK_GRANTED', recoveryUs: recoveryUs(w, b) } : { type: 'LOCK_BUSY' },
      );
    case 'beginRecovery':
      return;
    case 'becomeActive':
      return becomeActive(w, b);
    default:
      return unknownEffect(effect);
  }
}

/** The run starts in steady state: a broker started before the clients connect has nothing to recover. */
function recoveryUs(w: World, b: BrokerRt): number {
  return storeRecoveryUs(w, b.store >= 0 ? w.stores[b.store] : undefined);
}

function unknownEffect(effect: never): never {
  throw new Error(`unknown broker effect ${String(effect)}`);
}

/** Whether `b` may take (or keep) its store's lock: a free file lock, or a replication quorum. */
function grantLock(w: World, b: BrokerRt): boolean {
  const store = w.stores[b.store]!;
  if (store.lockHolder >= 0 && store.lockHolder !== b.id) return false;
  if (store.locking === 'quorum') {
    const alive = store.brokers.filter((id) => id === b.id || !isDown(w.brokers[id]!)).length;
    if (alive * 2 <= store.brokers.length) return false;
  }
  // A new grant, also to the holder of a lease that has not run out (a master restarted within
  // its lease takes it back): a live master keeps renewing its lease, so the old lease's
  // expiry (Ev.LockRelease of the old generation) must not free the lock under it.
  store.lockHolder = b.id;
  store.lockGen++;
  store.lockReleaseDueUs = -1;
  return true;
}

function releaseLock(store: StoreRt): void {
  store.lockHolder = -1;
  store.lockGen++;
  store.lockReleaseDueUs = -1;
}

export function onLockRelease(w: World, storeId: number, lockGen: number): void {
  const store = w.stores[storeId]!;
  if (store.lockGen === lockGen) releaseLock(store);
}

export function startBroker(w: World, b: BrokerRt): void {
  if (b.process >= 0 && !w.processes[b.process]!.alive) return;
  if (!isDown(b)) return;
  if (b.store >= 0) {
    const store = w.stores[b.store]!;
    // A container filesystem without a volume comes back empty: every restart is a disk loss.
    if (store.settings.ephemeral && b.downSinceUs >= 0) wipeStore(w, store, b.downFault);
  }
  sendLifecycle(w, b.lifecycle, { type: 'START', recoveryUs: recoveryUs(w, b) });
}

/** The broker serves again: its own state now, the messages' reaction once the handler is done. */
function becomeActive(w: World, b: BrokerRt): void {
  b.cpuFreeUs = w.now;
  b.storeFreeUs = w.now;
  if (b.store >= 0) openStore(w, w.stores[b.store]!);
  b.downFault = -1;
  b.downSinceUs = -1;
  w.notices.push({ kind: 'brokerActive', broker: b.id, epoch: b.epoch });
}

/** Every message in the store becomes the broker's again, oldest first. */
export function recoverStore(w: World, b: BrokerRt, store: StoreRt): void {
  const copies = w.copies;
  for (const c of storedCopies(w, store.id)) {
    moveCopy(copies, c, CopyState.Pending);
    copies.setBroker(c, b.id);
    copies.brokerEpoch[c] = b.epoch;
    copies.setConsumer(c, -1);
    copies.forwardedAs[c] = -1;
    copies.restamp(c);
    const m = copies.message[c]!;
    b.memoryBytes += w.producers[w.messages.producer[m]!]!.spec.sizeBytes;
    b.pending[w.messages.dest[m]!]!.push(c, copies.pool.generation[c]!);
  }
}

/**
 * Messages a broker holds right now: in memory, in its journal queue and in its store, and the
 * async sends on their way to it (in the socket buffers), which their producers believe sent.
 */
function messagesHeld(w: World, b: BrokerRt): number {
  let n = 0;
  const copies = w.copies;
  for (const c of copies.atBroker.members(b.id)) {
    if (copies.brokerEpoch[c] !== b.epoch) continue;
    const state = copies.state[c]!;
    if (isAtBroker(state) || (state === CopyState.Arriving && isAsyncSendOnItsWay(w, c))) n++;
  }
  return n;
}

function isAsyncSendOnItsWay(w: World, c: number): boolean {
  const copies = w.copies;
  return (
    copies.hops[c] === 0 && copies.forwardedFrom[c]! < 0 && w.messages.acked[copies.message[c]!] === Ack.Ok
  );
}

/**
 * The broker leaves service. `kill`: its process dies (the page cache survives). `power`: its
 * host loses power (unsynced writes are gone, peers notice only by inactivity). `stop`: a clean
 * shutdown (the journal is flushed, the lock released). `disk`: its store's disk failed.
 * Non-persistent messages in its memory are lost in every case.
 */
export function killBroker(w: World, b: BrokerRt, cause: DeathCause, fault: number): void {
  if (isDown(b)) return;
  const wasServing = isActive(b) || brokerState(b) === 'recovering';
  if (fault >= 0 && wasServing) w.faults[fault]!.atRisk += messagesHeld(w, b);
  const oldEpoch = b.epoch;
  b.epoch++;
  b.downFault = fault;
  b.downSinceUs = w.now;
  sendLifecycle(w, b.lifecycle, { type: cause === 'stop' ? 'STOP' : 'CRASH' });
  const store = b.store >= 0 ? w.stores[b.store]! : undefined;
  // A slave in its keep-alive wait holds the lock without serving: it goes as the master's does.
  if (!wasServing) {
    if (store && store.lockHolder === b.id) dropLock(w, store, cause);
    return;
  }
  settleJournal(w, b, cause, fault);
  abandonCopies(w, b, oldEpoch, fault);
  if (store) {
    if (cause === 'power') loseUnsynced(w, store, fault);
    else syncStore(w, store);
    closeStore(w, store, cause === 'stop');
  }
  for (const q of b.pending) q.clear();
  b.memoryBytes = 0;
  b.blocked = [];
  for (const list of b.consumersByDest) for (const k of list) w.consumers[k]!.broker = -1;
  clearLocalConsumers(w, b);
  // A reset is seen within a round trip of the sockets closing: at once for a clean stop, after
  // the kernel has torn a killed JVM down; a silent peer only after the inactivity timeout.
  const detectUs =
    cause === 'power' ? w.costs.inactivityUs : teardownUs(w, cause) + tcpControlUs(w.costs) * 2;
  for (const link of w.links) {
    if (link.broker === b.id) stopReading(w, link);
    if (link.broker === b.id || (link.kind === 'bridge' && link.source === b.id))
      scheduleLinkFailure(w, link, detectUs, fault);
  }
  markFailover(w, b, fault);
  if (store && store.lockHolder === b.id) dropLock(w, store, cause);
}

/** The journal queue is in broker memory; the batch being written is in the page cache. */
function settleJournal(w: World, b: BrokerRt, cause: DeathCause, fault: number): void {
  const copies = w.copies;
  const store = b.store >= 0 ? w.stores[b.store]! : undefined;
  b.journal.forEach((c, gen) => {
    if (copies.pool.generation[c] !== gen || !store) return;
    // The batch being written is in the page cache: it survives a kill, not a power loss.
    const written = copies.journal[c] === Journal.Writing && cause !== 'power' && cause !== 'disk';
    // A clean stop flushes the whole queue first; a record whose thread waits for room in it is
    // refused (DataFileAppender.close: the writer drains, then enqueue throws).
    const flushed = copies.journal[c] === Journal.Queued && cause === 'stop';
    if (written || flushed) {
      copies.journal[c] = Journal.Synced;
      markStored(w, store, c);
    } else if (copies.journal[c] === Journal.Writing) copies.journal[c] = Journal.Queued;
  });
  b.batchCount = 0;
  b.nextBatchCount = 0;
  b.nextBatchBytes = 0;
  b.journal.clear();
  b.journalBusy = false;
  b.journalScheduled = false;
  void fault;
}

/**
 * Copies at the dead broker: a message being processed is finished by its consumer (the ack
 * will fail, so it comes back later as a duplicate); prefetched ones are dropped by the client;
 * what is only in memory (non-persistent, or still queued for the journal) is gone; what is in
 * the store waits there for the next broker to open it.
 */
function abandonCopies(w: World, b: BrokerRt, oldEpoch: number, fault: number): void {
  const copies = w.copies;
  for (const c of copies.atBroker.members(b.id)) {
    if (!isAtBroker(copies.state[c]!) || copies.broker[c] !== b.id || copies.brokerEpoch[c] !== oldEpoch)
      continue;
    const k = copies.consumer[c]!;
    if (k >= 0) {
      // Its ack can no longer arrive: when it is delivered again, that is this fault's doing.
      if (fault >= 0) w.messages.fault[copies.message[c]!] = fault;
      const consumer = w.consumers[k]!;
      const start = copies.startUs[c]!;
      // onMessage had started: the application has it (and will see it again when it comes back).
      // A processing that ends at this very microsecond has ended (a completion precedes a fault).
      const done = start + consumer.spec.processingUs;
      if (copies.state[c] === CopyState.Dispatched && start <= w.now && done >= w.now)
        recordDelivery(w, copies.message[c]!, start);
      releaseFromConsumer(w, c, consumer);
    }
    copies.forwardedAs[c] = -1;
    const j = copies.journal[c]!;
    if (j === Journal.Written || j === Journal.Synced) {
      copies.restamp(c);
      moveCopy(copies, c, CopyState.Stored);
    } else lostOnTheWay(w, c, fault); // an async send the failover transport tracks is replayed
  }
}

/** A power loss takes the page cache with it: what was written but not synced is gone. */
function loseUnsynced(w: World, store: StoreRt, fault: number): void {
  const copies = w.copies;
  store.unsynced.forEach((c, gen) => {
    if (copies.pool.generation[c] !== gen || copies.journal[c] !== Journal.Written) return;
    dropCopy(w, c, fault);
  });
  store.unsynced.clear();
}

/** Destroys everything in a store (a lost disk, or an ephemeral one restarted). */
export function wipeStore(w: World, store: StoreRt, fault: number): void {
  for (const c of storedCopies(w, store.id)) {
    const b = w.brokers[w.copies.broker[c]!]!;
    if (w.copies.consumer[c]! >= 0) releaseFromConsumer(w, c, w.consumers[w.copies.consumer[c]!]!);
    if (isActive(b) && w.copies.brokerEpoch[c] === b.epoch) {
      b.memoryBytes -= w.producers[w.messages.producer[w.copies.message[c]!]!]!.spec.sizeBytes;
    }
    dropCopy(w, c, fault);
  }
  store.unsynced.clear();
  openStore(w, store);
  store.epoch++;
  store.syncScheduled = false;
}

/** How a dead master's lock frees: at once on a process kill (or as configured), after the lease on a power loss. */
function dropLock(w: World, store: StoreRt, cause: DeathCause): void {
  const policy = w.topology.cluster?.lock.releaseOnCrash ?? 'immediate';
  if (cause === 'stop' || cause === 'disk' || store.locking === 'quorum') return releaseLock(store);
  if (policy === 'never') {
    store.lockReleaseDueUs = Number.POSITIVE_INFINITY;
    return;
  }
  // The file lock goes with the killed process's files, after its teardown; else after the lease.
  const afterUs =
    policy === 'immediate' && cause === 'kill'
      ? teardownUs(w, cause)
      : (w.topology.cluster?.lock.leaseUs ?? 0);
  store.lockReleaseDueUs = w.now + afterUs;
  w.queue.push(store.lockReleaseDueUs, Ev.LockRelease, store.id, store.lockGen);
}

/**
 * A store lock a dead broker kept past the release dropLock scheduled for it (none scheduled, or
 * one that never came), unless nothing releases it by design (releaseOnCrash `never`): a wedge,
 * in which slaves and producers wait silently until the run ends. Checked at the end of every run.
 */
export function wedgedLockError(w: World): string | undefined {
  for (const store of w.stores) {
    const holder = store.lockHolder >= 0 ? w.brokers[store.lockHolder]! : undefined;
    if (!holder || !isDown(holder) || w.now <= store.lockReleaseDueUs) continue;
    const due =
      store.lockReleaseDueUs < 0
        ? 'no release was ever scheduled'
        : `its release was due at ${store.lockReleaseDueUs} us`;
    return `the lock of store ${store.name} is still held by ${holder.name}, down since ${holder.downSinceUs} us (${due}): its slaves and producers wait forever`;
  }
  return undefined;
}

/** How long after its death a broker's sockets and files close: a killed JVM's teardown. */
function teardownUs(w: World, cause: DeathCause): number {
  return cause === 'kill' ? w.costs.killTeardownUs : 0;
}

/** Producers that were sending through `b` start a failover that ends with their next successful send. */
function markFailover(w: World, b: BrokerRt, fault: number): void {
  if (fault < 0) return;
  const f = w.faults[fault]!;
  for (const p of w.producers) {
    if (p.lastBroker !== b.id || p.failoverFault >= 0 || !w.processes[p.process]!.alive) continue;
    if (p.link < 0 && b.process !== p.process) continue;
    p.failoverFault = fault;
    f.affectedProducers++;
    // A send in flight to it will not complete: the producer is blocked from this moment.
    if (p.current >= 0 && p.inTransit) openUnavailable(w, p, fault);
  }
}
