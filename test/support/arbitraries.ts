/**
 * fast-check arbitraries for VALID topology documents: plain objects in the file format of
 * schemas/topology.schema.json (units as strings: `250ms`, `1KiB`, `50/s`) that the loader must
 * accept. Every rule the schema, src/topology/normalize.ts or src/topology/references.ts imposes
 * is encoded here by construction (one filter drops a rare id), with a comment saying which rule
 * and why.
 *
 * Later property tests simulate these topologies, so figures stay small: a few applications of
 * at most a handful of replicas, rates up to 200/s, runs of 1 s .. 20 s with a drain of at most 10 s.
 */
import fc from 'fast-check';
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultTargetClass,
  faultKindSpec,
  minimumTargets,
} from '../../src/model/faultKinds.js';

/** A topology document as it would be written to a file, before the loader sees it. */
export type TopologyDocument = Record<string, unknown>;

export interface TopologyOptions {
  /** Most processes of one application (replicas). */
  maxReplicas?: number;
  /** Most brokers of a central cluster (ha `none` always has exactly one). */
  maxBrokers?: number;
  /** Most applications. */
  maxApplications?: number;
  /** Generate a `faults` block (scheduled, random and search) some of the time. */
  withFaults?: boolean;
}

const DEFAULT_OPTIONS: Required<TopologyOptions> = {
  maxReplicas: 5,
  maxBrokers: 4,
  maxApplications: 3,
  withFaults: true,
};

type Doc = Record<string, unknown>;

const MS = 1_000;
const S = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A record whose keys outside `required` are sometimes absent, so that the loader's defaults run. */
function someOf<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []) {
  return fc.record(model, { requiredKeys: required, noNullPrototype: true });
}

