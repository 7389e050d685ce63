/**
 * From raw calibration figures to costs: each derived as the inverse of the simulated path it was
 * measured on, so that the simulator's paths with them add up to the figures again; written under
 * the topology's own cost keys, in a file the loader accepts.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_COSTS } from '../../../src/model/defaults.js';
import type { Calibration, CalibrationSample } from '../../../src/real/calibrate.js';
import {
  COSTS_FILE_HEADER,
  checkPaths,
  costsDocument,
  deriveCosts,
  formatCost,
  median,
  slope,
} from '../../../src/real/calibration.js';
import { vmSenderUs } from '../../../src/sim/costs.js';
import { loadCostsText } from '../../../src/topology/load.js';
import { costKeys } from '../../../src/topology/schema.js';

const US = 1000;
/** The sender's own part of a 1 KiB burst message's vm:// hop at the defaults: its 0.5 us clone, 1 us at least. */
const BURST_SENDER_US = vmSenderUs(DEFAULT_COSTS, 1024, 'text', {
  copyMessageOnSend: true,
  objectMessageSerializationDefered: false,
});

/**
 * Figures as the simulator's own paths make them (src/sim/costs.ts, transport.ts, producers.ts,
 * dispatch.ts) from lanRoundTrip 40 us (50 in the second repetition), tcpTransport 30 us,
 * tcpConnection 50 us, brokerCpu 20 us, marshalPerKiB 2 us, fsync 1 ms, dispatchHandOff 35 us (45) and vmHop at its
 * default of 5 us:
 * - sync send of 64 B: hop (20 us half round trip + 0.25 us marshalling, rounded to 20) + transport
 *   30 + CPU 20 + receipt (half round trip 20) + transport 30 = 120 us;
 * - persistent send: the same and the fsync, 1120 us;
 * - tcp send-to-receive: two hops (20 + 4 us per KiB each) + two transports + CPU + hand-off,
 *   155 us + 8 us per KiB (20 us more in the second repetition: its round trip and its hand-off);
 * - vm send-to-receive: two 5 us hops + CPU + hand-off = 65 us;
 * - a tcp:// burst: one message per max(tcpConnection, tcpTransport, brokerCpu) = 50 us;
 * - a vm:// burst: one message per max(brokerCpu, the 1 KiB vm:// hop) = 20 us.
 */
function calibration(started: boolean, reps = 2): Calibration {
  const samples: CalibrationSample[] = [];
  for (const [rep, jitter] of (
    [
      [0, 0],
      [1, 10 * US],
    ] as const
  ).slice(0, reps)) {
    const add = (what: CalibrationSample['what'], ns: number, size = 0) =>
      samples.push({ what, rep, size, ns });
    add('connect', 40 * US + jitter);
    add('syncSend', 120 * US + jitter);
    add('persistentSend', 1120 * US + jitter);
    add('tcpLatency', 155 * US + 8 * US + 2 * jitter, 1024);
    add('tcpLatency', 155 * US + 64 * 8 * US + 2 * jitter, 64 * 1024);
    add('vmLatency', 65 * US + jitter);
    add('tcpBurst', 50 * US);
    add('vmBurst', 20 * US);
  }
  return {
    samples,
    plan: { reps, count: 10, warmup: 10, sizes: [1024, 64 * 1024], burstCount: 100, warmBurstMessages: 1000 },
    broker: 'tcp://127.0.0.1:1 (test)',
    started,
    dataDirectory: started ? '/tmp' : null,
    activemq: '5.17.2',
    cpus: 2,
    loadAverage: [0.5, 0.4, 0.3],
    startedAt: new Date(0),
    seconds: 1,
  };
}

const byKey = (c: Calibration, disk: 'ssd' | 'hdd' = 'ssd') =>
  Object.fromEntries(deriveCosts(c, disk).map((m) => [m.key, m.perRep.map((ns) => Math.round(ns))]));

