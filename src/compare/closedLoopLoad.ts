/**
 * The most a plan's producers send and persist a second when some are closed loops. A closed
 * loop has no set rate (it sends as fast as send() returns), so the plan's own figures count open
 * loops only; here each closed-loop producer counts at the throughput ceiling of its send side:
 * with the other producers gone (they can only slow it down) and with no consumers, because a
 * send does not wait for one (the queue takes what they do not keep up with, until flow control
 * blocks it) and their deliveries and acks only add load.
 */
import { persistedBytesPerMessage } from '../plan/figures.js';
import type { Plan } from '../plan/types.js';
import type { Application, Producer, Topology } from '../topology/types.js';
import { throughputCeiling } from './throughputCeiling.js';

export interface ClosedLoopLoad {
  /** Open-loop producers at their rate plus closed-loop ones at their bound. */
  messagesPerSecondUpTo: number;
  /** The same in bytes written to persistent stores. */
  persistedBytesPerSecondUpTo: number;
}

/** null without closed-loop producers: the plan's figures are the whole load then. */
export function closedLoopLoad(plan: Plan): ClosedLoopLoad | null {
  const t = plan.topology;
  let messages = plan.figures.messagesPerSecond;
  let bytes = plan.figures.persistedBytesPerSecond;
  let closed = false;
  for (const a of t.applications)
    for (const p of a.producers) {
      if (!p.closedLoop) continue;
      closed = true;
      const upTo = closedLoopBound(t, a, p);
      messages += upTo;
      bytes += upTo * persistedBytesPerMessage(t, p);
    }
  if (!closed) return null;
  return { messagesPerSecondUpTo: messages, persistedBytesPerSecondUpTo: Math.round(bytes) };
}

/** Messages a second all processes of `app` send at most through `producer`, alone in `t`. */
function closedLoopBound(t: Topology, app: Application, producer: Producer): number {
  const applications = t.applications.map((a) => ({
    ...a,
    producers: a === app ? [producer] : [],
    consumers: [],
  }));
  return throughputCeiling({ ...t, applications }).messagesPerSecond;
}
