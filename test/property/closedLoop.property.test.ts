/**
 * Closed-loop producers under generated settings and fault schedules: a producer never has more
 * than `inFlight` sends outstanding in a process (checked after every event), never sends more
 * than `count` per run of a process, and every message it sent ends in exactly one fate (the simulator's
 * conservation check, which throws when broken). Replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/buildPlan.js';
import { Ev } from '../../src/sim/events.js';
import { scheduleFaults } from '../../src/sim/faults.js';
import { handleEvent } from '../../src/sim/loop.js';
import { simulate } from '../../src/sim/simulate.js';
import type { World } from '../../src/sim/world.js';
import type { ScheduledFault, Topology } from '../../src/topology/types.js';
import { faultSchedule } from '../support/faultSchedules.js';
import { loadInline } from '../support/simulateYaml.js';
import { smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MS = 1000;
/** A run here needs far fewer events; more means a closed loop that does not stop. */
const MAX_EVENTS = 2_000_000;

interface Loop {
  layout: 'embedded' | 'central';
  ha: 'none' | 'shared-store';
  connection: 'failover' | 'tcp';
  replicas: number;
  inFlight: number;
  count: number | null;
  persistent: boolean;
  sendMode: 'sync' | 'async';
  timeout: string;
  durationMs: number;
}

const loops: fc.Arbitrary<Loop> = fc.record({
  layout: fc.constantFrom('embedded', 'central'),
  ha: fc.constantFrom('none', 'shared-store'),
  connection: fc.constantFrom('failover', 'tcp'),
  replicas: fc.integer({ min: 1, max: 3 }),
  inFlight: fc.integer({ min: 1, max: 6 }),
  count: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  persistent: fc.boolean(),
  sendMode: fc.constantFrom('sync', 'async'),
  timeout: fc.constantFrom('none', '50ms'),
  durationMs: fc.integer({ min: 20, max: 100 }),
});

function yaml(l: Loop): string {
  const broker =
    l.layout === 'embedded'
      ? 'embedded: { store: kahadb }'
      : `cluster: { brokers: ${l.ha === 'none' ? 1 : 2}, ha: ${l.ha}, lockAcquireSleepInterval: 100ms }`;
  const count = l.count === null ? '' : `, count: ${l.count}`;
  return `
name: loop
layout: ${l.layout}
destinations: [{ name: work }]
applications:
  - id: batch
    replicas: ${l.replicas}
    connection: ${l.connection}
    restartTime: 50ms
    producers: [{ destination: work, mode: closed-loop, inFlight: ${l.inFlight}${count}, persistent: ${l.persistent}, sendMode: ${l.sendMode} }]
    consumers: [{ destination: work, processingTime: 100us }]
${broker}
failover: { timeout: ${l.timeout}, maxReconnectDelay: 100ms }
simulation: { duration: ${l.durationMs}ms, drain: 2s, seed: 1 }
`;
}

/** Sends in progress per process. */
function outstandingPerProcess(w: World): number[] {
  const n = w.processes.map(() => 0);
  for (const p of w.producers) if (p.current >= 0) n[p.process]!++;
  return n;
}

/** Runs `w` (started as simulate() starts it) to its end, checking the bound after every event. */
function stepChecking(w: World, inFlight: number): void {
  const q = w.queue;
  let events = 0;
  while (q.pop() && q.time <= w.endUs) {
    w.now = q.time;
    handleEvent(w, q.kind, q.a, q.b, []);
    if (++events > MAX_EVENTS) throw new Error('the run does not end');
    for (const n of outstandingPerProcess(w)) expect(n).toBeLessThanOrEqual(inFlight);
    if (!w.sending && w.messages.pool.live === 0) return;
  }
}

const scenarios = loops.chain((l) => {
  const topology: Topology = loadInline(yaml(l));
  return faultSchedule(topology, { durationUs: l.durationMs * MS, sorted: true }).map(
    (schedule): [Loop, Topology, ScheduledFault[]] => [l, topology, schedule],
  );
});

describe(`closed-loop producers (seed ${seed})`, () => {
  it('never have more than inFlight sends outstanding, never send more than count per run, and conserve messages', () => {
    fc.assert(
      fc.property(scenarios, ([l, topology, schedule]) => {
        const t = { ...topology, faults: { ...topology.faults, schedule } };
        const w = smallWorld(yaml(l), { boot: false });
        w.topology.faults.schedule = schedule;
        scheduleFaults(w, schedule, 'schedule');
        w.queue.push(0, Ev.Boot, 0, 0);
        w.queue.push(w.sendsEndUs, Ev.SendsEnd, 0, 0);
        stepChecking(w, l.inFlight);

        const r = simulate(buildPlan(t), { schedule, randomFaults: false });
        // `count` per run of a process: a batch process a fault killed may send it again on restart.
        const runs = l.replicas + schedule.filter((f) => f.target.startsWith('batch-')).length;
        if (l.count !== null) expect(r.fates.sent).toBeLessThanOrEqual(l.count * runs);
        expect(r.fates.sent).toBeGreaterThan(0);
        // Every message sent ends in exactly one fate (a queue: no fan-out); a send still blocked
        // on a broker that never comes back counts as in flight.
        const f = r.fates;
        const fates = f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown;
        expect(fates + f.deadLettered + f.discarded).toBe(f.sent + f.fanout);
      }),
      { seed, numRuns: 25 },
    );
  });
});