/** A value written in one of its spellings, picked by a generated index (shrinks to the first spelling, unlike chain). */
function spelledAs<V>(value: fc.Arbitrary<V>, spellings: (v: V) => string[]): fc.Arbitrary<string> {
  return fc.tuple(value, fc.nat()).map(([v, k]) => {
    const all = spellings(v);
    return all[k % all.length]!;
  });
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

// ---------------------------------------------------------------------------------------------
// Units: every spelling the schema's patterns allow that parses back to a whole figure.

/** Ways to write `us` microseconds: whole numbers in every unit that divides it, decimal ms and s, `µs`, ns, a space before the unit. */
export function durationSpellings(us: number): string[] {
  const out = [`${us}us`, `${us} µs`, `${us * 1000}ns`, `${us / MS}ms`, `${us / S}s`];
  for (const [unit, factor] of [
    ['m', 60 * S],
    ['min', 60 * S],
    ['h', 3600 * S],
    ['d', 86_400 * S],
  ] as const) {
    // Minutes and hours only when whole: us / 60e6 has no finite decimal expansion in general.
    if (us % factor === 0) out.push(`${us / factor}${unit}`);
  }
  return unique(out);
}

/** A duration between `minUs` and `maxUs`, in any spelling (`1500ms`, `1.5s`, `1500000 µs`). */
export function duration(minUs: number, maxUs: number): fc.Arbitrary<string> {
  return spelledAs(fc.integer({ min: minUs, max: maxUs }), durationSpellings);
}

/** A duration in whole milliseconds, for times that must stay below another (fault times). */
function durationInMs(minMs: number, maxMs: number): fc.Arbitrary<string> {
  return spelledAs(fc.integer({ min: minMs, max: maxMs }), (ms) => durationSpellings(ms * MS));
}

/** A per-KiB cost in nanoseconds (`smallDuration`: ns, us, ms, s only): `500ns`, `0.5us`. */
function smallDuration(minNs: number, maxNs: number): fc.Arbitrary<string> {
  return spelledAs(fc.integer({ min: minNs, max: maxNs }), (ns) =>
    unique([`${ns}ns`, `${ns / 1000}us`, `${ns / 1000}µs`, `${ns / 1e6}ms`]),
  );
}

/** Ways to write a size of whole bytes: B, decimal and binary multiples (exact decimals only). */
export function sizeSpellings(bytes: number): string[] {
  const out = [`${bytes}B`, `${bytes / 1024}KiB`, `${bytes / 1000}KB`, `${bytes} B`];
  if (bytes % 1024 ** 2 === 0) out.push(`${bytes / 1024 ** 2}MiB`);
  if (bytes % 1024 ** 3 === 0) out.push(`${bytes / 1024 ** 3}GiB`);
  if (bytes % 1e6 === 0) out.push(`${bytes / 1e6}MB`);
  return unique(out);
}

function size(minBytes: number, maxBytes: number): fc.Arbitrary<string> {
  return spelledAs(fc.integer({ min: minBytes, max: maxBytes }), sizeSpellings);
}

/** A memory limit: whole MiB between 1 MiB and 4 GiB (the loader's limit is 1 TiB). */
const memoryLimit = spelledAs(fc.integer({ min: 1, max: 4096 }), (mib) => sizeSpellings(mib * 1024 ** 2));

/**
 * A producer rate of at most 200/s (kept modest because later tests simulate it), never zero
 * (the loader rejects a zero rate): per second, minute or hour, whole or decimal.
 */
const rate: fc.Arbitrary<string> = fc.oneof(
  spelledAs(fc.integer({ min: 1, max: 200 }), (n) => [
    `${n}/s`,
    `${n * 60}/m`,
    `${n * 60}/min`,
    `${n * 3600}/h`,
    `${n} / s`,
  ]),
  fc.integer({ min: 1, max: 12_000 }).map((k) => `${k}/m`),
  fc.integer({ min: 1, max: 2_000 }).map((tenths) => `${tenths / 10}/s`),
);

// ---------------------------------------------------------------------------------------------
// Names

/** Text that breaks naive renderers and parsers; destination names and topology names mix these. */
const HOSTILE_FRAGMENTS = [
  // Quotes and markup.
  ...['"', "'", '`', '<script>alert(1)</script>', '<b>', '&amp;'],
  // Mermaid: node shapes, link and comment syntax, statement separator, keywords.
  ...['[', ']', '(', ')', '{', '}', '((', '[[', ';', '%%', '---', '--', '-.-', '==', 'A--B'],
  ...['end', 'graph TD', 'subgraph', 'click', 'classDef', 'style'],
  // YAML: indicators and comment marks, leading or trailing blanks.
  ...['#', ' #', '%', '@', '!', '&', '|', '?', '\\', '/', ':', ': ', '- ', ' ', '  '],
  // YAML: words it would read as null, booleans or numbers if unquoted.
  ...['null', 'true', '~', '0x1F', '1e3', '007', '.nan'],
  // Unicode: precomposed and combining accents, CJK, emoji (one with a zero-width joiner).
  ...['é', 'e\u0301', 'Ünïcödé', '日本語', '🚀', '👩‍💻'],
  // Unicode: right-to-left override, zero-width space, NBSP, BOM, line separator, DEL, NEL.
  ...['\u202e', '\u200b', '\u00a0', '\ufeff', '\u2028', '\u007f', '\u0085'],
];

/** What no name may contain (schema): control characters and bidirectional formatting. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters the schema's pattern excludes
const NOT_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** What a destination name may not contain on top of that: wildcards and the composite separator. */
const NOT_IN_DESTINATION = /[*>,]/g;
/** What a topology name may contain on top of a destination name. */
const TOPOLOGY_ONLY_FRAGMENTS = ['-->', '==>', '>', '*', ',', 'A-->B;'];

/** At most `max` code points: the schema's lengths count code points, and this never splits a surrogate pair. */
function truncate(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/** A few fragments, words and random graphemes run together; now and then a long run that reaches the 200 limit. */
function hostileText(fragments: string[]): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fragments) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  );
  return fc
    .oneof(
      { weight: 9, arbitrary: fc.array(part, { minLength: 1, maxLength: 6 }) },
      { weight: 1, arbitrary: fc.array(part, { minLength: 60, maxLength: 120 }) },
    )
    .map((parts) => parts.join(''));
}

