/**
 * How the message path reacts to lifecycle changes, applied when the loop drains their notices
 * (notices.ts): never from inside a handler, so dispatch, forwarding and consumers are never
 * re-entered. The lifecycle modules (brokers.ts, links.ts) only queue notices; this module is
 * the one place that joins the two sides, which keeps the message-path imports a tree.
 */
import { isActive } from './brokerState.js';
import { recoverStore } from './brokers.js';
import { attachConsumer, detachConsumer } from './consumers.js';
import { CopyState } from './copyState.js';
import { dispatch, dispatchOverBridge, dispatchPending } from './dispatch.js';
import { restartLink } from './links.js';
import { onRouteDown, onRouteUp } from './producers.js';
import type { BrokerRt, LinkRt, World } from './world.js';

/** Notice: the broker recovers its store, its local clients reattach, bridges restart, queues dispatch. */
export function onBrokerActive(w: World, b: BrokerRt, epoch: number): void {
  if (!isActive(b) || b.epoch !== epoch) return; // it left service again before the notice was drained
  if (b.store >= 0) recoverStore(w, b, w.stores[b.store]!);
  if (b.process >= 0) {
    const proc = w.processes[b.process]!;
    for (const k of proc.consumers) if (w.consumers[k]!.link < 0) attachConsumer(w, w.consumers[k]!, b.id);
    for (const p of proc.producers) if (w.producers[p]!.link < 0) onRouteUp(w, w.producers[p]!);
  }
  for (const link of w.links) {
    if (
      link.kind === 'bridge' &&
      (link.source === b.id || link.candidates.includes(b.id)) &&
      link.broker < 0 &&
      isActive(w.brokers[link.source]!)
    ) {
      restartLink(w, link);
    }
  }
  for (let d = 0; d < w.dests.length; d++) dispatchPending(w, b, d);
}

/** Notice: a client's consumers attach and its producers resume; a bridge's ends dispatch again. */
export function onLinkUp(w: World, link: LinkRt, epoch: number): void {
  if (link.epoch !== epoch || link.broker < 0) return; // it broke again before the notice was drained
  if (link.kind === 'client') {
    const proc = w.processes[link.process]!;
    for (const k of proc.consumers)
      if (w.consumers[k]!.link === link.id) attachConsumer(w, w.consumers[k]!, link.broker);
    for (const p of proc.producers) if (w.producers[p]!.link === link.id) onRouteUp(w, w.producers[p]!);
    return;
  }
  // Either end may now have queued messages that only the other side can consume.
  dispatchOverBridge(w, link);
}

/** Notice: consumers of a broken client link detach and its producers wait; a bridge's copies go back. */
export function onLinkDown(w: World, link: LinkRt, epoch: number, fault: number): void {
  if (link.kind === 'bridge') {
    requeueForwarded(w, link, epoch);
    return;
  }
  const proc = w.processes[link.process]!;
  for (const k of proc.consumers)
    if (w.consumers[k]!.link === link.id) detachConsumer(w, w.consumers[k]!, 'link', fault);
  for (const p of proc.producers)
    if (w.producers[p]!.link === link.id) onRouteDown(w, w.producers[p]!, fault);
}

/**
 * A bridge's connection `epoch` went down: copies its source was forwarding over it and has not
 * heard back about are dispatched again (at least once: the remote may have stored them already).
 */
function requeueForwarded(w: World, link: LinkRt, epoch: number): void {
  const copies = w.copies;
  for (const c of copies.forwardedOver.members(link.id)) {
    const c2 = copies.forwardedAs[c]!;
    if (
      copies.state[c] === CopyState.Free ||
      c2 < 0 ||
      copies.forwardLink[c] !== link.id ||
      copies.forwardTag[c] !== epoch
    )
      continue;
    copies.forwardedAs[c] = -1;
    copies.setForwardLink(c, -1);
    // The far copy may be gone already (consumed there); if not, it no longer answers.
    if (copies.state[c2] !== CopyState.Free && copies.forwardedFrom[c2] === c) copies.forwardedFrom[c2] = -1;
    const b = w.brokers[copies.broker[c]!]!;
    if (isActive(b) && b.epoch === copies.brokerEpoch[c]) {
      copies.restamp(c);
      dispatch(w, b, c, w.now);
    }
  }
}
