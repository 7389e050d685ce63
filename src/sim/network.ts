/**
 * Partitions and links: whether two hosts can talk, and how events cross a link. While a
 * partition stalls a link, what would cross it is held (TCP retransmits it after the heal);
 * when the link is declared dead, what was held is dropped.
 */
import { CopyState } from './copyState.js';
import { Ev } from './events.js';
import type { LinkRt, World } from './world.js';

/** Direction on a link: towards the broker (`up`) or towards the connecting side (`down`). */
export type Direction = 'up' | 'down';

/** A new connection needs both directions: any partition between the two hosts blocks it. */
export function reachable(w: World, a: string, b: string): boolean {
  for (const p of w.partitions) {
    if ((p.a === a && p.b === b) || (p.a === b && p.b === a)) return false;
  }
  return true;
}

/** Whether traffic from host `from` to host `to` is dropped by a partition. */
export function blocked(w: World, from: string, to: string): boolean {
  for (const p of w.partitions) {
    if (p.a === from && p.b === to) return true;
    if (!p.oneWay && p.a === to && p.b === from) return true;
  }
  return false;
}

/** The two hosts a connected link joins: (connecting side, broker side). */
function linkHosts(w: World, link: LinkRt): [string, string] | undefined {
  if (link.broker < 0) return undefined;
  return [link.fromHost, w.brokers[link.broker]!.host];
}

/** Recomputes whether a connected link is stalled in each direction by the current partitions. */
export function updateStall(w: World, link: LinkRt): void {
  const hosts = linkHosts(w, link);
  link.stalledUp = hosts ? blocked(w, hosts[0], hosts[1]) : false;
  link.stalledDown = hosts ? blocked(w, hosts[1], hosts[0]) : false;
}

/** Schedules an event that crosses `link` in `direction`, or holds it while the link is stalled. */
export function sendOver(
  w: World,
  link: number,
  direction: Direction,
  timeUs: number,
  kind: number,
  a: number,
  b: number,
): void {
  if (COPY_EVENTS[kind] === 1) assertFreshStamp(w, a, b, kind);
  if (link >= 0) {
    const l = w.links[link]!;
    if (direction === 'up' ? l.stalledUp : l.stalledDown) {
      l.held.push(timeUs - w.now, kind, a, b);
      return;
    }
  }
  w.queue.push(timeUs, kind, a, b);
}

/** A partition healed: what the link held goes out now, each after its own delay. */
export function releaseHeld(w: World, link: LinkRt): void {
  const held = link.held;
  link.held = [];
  for (let i = 0; i < held.length; i += 4)
    w.queue.push(w.now + held[i]!, held[i + 1]!, held[i + 2]!, held[i + 3]!);
}

/** @private Event kinds whose (a, b) are (copy, stamp). */
const COPY_EVENTS = (() => {
  const kinds = new Uint8Array(64);
  for (const k of [Ev.AtBroker, Ev.ConsumerDone, Ev.AckAtBroker, Ev.ForwardAck, Ev.Redeliver]) kinds[k] = 1;
  return kinds;
})();

/**
 * No event may leave with a stale stamp: one scheduled about a copy that is already gone, or
 * that has started a new journey, would be ignored at best and revive a recycled slot at worst
 * (issue 12). A stamp goes stale only while an event is on its way.
 */
export function assertFreshStamp(w: World, c: number, stamp: number, kind: number): void {
  if (w.copies.state[c] === CopyState.Free || w.copies.stamp[c] !== stamp)
    throw new Error(
      `event kind ${kind} scheduled for copy ${c} with stale stamp ${stamp} (now ${w.copies.stamp[c]})`,
    );
}