/**
 * Destination names (and, being a subset, topology names): hostile text within the destination
 * pattern (no control or bidirectional formatting characters, no `*`, `>` or `,`). Forbidden characters are dropped rather than filtered
 * out so that generation never stalls; `-->` cannot appear here because `>` is not allowed.
 */
export const names: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('orders', 'prices.eu', 'ActiveMQ.DLQ', 'VirtualTopic.orders', 'queue://x'),
  hostileText(HOSTILE_FRAGMENTS).map((text) => {
    const cleaned = truncate(text.replace(NOT_IN_NAME, '').replace(NOT_IN_DESTINATION, ''), 200);
    return cleaned === '' ? '_' : cleaned;
  }),
);

/** Topology names: 1 to 200 characters, including mermaid arrows (`-->`); no control or bidi formatting. */
export const topologyNames: fc.Arbitrary<string> = fc.oneof(
  names,
  hostileText([...HOSTILE_FRAGMENTS, ...TOPOLOGY_ONLY_FRAGMENTS]).map(
    (text) => truncate(text.replace(NOT_IN_NAME, ''), 200) || '_',
  ),
);

/**
 * Identifiers (application ids): `^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$`. The fixed ones look like
 * numbers, booleans, process or broker names (`a-1`, `broker`, `broker-1`) or the `shared-store`
 * target, which is what name resolution (`<app>-<index>`, `broker-<index>`) could trip on.
 */
export const identifiers: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'orders',
    'billing',
    'a',
    'a-1',
    '0',
    '12',
    '1e3',
    '0x1F',
    'null',
    'true',
    'broker',
    'broker-1',
    'broker0',
    'shared-store',
    'store',
    'A.b_c-d',
    'x--',
    'v1.2.3',
  ),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/),
);

// ---------------------------------------------------------------------------------------------
// Destinations and applications

const destination = someOf({ name: names, type: fc.constantFrom('queue', 'topic') }, ['name']);

/** 1 .. 4 destinations; names must be unique (references.ts: "declared twice"). */
const destinations = fc.uniqueArray(destination, { minLength: 1, maxLength: 4, selector: (d) => d.name });

/**
 * Producers and consumers only name declared destinations (references.ts: dangling destination).
 * Open-loop producers mostly; closed-loop ones always with a small count, so that a simulation of
 * them stays as short as a modest rate's.
 */
function producer(destinationNames: string[]) {
  const common = {
    destination: fc.constantFrom(...destinationNames),
    // Up to 64 KiB; whole bytes only (the loader rejects `0.5B`).
    size: size(1, 64 * 1024),
    persistent: fc.boolean(),
    sendMode: fc.constantFrom('sync', 'async'),
    messageType: fc.constantFrom('text', 'object'),
  };
  const open = someOf({ ...common, rate, arrival: fc.constantFrom('poisson', 'constant') }, ['destination']);
  const closed = someOf(
    {
      ...common,
      mode: fc.constant('closed-loop'),
      inFlight: fc.integer({ min: 1, max: 4 }),
      count: fc.integer({ min: 1, max: 50 }),
    },
    ['destination', 'mode', 'count'],
  );
  return fc.oneof({ weight: 4, arbitrary: open }, { weight: 1, arbitrary: closed });
}

function consumer(destinationNames: string[]) {
  return someOf(
    {
      destination: fc.constantFrom(...destinationNames),
      ackMode: fc.constantFrom('auto', 'client', 'dups-ok', 'individual', 'transacted'),
      ackEvery: fc.integer({ min: 1, max: 100 }),
      // Short, so that consumers mostly keep up in simulations.
      processingTime: duration(0, 5 * MS),
      prefetch: fc.integer({ min: 0, max: 2000 }),
    },
    ['destination'],
  );
}

