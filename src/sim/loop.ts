/**
 * One event of the loop: its handler, then the lifecycle notices it queued (notices.ts), so that
 * the next event sees a settled world. `simulate.ts` owns the loop itself.
 */
import { onAtBroker } from './arrival.js';
import { onLockRelease } from './brokers.js';
import { onAck, onConsumerDone, onForwardAck, onRedeliver } from './dispatch.js';
import { Ev } from './events.js';
import {
  onBrokerStart,
  onFault,
  onHeal,
  onProcessRestart,
  onRandomFault,
  type RandomTarget,
} from './faults.js';
import { onJournalDone, onJournalStart, onStoreSync } from './journal.js';
import { onLifecycleTimer } from './lifecycle.js';
import { onLinkFailure, startLink } from './links.js';
import { drainNotices } from './notices.js';
import {
  onArrival,
  onReceipt,
  onSendTimeout,
  onSendWritten,
  onSocketRoom,
  startProducer,
} from './producers.js';
import type { World } from './world.js';

export function handleEvent(w: World, kind: number, a: number, b: number, targets: RandomTarget[]): void {
  handle(w, kind, a, b, targets);
  if (w.notices.length > 0) drainNotices(w);
}

/** Time zero, after the brokers came up: clients connect and producers start. */
function boot(w: World): void {
  w.booted = true;
  for (const proc of w.processes) {
    // A later start is a start like a restart's: its broker, its connections, its producers.
    if (!proc.alive) w.queue.push(proc.app.startUs, Ev.ProcessRestart, proc.id, proc.epoch);
    else for (const link of proc.links) startLink(w, w.links[link]!);
  }
  for (const p of w.producers) if (w.processes[p.process]!.alive) startProducer(w, p);
}

function handle(w: World, kind: number, a: number, b: number, targets: RandomTarget[]): void {
  switch (kind) {
    case Ev.Timer:
      return onLifecycleTimer(w, a, b);
    case Ev.Arrival:
      return onArrival(w, a, b);
    case Ev.AtBroker:
      return onAtBroker(w, a, b);
    case Ev.Receipt:
      return onReceipt(w, a, b);
    case Ev.JournalStart:
      return onJournalStart(w, a, b);
    case Ev.JournalDone:
      return onJournalDone(w, a, b);
    case Ev.StoreSync:
      return onStoreSync(w, a, b);
    case Ev.ConsumerDone:
      return onConsumerDone(w, a, b);
    case Ev.AckAtBroker:
      return onAck(w, a, b);
    case Ev.Redeliver:
      return onRedeliver(w, a, b);
    case Ev.Fault:
      return onFault(w, a);
    case Ev.ProcessRestart:
      return onProcessRestart(w, a, b);
    case Ev.BrokerStart:
      return onBrokerStart(w, a, b);
    case Ev.Heal:
      return onHeal(w, a);
    case Ev.LinkFailure:
      return onLinkFailure(w, a, b);
    case Ev.LockRelease:
      return onLockRelease(w, a, b);
    case Ev.SendTimeout:
      return onSendTimeout(w, a, b);
    case Ev.SocketRoom:
      return onSocketRoom(w, a, b);
    case Ev.ForwardAck:
      return onForwardAck(w, a, b);
    case Ev.RandomFault:
      return onRandomFault(w, targets, a);
    case Ev.SendsEnd:
      w.sending = false;
      return;
    case Ev.Boot:
      return boot(w);
    case Ev.SendWritten:
      return onSendWritten(w, a, b);
    default:
      throw new Error(`unknown event kind ${kind}`);
  }
}
