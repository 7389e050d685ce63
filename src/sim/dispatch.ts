/**
 * A broker's side of the message path after it accepted a copy: answer the sender, hand the
 * copy to a consumer with prefetch room (round robin, local consumers first), forward it over
 * a bridge when only a remote broker has demand, or queue it; then the consumer's processing,
 * its ack, and redelivery when a consumer goes away with unacknowledged copies.
 */
import { holdsWindow } from './acks.js';
import { isActive } from './brokerState.js';
import { CopyState, moveCopy } from './copyState.js';
import { tcpControlUs, vmControlUs } from './costs.js';
import { Ev } from './events.js';
import { freeBridgeSlot, mayForward, tryForward, tryForwardTo } from './forwarding.js';
import { dropCopy, recordDelivery } from './ledger.js';
import { Outcome } from './messages.js';
import { assertFreshStamp, sendOver } from './network.js';
import { wakeBlockedProducers } from './producers.js';
import { removeFromBroker } from './storage.js';
import { tcpArrivalUs } from './transport.js';
import type { BrokerRt, ConsumerRt, LinkRt, World } from './world.js';

/** Tells whoever sent the copy that the broker has it: a sync producer's receipt, or a bridge's ack. */
export function answerSender(w: World, c: number, atUs: number): void {
  const copies = w.copies;
  const from = copies.forwardedFrom[c]!;
  const link = copies.link[c]!;
  if (from >= 0) {
    copies.forwardedFrom[c] = -1;
    if (copies.state[from] !== CopyState.Free)
      sendOver(w, link, 'down', atUs + tcpControlUs(w.costs), Ev.ForwardAck, from, copies.stamp[from]!);
    return;
  }
  const m = copies.message[c]!;
  const p = w.messages.producer[m]!;
  const producer = w.producers[p]!;
  if (producer.current !== m || producer.asyncSend || w.messages.fanout[m]) return;
  const back =
    link >= 0
      ? tcpArrivalUs(w, w.links[link]!, 'down', atUs, tcpControlUs(w.costs))
      : atUs + vmControlUs(w.costs);
  sendOver(w, link, 'down', back, Ev.Receipt, p, copies.routeTag[c]!);
}

/** The broker accepted `c` (stored as its journal strategy requires): answer and dispatch. */
export function accepted(w: World, b: BrokerRt, c: number, atUs: number): void {
  answerSender(w, c, atUs);
  dispatch(w, b, c, atUs);
}

export function dispatch(w: World, b: BrokerRt, c: number, atUs: number): void {
  const dest = w.messages.dest[w.copies.message[c]!]!;
  if (place(w, b, c, dest, atUs)) return;
  moveCopy(w.copies, c, CopyState.Pending);
  b.pending[dest]!.push(c, w.copies.pool.generation[c]!);
}

/**
 * Hands `c` to a consumer now: a local one with prefetch room, or a bridge to a broker with
 * demand. With decreaseNetworkConsumerPriority (false by default in ActiveMQ) bridges are
 * consumers like the local ones and take their turn in the round robin; otherwise they only
 * get what the local consumers have no room for. False when nobody can take it now.
 */
function place(w: World, b: BrokerRt, c: number, dest: number, atUs: number): boolean {
  if (b.networkEqualPriority && mayForward(w, b, c, dest)) return placeRoundRobin(w, b, c, dest, atUs);
  const k = pickConsumer(w, b, dest);
  if (k >= 0) {
    deliver(w, c, k, atUs);
    return true;
  }
  return tryForward(w, b, c, atUs);
}

/** Local consumers and bridge peers in one round robin. */
function placeRoundRobin(w: World, b: BrokerRt, c: number, dest: number, atUs: number): boolean {
  const locals = b.consumersByDest[dest]!;
  const peers = w.peersOf[b.id]!;
  const n = locals.length + peers.length;
  const start = b.nextTarget[dest]! % n;
  for (let i = 0; i < n; i++) {
    const j = (start + i) % n;
    let placed = false;
    if (j < locals.length) {
      const k = w.consumers[locals[j]!]!;
      if (k.inflight < Math.max(1, k.spec.prefetch)) {
        deliver(w, c, k.id, atUs);
        placed = true;
      }
    } else placed = tryForwardTo(w, b, c, dest, peers[j - locals.length]!, atUs);
    if (placed) {
      b.nextTarget[dest] = j + 1;
      return true;
    }
  }
  return false;
}