function application(o: Required<TopologyOptions>, destinationNames: string[], hasCluster: boolean) {
  return someOf(
    {
      // `broker` would name its processes like the cluster's brokers (references.ts), but only
      // when there is a cluster.
      // With a cluster, `broker`, `broker-<n>` and `shared-store` would name cluster parts.
      id: hasCluster
        ? identifiers.filter((id) => !/^broker(-\d+)?$/.test(id) && id !== 'shared-store')
        : identifiers,
      replicas: fc.integer({ min: 1, max: o.maxReplicas }),
      host: fc.constantFrom('jvm', 'appserver'),
      restartTime: duration(100 * MS, 60 * S),
      producers: fc.array(producer(destinationNames), { maxLength: 2 }),
      consumers: fc.array(consumer(destinationNames), { maxLength: 2 }),
    },
    ['id'],
  );
}

/** 1 .. maxApplications applications; ids must be unique (references.ts: "used twice"). */
function applications(o: Required<TopologyOptions>, destinationNames: string[], hasCluster: boolean) {
  return fc.uniqueArray(application(o, destinationNames, hasCluster), {
    minLength: 1,
    maxLength: o.maxApplications,
    selector: (a) => a.id,
  });
}

// ---------------------------------------------------------------------------------------------
// Brokers: the embedded block, the cluster block and the layouts that combine them

type Network = 'none' | 'mesh' | 'hub';
type HaMode = 'none' | 'shared-store' | 'jdbc' | 'replicated' | 'network-of-brokers';
const HA_MODES: HaMode[] = ['none', 'shared-store', 'jdbc', 'replicated', 'network-of-brokers'];

const syncSettings = {
  journalDiskSyncStrategy: fc.constantFrom('always', 'periodic', 'never'),
  journalDiskSyncInterval: duration(10 * MS, 2 * S),
  disk: fc.constantFrom('ssd', 'hdd', 'nfs'),
  ephemeralStorage: fc.boolean(),
};

/**
 * The embedded block. `network` is written when it is not `none` (mesh and hub must be said) and
 * sometimes when it is (`none` is the default).
 */
function embeddedBlock(network: Network): fc.Arbitrary<Doc> {
  return someOf(
    {
      store: fc.constantFrom('kahadb', 'memory'),
      ...syncSettings,
      copyMessageOnSend: fc.boolean(),
      objectMessageSerializationDefered: fc.boolean(),
      network: fc.constant(network),
      duplex: fc.boolean(),
      memoryLimit,
      sendFailIfNoSpace: fc.boolean(),
    },
    network === 'none' ? [] : ['network'],
  );
}

/**
 * The store a cluster may name for its HA mode (references.ts): ha `jdbc` keeps messages in the
 * database (store `jdbc`, its default); store `jdbc` needs ha `jdbc`; `shared-store` and
 * `replicated` need a persistent store (not `memory`); `none` and `network-of-brokers` take
 * KahaDB or memory.
 */
function clusterStore(ha: HaMode): fc.Arbitrary<string> {
  switch (ha) {
    case 'jdbc':
      return fc.constant('jdbc');
    case 'shared-store':
    case 'replicated':
      return fc.constant('kahadb');
    default:
      return fc.constantFrom('kahadb', 'memory');
  }
}

function clusterBlock(o: Required<TopologyOptions>): fc.Arbitrary<Doc> {
  return fc.constantFrom(...HA_MODES).chain((ha) =>
    someOf(
      {
        // ha `none` is one broker: independent brokers would not share messages (references.ts).
        brokers: ha === 'none' ? fc.constant(1) : fc.integer({ min: 1, max: o.maxBrokers }),
        ha: fc.constant(ha),
        store: clusterStore(ha),
        ...syncSettings,
        lockAcquireSleepInterval: duration(100 * MS, 10 * S),
        // `0s` (keep-alive off) is valid, merely linted: generate it often enough to be seen.
        lockKeepAlivePeriod: fc.oneof(fc.constant('0s'), duration(1 * S, 30 * S)),
        lockRelease: fc.constantFrom('immediate', 'lease', 'never'),
        lease: duration(1 * S, 30 * S),
        duplex: fc.boolean(),
        replayWhenNoConsumers: fc.boolean(),
        memoryLimit,
        sendFailIfNoSpace: fc.boolean(),
        restartTime: duration(100 * MS, 30 * S),
      },
      ['brokers', 'ha'],
    ),
  );
}