describe('deriveCosts', () => {
  it('derives each cost as the inverse of the simulated path it was measured on, per repetition', () => {
    expect(byKey(calibration(true))).toEqual({
      lanRoundTrip: [40 * US, 50 * US],
      tcpTransport: [30 * US, 30 * US],
      tcpConnection: [50 * US, 50 * US],
      brokerCpu: [20 * US, 20 * US],
      fsyncSsd: [1000 * US, 1000 * US],
      marshalPerKiB: [2 * US, 2 * US],
      dispatchHandOff: [35 * US, 45 * US],
    });
  });

  it("takes the broker's pace from the vm:// burst, whether calibrate started the broker or not", () => {
    const c = calibration(false);
    for (const s of c.samples.filter((x) => x.what === 'vmBurst')) s.ns = 7 * US + s.rep * US;
    expect(byKey(c).brokerCpu).toEqual([7 * US, 8 * US]);
  });

  it('never double-counts the dispatch hand-off into vmHop: vmHop keeps its default', () => {
    expect(Object.keys(byKey(calibration(true)))).not.toContain('vmHop');
    // vm send-to-receive 65 us = 2 x vmHop 5 + brokerCpu 20 + dispatchHandOff 35
    expect(byKey(calibration(true)).dispatchHandOff?.[0]).toBe(
      65 * US - 2 * DEFAULT_COSTS.vmHopUs * US - 20 * US,
    );
  });

  it('writes the fsync under the disk named', () => {
    expect(Object.keys(byKey(calibration(true), 'hdd'))).toContain('fsyncHdd');
  });

  it('uses only keys of the topology cost table', () => {
    for (const m of deriveCosts(calibration(true), 'ssd')) expect(costKeys()).toContain(m.key);
  });
});

describe('checkPaths: the simulated paths with the derived costs', () => {
  for (const started of [true, false])
    it(`add up to every measured figure (${started ? 'a started broker' : 'a running one'})`, () => {
      const c = calibration(started, 1);
      const checks = checkPaths(c, deriveCosts(c, 'ssd'), 'ssd');
      expect(checks.map((p) => p.path)).toEqual([
        'tcp connect',
        'sync send 64 B',
        'persistent send 64 B',
        'tcp send to receive 1 KiB',
        'tcp send to receive 64 KiB',
        'vm send to receive 64 B',
        'tcp burst, per message',
        'vm burst, per message',
      ]);
      for (const p of checks) expect(Math.abs(p.simulatedUs - p.measuredUs), p.path).toBeLessThanOrEqual(1);
    });

  it("show where the model cannot reproduce a figure: a sync send faster than its round trip, two transports and the broker's pace", () => {
    const c = calibration(false, 1);
    const fast = c.samples.find((s) => s.what === 'syncSend')!;
    fast.ns = 60 * US; // < 40 + 2 x 30 + 20
    const send = checkPaths(c, deriveCosts(c, 'ssd'), 'ssd').find((p) => p.path === 'sync send 64 B')!;
    expect(send.measuredUs).toBe(60);
    expect(send.simulatedUs).toBe(20 + 30 + 20 + 20 + 30);
  });

  it("follow the simulator: a vm:// burst faster than the hop is the broker's pace, the sender's part of the hop being 1 us", () => {
    const c = calibration(true, 1);
    for (const s of c.samples.filter((x) => x.what === 'vmBurst')) s.ns = 2 * US;
    const burst = checkPaths(c, deriveCosts(c, 'ssd'), 'ssd').find(
      (p) => p.path === 'vm burst, per message',
    )!;
    expect(burst).toMatchObject({ measuredUs: 2, simulatedUs: 2 });
  });

  it('follow the simulator: a burst is bound by the broker CPU when it is slower than the connection', () => {
    const c = calibration(true, 1);
    c.samples.find((s) => s.what === 'vmBurst')!.ns = 60 * US;
    const burst = checkPaths(c, deriveCosts(c, 'ssd'), 'ssd').find(
      (p) => p.path === 'tcp burst, per message',
    )!;
    expect(burst).toMatchObject({ measuredUs: 50, simulatedUs: 60 });
  });
});

