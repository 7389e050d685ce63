/**
 * Lifecycle changes the message path reacts to. A lifecycle effect (a broker became active, a
 * link connected or broke) changes the lifecycle's own state at once and queues a notice; the
 * loop drains the notices after the handler that caused them, in the order they were queued.
 * So no lifecycle change re-enters dispatch, forwarding or a consumer while it is half done
 * (issue 12: a bridge created inside dispatch used to dispatch again from its `onActive`).
 */
import { onBrokerActive, onLinkDown, onLinkUp } from './reactions.js';
import type { World } from './world.js';

export type Notice =
  /** Broker `broker` became active in incarnation `epoch`: recover its store, reattach, dispatch. */
  | { kind: 'brokerActive'; broker: number; epoch: number }
  /** Link `link` connected (its connection `epoch`): attach its consumers, resume its producers, dispatch. */
  | { kind: 'linkUp'; link: number; epoch: number }
  /** Link `link`'s connection `epoch` broke (`fault` took it down, -1 unknown): detach, wait, re-dispatch. */
  | { kind: 'linkDown'; link: number; epoch: number; fault: number };

/** A drain longer than this is a lifecycle loop that never settles: a bug, stopped loudly. */
export const MAX_NOTICES_PER_DRAIN = 1_000_000;

/** The loop's side: applies every queued notice, oldest first, including those queued meanwhile. */
export function drainNotices(w: World): void {
  const notices = w.notices;
  let applied = 0;
  for (let i = 0; i < notices.length; i++) {
    if (++applied > MAX_NOTICES_PER_DRAIN) throw new Error('lifecycle notices do not settle');
    apply(w, notices[i]!);
  }
  notices.length = 0;
}

function apply(w: World, n: Notice): void {
  switch (n.kind) {
    case 'brokerActive':
      return onBrokerActive(w, w.brokers[n.broker]!, n.epoch);
    case 'linkUp':
      return onLinkUp(w, w.links[n.link]!, n.epoch);
    case 'linkDown':
      return onLinkDown(w, w.links[n.link]!, n.epoch, n.fault);
    default:
      return unknownNotice(n);
  }
}

function unknownNotice(n: never): never {
  throw new Error(`unknown notice ${JSON.stringify(n)}`);
}
