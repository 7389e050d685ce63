/**
 * The throughput ceiling is an upper bound of the simulation: over generated small topologies
 * (embedded and central, every journalDiskSyncStrategy and disk, sync and async, persistent or
 * not, open and closed loops with several sender threads, messages up to 1 MiB), the delivered
 * rate of a run never exceeds the ceiling the cost model gives for it.
 *
 * Twice: once with every cost at its mean (the model's mechanism alone, where the bound is exact
 * but for the messages each sender thread may finish at the edges of the send phase), and once
 * with the documented noise (src/sim/noise.ts), where a saturated resource's sample mean may fall
 * below its mean by chance: allowed up to 5 standard deviations of the mean of the draws the run
 * holds of its bottleneck, at the largest documented sigma (COST_SIGMA.disk). Replay a failure
 * with FC_SEED=<seed>.
 *
 * Left out: open-loop async sends, whose client side the two model differently. The simulator
 * returns their send() at once: over vm:// it charges the clone to no thread, where the ceiling
 * (and ActiveMQ, whose sending thread copies the message) charges it to the producer's thread;
 * over tcp:// it paces them by the socket buffers, where the ceiling charges the client's
 * marshalling (a large message: the simulator delivers ~12% more than the ceiling).
 *
 * Journal-bound runs with `periodic` or `never` are in: there a send is acknowledged when its record
 * joins the journal's next batch, and KahaDB's DataFileAppender.enqueue holds the storing thread
 * while that batch is full (src/sim/journal.ts), so the journal writer bounds what a broker
 * acknowledges and dispatches. (Before the simulator modelled that, this test found an embedded
 * 1 MiB closed loop of 64 with `periodic` delivering 83,000 a second against a ceiling of 80,000.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { throughputCeiling } from '../../src/compare/throughputCeiling.js';
import { fsyncUs } from '../../src/sim/costs.js';
import { Ev } from '../../src/sim/events.js';
import { COST_SIGMA, CostNoise } from '../../src/sim/noise.js';
import { Rng } from '../../src/sim/rng.js';
import type { World } from '../../src/sim/world.js';
import { runUntil, smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const NO_NOISE = { hop: 0, cpu: 0, handOff: 0, transport: 0, disk: 0 };

interface ProducerShape {
  closedLoop: boolean;
  inFlight: number;
  ratePerSecond: number;
  persistent: boolean;
  sendMode: 'sync' | 'async';
  size: string;
}

interface Shape {
  layout: 'embedded' | 'central';
  ha: 'none' | 'shared-store';
  store: 'kahadb' | 'memory';
  disk: 'ssd' | 'hdd' | 'nfs';
  sync: 'always' | 'periodic' | 'never';
  replicas: number;
  producers: ProducerShape[];
  processingTime: string;
  consumerReplicas: number;
  durationMs: number;
}

const producerShapes: fc.Arbitrary<ProducerShape> = fc.record({
  closedLoop: fc.boolean(),
  inFlight: fc.constantFrom(1, 2, 4, 16, 64),
  ratePerSecond: fc.constantFrom(10, 200, 2000, 20000),
  persistent: fc.boolean(),
  sendMode: fc.constantFrom('sync', 'async'),
  size: fc.constantFrom('64B', '1KiB', '64KiB', '1MiB'),
});

const shapes: fc.Arbitrary<Shape> = fc.record({
  layout: fc.constantFrom('embedded', 'central'),
  ha: fc.constantFrom('none', 'shared-store'),
  store: fc.constantFrom('kahadb', 'kahadb', 'memory'),
  disk: fc.constantFrom('ssd', 'hdd', 'nfs'),
  sync: fc.constantFrom('always', 'periodic', 'never'),
  replicas: fc.integer({ min: 1, max: 4 }),
  // One producer (on every replica): the ceiling scales the producers' mix as one, so with two
  // unlike ones the one that saturates its own thread caps the other's share too.
  producers: fc.array(producerShapes, { minLength: 1, maxLength: 1 }),
  processingTime: fc.constantFrom('0s', '20us', '1ms'),
  consumerReplicas: fc.integer({ min: 1, max: 3 }),
  durationMs: fc.integer({ min: 200, max: 400 }),
});

/** Always tried first: the run this test once found above its ceiling (bound by a periodic journal). */
const journalBound: Shape = {
  layout: 'embedded',
  ha: 'none',
  store: 'kahadb',
  disk: 'ssd',
  sync: 'periodic',
  replicas: 1,
  producers: [
    { closedLoop: true, inFlight: 64, ratePerSecond: 10, persistent: true, sendMode: 'sync', size: '1MiB' },
  ],
  processingTime: '0s',
  consumerReplicas: 1,
  durationMs: 200,
};

/** Whether the ceiling and the simulation model `s` alike (see the top of the file). */
function comparable(s: Shape): boolean {
  return !s.producers.some((p) => !p.closedLoop && p.sendMode === 'async');
}

