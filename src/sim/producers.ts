/**
 * Producers: application requests arrive (Poisson or evenly spaced), each becomes a send() on
 * the producer's one thread. A sync send blocks until the broker's receipt; an async send returns
 * once the message is on its way. While no broker can be reached the send blocks (failover
 * `timeout` -1) or fails after the timeout; producer flow control blocks it or fails it
 * (sendFailIfNoSpace) when the broker's memory is full. Over tcp:// a send also blocks while the
 * connection's socket buffers are full (sendPipeline.ts). On reconnect the in-flight send is
 * replayed, as the failover transport does.
 *
 * A closed-loop producer (`mode: closed-loop`) is `inFlight` sender threads per process: each
 * takes its next message as soon as its send() returns, so it never has more than one send
 * outstanding and nothing waits in a backlog. While its connection is down a thread is blocked in
 * send() and sends nothing, sync or async: FailoverTransport.oneway waits for a connected
 * transport for every command, and only a `timeout` ends the wait for a message ("Failover
 * timeout of N ms reached"). A thread whose send() throws ends its loop, as a batch job's loop
 * does without a catch.
 */
import { isActive } from './brokerState.js';
import { CopyState } from './copyState.js';
import { Ev } from './events.js';
import { dropCopy, releaseHold } from './ledger.js';
import { Ack } from './messages.js';
import { sendOver } from './network.js';
import { enterPipeline, pipelineRoomUs } from './sendPipeline.js';
import { tcpArrivalUs } from './transport.js';
import type { BrokerRt, LinkRt, ProcessRt, ProducerRt, World } from './world.js';

export function scheduleNextArrival(w: World, p: ProducerRt): void {
  const meanGapUs = 1e6 / p.spec.ratePerSecond;
  const gap = p.poisson ? p.rng.exponential(meanGapUs) : meanGapUs;
  const next = w.now + Math.max(1, Math.round(gap));
  if (next < w.sendsEndUs) w.queue.push(next, Ev.Arrival, p.id, w.processes[p.process]!.epoch);
}

/**
 * A restarted process's producers start from scratch: a closed loop's count starts over, since a
 * real application restarted by its supervisor does not know what it sent before the crash.
 */
export function restartProducers(w: World, proc: ProcessRt): void {
  for (const id of proc.producers) {
    const loop = w.producers[id]!.loop;
    if (loop) loop.left = loop.count;
  }
  for (const id of proc.producers) startProducer(w, w.producers[id]!);
}

/** A producer starts, with the run or when its process restarts. */
export function startProducer(w: World, p: ProducerRt): void {
  if (!p.loop) return scheduleNextArrival(w, p);
  p.stopped = false;
  trySend(w, p);
}

/** A closed-loop thread whose send() returned takes its next message now, while it may still send. */
function nextInLoop(w: World, p: ProducerRt): boolean {
  const loop = p.loop;
  if (!loop || p.stopped || loop.left <= 0 || !w.sending || !w.processes[p.process]!.alive) return false;
  loop.left--;
  p.backlog.push(w.now);
  return true;
}

export function onArrival(w: World, producer: number, epoch: number): void {
  const p = w.producers[producer]!;
  const proc = w.processes[p.process]!;
  if (!proc.alive || proc.epoch !== epoch || !w.sending) return;
  p.backlog.push(w.now);
  scheduleNextArrival(w, p);
  trySend(w, p);
}

/** Starts sends from the backlog while the producer's thread is free. */
function trySend(w: World, p: ProducerRt): void {
  while (p.current < 0 && (p.backlogHead < p.backlog.length || nextInLoop(w, p))) {
    const created = p.backlog[p.backlogHead++]!;
    if (p.backlogHead > 1024 && p.backlogHead * 2 > p.backlog.length) {
      p.backlog = p.backlog.slice(p.backlogHead);
      p.backlogHead = 0;
    }
    const m = w.messages.allocate(p.id, created, p.dest, p.spec.persistent);
    w.messages.holders[m] = 1; // the producer's hold until send() returns
    w.ledger.sent++;
    p.current = m;
    p.inTransit = false;
    if (p.gaveUp) {
      completeSend(w, p, false);
      continue;
    }
    // Not sent: waiting for a route or for memory, or failed at once (sendFailIfNoSpace) and on to the next.
    if (!transmit(w, p) && p.current >= 0) return;
  }
}