/** Next consumer of `dest` on `b` with prefetch room, round robin; -1 none. */
function pickConsumer(w: World, b: BrokerRt, dest: number): number {
  const list = b.consumersByDest[dest]!;
  const n = list.length;
  if (n === 0) return -1;
  const start = b.nextConsumer[dest]! % n;
  for (let i = 0; i < n; i++) {
    const j = (start + i) % n;
    const k = w.consumers[list[j]!]!;
    if (k.inflight < Math.max(1, k.spec.prefetch)) {
      b.nextConsumer[dest] = j + 1;
      return k.id;
    }
  }
  return -1;
}

/** Sends `c` to consumer `k`: it arrives after the hop, waits for the consumer, is processed. */
export function deliver(w: World, c: number, k: number, atUs: number): void {
  const copies = w.copies;
  const consumer = w.consumers[k]!;
  const m = copies.message[c]!;
  const hops = w.producers[w.messages.producer[m]!]!.hopUs;
  moveCopy(copies, c, CopyState.Dispatched);
  copies.setConsumer(c, k);
  if (copies.dispatches[c]!++ > 0) {
    w.ledger.redeliveries++;
    const fault = w.messages.fault[m]!;
    if (fault >= 0) w.faults[fault]!.redelivered++;
  }
  const stamp = copies.restamp(c);
  const arrivedUs =
    consumer.link < 0
      ? atUs + w.noise.hop.draw(hops.vmDeliver)
      : tcpArrivalUs(w, w.links[consumer.link]!, 'down', atUs, w.noise.hop.draw(hops.tcpDeliver));
  // On both transports the broker's dispatch thread and the session's executor take it over.
  const start = Math.max(arrivedUs + w.noise.handOff.draw(w.costs.dispatchHandOffUs), consumer.busyUntilUs);
  const done = start + consumer.spec.processingUs;
  consumer.busyUntilUs = done;
  copies.startUs[c] = start;
  consumer.inflight++;
  sendOver(w, consumer.link, 'down', done, Ev.ConsumerDone, c, stamp);
}

/** The application finished processing: count the delivery, then acknowledge. */
export function onConsumerDone(w: World, c: number, stamp: number): void {
  const copies = w.copies;
  if (copies.stamp[c] !== stamp) return;
  const k = copies.consumer[c]!;
  if (k < 0 || copies.state[c] !== CopyState.Dispatched)
    throw new Error(`copy ${c} finished while not at a consumer (stamp ${stamp})`);
  finishProcessing(w, c, w.consumers[k]!, stamp);
}

/**
 * Consumer `consumer` is done with `c` now: the delivery counts and, per its acknowledgement
 * mode, the ack leaves (over vm it lands at once) or the copy is Held until the session's next
 * acknowledge() / commit(). Also called by a crash at the very microsecond the processing ends:
 * at one instant, a completion happens before a fault (see detachConsumer).
 */
export function finishProcessing(w: World, c: number, consumer: ConsumerRt, stamp: number): void {
  const copies = w.copies;
  recordDelivery(w, copies.message[c]!, copies.startUs[c]!);
  if (w.sending) w.metrics.deliveredWhileSending++;
  const batch = consumer.ackBatch;
  if (batch === 1) {
    moveCopy(copies, c, CopyState.Acking);
    sendAck(w, c, consumer, stamp);
    return;
  }
  moveCopy(copies, c, CopyState.Held);
  consumer.inflight--; // its delivered ack opens the prefetch window
  if (++consumer.unacked >= batch) acknowledgeSession(w, consumer);
  const b = w.brokers[consumer.broker]!;
  if (consumer.broker >= 0 && isActive(b)) dispatchPending(w, b, consumer.dest);
}

/** The session acknowledges (commits) every message it holds: one ack covers them all. */
function acknowledgeSession(w: World, consumer: ConsumerRt): void {
  const copies = w.copies;
  for (const c of copies.atConsumer.members(consumer.id)) {
    if (copies.state[c] !== CopyState.Held) continue;
    moveCopy(copies, c, CopyState.Acking);
    sendAck(w, c, consumer, copies.stamp[c]!);
  }
  consumer.unacked = 0;
}

function sendAck(w: World, c: number, consumer: ConsumerRt, stamp: number): void {
  if (consumer.link < 0) onAck(w, c, stamp);
  else {
    const atUs = tcpArrivalUs(w, w.links[consumer.link]!, 'up', w.now, tcpControlUs(w.costs));
    sendOver(w, consumer.link, 'up', atUs, Ev.AckAtBroker, c, stamp);
  }
}

