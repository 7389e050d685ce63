/**
 * From raw calibration figures to costs: each derived by the mechanism the simulator uses it in,
 * written under the topology's own cost keys, in a file the loader accepts.
 */

import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Calibration, CalibrationSample } from '../../../src/real/calibrate.js';
import {
  COSTS_FILE_HEADER,
  costsDocument,
  deriveCosts,
  formatCost,
  median,
  slope,
} from '../../../src/real/calibration.js';
import { loadCostsText } from '../../../src/topology/load.js';
import { costKeys } from '../../../src/topology/schema.js';

const US = 1000;

/** Two repetitions; tcp send-to-receive grows 8 us per KiB, so marshalling is 2 us per KiB. */
function calibration(started: boolean): Calibration {
  const samples: CalibrationSample[] = [];
  for (const [rep, jitter] of [
    [0, 0],
    [1, 10 * US],
  ] as const) {
    const add = (what: CalibrationSample['what'], ns: number, size = 0) =>
      samples.push({ what, rep, size, ns });
    add('connect', 40 * US + jitter);
    add('syncSend', 100 * US + jitter);
    add('persistentSend', 1100 * US + jitter);
    add('tcpLatency', 200 * US + 8 * US, 1024);
    add('tcpLatency', 200 * US + 64 * 8 * US, 64 * 1024);
    add('vmLatency', 50 * US + jitter);
    if (started) add('brokerCpu', 20 * US);
  }
  return {
    samples,
    plan: { reps: 2, count: 10, warmup: 10, sizes: [1024, 64 * 1024], cpuCount: 100 },
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
  it('derives each cost by its mechanism, per repetition', () => {
    expect(byKey(calibration(true))).toEqual({
      lanRoundTrip: [40 * US, 50 * US],
      brokerCpu: [20 * US, 20 * US],
      fsyncSsd: [1000 * US, 1000 * US],
      marshalPerKiB: [2 * US, 2 * US],
      vmHop: [15 * US, 20 * US],
    });
  });

  it('without the broker process, broker work is a synchronous send less the round trip', () => {
    expect(byKey(calibration(false)).brokerCpu).toEqual([60 * US, 60 * US]);
  });

  it('writes the fsync under the disk named', () => {
    expect(Object.keys(byKey(calibration(true), 'hdd'))).toContain('fsyncHdd');
  });

  it('uses only keys of the topology cost table', () => {
    for (const m of deriveCosts(calibration(true), 'ssd')) expect(costKeys()).toContain(m.key);
  });
});

describe('the costs file', () => {
  it('is one the loader accepts, with the medians as values', () => {
    const c = calibration(true);
    const text = `${COSTS_FILE_HEADER}${stringify(costsDocument(c, deriveCosts(c, 'ssd')))}`;
    const loaded = loadCostsText(text, 'costs.yaml');
    expect(loaded.ok && loaded.costs).toEqual({
      lanRoundTrip: '45us',
      brokerCpu: '20us',
      fsyncSsd: '1ms',
      marshalPerKiB: '2us',
      vmHop: '18us',
    });
    expect(parse(text).measured.lanRoundTrip).toMatchObject({ min: '40us', median: '45us', max: '50us' });
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
