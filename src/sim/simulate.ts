/**
 * Runs a plan: the event loop on the simulated clock, then every unsettled message gets its
 * final fate (stranded in a down store, or in flight) and conservation is checked. Pure: the
 * same plan, seed and options give the same result, byte for byte.
 */
import type { Plan } from '../plan/types.js';
import type { ScheduledFault } from '../topology/types.js';
import { startBroker } from './brokers.js';
import { buildWorld, randomTargets } from './build.js';
import { Ev } from './events.js';
import { type RandomTarget, scheduleFaults, scheduleRandomFaults } from './faults.js';
import { finishRun } from './finish.js';
import { handleEvent } from './loop.js';
import { drainNotices } from './notices.js';
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
  try {
    const w = buildWorld(plan, seed, durationUs);
    const targets =
      options.randomFaults === false ? [] : randomTargets(plan, Rng.fromSeed(seed).fork('faults'));
    start(w, options.schedule ?? t.faults.schedule, options.schedule ? 'check' : 'schedule', targets);
    run(w, targets, options.onProgress);
    return finishRun(w, seed, durationUs);
  } catch (error) {
    throw runFailed(error, seed, durationUs === t.simulation.durationUs ? undefined : durationUs);
  }
}

/**
 * Nothing inside a run may be swallowed: whatever broke it (an invariant, a bug) aborts the run
 * with its seed and the command that replays it, before anything is reported.
 */
function runFailed(error: unknown, seed: number, durationUs: number | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  const duration = durationUs === undefined ? '' : ` --duration ${durationUs}us`;
  const prefix = message.startsWith('brokerlab invariant: ') ? '' : 'brokerlab invariant: ';
  const seedNote = message.includes(`(seed ${seed})`) ? '' : ` (seed ${seed})`;
  return new Error(
    `${prefix}${message}${seedNote}; replay with: brokerlab simulate FILE --seed ${seed}${duration}`,
    { cause: error },
  );
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
  for (const b of w.brokers) startBroker(w, b);
  drainNotices(w);
  // Faults at time zero hit before the clients connect: the run starts with them in place.
  scheduleFaults(w, schedule, origin);
  w.queue.push(0, Ev.Boot, 0, 0);
  scheduleRandomFaults(w, targets);
  w.queue.push(w.sendsEndUs, Ev.SendsEnd, 0, 0);
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
    handleEvent(w, q.kind, q.a, q.b, targets);
    w.eventsProcessed++;
    if (!w.sending && w.messages.pool.live === 0) return;
    if (onProgress && (w.eventsProcessed & (PROGRESS_EVERY - 1)) === 0) onProgress(w.now / w.endUs);
  }
  w.now = w.endUs;
}