/** Where the brokers run: the layout with the blocks it needs and may have. */
interface Deployment {
  layout: 'embedded' | 'central' | 'hybrid';
  embedded?: Doc;
  cluster?: Doc;
}

/**
 * Layout `embedded`: networks `none` and `mesh` have no cluster (a cluster block would do
 * nothing, references.ts); `hub` needs one to act as the hub. With network `none` the block may
 * be absent altogether.
 */
function embeddedDeployment(o: Required<TopologyOptions>): fc.Arbitrary<Deployment> {
  return fc.constantFrom<Network>('none', 'mesh', 'hub').chain((network) => {
    const blocks = {
      embedded:
        network === 'none' ? fc.option(embeddedBlock(network), { nil: undefined }) : embeddedBlock(network),
      cluster: network === 'hub' ? clusterBlock(o) : fc.constant(undefined),
    };
    return fc.record(blocks).map(({ embedded, cluster }) => ({
      layout: 'embedded' as const,
      ...(embedded ? { embedded } : {}),
      ...(cluster ? { cluster } : {}),
    }));
  });
}

/** Layout `central`: a cluster is required and an embedded block would do nothing (references.ts). */
function centralDeployment(o: Required<TopologyOptions>): fc.Arbitrary<Deployment> {
  return clusterBlock(o).map((cluster) => ({ layout: 'central' as const, cluster }));
}

/**
 * Layout `hybrid`: a cluster is required (the embedded brokers forward to it), and the embedded
 * network must stay `none` since the layout already bridges each embedded broker to the cluster.
 */
function hybridDeployment(o: Required<TopologyOptions>): fc.Arbitrary<Deployment> {
  return fc
    .record({ embedded: fc.option(embeddedBlock('none'), { nil: undefined }), cluster: clusterBlock(o) })
    .map(({ embedded, cluster }) => ({
      layout: 'hybrid' as const,
      ...(embedded ? { embedded } : {}),
      cluster,
    }));
}

function deployment(o: Required<TopologyOptions>): fc.Arbitrary<Deployment> {
  return fc.oneof(embeddedDeployment(o), centralDeployment(o), hybridDeployment(o));
}

// ---------------------------------------------------------------------------------------------
// Settings blocks that depend on nothing else

const failoverBlock = someOf({
  // Lifecycle intervals are at least their floor (model/defaults.ts LIFECYCLE_FLOORS_US): 1 ms.
  initialReconnectDelay: duration(1 * MS, 1 * S),
  maxReconnectDelay: duration(1 * MS, 30 * S),
  backOffMultiplier: fc.integer({ min: 10, max: 100 }).map((tenths) => tenths / 10),
  useExponentialBackOff: fc.boolean(),
  maxReconnectAttempts: fc.integer({ min: -1, max: 20 }),
  // `none` is ActiveMQ's -1: sends block while disconnected.
  timeout: fc.oneof(fc.constant('none'), duration(0, 30 * S)),
  trackMessages: fc.boolean(),
  randomize: fc.boolean(),
});

