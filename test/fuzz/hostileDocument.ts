/**
 * Schema-valid topology documents with fault sections as hostile as issue 12 asks: every fault
 * kind at once, faults at t=0, at the last microsecond of sending and during the drain, several
 * at one instant, zero-length and one-way partitions, zero-length slow disks, restarts after 0 us
 * or never, random-fault storms, slow consumers with a prefetch of 0 to 2, and tiny memory
 * limits. The rest of the document comes from test/support/arbitraries.ts (every layout, HA
 * mode, network, topics, hostile names).
 *
 * Fault targets come from the loaded topology and the fault-kind table, so the document
 * stays valid by construction; a document the loader rejects is a generator bug, reported as such.
 */
import fc from 'fast-check';
import { type FaultKind, faultKindSpec } from '../../src/model/faultKinds.js';
import { acceptedTargets } from '../../src/topology/faultTargets.js';
import { formatLoadError } from '../../src/topology/issues.js';
import { loadTopologyText } from '../../src/topology/load.js';
import type { Topology } from '../../src/topology/types.js';
import { type TopologyDocument, topologyDocument } from '../support/arbitraries.js';
import { possibleFaultKinds } from '../support/faultSchedules.js';

type Doc = Record<string, unknown>;

const MS = 1_000;
const S = 1_000_000;

export function loadDocument(doc: TopologyDocument): Topology {
  const text = JSON.stringify(doc);
  const result = loadTopologyText(text, 'generated.json');
  if (!result.ok)
    throw new Error(`generated document does not load:\n${result.errors.map(formatLoadError).join('\n')}`);
  return result.topology;
}

const us = (n: number) => `${n}us`;

/**
 * The instants faults fall on: the edges of the run and a few shared moments, so that several
 * faults often strike at one instant; now and then anywhere.
 */
function instant(t: Topology, shared: number[]): fc.Arbitrary<number> {
  const sendUs = t.simulation.durationUs;
  const endUs = sendUs + t.simulation.drainUs;
  const edges = [0, 1, sendUs - 1, ...(endUs > sendUs ? [sendUs, endUs - 1] : []), ...shared];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...edges) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: sendUs - 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: endUs - 1 }) },
  );
}

/** A delay that is often exactly 0 or 1 us, sometimes long. */
const delayUs = fc.oneof(
  fc.constantFrom(0, 1),
  fc.integer({ min: 0, max: 10 * MS }),
  fc.integer({ min: 0, max: 5 * S }),
);

function faultOf(t: Topology, kind: FaultKind, at: fc.Arbitrary<number>): fc.Arbitrary<Doc> {
  const targets = acceptedTargets(t, kind);
  const spec = faultKindSpec(kind);
  if (spec.peer) {
    return fc
      .record({
        at,
        sides: fc.uniqueArray(fc.constantFrom(...targets), { minLength: 2, maxLength: 2 }),
        duration: delayUs,
        oneWay: fc.boolean(),
      })
      .map((f) => ({
        at: us(f.at),
        kind,
        target: f.sides[0],
        peer: f.sides[1],
        duration: us(f.duration),
        oneWay: f.oneWay,
      }));
  }
  if (spec.timed) {
    return fc
      .record({
        at,
        target: fc.constantFrom(...targets),
        duration: delayUs,
        factor: fc.constantFrom(1, 10, 10_000),
      })
      .map((f) => ({
        at: us(f.at),
        kind,
        target: f.target,
        duration: us(f.duration),
        ...(spec.factor ? { factor: f.factor } : {}),
      }));
  }
  return fc
    .record({
      at,
      target: fc.constantFrom(...targets),
      restartAfter: fc.option(fc.oneof(fc.constant('never'), delayUs.map(us)), { nil: undefined }),
    })
    .map((f) => ({
      at: us(f.at),
      kind,
      target: f.target,
      ...(f.restartAfter === undefined ? {} : { restartAfter: f.restartAfter }),
    }));
}

/** A schedule: some faults anywhere, and (often) one of every possible kind at a single instant. */
function schedule(t: Topology): fc.Arbitrary<Doc[]> {
  const kinds = possibleFaultKinds(t);
  if (kinds.length === 0) return fc.constant([]);
  return fc
    .uniqueArray(fc.integer({ min: 0, max: t.simulation.durationUs - 1 }), { minLength: 1, maxLength: 3 })
    .chain((shared) => {
      const at = instant(t, shared);
      const some = fc.array(
        fc.constantFrom(...kinds).chain((k) => faultOf(t, k, at)),
        { maxLength: 8 },
      );
      const everyKind = fc.option(
        fc
          .constantFrom(...shared)
          .chain((one) => fc.tuple(...kinds.map((k) => faultOf(t, k, fc.constant(one))))),
        { nil: undefined, freq: 2 },
      );
      return fc.tuple(some, everyKind).map(([a, b]) => [...a, ...(b ?? [])]);
    });
}

