/**
 * A copy reaches a broker from a producer or over a bridge: the broker drops it if it died or the
 * connection broke on the way, rejects a replayed duplicate its store already has, spends its CPU
 * time, and then journals it (persistent, queue), or dispatches it from memory, or fans a topic
 * message out to its subscribers.
 */
import { isActive } from './brokerState.js';
import { CopyState, moveCopy } from './copyState.js';
import { accepted, answerSender, deliver, dispatchOverBridge } from './dispatch.js';
import { bridgeArrived, networkSubscribers, tryForwardTo } from './forwarding.js';
import { enqueueJournal } from './journal.js';
import { dropCopy } from './ledger.js';
import { Ack, Outcome } from './messages.js';
import { lostOnTheWay } from './producers.js';
import { holdsOtherCopy, removeFromBroker } from './storage.js';
import type { BrokerRt, World } from './world.js';

export function onAtBroker(w: World, c: number, stamp: number): void {
  const copies = w.copies;
  if (copies.stamp[c] !== stamp) return;
  const b = w.brokers[copies.broker[c]!]!;
  const link = copies.link[c]!;
  if (copies.hops[c]! > 0) {
    const reopened = bridgeArrived(w, c);
    if (reopened >= 0) dispatchOverBridge(w, w.links[reopened]!);
  }
  if (b.epoch !== copies.brokerEpoch[c] || !isActive(b)) return lostOnTheWay(w, c, b.downFault);
  if (link >= 0 && w.links[link]!.epoch !== copies.routeTag[c])
    return lostOnTheWay(w, c, w.links[link]!.downFault);
  const m = copies.message[c]!;
  if (b.store >= 0 && w.messages.persistent[m]) {
    if (holdsOtherCopy(w, b.store, c)) {
      // A replay of a send this store already has: rejected as a duplicate, acknowledged.
      answerSender(w, c, w.now);
      dropCopy(w, c, -1);
      return;
    }
  }
  moveCopy(copies, c, CopyState.Accepted);
  const doneUs = Math.max(w.now, b.cpuFreeUs) + w.noise.cpu.draw(w.costs.brokerCpuUs);
  b.cpuFreeUs = doneUs;
  // A copy parked in the pending list may not leave before the CPU time it was charged.
  copies.readyUs[c] = doneUs;
  b.memoryBytes += w.producers[w.messages.producer[m]!]!.spec.sizeBytes;
  if (w.dests[w.messages.dest[m]!]!.topic) return fanOut(w, b, c, doneUs);
  if (w.messages.persistent[m] && b.store >= 0) {
    const queuedUs = b.kahadb && isAsyncAdd(w, c) ? storeThreadUs(w, b, doneUs) : doneUs;
    // always: the broker acknowledges and dispatches once the record's batch is synced;
    // periodic / never: once the record is in the journal's next batch (journal.ts).
    if (b.syncEachBatch) moveCopy(copies, c, CopyState.Journaling);
    enqueueJournal(w, b, c, queuedUs);
  } else accepted(w, b, c, doneUs);
}

/** A persistent send from a useAsyncSend producer (not a forwarded copy): nobody waits for it. */
function isAsyncAdd(w: World, c: number): boolean {
  const copies = w.copies;
  if (copies.forwardedFrom[c]! >= 0 || copies.hops[c]! > 0) return false;
  return w.producers[w.messages.producer[copies.message[c]!]!]!.asyncSend;
}

/**
 * When KahaDB's one store thread has taken the record of a message that the broker's CPU is done
 * with at `readyUs`: it marshals, appends and indexes queue messages one at a time, and the
 * message is dispatched only after that. Until then the record is in broker memory, lost if the
 * broker dies. ActiveMQ runs sync adds through the same thread; the model keeps those on the
 * group commit alone (a sync producer waits for its fsync anyway): see storeRecordUs. Its queue
 * is unbounded here: ActiveMQ blocks the transport thread at 10,000 queued adds (maxAsyncJobs,
 * BaseDestination.MAX_AUDIT_DEPTH), which then backs the socket up.
 */
function storeThreadUs(w: World, b: BrokerRt, readyUs: number): number {
  const doneUs = Math.max(readyUs, b.storeFreeUs) + w.noise.cpu.draw(w.costs.storeRecordUs);
  b.storeFreeUs = doneUs;
  return doneUs;
}

/** A topic message goes to every subscriber: one message per subscriber beyond the first. */
function fanOut(w: World, b: BrokerRt, c: number, atUs: number): void {
  answerSender(w, c, atUs);
  const copies = w.copies;
  const m = copies.message[c]!;
  const dest = w.messages.dest[m]!;
  const locals = [...b.consumersByDest[dest]!];
  const remotes = networkSubscribers(w, b, c, dest);
  if (locals.length + remotes.length === 0) {
    w.messages.outcome[m] = Outcome.Discarded;
    removeFromBroker(w, b, c);
    dropCopy(w, c, -1);
    return;
  }
  let first = true;
  const next = () => {
    if (first) {
      first = false;
      return c;
    }
    return fanOutCopy(w, b, c);
  };
  for (const k of locals) deliver(w, next(), k, atUs);
  for (const peer of remotes) tryForwardTo(w, b, next(), dest, peer, atUs);
}

/** One more subscriber's message, made from `c` at broker `b` (in memory: non-durable subscribers). */
function fanOutCopy(w: World, b: BrokerRt, c: number): number {
  const msgs = w.messages;
  const m = w.copies.message[c]!;
  const m2 = msgs.allocate(msgs.producer[m]!, msgs.createdUs[m]!, msgs.dest[m]!, msgs.persistent[m] === 1);
  msgs.fanout[m2] = 1;
  msgs.acked[m2] = Ack.Ok;
  msgs.holders[m2] = 1;
  w.ledger.fanout++;
  const c2 = w.copies.allocate(m2, CopyState.Accepted, b.id, b.epoch);
  w.copies.hops[c2] = w.copies.hops[c]!;
  b.memoryBytes += w.producers[msgs.producer[m]!]!.spec.sizeBytes;
  return c2;
}
