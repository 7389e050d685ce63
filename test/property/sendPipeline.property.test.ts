/**
 * Whatever an async producer's rate and message size, however slow its broker's transport thread
 * and store thread, and whenever the broker is killed: a connection's socket buffers never hold
 * more than their capacity; every message's fate adds up, unknown outcomes included; and what a
 * kill loses beyond what was at risk when it struck (the writes that still "succeeded" before the
 * transport noticed) fits in the buffers. Replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIPELINE_CAPACITY_BYTES } from '../../src/sim/sendPipeline.js';
import { onlyFault, simulateYaml } from '../support/simulateYaml.js';
import { runUntil, smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Case {
  ratePerSecond: number;
  sizeBytes: number;
  transportUs: number;
  storeRecordUs: number;
  persistent: boolean;
  killAtMs: number;
  restartAfterMs: number;
  processingUs: number;
}

const cases: fc.Arbitrary<Case> = fc.record({
  ratePerSecond: fc.integer({ min: 50, max: 20_000 }),
  sizeBytes: fc.integer({ min: 64, max: 300 * 1024 }),
  transportUs: fc.integer({ min: 1, max: 2_000 }),
  storeRecordUs: fc.integer({ min: 1, max: 2_000 }),
  persistent: fc.boolean(),
  killAtMs: fc.integer({ min: 1, max: 900 }),
  restartAfterMs: fc.integer({ min: 0, max: 500 }),
  processingUs: fc.integer({ min: 0, max: 2_000 }),
});

function topology(c: Case, kill: boolean): string {
  return `
name: pipe-property
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers:
      - { destination: work, rate: ${c.ratePerSecond}/s, size: ${c.sizeBytes}B, persistent: ${c.persistent}, sendMode: async, arrival: poisson }
  - id: worker
    consumers: [{ destination: work, processingTime: ${c.processingUs}us }]
cluster: { brokers: 1, ha: none }
costs: { tcpConnection: ${c.transportUs}us, storeRecord: ${c.storeRecordUs}us }
failover: { randomize: false }
${
  kill
    ? `faults:
  schedule:
    - { at: ${c.killAtMs}ms, kind: broker-crash, target: broker-0, restartAfter: ${c.restartAfterMs}ms }`
    : ''
}
simulation: { duration: 1s, drain: 5s, seed: 3 }
`;
}

describe(`the async-send pipeline (seed ${seed})`, () => {
  it('never holds more than the socket buffers (a message larger than them goes alone)', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const w = smallWorld(topology(c, true));
        const link = w.links[w.producers[0]!.link]!;
        const bound = Math.max(PIPELINE_CAPACITY_BYTES, c.sizeBytes);
        for (let t = 0; t <= 1_200_000; t += 20_000) {
          runUntil(w, t);
          expect(link.pipelineBytes).toBeLessThanOrEqual(bound);
          expect(link.pipelineBytes).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed, numRuns: 15 },
    );
  });

  it('loses at a kill what was at risk, plus at most what the buffers took after it', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const r = simulateYaml(topology(c, true));
        const f = r.fates;
        const u = r.outcomeUnknown;
        expect(f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown).toBe(f.sent);
        expect(u.recovered + u.gone + u.held).toBe(u.sends);
        expect(u.gone).toBe(f.unknown);
        const afterKill = Math.ceil(PIPELINE_CAPACITY_BYTES / c.sizeBytes) + 1;
        expect(f.lost).toBeLessThanOrEqual(onlyFault(r).atRisk + afterKill);
      }),
      { seed, numRuns: 25 },
    );
  });
});