/** Random faults of every possible kind, from rare to a storm (mtbf 1 ms, mttr 1 us). */
function random(t: Topology): fc.Arbitrary<Doc[]> {
  const kinds = possibleFaultKinds(t);
  if (kinds.length === 0) return fc.constant([]);
  const spec = fc.constantFrom(...kinds).chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      mtbf: fc.oneof(fc.constantFrom(1 * MS, 10 * MS), fc.integer({ min: 1 * MS, max: 10 * S })).map(us),
      mttr: fc.oneof(fc.constantFrom(1, 1 * MS), fc.integer({ min: 1, max: 5 * S })).map(us),
      targets: fc.subarray(acceptedTargets(t, kind), {
        maxLength: Math.min(2, acceptedTargets(t, kind).length),
      }),
    }),
  );
  return fc.array(spec, { maxLength: 3 });
}

/** A tiny broker memory limit (flow control and send failures on every message), or none. */
const tinyMemory: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('1B', '1KiB', '64KiB') },
);

function withTinyMemory(block: unknown, memoryLimit: string | undefined): Doc | undefined {
  if (block === undefined) return undefined;
  return memoryLimit === undefined ? (block as Doc) : { ...(block as Doc), memoryLimit };
}

/** Slow consumers with a small prefetch (messages pile up and move between brokers), or as generated. */
const slowConsumers: fc.Arbitrary<{ processingTime: string; prefetch: number } | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({
      processingTime: fc.integer({ min: 1, max: 2 * S }).map(us),
      prefetch: fc.constantFrom(0, 1, 2),
    }),
  },
);

function withSlowConsumers(apps: unknown, slow: { processingTime: string; prefetch: number } | undefined) {
  if (slow === undefined) return apps;
  return (apps as Doc[]).map((a) => ({
    ...a,
    ...(a.consumers ? { consumers: (a.consumers as Doc[]).map((c) => ({ ...c, ...slow })) } : {}),
  }));
}

/**
 * Now and then every producer closed-loop: up to 8 sender threads each, with a count or, in a
 * short run, none (sending until the sends end as fast as send() returns).
 */
type ClosedLoops = { inFlight: number; count: number | undefined } | undefined;
const closedLoops: fc.Arbitrary<ClosedLoops> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({
      inFlight: fc.constantFrom(1, 2, 8),
      count: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    }),
  },
);

/** Longest send phase of a run whose closed loops have no count, in ms: they send all the time. */
const UNCOUNTED_LOOP_MAX_MS = 200;

function withClosedLoops(apps: unknown, loops: ClosedLoops, durationMs: number) {
  if (loops === undefined) return apps;
  const count = loops.count ?? (durationMs <= UNCOUNTED_LOOP_MAX_MS ? undefined : 100);
  return (apps as Doc[]).map((a) => ({
    ...a,
    ...(a.producers
      ? {
          producers: (a.producers as Doc[]).map(({ rate: _r, arrival: _a, count: _c, ...p }) => ({
            ...p,
            mode: 'closed-loop',
            inFlight: loops.inFlight,
            ...(count === undefined ? {} : { count }),
          })),
        }
      : {}),
  }));
}

export interface HostileOptions {
  /** Longest send phase, in ms (default 3,000): runs stay short so that many fit in an hour. */
  maxDurationMs?: number;
}

/**
 * A hostile document: the base document (no faults) with a short run and a seed, tiny memory
 * limits now and then, and hostile scheduled and random faults chosen from its loaded topology.
 */
export function hostileDocument(options: HostileOptions = {}): fc.Arbitrary<TopologyDocument> {
  const maxMs = options.maxDurationMs ?? 3_000;
  const base = topologyDocument({ maxReplicas: 3, maxBrokers: 3, maxApplications: 3, withFaults: false });
  return fc
    .record({
      base,
      durationMs: fc.integer({ min: 1, max: maxMs }),
      drainMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxMs })),
      seed: fc.integer({ min: 0, max: 0xffff_ffff }),
      embeddedMemory: tinyMemory,
      clusterMemory: tinyMemory,
      slow: slowConsumers,
      loops: closedLoops,
    })
    .chain((g) => {
      const embedded = withTinyMemory(g.base.embedded, g.embeddedMemory);
      const cluster = withTinyMemory(g.base.cluster, g.clusterMemory);
      const doc: TopologyDocument = {
        ...g.base,
        applications: withClosedLoops(withSlowConsumers(g.base.applications, g.slow), g.loops, g.durationMs),
        ...(embedded ? { embedded } : {}),
        ...(cluster ? { cluster } : {}),
        // Warm-up dropped: it must end before the (now shorter) sends do.
        simulation: { duration: `${g.durationMs}ms`, drain: `${g.drainMs}ms`, seed: g.seed },
      };
      const t = loadDocument(doc);
      return fc
        .record({ schedule: schedule(t), random: random(t) })
        .map((faults) => ({ ...doc, faults: { schedule: faults.schedule, random: faults.random } }));
    });
}
