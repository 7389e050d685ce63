/**
 * Closed-loop producers: `inFlight` sender threads, each sending its next message as soon as its
 * send() returns (a sync send on the broker's receipt, an async one once written), `count` in all.
 * While the connection is down a sync thread blocks in send() and sends nothing (ActiveMQ's
 * failover transport, `timeout` -1); a thread whose send() throws ends its loop.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../src/model/defaults.js';
import { Ev } from '../../../src/sim/events.js';
import { scheduleFaults } from '../../../src/sim/faults.js';
import type { World } from '../../../src/sim/world.js';
import { onlyFault, simulateYaml } from '../../support/simulateYaml.js';
import { runUntil, smallWorld } from '../../support/smallWorld.js';

interface Options {
  producer: string;
  faults?: string;
  cluster?: string;
  connection?: string;
  duration?: string;
  failover?: string;
}

function topology(o: Options): string {
  return `
name: closed-loop
layout: central
destinations: [{ name: work }]
applications:
  - id: batch
    connection: ${o.connection ?? 'failover'}
    producers: [${o.producer}]
  - id: worker
    consumers: [{ destination: work, processingTime: 0s }]
cluster: ${o.cluster ?? '{ brokers: 1, ha: none, disk: ssd }'}
${o.failover ?? ''}
${o.faults ?? ''}
simulation: { duration: ${o.duration ?? '2s'}, drain: 10s, seed: 3 }
`;
}

/** The world of `o` at time zero, its scheduled faults on the queue (smallWorld leaves them out). */
function worldWithFaults(o: Options): World {
  const w = smallWorld(topology(o));
  scheduleFaults(w, w.topology.faults.schedule, 'schedule');
  return w;
}

/** Sends in progress (send() called, not returned) over the batch's sender threads. */
function outstanding(w: World): number {
  return w.producers.filter((p) => p.current >= 0 && w.processes[p.process]!.app.id === 'batch').length;
}

/** Steps `w` in `stepUs` steps to `untilUs`, returning the most sends ever outstanding at once. */
function mostOutstanding(w: World, untilUs: number, stepUs = 50): number {
  let most = 0;
  for (let t = stepUs; t <= untilUs; t += stepUs) {
    runUntil(w, t);
    most = Math.max(most, outstanding(w));
  }
  return most;
}

const SYNC = '{ destination: work, mode: closed-loop, persistent: true';

