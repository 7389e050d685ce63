/**
 * Properties of `simulate` over generated valid topologies, seeds and fault schedules: the same
 * inputs give byte-identical results; every run returns, with fates that add up, no negative
 * count and consistent metrics; and a fault-free persistent sync topology loses nothing.
 *
 * Runs are kept short (1 s .. 5 s of sends, at most 4 replicas and 3 brokers) so that a run takes
 * milliseconds. The suite titles carry the seed; replay a failure with FC_SEED=<seed> (fast-check
 * also prints the seed and path of the counterexample).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultKindSpec } from '../../src/model/faultKinds.js';
import { buildPlan } from '../../src/plan/buildPlan.js';
import type { SimResult } from '../../src/sim/result.js';
import { type SimulateOptions, simulate } from '../../src/sim/simulate.js';
import { formatLoadError } from '../../src/topology/issues.js';
import { loadTopologyText } from '../../src/topology/load.js';
import { resolveInstance } from '../../src/topology/names.js';
import { checkReferences } from '../../src/topology/references.js';
import type { ScheduledFault, Topology } from '../../src/topology/types.js';
import { type TopologyDocument, topologyDocument } from '../support/arbitraries.js';
import { faultSchedule } from '../support/faultSchedules.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const settings = (numRuns: number) => ({ seed, numRuns });

const S = 1_000_000;

/** A document, loaded: a property about simulations starts from a valid Topology. */
function load(doc: TopologyDocument): Topology {
  const text = JSON.stringify(doc);
  const result = loadTopologyText(text, 'generated.json');
  if (!result.ok) throw new Error(`${result.errors.map(formatLoadError).join('\n')}\n${text}`);
  return result.topology;
}

/** Generated documents small enough to simulate in milliseconds. */
const documents = (withFaults: boolean): fc.Arbitrary<TopologyDocument> =>
  topologyDocument({ maxReplicas: 4, maxBrokers: 3, withFaults });

const topologies = (withFaults: boolean): fc.Arbitrary<Topology> => documents(withFaults).map(load);

/** One run to make: a topology, a seed, a short send phase and a fault schedule for it. */
interface Scenario {
  topology: Topology;
  seed: number;
  durationUs: number;
  schedule: ScheduledFault[];
}

function scenarios(options: { withFaults: boolean; sorted?: boolean }): fc.Arbitrary<Scenario> {
  return topologies(options.withFaults).chain((topology) =>
    fc
      .record({
        seed: fc.integer({ min: 0, max: 0xffff_ffff }),
        durationUs: fc.integer({ min: S, max: 5 * S }),
      })
      .chain(({ seed: runSeed, durationUs }) =>
        (options.withFaults
          ? faultSchedule(topology, { durationUs, sorted: options.sorted ?? true })
          : fc.constant<ScheduledFault[]>([])
        ).map((schedule): Scenario => ({ topology, seed: runSeed, durationUs, schedule })),
      ),
  );
}

/**
 * Stops a run that would not end, as a failure rather than a hung suite. onProgress comes every
 * 65,536 events: a run here needs a handful; simulated time that stands still for 8 calls in a
 * row is a livelock (events rescheduling themselves at the same instant).
 */
const MAX_PROGRESS_CALLS = 200;
const MAX_CALLS_AT_ONE_INSTANT = 8;