/**
 * An async send() returns once its message is written. Over tcp:// that is at once: a write that
 * does not fit the socket buffers blocks before it is made (blockedOnSocket). Over vm:// an open
 * loop's returns at once too; a closed loop's returns when the sending thread has done its part
 * of the hop (costs.ts vmSenderUs) and the broker's thread has finished the work that reached it
 * before: without a return time a closed loop would send without end in no time. VMTransport
 * queues commands for the broker's thread and blocks the sender only when that queue is full
 * (asyncQueueDepth, not modelled), so a real sender runs further ahead: after each of these
 * waits the broker waits a hop for the next message, and a closed loop's vm:// rate stays about
 * 10% below the broker's pace (224,200 a second at the defaults' 4 us: fidelity mirror).
 */
function asyncSendWritten(w: World, p: ProducerRt, writtenUs: number): void {
  if (!p.loop || p.link >= 0) return completeSend(w, p, true);
  w.queue.push(Math.max(writtenUs, w.now + 1), Ev.SendWritten, p.id, ++p.writeGen);
}

export function onSendWritten(w: World, producer: number, writeGen: number): void {
  const p = w.producers[producer]!;
  if (p.writeGen !== writeGen || p.current < 0 || !p.inTransit || !w.processes[p.process]!.alive) return;
  completeSend(w, p, true);
  trySend(w, p);
}

/** The broker a send would go to now: the process's own over vm, or the link's; -1 none. */
function routeBroker(w: World, p: ProducerRt): number {
  if (p.link >= 0) return w.links[p.link]!.broker;
  const b = w.processes[p.process]!.broker;
  return b >= 0 && isActive(w.brokers[b]!) ? b : -1;
}

function routeTag(w: World, p: ProducerRt, broker: number): number {
  return p.link >= 0 ? w.links[p.link]!.epoch : w.brokers[broker]!.epoch;
}

/**
 * Puts a copy of message `m` on the wire to the producer's broker. Returns when the message has
 * been written, i.e. the broker's side has taken it (an async closed loop's send() returns then),
 * or -1 when it must wait for a route or for memory.
 */
function transmitMessage(w: World, p: ProducerRt, m: number): number {
  const broker = routeBroker(w, p);
  if (broker < 0) return -1;
  const b = w.brokers[broker]!;
  if (b.memoryBytes >= b.memoryLimitBytes) {
    w.metrics.flowControlBlocks++;
    if (!b.blocked.includes(p.id)) b.blocked.push(p.id);
    return -1;
  }
  const copies = w.copies;
  const c = copies.allocate(m, CopyState.Arriving, broker, b.epoch);
  w.messages.holders[m]!++;
  copies.link[c] = p.link;
  copies.routeTag[c] = routeTag(w, p, broker);
  const spec = p.spec;
  let atUs: number;
  let writtenUs: number;
  if (p.link >= 0) {
    atUs = writeToSocket(w, w.links[p.link]!, spec.sizeBytes, p.hopUs.tcpSend);
    // In the socket buffers now: a write that does not fit blocks before this (blockedOnSocket).
    writtenUs = w.now;
  } else {
    const hopUs = w.noise.hop.draw(p.hopUs.vmSend);
    // VMTransport's queue is FIFO: the hand-off's jitter never lets a send overtake the one before.
    atUs = Math.max(w.now + hopUs, p.vmArrivalUs);
    p.vmArrivalUs = atUs;
    // The sender has done its part of the hop (the clone, serialization: the same draw's share)
    // and the broker's thread has finished the work that reached it before.
    const senderUs = Math.max(1, Math.round((hopUs * p.hopUs.vmSender) / p.hopUs.vmSend));
    writtenUs = Math.max(w.now + senderUs, b.cpuFreeUs);
  }
  sendOver(w, p.link, 'up', atUs, Ev.AtBroker, c, copies.stamp[c]!);
  p.lastBroker = broker;
  return writtenUs;
}

/**
 * Writes a message on a tcp:// link: it waits in the socket buffers until the broker's transport
 * thread, free after the commands before it, reads it; when it has been read, unmarshalled.
 */
function writeToSocket(w: World, link: LinkRt, bytes: number, hopUs: number): number {
  const wireUs = w.noise.hop.draw(hopUs);
  const readUs = Math.max(w.now + wireUs, link.upFreeUs);
  enterPipeline(link, readUs, bytes);
  return tcpArrivalUs(w, link, 'up', w.now, wireUs);
}

/**
 * Whether the send must wait for room in its connection's socket buffers: then it blocks until
 * the broker has read enough (or, if the broker died, until the transport notices).
 */
