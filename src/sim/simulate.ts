/**
 * Runs a plan: the event loop on the simulated clock, then every unsettled message gets its
 * final fate (stranded in a down store, or in flight) and conservation is checked. Pure: the
 * same plan, seed and options give the same result, byte for byte.
 */
import type { Plan } from '../plan/types.js';
import type { ScheduledFault } from '../topology/types.js';
import { onAtBroker } from './arrival.js';
import { onLockRelease, startBroker } from './brokers.js';
import { buildWorld, randomTargets } from './build.js';
import { onAck, onConsumerDone, onRedeliver } from './dispatch.js';
import { Ev } from './events.js';
import {
  onBrokerStart,
  onFault,
  onHeal,
  onProcessRestart,
  onRandomFault,
  type RandomTarget,
  scheduleFaults,
  scheduleRandomFaults,
} from './faults.js';
import { finishRun } from './finish.js';
import { onForwardAck } from './forwarding.js';
import { onJournalDone, onJournalStart, onStoreSync } from './journal.js';
import { onLinkFailure } from './links.js';
import { onArrival, onReceipt, onSendTimeout, scheduleNextArrival } from './producers.js';
import type { SimResult } from './result.js';
import { Rng } from './rng.js';
import type { World } from './world.js';

export interface SimulateOptions {
  /** Overrides simulation.seed. */
  seed?: number;
  /** Overrides simulation.duration (the send phase), in microseconds. */
  durationUs?: number;
  /** Replaces the topology's fault schedule (the check command's generated schedules). */
  schedule?: readonly ScheduledFault[];
  /** Draw random faults from the topology's MTBF/MTTR (default true). */
  randomFaults?: boolean;
  /** Called now and then with the fraction of simulated time done (for a progress bar). */
  onProgress?: (fraction: number) => void;
}

export function simulate(plan: Plan, options: SimulateOptions = {}): SimResult {
  const t = plan.topology;
  const seed = options.seed ?? t.simulation.seed;
  const durationUs = options.durationUs ?? t.simulation.durationUs;
  const w = buildWorld(plan, seed, durationUs);
  const targets =
    options.randomFaults === false ? [] : randomTargets(plan, Rng.fromSeed(seed).fork('faults'));
  start(w, options.schedule ?? t.faults.schedule, options.schedule ? 'check' : 'schedule', targets);
  run(w, targets, options.onProgress);
  return finishRun(w, seed, durationUs);
}

/**
 * The run starts in steady state: brokers come up without a recovery delay (their masters
 * settle the locks at time zero), then clients connect and producers start.
 */
function start(
  w: World,
  schedule: readonly ScheduledFault[],
  origin: 'schedule' | 'check',
  targets: RandomTarget[],
): void {
  for (const b of w.brokers) {
    b.actor.send({ type: 'SET_RECOVERY', recoveryMs: 0 });
    startBroker(w, b);
  }
  // Faults at time zero hit before the clients connect: the run starts with them in place.
  scheduleFaults(w, schedule, origin);
  w.queue.push(0, Ev.Boot, 0, 0);
  scheduleRandomFaults(w, targets);
  w.queue.push(w.sendsEndUs, Ev.SendsEnd, 0, 0);
}

function boot(w: World): void {
  for (const b of w.brokers)
    b.actor.send({ type: 'SET_RECOVERY', recoveryMs: w.costs.storeRecoveryUs / 1000 });
  for (const proc of w.processes) for (const link of proc.links) w.links[link]!.actor.send({ type: 'START' });
  for (const p of w.producers) scheduleNextArrival(w, p);
}

const PROGRESS_EVERY = 1 << 16;

/**
 * Runs events until everything sent is settled after the sends stopped, or until the end of the
 * drain; a run whose messages wait for something that never happens lasts the whole drain.
 */
function run(w: World, targets: RandomTarget[], onProgress?: (fraction: number) => void): void {
  const q = w.queue;
  while (q.pop()) {
    if (q.time > w.endUs) break;
    if (q.time < w.now) throw new Error(`the clock went back: ${q.time} < ${w.now}`);
    w.now = q.time;
    handle(w, q.kind, q.a, q.b, targets);
    w.eventsProcessed++;
    if (!w.sending && w.messages.pool.live === 0) return;
    if (onProgress && (w.eventsProcessed & (PROGRESS_EVERY - 1)) === 0) onProgress(w.now / w.endUs);
  }
  w.now = w.endUs;
}

function handle(w: World, kind: number, a: number, b: number, targets: RandomTarget[]): void {
  switch (kind) {
    case Ev.Timer:
      return w.clock.fire(a);
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
    case Ev.ForwardAck:
      return onForwardAck(w, a, b);
    case Ev.RandomFault:
      return onRandomFault(w, targets, a);
    case Ev.SendsEnd:
      w.sending = false;
      return;
    case Ev.Boot:
      return boot(w);
    default:
      throw new Error(`unknown event kind ${kind}`);
  }
}