/** Runs a scenario on a fresh plan; the clock seen through onProgress never goes back. */
function run(s: Scenario, extra: SimulateOptions = {}): SimResult {
  let calls = 0;
  let still = 0;
  let last = 0;
  return simulate(buildPlan(s.topology), {
    seed: s.seed,
    durationUs: s.durationUs,
    schedule: s.schedule,
    ...extra,
    onProgress: (fraction) => {
      if (fraction < last) throw new Error(`progress went back: ${fraction} < ${last}`);
      if (fraction > 1) throw new Error(`progress past the end: ${fraction}`);
      still = fraction === last ? still + 1 : 0;
      last = fraction;
      if (still >= MAX_CALLS_AT_ONE_INSTANT)
        throw new Error(`simulated time stands still at ${fraction} of the run (livelock)`);
      if (++calls > MAX_PROGRESS_CALLS) throw new Error('the run does not end (over 13 M events)');
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Checks on one result, each returning nothing and throwing (via expect) on a violation

/** Fields that may be -1 ("never", "none"); every other number in a result is a count or a time. */
const MINUS_ONE_ALLOWED = new Set(['restartAfterUs', 'failoverUs', 'allRecoveredUs']);

function expectNoNegative(value: unknown, path: string): void {
  if (typeof value === 'number') {
    const key = path.slice(path.lastIndexOf('.') + 1);
    expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
    expect(value, `${path} is negative`).toBeGreaterThanOrEqual(MINUS_ONE_ALLOWED.has(key) ? -1 : 0);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      expectNoNegative(v, `${path}[${i}]`);
    });
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectNoNegative(v, `${path}.${k}`);
}

function expectFatesAddUp(r: SimResult): void {
  const f = r.fates;
  const settled =
    f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown + f.deadLettered + f.discarded;
  expect(settled, `fates ${JSON.stringify(f)}`).toBe(f.sent + f.fanout);
  // Sends left without an answer: each recovered, gone (the unknown fate) or still held.
  const u = r.outcomeUnknown;
  expect(u.recovered + u.gone + u.held, JSON.stringify(u)).toBe(u.sends);
  expect(u.gone).toBe(f.unknown);
  expect(u.recovered).toBeLessThanOrEqual(f.delivered);
  expect(f.lostPersistent).toBeLessThanOrEqual(f.lost);
  expect(r.stuck).toBeLessThanOrEqual(f.inFlight);
  // Per-fault figures are shares of the totals.
  const sum = (key: 'lost' | 'stranded' | 'duplicated') => r.faults.reduce((n, x) => n + x[key], 0);
  expect(sum('lost')).toBeLessThanOrEqual(f.lost);
  expect(sum('stranded')).toBeLessThanOrEqual(f.stranded);
  expect(sum('duplicated')).toBeLessThanOrEqual(r.duplicates);
}

function expectTimesInRange(r: SimResult, t: Topology, durationUs: number): void {
  const drainUs = t.simulation.drainUs;
  expect(r.durationUs).toBe(durationUs);
  expect(r.endUs).toBeGreaterThanOrEqual(durationUs);
  expect(r.endUs).toBeLessThanOrEqual(durationUs + drainUs);
  expect(r.unavailability.maxUs).toBeLessThanOrEqual(r.unavailability.totalUs);
  expect(r.unavailability.stillBlockedMaxUs).toBeLessThanOrEqual(r.endUs);
}

function expectLatencyOrdered(r: SimResult): void {
  const l = r.latency;
  // Measured when onMessage starts: a message may start, then end in the DLQ (ledger.ts).
  expect(l.count).toBeLessThanOrEqual(r.fates.delivered + r.fates.deadLettered);
  if (l.count === 0) {
    expect(l).toEqual({ count: 0, minUs: 0, meanUs: 0, p50Us: 0, p90Us: 0, p99Us: 0, p999Us: 0, maxUs: 0 });
    return;
  }
  const chain = [l.minUs, l.p50Us, l.p90Us, l.p99Us, l.p999Us, l.maxUs];
  for (let i = 1; i < chain.length; i++)
    expect(chain[i - 1], JSON.stringify(l)).toBeLessThanOrEqual(chain[i]!);
  expect(l.meanUs).toBeGreaterThanOrEqual(l.minUs);
  expect(l.meanUs).toBeLessThanOrEqual(l.maxUs);
}

/** The restart time a scheduled fault gets when it names none (faults.ts defaultRestartUs, from the topology). */
function defaultRestartUs(t: Topology, f: ScheduledFault): number {
  if (faultKindSpec(f.kind).timed) return 0;
  const ref = resolveInstance(t, f.target);
  return ref?.kind === 'process' ? ref.app.restartUs : (t.cluster?.restartUs ?? 0);
}

function expectFaultReports(r: SimResult, s: Scenario): void {
  r.faults.forEach((f, i) => {
    expect(f.index, `faults[${i}].index`).toBe(i);
  });
  // The schedule given to simulate (origin `check`): each fault before the end of sends, in time order.
  const given = r.faults.filter((f) => f.origin === 'check');
  const expected = s.schedule
    .filter((f) => f.atUs < s.durationUs)
    .map((f) => ({
      atUs: f.atUs,
      kind: f.kind,
      target: f.target,
      peer: f.peer,
      durationUs: f.durationUs,
      restartAfterUs: f.restartAfterUs ?? defaultRestartUs(s.topology, f),
    }));
  expect(
    given.map(({ atUs, kind, target, peer, durationUs, restartAfterUs }) => ({
      atUs,
      kind,
      target,
      peer,
      durationUs,
      restartAfterUs,
    })),
  ).toEqual(expected);
  for (let i = 1; i < given.length; i++) expect(given[i - 1]!.atUs).toBeLessThanOrEqual(given[i]!.atUs);
  // Random faults are recorded as they happen: in time order, and only while sending.
  const random = r.faults.filter((f) => f.origin === 'random');
  for (let i = 1; i < random.length; i++) expect(random[i - 1]!.atUs).toBeLessThanOrEqual(random[i]!.atUs);
  for (const f of random) expect(f.atUs).toBeLessThan(s.durationUs);
  for (const f of r.faults) {
    expect(['check', 'random']).toContain(f.origin);
    // Failover ends with the first affected producer's send, all-recovered with the last one's.
    if (f.allRecoveredUs >= 0) {
      expect(f.failoverUs).toBeGreaterThanOrEqual(0);
      expect(f.failoverUs).toBeLessThanOrEqual(f.allRecoveredUs);
    }
    if (f.failoverUs >= 0) expect(f.atUs + f.failoverUs).toBeLessThanOrEqual(r.endUs);
    expect(f.maxUnavailableUs).toBeLessThanOrEqual(r.unavailability.maxUs);
  }
}

function expectSane(r: SimResult, s: Scenario): void {
  expectNoNegative(r, 'result');
  expectFatesAddUp(r);
  expectTimesInRange(r, s.topology, s.durationUs);
  expectLatencyOrdered(r);
  expectFaultReports(r, s);
  expect(r.seed).toBe(s.seed);
  // Every send() starts from an application request, which is an event.
  expect(r.events).toBeGreaterThanOrEqual(r.fates.sent);
}

// ---------------------------------------------------------------------------------------------

describe(`simulate: determinism (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('gives byte-identical JSON for the same topology and seed, with the topology and random faults', () => {
    fc.assert(
      fc.property(
        scenarios({ withFaults: true }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (s, otherSeed) => {
          // The topology's own schedule and random faults, on fresh plans; a different run in between
          // would show any state kept between runs.
          const options = { seed: s.seed, durationUs: s.durationUs };
          const first = JSON.stringify(simulate(buildPlan(s.topology), options));
          simulate(buildPlan(s.topology), { ...options, seed: otherSeed });
          const second = JSON.stringify(simulate(buildPlan(s.topology), options));
          expect(second).toBe(first);
        },
      ),
      settings(60),
    );
  });

  it('gives byte-identical JSON for the same generated fault schedule', () => {
    fc.assert(
      fc.property(scenarios({ withFaults: true }), (s) => {
        const plan = buildPlan(s.topology);
        const options = { seed: s.seed, durationUs: s.durationUs, schedule: s.schedule };
        // The same plan object twice: a run must not change it.
        expect(JSON.stringify(simulate(plan, options))).toBe(JSON.stringify(simulate(plan, options)));
      }),
      settings(60),
    );
  });
});

describe(`simulate: conservation and sanity under faults (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('generates schedules the loader would accept', () => {
    fc.assert(
      fc.property(scenarios({ withFaults: true, sorted: false }), (s) => {
        const t = { ...s.topology, simulation: { ...s.topology.simulation, durationUs: s.durationUs } };
        expect(checkReferences({ ...t, faults: { ...t.faults, schedule: s.schedule } })).toEqual([]);
      }),
      settings(100),
    );
  });

  it('returns, with fates that add up and consistent figures, for generated schedules and random faults', () => {
    fc.assert(
      fc.property(scenarios({ withFaults: true }), (s) => {
        expectSane(run(s), s);
      }),
      settings(100),
    );
  });

  it('does the same for schedules given out of time order', () => {
    fc.assert(
      fc.property(scenarios({ withFaults: true, sorted: false }), (s) => {
        const r = run(s, { randomFaults: false });
        expectNoNegative(r, 'result');
        expectFatesAddUp(r);
        expectTimesInRange(r, s.topology, s.durationUs);
        expectLatencyOrdered(r);
        // Every given fault is reported once, whatever the order it was given in.
        const key = (f: { atUs: number; kind: string; target: string }) => `${f.atUs} ${f.kind} ${f.target}`;
        expect(r.faults.map(key).sort()).toEqual(s.schedule.map(key).sort());
      }),
      settings(50),
    );
  });

  it('ends, with events, whenever there are producers', () => {
    fc.assert(
      fc.property(scenarios({ withFaults: false }), (s) => {
        const r = run(s, { randomFaults: false });
        expectSane(r, s);
        expect(r.faults).toEqual([]);
        // Requests expected over the run: with 20 or more, none arriving is a 2e-9 chance for Poisson.
        const expected = s.topology.applications
          .flatMap((a) => a.producers.map((p) => p.ratePerSecond * a.replicas))
          .reduce((sum, perSecond) => sum + (perSecond * s.durationUs) / S, 0);
        // A closed-loop producer has no rate (0 above): it sends as fast as send() returns.
        const closedLoops = s.topology.applications.some((a) => a.producers.some((p) => p.closedLoop));
        if (expected === 0 && !closedLoops) expect(r.fates.sent).toBe(0);
        if (expected >= 20) expect(r.fates.sent).toBeGreaterThan(0);
        // A sent message is at least an arrival and a hop to a broker.
        if (r.fates.sent > 0) expect(r.events).toBeGreaterThan(r.fates.sent);
        else expect(r.events).toBeGreaterThan(0);
      }),
      settings(60),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// No faults: a persistent, synchronous topology where every destination has a consumer

/**
 * Restricts a generated document to what must lose nothing without faults: every producer sends
 * persistent messages synchronously; every produced destination has a consumer in every producing
 * process (so that no layout needs a bridge to reach it); sends neither time out nor fail when a
 * broker's memory fills up; no faults of any kind.
 */
function safeDocument(doc: TopologyDocument): TopologyDocument {
  const apps = (doc.applications as Record<string, unknown>[]).map((a) => {
    const producers = ((a.producers as Record<string, unknown>[] | undefined) ?? []).map(
      (p): Record<string, unknown> => ({ ...p, persistent: true, sendMode: 'sync' }),
    );
    const consumers = [...((a.consumers as Record<string, unknown>[] | undefined) ?? [])];
    for (const p of producers)
      if (!consumers.some((k) => k.destination === p.destination))
        consumers.push({ destination: p.destination });
    return { ...a, producers, consumers };
  });
  const noFailIfNoSpace = (block: unknown) =>
    block ? { ...(block as Record<string, unknown>), sendFailIfNoSpace: false } : undefined;
  const { faults: _faults, failover, embedded, cluster, ...rest } = doc;
  return {
    ...rest,
    destinations: doc.destinations,
    applications: apps,
    ...(embedded ? { embedded: noFailIfNoSpace(embedded) } : {}),
    ...(cluster ? { cluster: noFailIfNoSpace(cluster) } : {}),
    ...(failover ? { failover: { ...(failover as Record<string, unknown>), timeout: 'none' } } : {}),
  };
}

describe(`simulate: no faults, persistent sync sends (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('loses, strands, duplicates and fails nothing', () => {
    const safe = documents(false).map((d) => load(safeDocument(d)));
    fc.assert(
      fc.property(
        safe,
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: S, max: 5 * S }),
        (topology, runSeed, durationUs) => {
          const s: Scenario = { topology, seed: runSeed, durationUs, schedule: [] };
          const r = run(s, { randomFaults: false });
          expectSane(r, s);
          expect({
            lost: r.fates.lost,
            stranded: r.fates.stranded,
            sendFailed: r.fates.sendFailed,
            unknown: r.outcomeUnknown.sends,
            deadLettered: r.fates.deadLettered,
            // Every producing process subscribes to what it sends: no topic message lacks a subscriber.
            discarded: r.fates.discarded,
            duplicates: r.duplicates,
            redeliveries: r.redeliveries,
          }).toEqual({
            lost: 0,
            stranded: 0,
            sendFailed: 0,
            unknown: 0,
            deadLettered: 0,
            discarded: 0,
            duplicates: 0,
            redeliveries: 0,
          });
        },
      ),
      settings(80),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Faults that destroy no synced data: persistent sync sends to queues, stores synced `always`

/**
 * Restricts a generated document to what MODEL.md says loses no acknowledged message under any
 * crash, restart, power loss, partition or slow disk: persistent synchronous sends to queues only
 * (topic copies for non-durable subscribers live in memory), every store KahaDB (JDBC for ha
 * jdbc) synced `always` on a disk that survives a restart.
 */
function durableDocument(doc: TopologyDocument): TopologyDocument {
  const safe = safeDocument(doc);
  const store = (block: unknown, jdbc: boolean) =>
    block
      ? {
          ...(block as Record<string, unknown>),
          store: jdbc ? 'jdbc' : 'kahadb',
          journalDiskSyncStrategy: 'always',
          ephemeralStorage: false,
        }
      : undefined;
  const cluster = safe.cluster as Record<string, unknown> | undefined;
  return {
    ...safe,
    destinations: (safe.destinations as Record<string, unknown>[]).map((d) => ({ ...d, type: 'queue' })),
    // Without an embedded block, embedded brokers keep the default: KahaDB synced `always`, on a volume.
    ...(safe.embedded ? { embedded: store(safe.embedded, false) } : {}),
    ...(cluster ? { cluster: store(cluster, cluster.ha === 'jdbc') } : {}),
  };
}

describe(`simulate: faults that destroy no synced data (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('lose no acknowledged persistent message', () => {
    const durable = documents(false)
      .map((d) => load(durableDocument(d)))
      .chain((topology) =>
        fc
          .record({
            seed: fc.integer({ min: 0, max: 0xffff_ffff }),
            durationUs: fc.integer({ min: S, max: 5 * S }),
          })
          .chain(({ seed: runSeed, durationUs }) =>
            faultSchedule(topology, {
              durationUs,
              kinds: [
                'process-crash',
                'broker-crash',
                'broker-restart',
                'power-loss',
                'partition',
                'slow-disk',
              ],
            }).map((schedule): Scenario => ({ topology, seed: runSeed, durationUs, schedule })),
          ),
      );
    fc.assert(
      fc.property(durable, (s) => {
        const r = run(s, { randomFaults: false });
        expectSane(r, s);
        expect({ lost: r.fates.lost, perFault: r.faults.map((f) => f.lost) }).toEqual({
          lost: 0,
          perFault: r.faults.map(() => 0),
        });
      }),
      settings(100),
    );
  });
});
