/**
 * The consumers attached to each broker, per destination (BrokerRt.consumersByDest), changed only
 * here; and, derived from them, which of a broker's bridge peers have a consumer of a destination
 * (`peersWithConsumers`), which forwarding reads for every message it forwards.
 *
 * Consumers attach and leave rarely (connects, crashes, restarts); messages are forwarded all the
 * time. So the derived lists are built on first use and all dropped whenever any broker's
 * consumers change: in a full mesh of 105 brokers where 5 have a consumer of orders, a web
 * broker's order looks at 5 peers instead of scanning past ~20 (that scan was ~4% of the
 * embedded example's CPU profile).
 */
import type { BrokerRt, World } from './world.js';

/** Consumer `k` of `dest` attaches to `b` (last in its round robin). */
export function addLocalConsumer(w: World, b: BrokerRt, dest: number, k: number): void {
  b.consumersByDest[dest]!.push(k);
  w.peersWithConsumers.fill(null);
}

/** Consumer `k` of `dest` leaves `b`, if it was attached there. */
export function removeLocalConsumer(w: World, b: BrokerRt, dest: number, k: number): void {
  const list = b.consumersByDest[dest]!;
  const i = list.indexOf(k);
  if (i >= 0) list.splice(i, 1);
  w.peersWithConsumers.fill(null);
}

/** Every consumer leaves `b` (it died or stopped); resetting the consumers' own `broker` is the caller's. */
export function clearLocalConsumers(w: World, b: BrokerRt): void {
  for (const list of b.consumersByDest) list.length = 0;
  w.peersWithConsumers.fill(null);
}

/**
 * The positions i in peersOf[b] (ascending) whose broker has a consumer of `dest` attached now.
 * The same as filtering peersOf[b] by `consumersByDest[dest].length > 0`, kept until a change.
 */
export function peersWithConsumers(w: World, b: number, dest: number): Int32Array {
  const key = b * w.dests.length + dest;
  const known = w.peersWithConsumers[key]!;
  if (known !== null) return known;
  const peers = w.peersOf[b]!;
  const positions: number[] = [];
  for (let i = 0; i < peers.length; i++)
    if (w.brokers[peers[i]!]!.consumersByDest[dest]!.length > 0) positions.push(i);
  const list = Int32Array.from(positions);
  w.peersWithConsumers[key] = list;
  return list;
}
