/**
 * Links: a client's failover: connection and a network bridge, each driven by its xstate
 * machine, stepped by lifecycle.ts. The machine decides when to try; `attemptConnect` here
 * decides whether a broker answers (active, and not cut off by a partition).
 */
import { type BridgeEffect, bridgeMachine } from '../machines/bridgeMachine.js';
import { type FailoverEffect, failoverMachine } from '../machines/failoverMachine.js';
import { isActive } from './brokerState.js';
import { Ev } from './events.js';
import { type Lifecycle, newLifecycle, sendLifecycle } from './lifecycle.js';
import { reachable, updateStall } from './network.js';
import { lostOnTheWay, onGaveUp } from './producers.js';
import { resetPipeline } from './sendPipeline.js';
import type { BrokerRt, LinkRt, World } from './world.js';

/**
 * A failed connect attempt costs at least a round trip (a refused TCP handshake), so a
 * reconnect delay of zero retries at that pace instead of forever at one instant.
 */
function attemptDelayUs(w: World, us: number): number {
  return Math.max(us, w.costs.lanRoundTripUs, 100);
}

function newLink(
  w: World,
  kind: LinkRt['kind'],
  fromHost: string,
  process: number,
  source: number,
  candidates: number[],
  randomize: boolean,
): LinkRt {
  const link: LinkRt = {
    id: w.links.length,
    kind,
    fromHost,
    process,
    source,
    candidates,
    randomize,
    lifecycle: undefined as unknown as LinkRt['lifecycle'],
    broker: -1,
    epoch: 0,
    stalledUp: false,
    stalledDown: false,
    held: [],
    chosen: -1,
    downFault: -1,
    forwarding: 0,
    upFreeUs: 0,
    downFreeUs: 0,
    pipeline: [],
    pipelineHead: 0,
    pipelineBytes: 0,
    readerDeadUs: -1,
  };
  w.links.push(link);
  return link;
}

/** A process's failover: connection to the cluster. Started with its process. */
export function createClientLink(w: World, process: number, candidates: number[]): LinkRt {
  const f = w.topology.failover;
  const link = newLink(w, 'client', w.processes[process]!.name, process, -1, candidates, f.randomize);
  const lifecycle = newLifecycle(
    w,
    failoverMachine,
    {
      initialReconnectDelayUs: attemptDelayUs(w, f.initialReconnectDelayUs),
      maxReconnectDelayUs: attemptDelayUs(w, f.maxReconnectDelayUs),
      backOffMultiplier: f.backOffMultiplier,
      useExponentialBackOff: f.useExponentialBackOff,
      maxReconnectAttempts: f.maxReconnectAttempts,
      reconnect: w.processes[process]!.app.connection === 'failover',
    },
    (effect: FailoverEffect) => {
      switch (effect) {
        case 'attemptConnect': {
          const b = chooseBroker(w, link);
          link.chosen = b;
          return sendLifecycle(
            w,
            lifecycle,
            b >= 0
              ? { type: 'CONNECTED', broker: w.brokers[b]!.name }
              : { type: 'CONNECT_FAILED', attemptUs: w.costs.reconnectAttemptUs },
          );
        }
        case 'onConnected':
          return connected(w, link);
        case 'onDisconnected':
          return disconnected(w, link);
        case 'onGaveUp':
          for (const p of w.processes[process]!.producers)
            if (w.producers[p]!.link === link.id) onGaveUp(w, w.producers[p]!);
          return;
        default:
          return unknownEffect(effect);
      }
    },
  );
  link.lifecycle = lifecycle;
  return link;
}

/** The bridge between `a` and `b`, created (and started) the first time it is needed. */
export function ensureBridge(w: World, a: BrokerRt, b: BrokerRt): LinkRt {
  const existing = a.bridgeByPeer.get(b.id);
  if (existing !== undefined) return w.links[existing]!;
  const spoke = w.isSpoke[a.id] ? a : w.isSpoke[b.id] ? b : undefined;
  const source = spoke ?? (a.id < b.id ? a : b);
  const candidates = spoke ? w.peersOf[spoke.id]! : [source === a ? b.id : a.id];
  const link = newLink(w, 'bridge', source.host, -1, source.id, candidates, false);
  // Both ends find it; a spoke's bridge fails over across the hub, so it serves every hub broker.
  for (const other of candidates) {
    source.bridgeByPeer.set(other, link.id);
    w.brokers[other]!.bridgeByPeer.set(source.id, link.id);
  }
  const lifecycle = newLifecycle(
    w,
    bridgeMachine,
    {
      initialReconnectDelayUs: attemptDelayUs(w, w.costs.bridgeReconnectInitialUs),
      maxReconnectDelayUs: attemptDelayUs(w, w.costs.bridgeReconnectMaxUs),
    },
    (effect: BridgeEffect) => {
      switch (effect) {
        case 'attemptConnect': {
          const chosen = isActive(w.brokers[source.id]!) ? chooseBroker(w, link) : -1;
          link.chosen = chosen;
          return sendLifecycle(
            w,
            lifecycle,
            chosen >= 0 ? { type: 'CONNECTED' } : { type: 'CONNECT_FAILED' },
          );
        }
        case 'onActive':
          return connected(w, link);
        case 'onFailed':
          return disconnected(w, link);
        default:
          return unknownEffect(effect);
      }
    },
  );
  link.lifecycle = lifecycle;
  sendLifecycle(w, lifecycle, { type: 'START' });
  return link;
}