/** Cost overrides near MODEL.md's defaults; per-KiB costs are whole nanoseconds of at most 1 s. */
const costsBlock = someOf({
  vmHop: duration(1, 20),
  clonePerKiB: smallDuration(0, 2_000),
  objectSerializationPerKiB: smallDuration(1_000, 30_000),
  marshalPerKiB: smallDuration(100, 5_000),
  lanRoundTrip: duration(50, 2 * MS),
  tcpTransport: duration(1, 100),
  tcpConnection: duration(1, 100),
  dispatchHandOff: duration(0, 100),
  brokerCpu: duration(1, 50),
  fsyncSsd: duration(100, 2 * MS),
  fsyncHdd: duration(2 * MS, 20 * MS),
  fsyncNfs: duration(2 * MS, 30 * MS),
  storeRecovery: duration(100 * MS, 10 * S),
  journalReplayPerRecord: duration(1, 1 * MS),
  reconnectAttempt: duration(0, 100 * MS),
  killTeardown: duration(0, 200 * MS),
  osWriteback: duration(1 * S, 30 * S),
  bridgeReconnectInitial: duration(100 * MS, 2 * S),
  bridgeReconnectMax: duration(1 * S, 30 * S),
  inactivityTimeout: duration(1 * S, 30 * S),
  redeliveryDelay: duration(1 * MS, 2 * S),
  maximumRedeliveries: fc.integer({ min: 0, max: 10 }),
});

const guaranteesBlock = someOf({
  lostAcknowledged: fc.integer({ min: 0, max: 10 }),
  duplicates: fc.integer({ min: 0, max: 10 }),
  strandedAtEnd: fc.integer({ min: 0, max: 10 }),
  sendFailures: fc.integer({ min: 0, max: 10 }),
  outcomeUnknown: fc.integer({ min: 0, max: 10 }),
  maxUnavailable: duration(0, 60 * S),
  maxFailoverTime: duration(0, 60 * S),
  p99Latency: duration(1 * MS, 1 * S),
  maxPersistentStores: fc.integer({ min: 0, max: 100 }),
});

/**
 * A short run: 1 s .. 20 s of sends (later tests simulate it) and at most 10 s of drain; both are
 * always written because their defaults (60 s) are long. The warm-up must end before the sends
 * do (normalize.ts), so it is drawn below the duration.
 */
const simulationBlock: fc.Arbitrary<{ durationMs: number; block: Doc }> = fc
  .integer({ min: 1_000, max: 20_000 })
  .chain((runMs) =>
    someOf(
      {
        duration: durationInMs(runMs, runMs),
        warmup: durationInMs(0, runMs - 1),
        drain: duration(0, 10 * S),
        seed: fc.integer({ min: 0, max: 4_294_967_295 }),
      },
      ['duration', 'drain'],
    ).map((block) => ({ durationMs: runMs, block })),
  );

// ---------------------------------------------------------------------------------------------
// Faults: targets that exist and that the fault kind can hit (the fault-kind table)

/** An application as faults see it: its processes, and whether each keeps a store of its own. */
interface FaultApp {
  id: string;
  /** `<app>-<index>`. */
  processes: string[];
  /**
   * Its processes embed a broker with a persistent store: layout embedded, or a producing
   * application of a hybrid (the plan gives consumer-only hybrid processes no broker), and the
   * embedded store is not `memory`.
   */
  ownStores: boolean;
}

/** What the fault generator needs to know about the rest of the document. */
interface FaultContext {
  apps: FaultApp[];
  /** Every application process. */
  processes: string[];
  /** Cluster brokers, `broker-<index>`. */
  brokers: string[];
  /** The cluster keeps one store for all its brokers (ha shared-store or jdbc). */
  sharedStore: boolean;
  /** Every cluster broker writes a persistent store of its own. */
  brokersOwnStores: boolean;
  durationMs: number;
}