function blockedOnSocket(w: World, p: ProducerRt): boolean {
  const link = p.link >= 0 ? w.links[p.link]! : undefined;
  if (!link || link.broker < 0) return false;
  const roomUs = pipelineRoomUs(w, link, p.spec.sizeBytes);
  if (roomUs === w.now) return false;
  p.inTransit = false;
  p.waitGen++;
  if (roomUs > 0) w.queue.push(roomUs, Ev.SocketRoom, p.id, p.waitGen);
  return true;
}

/**
 * Sends the producer's current message (an async send() returns once it is written), or starts
 * waiting for a route, for memory or for the socket: false.
 */
function transmit(w: World, p: ProducerRt): boolean {
  const broker = routeBroker(w, p);
  const b = broker >= 0 ? w.brokers[broker]! : undefined;
  if (b && b.memoryBytes >= b.memoryLimitBytes && b.sendFailIfNoSpace) {
    completeSend(w, p, false);
    return false;
  }
  if (b && blockedOnSocket(w, p)) return false;
  const writtenUs = transmitMessage(w, p, p.current);
  if (writtenUs >= 0) {
    p.inTransit = true;
    w.messages.acked[p.current] = Ack.Sent;
    // A send into a dead broker or a partition is blocked from now on, even if the client
    // only notices later (a silent peer: the inactivity timeout).
    const link = p.link >= 0 ? w.links[p.link]! : undefined;
    if (b && (!isActive(b) || link?.stalledUp))
      openUnavailable(w, p, !isActive(b) ? b.downFault : link!.downFault);
    else if (p.asyncSend) closeUnavailable(w, p);
    if (p.asyncSend) asyncSendWritten(w, p, writtenUs);
    return true;
  }
  startWaiting(w, p, b ? -1 : routeFault(w, p));
  return false;
}

/** The fault that cut the producer's route, for attribution; -1 unknown. */
function routeFault(w: World, p: ProducerRt): number {
  if (p.link >= 0) return w.links[p.link]!.downFault;
  const b = w.processes[p.process]!.broker;
  return b >= 0 ? w.brokers[b]!.downFault : -1;
}

/** The producer cannot get a send through from now on (until a send succeeds). */
export function openUnavailable(w: World, p: ProducerRt, fault: number): void {
  if (p.unavailableSinceUs >= 0) return;
  p.unavailableSinceUs = w.now;
  p.unavailableFault = fault;
}

function startWaiting(w: World, p: ProducerRt, fault: number): void {
  p.inTransit = false;
  // A closed-loop async send not yet written is sent again by its own thread: no replay too.
  const replayed = p.replay.indexOf(p.current);
  if (p.current >= 0 && replayed >= 0) {
    p.replay.splice(replayed, 1);
    releaseHold(w, p.current);
  }
  openUnavailable(w, p, fault);
  p.waitGen++;
  const timeout = w.topology.failover.timeoutUs;
  if (timeout >= 0 && p.link >= 0) w.queue.push(w.now + timeout, Ev.SendTimeout, p.id, p.waitGen);
}

function closeUnavailable(w: World, p: ProducerRt): void {
  if (p.unavailableSinceUs < 0) return;
  const us = w.now - p.unavailableSinceUs;
  w.metrics.recordUnavailable(us);
  p.unavailable.windows++;
  p.unavailable.totalUs += us;
  if (us > p.unavailable.maxUs) p.unavailable.maxUs = us;
  if (p.unavailableFault >= 0) {
    const f = w.faults[p.unavailableFault]!;
    if (us > f.maxUnavailableUs) f.maxUnavailableUs = us;
  }
  p.unavailableSinceUs = -1;
  p.unavailableFault = -1;
}

/** send() returned: successfully (the producer is told it succeeded) or with an error. */
function completeSend(w: World, p: ProducerRt, success: boolean): void {
  const m = p.current;
  p.current = -1;
  p.inTransit = false;
  if (success) {
    w.messages.acked[m] = Ack.Ok;
    closeUnavailable(w, p);
    completeFailover(w, p);
  } else {
    giveUpAnswer(w, m);
    if (p.loop) p.stopped = true; // send() threw: the closed loop ends
  }
  releaseHold(w, m);
}

/** The producer stops waiting: a send that went out now has an unknown outcome, not a failure. */
function giveUpAnswer(w: World, m: number): void {
  if (w.messages.acked[m] !== Ack.Sent) return;
  w.messages.acked[m] = Ack.Unknown;
  w.ledger.outcomeUnknown++;
}

