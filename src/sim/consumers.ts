/** Consumers attaching to a broker and leaving it, with what happens to their unacknowledged copies. */
import { isActive } from './brokerState.js';
import { CopyState } from './copyState.js';
import { dispatchPending, finishProcessing, redeliver } from './dispatch.js';
import { recordDelivery } from './ledger.js';
import { addLocalConsumer, removeLocalConsumer } from './localConsumers.js';
import type { ConsumerRt, World } from './world.js';

export function attachConsumer(w: World, k: ConsumerRt, broker: number): void {
  if (k.broker >= 0) detachConsumer(w, k, 'link', -1);
  const b = w.brokers[broker]!;
  k.broker = broker;
  k.busyUntilUs = w.now;
  addLocalConsumer(w, b, k.dest, k.id);
  dispatchPending(w, b, k.dest);
  // A network of brokers: the new consumer is demand for the brokers bridged to this one, which
  // may now forward what they had queued with nobody to take it.
  for (const other of w.brokers)
    if (other.id !== b.id && isActive(other) && w.peersOf[other.id]!.includes(b.id))
      dispatchPending(w, other, k.dest);
}

/**
 * The consumer is gone from its broker, which re-dispatches every copy it had not acknowledged
 * (in onMessage, prefetched, or processed but Held for its session's next acknowledge / commit).
 * A message whose onMessage had started counts as delivered (the application has seen it), so it
 * comes back as a duplicate. `crash`: its process died; an ack already on the wire settles its
 * copy. `link`: its connection broke while it lives; every ack not yet received is lost, so the
 * broker redelivers all unacknowledged copies.
 */
export function detachConsumer(w: World, k: ConsumerRt, why: 'crash' | 'link', fault: number): void {
  if (k.broker < 0) return;
  const b = w.brokers[k.broker]!;
  removeLocalConsumer(w, b, k.dest, k.id);
  k.broker = -1;
  const copies = w.copies;
  const brokerAlive = isActive(b);
  const acksOnTheWire = why === 'crash' && k.link >= 0;
  // Ties: a processing that ends at this very microsecond has ended before the fault, whichever
  // of the two events the queue popped first. If its ConsumerDone has not run yet, it runs here
  // (and the queued one goes stale with the new stamp); its ack, if it sends one, is on the wire.
  if (acksOnTheWire)
    for (const c of dispatchedTo(w, k.id))
      if (copies.state[c] === CopyState.Dispatched && endUs(w, c, k) === w.now)
        finishProcessing(w, c, k, copies.restamp(c));
  for (const c of dispatchedTo(w, k.id)) {
    if (acksOnTheWire && copies.state[c] === CopyState.Acking) {
      copies.setConsumer(c, -1); // its ack is on the wire and settles it
      continue;
    }
    // onMessage had started: the application has the message, whatever happens to the ack.
    const start = copies.startUs[c]!;
    if (copies.state[c] === CopyState.Dispatched && start <= w.now && endUs(w, c, k) >= w.now)
      recordDelivery(w, copies.message[c]!, start);
    if (brokerAlive && copies.brokerEpoch[c] === b.epoch) redeliver(w, b, c, fault);
    else copies.setConsumer(c, -1);
  }
  k.inflight = 0;
  k.unacked = 0;
  if (brokerAlive) dispatchPending(w, b, k.dest);
}

function endUs(w: World, c: number, k: ConsumerRt): number {
  return w.copies.startUs[c]! + k.spec.processingUs;
}

/** The copies dispatched to consumer `k`, lowest slot first. */
function dispatchedTo(w: World, k: number): number[] {
  return w.copies.atConsumer.members(k);
}