function faultContext(d: Deployment, appDocs: Doc[], runMs: number): FaultContext {
  const ha = d.cluster?.ha as HaMode | undefined;
  // Defaults as the loader applies them: store kahadb, except jdbc for ha jdbc.
  const clusterStore = (d.cluster?.store as string | undefined) ?? (ha === 'jdbc' ? 'jdbc' : 'kahadb');
  const embeddedPersistent = ((d.embedded?.store as string | undefined) ?? 'kahadb') !== 'memory';
  const sharedStore = ha === 'shared-store' || ha === 'jdbc';
  const apps = appDocs.map((a): FaultApp => {
    const id = a.id as string;
    const produces = ((a.producers as unknown[] | undefined) ?? []).length > 0;
    const embeds = d.layout === 'embedded' || (d.layout === 'hybrid' && produces);
    return {
      id,
      processes: Array.from({ length: (a.replicas as number | undefined) ?? 1 }, (_, i) => `${id}-${i}`),
      ownStores: embeds && embeddedPersistent,
    };
  });
  return {
    apps,
    processes: apps.flatMap((a) => a.processes),
    brokers: Array.from({ length: (d.cluster?.brokers as number | undefined) ?? 0 }, (_, i) => `broker-${i}`),
    sharedStore,
    brokersOwnStores: d.cluster !== undefined && !sharedStore && clusterStore !== 'memory',
    durationMs: runMs,
  };
}

/**
 * The instances a fault kind may hit here, class by class as the fault-kind table says
 * (src/model/faultKinds.ts): processes; brokers; and the owners of a persistent store (a
 * process with a persistent embedded store, as a central layout's processes have none; a broker
 * with a store of its own, as a shared-store or jdbc broker has none; or `shared-store`).
 */
function targetsFor(kind: FaultKind, c: FaultContext): string[] {
  const byClass: Record<FaultTargetClass, string[]> = {
    process: c.processes,
    broker: c.brokers,
    store: [
      ...c.apps.filter((a) => a.ownStores).flatMap((a) => a.processes),
      ...(c.brokersOwnStores ? c.brokers : []),
      ...(c.sharedStore ? ['shared-store'] : []),
    ],
  };
  return faultKindSpec(kind).hits.flatMap((cls) => byClass[cls]);
}

/** Kinds with something to hit; a partition needs two different sides. */
function possibleKinds(c: FaultContext): FaultKind[] {
  return FAULT_KINDS.filter((kind) => targetsFor(kind, c).length >= minimumTargets(kind));
}

/**
 * One scheduled fault, strictly before the sends stop (references.ts: a fault at or after
 * simulation.duration is rejected). A partition names a different peer and a duration; a slow
 * disk a duration (schema if/then); `peer` is written for partitions only (references.ts).
 */
