/**
 * Networks of brokers (W:networks-of-brokers): a broker forwards a message over a bridge only
 * on demand, when a broker it is bridged to has a consumer for it and no local consumer can take
 * it (local consumers come first, as with decreaseNetworkConsumerPriority). Persistent messages
 * stay in the source store until the remote broker has stored them (at least once); a
 * non-persistent one leaves the source at once and dies if the bridge does. A message that
 * already used its network hops (networkTTL) stays where it is: stuck, if its consumer left.
 */
import { isActive } from './brokerState.js';
import { CopyState, moveCopy } from './copyState.js';
import { Ev } from './events.js';
import { dropCopy } from './ledger.js';
import { ensureBridge } from './links.js';
import { peersWithConsumers } from './localConsumers.js';
import { Journal } from './messages.js';
import { sendOver } from './network.js';
import { removeFromBroker } from './storage.js';
import type { BrokerRt, LinkRt, World } from './world.js';

/**
 * Whether `c` may leave `b` over the network at all: within networkTTL, or sent back because
 * its consumer moved (replayWhenNoConsumers). Returns the hops it may still take and the broker
 * it must not go back to, or undefined.
 */
function route(
  w: World,
  b: BrokerRt,
  c: number,
  dest: number,
): { hopsLeft: number; exclude: number } | undefined {
  const hops = w.copies.hops[c]!;
  const replay = w.topology.cluster?.replayWhenNoConsumers === true && b.consumersByDest[dest]!.length === 0;
  if (hops >= w.maxHops && !replay) return undefined;
  return { hopsLeft: Math.max(1, w.maxHops - hops), exclude: replay ? -1 : lastHop(w, c) };
}

/** Whether `c` may be forwarded from `b` at all (so that bridge peers count as consumers of it). */
export function mayForward(w: World, b: BrokerRt, c: number, dest: number): boolean {
  return w.peersOf[b.id]!.length > 0 && route(w, b, c, dest) !== undefined;
}

/** Forwards `c` to the next bridged broker with demand for it (round robin); false when none takes it. */
export function tryForward(w: World, b: BrokerRt, c: number, atUs: number): boolean {
  const dest = w.messages.dest[w.copies.message[c]!]!;
  const r = route(w, b, c, dest);
  if (!r) return false;
  // With no hop left beyond the peer, only a peer with its own consumer has demand: visit only
  // those, in the same round-robin order (forwardIfDemand would refuse the others).
  if (r.hopsLeft <= 1) return forwardToConsumerPeer(w, b, c, dest, r, atUs);
  const peers = w.peersOf[b.id]!;
  for (let i = 0; i < peers.length; i++) {
    const j = (b.nextPeer + i) % peers.length;
    if (forwardIfDemand(w, b, c, dest, peers[j]!, r, atUs)) {
      b.nextPeer = j + 1;
      return true;
    }
  }
  return false;
}

/**
 * tryForward's round robin over the peers that have a consumer of `dest` (localConsumers.ts):
 * from the first such position at or after nextPeer, wrapping around.
 */
function forwardToConsumerPeer(
  w: World,
  b: BrokerRt,
  c: number,
  dest: number,
  r: { hopsLeft: number; exclude: number },
  atUs: number,
): boolean {
  const peers = w.peersOf[b.id]!;
  const positions = peersWithConsumers(w, b.id, dest);
  const n = positions.length;
  if (n === 0) return false;
  const start = b.nextPeer % peers.length;
  let first = 0;
  while (first < n && positions[first]! < start) first++;
  for (let i = 0; i < n; i++) {
    const j = positions[(first + i) % n]!;
    if (forwardIfDemand(w, b, c, dest, peers[j]!, r, atUs)) {
      b.nextPeer = j + 1;
      return true;
    }
  }
  return false;
}

/** Forwards `c` to `peer` if it may go there, the peer can use it and the bridge has room. */
export function tryForwardTo(
  w: World,
  b: BrokerRt,
  c: number,
  dest: number,
  peer: number,
  atUs: number,
): boolean {
  const r = route(w, b, c, dest);
  return r !== undefined && forwardIfDemand(w, b, c, dest, peer, r, atUs);
}

/**
 * The bridged brokers that are network subscribers of a topic message at `b` right now: reachable
 * over a connected bridge with room, with a subscriber within the hops it has left (beyond a hub
 * too). One per bridge: a spoke's bridge reaches the hub broker it is connected to.
 */
