/**
 * Small hand-built worlds for unit tests of the simulator's modules: an inline topology becomes
 * a World at time zero with its brokers up (as simulate() starts a run), and the tests then call
 * a module's functions directly and step the loop by hand.
 */
import { buildPlan } from '../../src/plan/buildPlan.js';
import { onAtBroker } from '../../src/sim/arrival.js';
import { startBroker } from '../../src/sim/brokers.js';
import { buildWorld } from '../../src/sim/build.js';
import { CopyState } from '../../src/sim/copyState.js';
import { Ev } from '../../src/sim/events.js';
import { handleEvent } from '../../src/sim/loop.js';
import { Ack } from '../../src/sim/messages.js';
import { drainNotices } from '../../src/sim/notices.js';
import type { World } from '../../src/sim/world.js';
import { loadInline } from './simulateYaml.js';

/** The world of `yaml` with its brokers started and, unless `boot` is false, its clients connected. */
export function smallWorld(yaml: string, options: { boot?: boolean; seed?: number } = {}): World {
  const plan = buildPlan(loadInline(yaml));
  const w = buildWorld(plan, options.seed ?? 1, plan.topology.simulation.durationUs);
  for (const b of w.brokers) startBroker(w, b);
  drainNotices(w);
  if (options.boot !== false) w.queue.push(0, Ev.Boot, 0, 0);
  runUntil(w, 0);
  return w;
}

/** Handles every queued event due at or before `untilUs` (and what they schedule meanwhile). */
export function runUntil(w: World, untilUs: number): void {
  const q = w.queue;
  while (q.peekTime() <= untilUs) {
    q.pop();
    w.now = q.time;
    handleEvent(w, q.kind, q.a, q.b, []);
  }
  w.now = Math.max(w.now, untilUs);
}

/** A new message from producer `p` with one copy on its way to broker `broker`: returns the copy. */
export function copyOnTheWay(w: World, p: number, broker: number): number {
  const producer = w.producers[p]!;
  const m = w.messages.allocate(p, w.now, producer.dest, producer.spec.persistent);
  w.messages.holders[m] = 1;
  w.messages.acked[m] = Ack.Ok;
  w.ledger.sent++;
  const b = w.brokers[broker]!;
  return w.copies.allocate(m, CopyState.Arriving, broker, b.epoch);
}

/** A new message from producer `p` that broker `broker` accepts now (no wire time): returns its copy. */
export function arrive(w: World, p = 0, broker = 0): number {
  const c = copyOnTheWay(w, p, broker);
  onAtBroker(w, c, w.copies.stamp[c]!);
  return c;
}