/** One journal batch's cost for `s`: an fsync with `always`, else a page-cache write. */
function batchUs(s: Shape): number {
  const costs = smallWorld(yaml(s), { boot: false }).costs;
  return s.sync === 'always' ? fsyncUs(costs, s.disk) : costs.journalWriteUs;
}

function ceilingOf(s: Shape): ReturnType<typeof throughputCeiling> {
  return throughputCeiling(smallWorld(yaml(s), { boot: false }).topology);
}

function producerYaml(p: ProducerShape): string {
  const loop = p.closedLoop
    ? `mode: closed-loop, inFlight: ${p.inFlight}`
    : `rate: ${p.ratePerSecond}/s, arrival: constant`;
  return `{ destination: work, ${loop}, persistent: ${p.persistent}, sendMode: ${p.sendMode}, size: ${p.size} }`;
}

function yaml(s: Shape): string {
  const store = `store: ${s.store}, disk: ${s.disk}, journalDiskSyncStrategy: ${s.sync}`;
  // A shared store needs one on disk.
  const ha = s.store === 'kahadb' ? s.ha : 'none';
  const brokers =
    s.layout === 'embedded'
      ? `embedded: { ${store} }`
      : `cluster: { brokers: ${ha === 'none' ? 1 : 2}, ha: ${ha}, ${store} }`;
  const consumers = `consumers: [{ destination: work, processingTime: ${s.processingTime} }]`;
  // An embedded broker's messages stay in its process (no network): its consumers are there too.
  const workers =
    s.layout === 'embedded' ? '' : `  - id: worker\n    replicas: ${s.consumerReplicas}\n    ${consumers}`;
  return `
name: ceiling
layout: ${s.layout}
destinations: [{ name: work }]
${brokers}
applications:
  - id: batch
    replicas: ${s.replicas}
    producers: [${s.producers.map(producerYaml).join(', ')}]
${s.layout === 'embedded' ? `    ${consumers}` : workers}
simulation: { duration: ${s.durationMs}ms, drain: 1s, seed: 1 }
`;
}

/** Sender threads in all: each may finish one send that started before the end of the sends. */
function senderThreads(s: Shape): number {
  return s.replicas * s.producers.reduce((n, p) => n + (p.closedLoop ? p.inFlight : 1), 0);
}

/** Messages a second delivered while the producers sent (the result's deliveredPerSecond). */
function deliveredRate(w: World): number {
  runUntil(w, w.sendsEndUs);
  return w.metrics.deliveredWhileSending / (w.sendsEndUs / 1e6);
}

/** The world of `s` as simulate() starts it, its costs drawn with `sigma`. */
function world(s: Shape, sigma: typeof COST_SIGMA, runSeed: number): World {
  const w = smallWorld(yaml(s), { boot: false, seed: runSeed });
  w.noise = new CostNoise(Rng.fromSeed(runSeed).fork('costs'), sigma);
  w.queue.push(0, Ev.Boot, 0, 0);
  w.queue.push(w.sendsEndUs, Ev.SendsEnd, 0, 0);
  return w;
}

describe(`throughput ceiling against the simulation (seed ${seed})`, () => {
  it('with every cost at its mean, no run delivers more than the ceiling', () => {
    fc.assert(
      fc.property(shapes.filter(comparable), (s) => {
        const ceiling = ceilingOf(s);
        const rate = deliveredRate(world(s, NO_NOISE, 1));
        const edge = senderThreads(s) / (s.durationMs / 1000);
        expect(rate).toBeGreaterThan(0);
        expect(rate).toBeLessThanOrEqual(ceiling.messagesPerSecond * 1.001 + edge);
      }),
      { seed, numRuns: 60, examples: [[journalBound]] },
    );
  });

  it('with the documented noise, a run exceeds it by no more than that noise allows', () => {
    fc.assert(
      fc.property(shapes.filter(comparable), fc.integer({ min: 1, max: 1000 }), (s, runSeed) => {
        const ceiling = ceilingOf(s);
        const rate = deliveredRate(world(s, COST_SIGMA, runSeed));
        // The run holds about this many draws of its bottleneck's cost (at least one): the journal
        // draws once a batch (one fsync, or one page-cache write), not once a record.
        const drawUs = ceiling.bottleneck === 'journal' ? batchUs(s) : ceiling.bottleneckUs;
        const draws = Math.max(1, (s.durationMs * 1000) / Math.max(1, drawUs));
        const cv = Math.sqrt(Math.exp(COST_SIGMA.disk ** 2) - 1);
        const noise = 1 / Math.max(0.05, 1 - (5 * cv) / Math.sqrt(draws));
        const edge = senderThreads(s) / (s.durationMs / 1000);
        expect(rate).toBeLessThanOrEqual(ceiling.messagesPerSecond * noise + edge);
      }),
      { seed, numRuns: 40, examples: [[journalBound, 1]] },
    );
  });
});