describe('deriveCosts and the simulated paths are inverses', () => {
  /** Figures as the paths in the header of calibration.ts make them from `k` (us; marshal ns/KiB). */
  function figuresOf(k: {
    roundTrip: number;
    transport: number;
    connection: number;
    cpu: number;
    marshal: number;
    fsync: number;
    handOff: number;
  }): Calibration {
    const c = calibration(false, 1);
    const marshalUs = (bytes: number) => (k.marshal * bytes) / 1024 / 1000;
    const hop = (bytes: number) => k.roundTrip / 2 + 2 * marshalUs(bytes);
    const sync = hop(64) + k.transport + k.cpu + k.roundTrip / 2 + k.transport;
    const figure: Record<string, (size: number) => number> = {
      connect: () => k.roundTrip,
      syncSend: () => sync,
      persistentSend: () => sync + k.fsync,
      tcpLatency: (size) => 2 * hop(size) + 2 * k.transport + k.cpu + k.handOff,
      vmLatency: () => 2 * DEFAULT_COSTS.vmHopUs + k.cpu + k.handOff,
      tcpBurst: () => Math.max(k.connection, k.transport, k.cpu),
      vmBurst: () => Math.max(k.cpu, BURST_SENDER_US),
    };
    for (const s of c.samples) s.ns = figure[s.what]!(s.size) * US;
    return c;
  }

  it('recovers every cost of a running broker from the figures its paths make', () => {
    const us = fc.integer({ min: 1, max: 5000 });
    fc.assert(
      fc.property(
        fc.record({
          roundTrip: us,
          transport: us,
          connection: us,
          cpu: us,
          marshal: fc.integer({ min: 0, max: 100_000 }),
          fsync: us,
          handOff: us,
        }),
        (k) => {
          // Else the tcp:// burst shows the CPU or the path, not the connection, and the vm:// one the sender.
          fc.pre(k.cpu <= k.connection && k.transport <= k.connection && k.cpu >= BURST_SENDER_US);
          const got = Object.fromEntries(deriveCosts(figuresOf(k), 'ssd').map((m) => [m.key, m.perRep[0]!]));
          const want = {
            lanRoundTrip: k.roundTrip * US,
            tcpTransport: k.transport * US,
            tcpConnection: k.connection * US,
            brokerCpu: k.cpu * US,
            fsyncSsd: k.fsync * US,
            marshalPerKiB: k.marshal,
            dispatchHandOff: k.handOff * US,
          };
          for (const [key, ns] of Object.entries(want))
            expect(Math.abs(got[key]! - ns), key).toBeLessThan(1e-3);
        },
      ),
    );
  });
});

describe('the costs file', () => {
  it('is one the loader accepts, with the medians as values', () => {
    const c = calibration(true);
    const text = `${COSTS_FILE_HEADER}${stringify(costsDocument(c, deriveCosts(c, 'ssd'), 'ssd'))}`;
    const loaded = loadCostsText(text, 'costs.yaml');
    expect(loaded.ok && loaded.costs).toEqual({
      lanRoundTrip: '45us',
      tcpTransport: '30us',
      tcpConnection: '50us',
      brokerCpu: '20us',
      fsyncSsd: '1ms',
      marshalPerKiB: '2us',
      dispatchHandOff: '40us',
    });
    expect(parse(text).measured.lanRoundTrip).toMatchObject({ min: '40us', median: '45us', max: '50us' });
    // The simulator rounds each half of the 45 us round trip up: 23 + 30 + 20 + 23 + 30.
    expect(parse(text).paths[1]).toEqual({ path: 'sync send 64 B', measured: '125us', simulated: '126us' });
  });
});

describe('helpers', () => {
  it('fits a line', () => {
    expect(
      slope([
        [1, 3],
        [2, 5],
        [3, 7],
      ]),
    ).toBe(2);
    expect(slope([[1, 3]])).toBe(0);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('never writes a zero or a fraction the format cannot hold', () => {
    expect(formatCost(0, 'us')).toBe('1us');
    expect(formatCost(1_234_567, 'us')).toBe('1.235ms');
    expect(formatCost(1499.6, 'ns')).toBe('1500ns');
  });
});
