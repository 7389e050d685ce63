/**
 * How a consumer's session acknowledges (MODEL.md, "Acknowledgement and redelivery"). AUTO and
 * INDIVIDUAL acknowledge each message as onMessage returns; CLIENT_ACKNOWLEDGE and transacted
 * sessions acknowledge (commit) every `ackEvery` messages, everything received before at once;
 * DUPS_OK acknowledges lazily in batches of half the prefetch. Until then a processed copy is
 * Held: the broker still has it, and redelivers it if the consumer dies.
 */
import type { Consumer } from '../topology/types.js';
import { CopyState } from './copyState.js';
import type { ConsumerRt, World } from './world.js';

/** Messages a session acknowledges at once: 1 for a per-message acknowledgement. */
export function ackBatch(spec: Consumer): number {
  switch (spec.ackMode) {
    case 'client':
    case 'transacted':
      return spec.ackEvery;
    case 'dups-ok':
      return Math.max(1, Math.floor(spec.prefetch / 2));
    default:
      return 1;
  }
}

/**
 * Whether copy `c` still takes a place in its consumer's prefetch window. A batching session
 * opens the window as each message is consumed (ActiveMQ's delivered acks), so its Held and
 * Acking copies take none; a per-message one frees the place when the broker has the ack.
 */
export function holdsWindow(w: World, c: number, consumer: ConsumerRt): boolean {
  const state = w.copies.state[c];
  if (state === CopyState.Dispatched) return true;
  return state === CopyState.Acking && consumer.ackBatch === 1;
}

/** Copy `c` leaves its consumer without an acknowledgement (its broker or store is gone). */
export function releaseFromConsumer(w: World, c: number, consumer: ConsumerRt): void {
  if (holdsWindow(w, c, consumer)) consumer.inflight--;
  if (w.copies.state[c] === CopyState.Held) consumer.unacked--;
  w.copies.setConsumer(c, -1);
}