/** The first candidate that is active and reachable, in failover order (shuffled with `randomize`). */
function chooseBroker(w: World, link: LinkRt): number {
  if (link.process >= 0 && !w.processes[link.process]!.alive) return -1;
  let order = link.candidates;
  if (link.randomize && order.length > 1) {
    order = [...order];
    for (let i = order.length - 1; i > 0; i--) {
      const j = w.rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  for (const b of order) {
    const broker = w.brokers[b]!;
    if (isActive(broker) && reachable(w, link.fromHost, broker.host)) return b;
  }
  return -1;
}

/** The link is up: its own state now, the messages' reaction once the handler is done. */
function connected(w: World, link: LinkRt): void {
  link.broker = link.chosen;
  link.epoch++;
  link.held = [];
  link.downFault = -1;
  resetPipeline(link);
  // A new socket has its own transport threads: the old connection's backlog went with it.
  link.upFreeUs = w.now;
  link.downFreeUs = w.now;
  updateStall(w, link);
  w.notices.push({ kind: 'linkUp', link: link.id, epoch: link.epoch });
}

/** The link is down: what it held is lost now; its clients and forwarded copies react after the handler. */
function disconnected(w: World, link: LinkRt): void {
  const broker = link.broker;
  const epoch = link.epoch;
  dropHeld(w, link);
  link.broker = -1;
  link.epoch++;
  link.forwarding = 0;
  resetPipeline(link);
  link.stalledUp = false;
  link.stalledDown = false;
  if (link.downFault < 0 && broker >= 0) link.downFault = w.brokers[broker]!.downFault;
  w.notices.push({ kind: 'linkDown', link: link.id, epoch, fault: link.downFault });
}

/** What a dead link held never arrives: copies on their way are lost (replies just vanish). */
function dropHeld(w: World, link: LinkRt): void {
  const held = link.held;
  link.held = [];
  for (let i = 0; i < held.length; i += 4) {
    const c = held[i + 2]!;
    if (held[i + 1] === Ev.AtBroker && w.copies.stamp[c] === held[i + 3]) lostOnTheWay(w, c, link.downFault);
  }
}

/** The connecting side notices, after `afterUs`, that the link's broker is gone. */
export function scheduleLinkFailure(w: World, link: LinkRt, afterUs: number, fault: number): void {
  if (link.broker < 0) return;
  if (fault >= 0 && link.downFault < 0) link.downFault = fault;
  w.queue.push(w.now + afterUs, Ev.LinkFailure, link.id, link.epoch);
}

export function onLinkFailure(w: World, linkId: number, epoch: number): void {
  const link = w.links[linkId]!;
  if (link.epoch !== epoch || link.broker < 0) return;
  sendLink(w, link, link.kind === 'client' ? 'TRANSPORT_FAILED' : 'FAILED');
}

/** Restarts a link from scratch (its process or source broker came back): connects at once. */
export function restartLink(w: World, link: LinkRt): void {
  sendLink(w, link, 'STOP');
  if (link.broker >= 0) disconnected(w, link);
  sendLink(w, link, 'START');
}

/** Starts a link that has never run (at boot): it connects at once. */
export function startLink(w: World, link: LinkRt): void {
  sendLink(w, link, 'START');
}

/** Stops a link with its process (no reconnect attempts while it is dead). */
export function stopLink(w: World, link: LinkRt, fault: number): void {
  if (fault >= 0) link.downFault = fault;
  sendLink(w, link, 'STOP');
  if (link.broker >= 0) disconnected(w, link);
}

/** An event both link machines know, or the one that only its kind knows. */
function sendLink(w: World, link: LinkRt, type: 'START' | 'STOP' | 'TRANSPORT_FAILED' | 'FAILED'): void {
  sendLifecycle(w, link.lifecycle as Lifecycle, { type } as never);
}

function unknownEffect(effect: never): never {
  throw new Error(`unknown link effect ${String(effect)}`);
}