export function networkSubscribers(w: World, b: BrokerRt, c: number, dest: number): number[] {
  const r = route(w, b, c, dest);
  if (!r) return [];
  const out: number[] = [];
  for (const peer of w.peersOf[b.id]!) {
    if (peer === r.exclude) continue;
    const p = w.brokers[peer]!;
    if (!hasDemand(w, p, dest, r.hopsLeft - 1, b.id) || !isActive(p)) continue;
    const link = ensureBridge(w, b, p);
    if (link.broker >= 0 && remoteOf(link, b.id) === peer && link.forwarding < BRIDGE_PREFETCH)
      out.push(peer);
  }
  return out;
}

function forwardIfDemand(
  w: World,
  b: BrokerRt,
  c: number,
  dest: number,
  peer: number,
  r: { hopsLeft: number; exclude: number },
  atUs: number,
): boolean {
  if (peer === r.exclude) return false;
  const p = w.brokers[peer]!;
  // Demand first: most peers have none (a web tier's broker for orders), and both tests are pure.
  if (!hasDemand(w, p, dest, r.hopsLeft - 1, b.id) || !isActive(p)) return false;
  const link = ensureBridge(w, b, p);
  // A star bridge reaches whichever hub broker it failed over to: only that one counts.
  // A bridge is a consumer with a prefetch window: when it is full, the message waits here.
  if (link.broker < 0 || remoteOf(link, b.id) !== peer || link.forwarding >= BRIDGE_PREFETCH) return false;
  forwardVia(w, b, c, link.id, peer, atUs);
  return true;
}

/** The broker a copy arrived from over a bridge (never sent straight back); -1 none. */
function lastHop(w: World, c: number): number {
  const link = w.copies.link[c]!;
  if (link < 0 || w.links[link]!.kind !== 'bridge') return -1;
  return remoteOf(w.links[link]!, w.copies.broker[c]!);
}

/** The network bridge's prefetchSize (W:networks-of-brokers): messages it may have in flight. */
const BRIDGE_PREFETCH = 1000;

function remoteOf(link: LinkRt, broker: number): number {
  return link.source === broker ? link.broker : link.source;
}

function hasDemand(w: World, b: BrokerRt, dest: number, hopsLeft: number, exclude: number): boolean {
  if (b.consumersByDest[dest]!.length > 0) return true;
  if (hopsLeft <= 0) return false;
  for (const peer of w.peersOf[b.id]!) {
    if (peer === exclude) continue;
    const p = w.brokers[peer]!;
    if (p.consumersByDest[dest]!.length > 0 && isActive(p)) return true;
  }
  return false;
}

function forwardVia(w: World, b: BrokerRt, c: number, link: number, peer: number, atUs: number): void {
  const copies = w.copies;
  const m = copies.message[c]!;
  const target = w.brokers[peer]!;
  const c2 = copies.allocate(m, CopyState.Arriving, peer, target.epoch);
  w.messages.holders[m]!++;
  w.ledger.forwarded++;
  copies.hops[c2] = copies.hops[c]! + 1;
  copies.link[c2] = link;
  copies.routeTag[c2] = w.links[link]!.epoch;
  w.links[link]!.forwarding++;
  const inStore = copies.journal[c] !== Journal.None;
  if (inStore) {
    moveCopy(copies, c, CopyState.Forwarding);
    copies.forwardedAs[c] = c2;
    copies.forwardedFrom[c2] = c;
    copies.setForwardLink(c, link);
    copies.forwardTag[c] = w.links[link]!.epoch;
  } else {
    removeFromBroker(w, b, c);
    dropCopy(w, c, -1);
  }
  const l = w.links[link]!;
  sendOver(
    w,
    link,
    b.id === l.source ? 'up' : 'down',
    atUs + w.producers[w.messages.producer[m]!]!.hopUs.forward,
    Ev.AtBroker,
    c2,
    copies.stamp[c2]!,
  );
}

/**
 * A bridge's window: a persistent message counts until the far side confirms it stored it, a
 * non-persistent one until it arrives there (the socket buffer). Returns the bridge whose full
 * window just got room (its ends may dispatch again), or -1.
 */
export function bridgeArrived(w: World, c: number): number {
  if (w.copies.forwardedFrom[c]! >= 0) return -1;
  const link = w.copies.link[c]!;
  return freeBridgeSlot(w, link, w.copies.routeTag[c]!) ? link : -1;
}

/** Frees one slot of a bridge's window; true when the window was full and has room again. */
export function freeBridgeSlot(w: World, linkId: number, tag: number): boolean {
  if (linkId < 0) return false;
  const link = w.links[linkId]!;
  if (link.kind !== 'bridge' || link.epoch !== tag || link.forwarding === 0) return false;
  link.forwarding--;
  return link.forwarding === BRIDGE_PREFETCH - 1;
}