function scheduledFault(c: FaultContext): fc.Arbitrary<Doc> {
  return fc.constantFrom(...possibleKinds(c)).chain((kind): fc.Arbitrary<Doc> => {
    const at = durationInMs(0, c.durationMs - 1);
    const spec = faultKindSpec(kind);
    if (spec.peer) {
      return fc
        .record({
          at,
          sides: fc.uniqueArray(fc.constantFrom(...targetsFor(kind, c)), { minLength: 2, maxLength: 2 }),
          duration: duration(0, 10 * S),
          oneWay: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map(({ at, sides, duration, oneWay }) => ({
          at,
          kind,
          target: sides[0],
          peer: sides[1],
          duration,
          ...(oneWay === undefined ? {} : { oneWay }),
        }));
    }
    const target = fc.constantFrom(...targetsFor(kind, c));
    if (spec.timed) {
      return someOf(
        {
          at,
          kind: fc.constant(kind),
          target,
          duration: duration(0, 10 * S),
          ...(spec.factor ? { factor: fc.integer({ min: 10, max: 1000 }).map((tenths) => tenths / 10) } : {}),
        },
        ['at', 'kind', 'target', 'duration'],
      );
    }
    // The crash kinds (process, broker, restart, power, disk): the target may come back later or never.
    return someOf(
      {
        at,
        kind: fc.constant(kind),
        target,
        restartAfter: fc.oneof(fc.constant('never'), duration(0, 30 * S)),
      },
      ['at', 'kind', 'target'],
    );
  });
}

/**
 * One random fault. Targets, when listed, are instances the kind can hit, or application ids
 * (meaning every replica) when it can hit all of their processes; absent targets mean "all
 * that fit".
 */
function randomFault(c: FaultContext): fc.Arbitrary<Doc> {
  return fc.constantFrom(...possibleKinds(c)).chain((kind) => {
    const instances = targetsFor(kind, c);
    const apps = c.apps.filter((a) => a.processes.every((p) => instances.includes(p))).map((a) => a.id);
    const candidates = [...instances, ...apps];
    return someOf(
      {
        kind: fc.constant(kind),
        mtbf: duration(1 * S, 10 * 60 * S),
        mttr: duration(100 * MS, 30 * S),
        targets: fc.subarray(candidates, { maxLength: Math.min(3, candidates.length) }),
      },
      ['kind', 'mtbf'],
    );
  });
}

/**
 * What `check` may search: kinds that can hit something, inside a window within the run. The
 * window may not end before it starts (normalize.ts): both ends are drawn in order, and either
 * may be left out since windowFrom defaults to 0 and windowTo to the run's duration.
 */
function faultSearch(c: FaultContext): fc.Arbitrary<Doc> {
  const ms = fc.integer({ min: 0, max: c.durationMs });
  return fc.tuple(ms, ms).chain(([a, b]) =>
    someOf({
      kinds: fc.uniqueArray(fc.constantFrom(...possibleKinds(c)), { maxLength: 3 }),
      maxFaults: fc.integer({ min: 1, max: 5 }),
      windowFrom: durationInMs(Math.min(a, b), Math.min(a, b)),
      windowTo: durationInMs(Math.max(a, b), Math.max(a, b)),
      restarts: fc.boolean(),
    }),
  );
}

function faultsBlock(c: FaultContext): fc.Arbitrary<Doc> {
  return someOf({
    schedule: fc.array(scheduledFault(c), { maxLength: 3 }),
    random: fc.array(randomFault(c), { maxLength: 2 }),
    search: faultSearch(c),
  });
}

// ---------------------------------------------------------------------------------------------
// The whole document

/**
 * A valid topology document: any layout, HA mode and embedded network that fit together, hostile
 * names, optional fields sometimes absent, and (with `withFaults`) faults that hit real targets
 * before the run ends.
 */
export function topologyDocument(options: TopologyOptions = {}): fc.Arbitrary<TopologyDocument> {
  const o = { ...DEFAULT_OPTIONS, ...options };
  return fc
    .record({ deployment: deployment(o), destinations, simulation: simulationBlock })
    .chain(({ deployment, destinations, simulation }) =>
      fc
        .record({
          applications: applications(
            o,
            destinations.map((d) => d.name),
            deployment.cluster !== undefined,
          ),
          extras: someOf(
            {
              $schema: fc.constant('../schemas/topology.schema.json'),
              name: topologyNames,
              description: fc.oneof(fc.constant(''), topologyNames),
              failover: failoverBlock,
              costs: costsBlock,
              guarantees: guaranteesBlock,
            },
            ['name'],
          ),
        })
        .chain(({ applications, extras }) => {
          const context = faultContext(deployment, applications, simulation.durationMs);
          const faults = o.withFaults
            ? fc.option(faultsBlock(context), { nil: undefined })
            : fc.constant(undefined);
          return faults.map(
            (faults): TopologyDocument => ({
              ...(extras.$schema ? { $schema: extras.$schema } : {}),
              name: extras.name,
              ...(extras.description !== undefined ? { description: extras.description } : {}),
              layout: deployment.layout,
              destinations,
              applications,
              ...(deployment.embedded ? { embedded: deployment.embedded } : {}),
              ...(deployment.cluster ? { cluster: deployment.cluster } : {}),
              ...(extras.failover ? { failover: extras.failover } : {}),
              ...(extras.costs ? { costs: extras.costs } : {}),
              ...(faults ? { faults } : {}),
              simulation: simulation.block,
              ...(extras.guarantees ? { guarantees: extras.guarantees } : {}),
            }),
          );
        }),
    );
}