describe('closed-loop producers', () => {
  it('send exactly `count` messages, one after the other, and all arrive', () => {
    const r = simulateYaml(topology({ producer: `${SYNC}, count: 200 }` }));
    expect(r.fates.sent).toBe(200);
    expect(r.fates.delivered).toBe(200);
  });

  it('a sync thread waits for each receipt: one fsync per send bounds it', () => {
    // One fsync (0.8 ms) and one round trip (0.2 ms) per send, about a thousand a second, while an
    // async thread sends tens of thousands (below).
    const cycleUs = DEFAULT_COSTS.fsyncSsdUs + DEFAULT_COSTS.lanRoundTripUs;
    const r = simulateYaml(topology({ producer: `${SYNC} }`, duration: '1s' }));
    expect(r.fates.sent).toBeGreaterThan((0.7 * 1e6) / cycleUs);
    expect(r.fates.sent).toBeLessThan((1.3 * 1e6) / cycleUs);
  });

  it('inFlight threads keep at most inFlight sends outstanding, and use them', () => {
    const w = smallWorld(topology({ producer: `${SYNC}, inFlight: 4 }` }));
    expect(w.producers.filter((p) => p.loop !== null)).toHaveLength(4);
    expect(mostOutstanding(w, 200_000)).toBe(4);
    const one = smallWorld(topology({ producer: `${SYNC} }` }));
    expect(mostOutstanding(one, 200_000)).toBe(1);
  });

  it('more threads share fsyncs (group commit) and send more', () => {
    const one = simulateYaml(topology({ producer: `${SYNC} }`, duration: '1s' }));
    const eight = simulateYaml(topology({ producer: `${SYNC}, inFlight: 8 }`, duration: '1s' }));
    expect(eight.fates.sent).toBeGreaterThan(2 * one.fates.sent);
  });

  it('share their count among the threads', () => {
    const r = simulateYaml(topology({ producer: `${SYNC}, inFlight: 3, count: 100 }` }));
    expect(r.fates.sent).toBe(100);
  });

  it('an async thread is paced by the connection that reads its writes, and ends with the sends', () => {
    const r = simulateYaml(
      topology({
        producer: '{ destination: work, mode: closed-loop, persistent: false }',
        duration: '200ms',
      }),
    );
    // The broker's transport thread takes one command per tcpConnectionUs: a bounded number.
    expect(r.fates.sent).toBeGreaterThan(1_000);
    expect(r.fates.sent).toBeLessThan(200_000);
    expect(r.fates.delivered).toBe(r.fates.sent);
  });

  it("an async thread over vm:// is paced by the broker's thread, not by the hop's hand-off", () => {
    // The sender's own part of a 1 KiB hop is its clone (0.5 us: 1 us at least); the 40 us
    // hand-off is on the message's path only. So the broker's 5 us a message bounds the run
    // (200,000 a second at most), where a sender held for the whole hop would send 25,000.
    const run = (type: string) =>
      simulateYaml(`
name: closed-loop-vm-pace
layout: embedded
embedded: { store: memory }
costs: { vmHop: 40us, brokerCpu: 5us, objectSerializationPerKiB: 20us }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, persistent: false, messageType: ${type} }]
    consumers: [{ destination: work, processingTime: 0s }]
simulation: { duration: 200ms, drain: 1s, seed: 3 }
`).throughput.deliveredPerSecond;
    const text = run('text');
    expect(text).toBeGreaterThan(150_000);
    expect(text).toBeLessThanOrEqual(200_000);
    // An ObjectMessage is serialized on the sending thread (setObject): 0.5 + 10 us, 11 whole us
    // on average (each send's share follows its hop's draw: 2% above that pace leaves room for it).
    const object = run('object');
    expect(object).toBeGreaterThan(70_000);
    expect(object).toBeLessThanOrEqual((1e6 / 11) * 1.02);
  });

  it("a vm:// sender's messages reach its broker in the order sent (VMTransport's queue is FIFO)", () => {
    // Sends a few microseconds apart over a 40 us hop with its jitter: each must still arrive
    // after the one before it.
    const w = smallWorld(`
name: closed-loop-vm-order
layout: embedded
embedded: { store: memory }
costs: { vmHop: 40us, brokerCpu: 5us }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, persistent: false }]
    consumers: [{ destination: work, processingTime: 0s }]
simulation: { duration: 20ms, drain: 1s, seed: 3 }
`);
    const arrivals: number[] = [];
    const push = w.queue.push.bind(w.queue);
    w.queue.push = (timeUs, kind, a, b) => {
      if (kind === Ev.AtBroker) arrivals.push(timeUs);
      push(timeUs, kind, a, b);
    };
    runUntil(w, 20_000);
    expect(arrivals.length).toBeGreaterThan(1_000);
    const outOfOrder = arrivals.filter((t, i) => i > 0 && t < arrivals[i - 1]!).length;
    expect(outOfOrder).toBe(0);
  });

  it('an async thread over vm:// sends its count', () => {
    const r = simulateYaml(`
name: closed-loop-vm
layout: embedded
embedded: { store: memory }
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, persistent: false, count: 5000 }]
    consumers: [{ destination: work, processingTime: 0s }]
simulation: { duration: 2s, drain: 10s, seed: 3 }
`);
    expect(r.fates.sent).toBe(5_000);
    expect(r.fates.delivered).toBe(5_000);
  });

  it('a sync thread blocks through a failover and sends nothing in the gap; an open loop queues requests', () => {
    const ha = '{ brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockKeepAlivePeriod: 1s }';
    const faults =
      'faults: { schedule: [{ at: 500ms, kind: broker-crash, target: broker-0, restartAfter: never }] }';
    const closed = worldWithFaults({ producer: `${SYNC} }`, cluster: ha, faults, duration: '3s' });
    runUntil(closed, 600_000);
    const sentInGap = closed.ledger.sent;
    expect(outstanding(closed)).toBe(1); // blocked in send()
    runUntil(closed, 900_000);
    expect(closed.ledger.sent).toBe(sentInGap);
    expect(closed.producers[0]!.backlog.length - closed.producers[0]!.backlogHead).toBe(0);

    // The open loop's requests keep arriving in the gap (its fault on the queue too: smallWorld leaves faults out).
    const open = worldWithFaults({
      producer: '{ destination: work, rate: 1000/s, arrival: constant }',
      cluster: ha,
      faults,
      duration: '3s',
    });
    runUntil(open, 900_000);
    const p = open.producers[0]!;
    expect(p.backlog.length - p.backlogHead).toBeGreaterThan(300);

    const r = simulateYaml(topology({ producer: `${SYNC} }`, cluster: ha, faults, duration: '3s' }));
    expect(onlyFault(r).failoverUs).toBeGreaterThan(0);
    expect(r.fates.sendFailed).toBe(0);
    expect(r.fates.lost).toBe(0);
    expect(r.fates.delivered).toBe(r.fates.sent);
  });

  it('an async thread blocks through a failover too (FailoverTransport.oneway waits for a transport)', () => {
    const ha = '{ brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockKeepAlivePeriod: 1s }';
    const faults =
      'faults: { schedule: [{ at: 500ms, kind: broker-crash, target: broker-0, restartAfter: never }] }';
    const producer = '{ destination: work, mode: closed-loop, persistent: false, count: 200000 }';
    const w = worldWithFaults({ producer, cluster: ha, faults, duration: '3s' });
    runUntil(w, 600_000);
    const sent = w.ledger.sent;
    runUntil(w, 900_000);
    expect(w.ledger.sent).toBe(sent);
    expect(outstanding(w)).toBe(1);
  });

  it('with a failover timeout, a blocked thread fails its send and its loop ends', () => {
    const r = simulateYaml(
      topology({
        producer: `${SYNC} }`,
        faults:
          'faults: { schedule: [{ at: 500ms, kind: broker-crash, target: broker-0, restartAfter: never }] }',
        failover: 'failover: { timeout: 100ms }',
        duration: '3s',
      }),
    );
    // The send that had gone out when the broker died times out with an unknown outcome (the dead
    // broker's store has it); no send after it. An acknowledged message the broker had not yet
    // handed to the consumer stays in its store (stranded: it never restarts).
    expect(r.outcomeUnknown.sends).toBe(1);
    expect(r.fates.sendFailed).toBe(0);
    expect(r.fates.stranded).toBeLessThanOrEqual(1);
    expect(r.fates.sent).toBe(r.fates.delivered + r.fates.stranded + 1);
  });

  it('a plain tcp:// client whose broker died fails one send per thread, not one per microsecond', () => {
    const r = simulateYaml(
      topology({
        producer: `${SYNC}, inFlight: 2 }`,
        connection: 'tcp',
        faults:
          'faults: { schedule: [{ at: 500ms, kind: broker-crash, target: broker-0, restartAfter: 100ms }] }',
        duration: '3s',
      }),
    );
    expect(r.fates.sendFailed + r.fates.unknown).toBeLessThanOrEqual(2);
    expect(r.fates.sendFailed + r.fates.unknown).toBeGreaterThanOrEqual(1);
  });

  it('a restarted process starts its count over, as a real application restarted by its supervisor does', () => {
    // A restarted JVM knows nothing of what it sent before the crash (App.java: a new process
    // with its count again): `count` is per run of the process.
    const w = worldWithFaults({
      producer: `${SYNC}, count: 600 }`,
      faults:
        'faults: { schedule: [{ at: 100ms, kind: process-crash, target: batch-0, restartAfter: 100ms }] }',
      duration: '5s',
    });
    runUntil(w, 150_000); // down: between the crash and the restart
    const beforeCrash = w.ledger.sent;
    expect(beforeCrash).toBeGreaterThan(10);
    expect(beforeCrash).toBeLessThan(600);
    runUntil(w, 20_000_000);
    expect(w.ledger.sent).toBe(beforeCrash + 600);
  });

  it('is deterministic per seed', () => {
    const t = topology({ producer: `${SYNC}, inFlight: 3 }`, duration: '500ms' });
    expect(simulateYaml(t)).toEqual(simulateYaml(t));
  });
});