/** The first successful send after a broker failure ends that failure's failover for this producer. */
function completeFailover(w: World, p: ProducerRt): void {
  if (p.failoverFault < 0) return;
  const f = w.faults[p.failoverFault]!;
  const us = w.now - f.atUs;
  if (f.failoverUs < 0) f.failoverUs = us;
  f.recoveredProducers++;
  if (f.recoveredProducers === f.affectedProducers) f.allRecoveredUs = us;
  p.failoverFault = -1;
}

export function onReceipt(w: World, producer: number, tag: number): void {
  const p = w.producers[producer]!;
  if (p.current < 0 || !p.inTransit || !w.processes[p.process]!.alive) return;
  const broker = p.link >= 0 ? w.links[p.link]!.broker : w.processes[p.process]!.broker;
  if (broker < 0 || routeTag(w, p, broker) !== tag) return;
  completeSend(w, p, true);
  trySend(w, p);
}

/** The socket a send was blocked on may have room now: write it (or block again). */
export function onSocketRoom(w: World, producer: number, waitGen: number): void {
  const p = w.producers[producer]!;
  if (p.waitGen !== waitGen || p.current < 0 || p.inTransit || !w.processes[p.process]!.alive) return;
  transmit(w, p);
  trySend(w, p);
}

export function onSendTimeout(w: World, producer: number, waitGen: number): void {
  const p = w.producers[producer]!;
  if (p.waitGen !== waitGen || p.current < 0 || p.inTransit) return;
  completeSend(w, p, false);
  trySend(w, p);
}

/** The producer's route is back (reconnected, or its broker is active): replay and go on. */
export function onRouteUp(w: World, p: ProducerRt): void {
  if (!w.processes[p.process]!.alive) return;
  p.gaveUp = false;
  if (p.current >= 0 && !p.inTransit) transmit(w, p);
  while (p.replay.length > 0 && p.current < 0) {
    const m = p.replay[0]!;
    if (transmitMessage(w, p, m) < 0) break;
    p.replay.shift();
    releaseHold(w, m);
  }
  trySend(w, p);
}

/** The producer's route broke: a send in flight waits for the replay. */
export function onRouteDown(w: World, p: ProducerRt, fault: number): void {
  if (p.current >= 0) startWaiting(w, p, fault);
  else if (p.unavailableSinceUs < 0 && p.backlogHead < p.backlog.length) startWaiting(w, p, fault);
  // A transport that gave up with this failure (plain tcp://): the send in flight fails now too.
  if (p.gaveUp) onGaveUp(w, p);
}

/** The link gave up reconnecting (maxReconnectAttempts): the send in progress and later ones fail. */
export function onGaveUp(w: World, p: ProducerRt): void {
  p.gaveUp = true;
  if (p.current >= 0 && !p.inTransit) completeSend(w, p, false);
  trySend(w, p);
}

/**
 * The producer's process died: requests not yet sent vanish with it; the send in progress fails,
 * or, if it had gone out, ends with an unknown outcome.
 */
export function crashProducer(w: World, p: ProducerRt, fault: number): void {
  p.backlog = [];
  p.backlogHead = 0;
  if (p.current >= 0) {
    const m = p.current;
    p.current = -1;
    p.inTransit = false;
    if (fault >= 0) w.messages.fault[m] = fault;
    giveUpAnswer(w, m);
    releaseHold(w, m);
  }
  for (const m of p.replay) releaseHold(w, m);
  p.replay = [];
  closeUnavailable(w, p);
}

/** Memory freed on `b`: producers blocked by flow control try again. */
export function wakeBlockedProducers(w: World, b: BrokerRt): void {
  if (b.blocked.length === 0 || b.memoryBytes >= b.memoryLimitBytes) return;
  const blocked = b.blocked;
  b.blocked = [];
  for (const id of blocked) onRouteUp(w, w.producers[id]!);
}

/**
 * The copy never made it. A sync producer still holds its message and will replay it; an async
 * one was told it succeeded, so the message is lost, unless trackMessages replays it.
 */
export function lostOnTheWay(w: World, c: number, fault: number): void {
  const m = w.copies.message[c]!;
  const p = w.producers[w.messages.producer[m]!]!;
  const fromProducer = w.copies.forwardedFrom[c]! < 0 && w.copies.hops[c] === 0;
  const resentByItsThread = m === p.current && !p.inTransit;
  if (
    fromProducer &&
    !resentByItsThread &&
    p.asyncSend &&
    p.link >= 0 &&
    w.topology.failover.trackMessages &&
    w.processes[p.process]!.alive
  ) {
    w.messages.holders[m]!++;
    p.replay.push(m);
  }
  dropCopy(w, c, fault);
}