/** The broker has the ack: the copy leaves its store and memory; the consumer has room again. */
export function onAck(w: World, c: number, stamp: number): void {
  const copies = w.copies;
  if (copies.stamp[c] !== stamp) return;
  const b = w.brokers[copies.broker[c]!]!;
  if (b.epoch !== copies.brokerEpoch[c]) return;
  // A consumer that left has no window to free (its count was reset when it left).
  const k = copies.consumer[c]!;
  if (k >= 0 && holdsWindow(w, c, w.consumers[k]!)) w.consumers[k]!.inflight--;
  const m = copies.message[c]!;
  const dest = w.messages.dest[m]!;
  removeFromBroker(w, b, c);
  dropCopy(w, c, -1);
  dispatchPending(w, b, dest);
  wakeBlockedProducers(w, b);
}

/**
 * Hands queued copies of `dest` to consumers with room, or forwards them: each no earlier than
 * the broker finished the CPU work it was charged on arrival (its `readyUs`), so a saturated
 * broker's deliveries never outrun its CPU.
 */
export function dispatchPending(w: World, b: BrokerRt, dest: number): void {
  const q = b.pending[dest]!;
  while (q.length > 0) {
    const c = q.frontSlot();
    if (!isPendingAt(w, b, c, q.frontGen())) {
      q.shift();
      continue;
    }
    if (!place(w, b, c, dest, Math.max(w.now, w.copies.readyUs[c]!))) break;
    q.shift();
  }
}

/** Whether a queue entry still names a copy waiting at `b`. */
function isPendingAt(w: World, b: BrokerRt, c: number, gen: number): boolean {
  const copies = w.copies;
  return (
    copies.pool.generation[c] === gen &&
    copies.state[c] === CopyState.Pending &&
    copies.broker[c] === b.id &&
    copies.brokerEpoch[c] === b.epoch
  );
}

/**
 * A consumer let go of `c` without acknowledging it (it died, or its connection broke): the
 * broker re-dispatches it at once, marked redelivered, or moves it to the DLQ once it has been
 * redelivered too often. The RedeliveryPolicy delay is the client's, on rollback / recover
 * (MODEL.md), not the broker's: a dead consumer's messages do not wait for it.
 */
export function redeliver(w: World, b: BrokerRt, c: number, fault: number): void {
  const copies = w.copies;
  const m = copies.message[c]!;
  moveCopy(copies, c, CopyState.Redelivering);
  copies.setConsumer(c, -1);
  const stamp = copies.restamp(c);
  if (fault >= 0) w.messages.fault[m] = fault;
  if (copies.dispatches[c]! > w.costs.maxRedeliveries) {
    w.messages.outcome[m] = Outcome.DeadLetter;
    removeFromBroker(w, b, c);
    dropCopy(w, c, -1);
    return;
  }
  assertFreshStamp(w, c, stamp, Ev.Redeliver);
  w.queue.push(w.now, Ev.Redeliver, c, stamp);
}

export function onRedeliver(w: World, c: number, stamp: number): void {
  const copies = w.copies;
  if (copies.stamp[c] !== stamp) return;
  const b = w.brokers[copies.broker[c]!]!;
  if (b.epoch !== copies.brokerEpoch[c] || !isActive(b)) return;
  dispatch(w, b, c, w.now);
}

/** The remote broker stored the forwarded copy: the source lets go of its own. */
export function onForwardAck(w: World, c: number, stamp: number): void {
  const copies = w.copies;
  if (copies.stamp[c] !== stamp) return;
  const b = w.brokers[copies.broker[c]!]!;
  if (b.epoch !== copies.brokerEpoch[c]) return;
  copies.forwardedAs[c] = -1;
  const link = copies.forwardLink[c]!;
  if (freeBridgeSlot(w, link, copies.forwardTag[c]!)) dispatchOverBridge(w, w.links[link]!);
  removeFromBroker(w, b, c);
  dropCopy(w, c, -1);
}

/** A bridge's window has room again: both its ends may forward what they queued. */
export function dispatchOverBridge(w: World, link: LinkRt): void {
  for (const id of [link.source, link.broker]) {
    if (id < 0) continue;
    for (let d = 0; d < w.dests.length; d++) dispatchPending(w, w.brokers[id]!, d);
  }
}
