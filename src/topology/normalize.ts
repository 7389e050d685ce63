/**
 * A schema-valid document -> the typed, defaulted Topology with integer units. Values the schema
 * cannot bound (a duration over a year, a size over the limits) come back as issues.
 */
import {
  DEFAULT_APPLICATION,
  DEFAULT_CLOSED_LOOP,
  DEFAULT_CLUSTER,
  DEFAULT_CONSUMER,
  DEFAULT_COSTS,
  DEFAULT_DESTINATION_TYPE,
  DEFAULT_EMBEDDED,
  DEFAULT_FAILOVER,
  DEFAULT_FAULT_SEARCH,
  DEFAULT_LOCK,
  DEFAULT_PREFETCH,
  DEFAULT_PROCESS_RESTART_US,
  DEFAULT_PRODUCER,
  DEFAULT_RANDOM_MTTR_US,
  DEFAULT_SIMULATION,
  DEFAULT_SLOWDOWN_FACTOR,
  DEFAULT_STORE,
  defaultSendMode,
  LIFECYCLE_FLOORS_US,
  LIMITS,
  type LifecycleInterval,
} from '../model/defaults.js';
import { haModeSpec } from '../model/haModes.js';
import { type DocPath, formatPath, type PathIssue } from './issues.js';
import type {
  Application,
  ClosedLoop,
  ClusterSettings,
  CostModel,
  Destination,
  EmbeddedSettings,
  FailoverSettings,
  FaultKind,
  FaultModel,
  Guarantees,
  RandomFault,
  ScheduledFault,
  SimulationSettings,
  StoreSettings,
  Topology,
} from './types.js';
import {
  humanDurationUs,
  humanSizeBytes,
  parseDurationNs,
  parseDurationUs,
  parseRatePerSecond,
  parseSizeBytes,
} from './units.js';

// The document has passed the schema, so fields are known to have the right shape.
// biome-ignore lint/suspicious/noExplicitAny: a schema-checked document
type Raw = any;

export function normalizeTopology(raw: Raw): { topology: Topology; issues: PathIssue[] } {
  const n = new Normalizer();
  const simulation = n.simulation(raw.simulation ?? {});
  const topology: Topology = {
    name: raw.name,
    description: raw.description ?? '',
    layout: raw.layout,
    destinations: raw.destinations.map(
      (d: Raw): Destination => ({ name: d.name, type: d.type ?? DEFAULT_DESTINATION_TYPE }),
    ),
    applications: raw.applications.map((a: Raw, i: number) =>
      n.application(a, ['applications', i], raw.destinations),
    ),
    embedded: raw.embedded || raw.layout !== 'central' ? n.embedded(raw.embedded ?? {}, ['embedded']) : null,
    cluster: raw.cluster ? n.cluster(raw.cluster, ['cluster']) : null,
    failover: n.failover(raw.failover ?? {}, ['failover']),
    costs: n.costs(raw.costs ?? {}, ['costs']),
    faults: n.faults(raw.faults ?? {}, ['faults'], simulation.durationUs),
    simulation,
    guarantees: n.guarantees(raw.guarantees ?? {}, ['guarantees']),
  };
  return { topology, issues: n.issues };
}

/** A costs table alone (a costs file's `costs`), checked as a topology's would be. */
export function normalizeCosts(raw: Raw, path: DocPath): { costs: CostModel; issues: PathIssue[] } {
  const n = new Normalizer();
  const costs = n.costs(raw, path);
  return { costs, issues: n.issues };
}

class Normalizer {
  readonly issues: PathIssue[] = [];

  duration(text: string | undefined, fallbackUs: number, path: DocPath): number {
    if (text === undefined) return fallbackUs;
    const us = parseDurationUs(text);
    if (us === undefined) {
      this.issues.push({
        path,
        message: `${formatPath(path)} is \`${text}\`, finer than a microsecond`,
        hint: 'write whole microseconds, e.g. `1us`',
      });
      return fallbackUs;
    }
    if (us > LIMITS.durationUs) {
      this.issues.push({
        path,
        message: `${formatPath(path)} is \`${text}\`, more than a year`,
        hint: 'simulated times and delays are bounded by one year (365d)',
      });
      return fallbackUs;
    }
    return us;
  }

  /**
   * A lifecycle interval (model/defaults.ts LIFECYCLE_FLOORS_US): a duration no shorter than its
   * floor; `offAtZero` for a setting whose 0 turns the timer off.
   */
  interval(
    text: string | undefined,
    fallbackUs: number,
    path: DocPath,
    name: LifecycleInterval,
    offAtZero = false,
  ): number {
    const us = this.duration(text, fallbackUs, path);
    const floor = LIFECYCLE_FLOORS_US[name];
    if (text === undefined || us >= floor.us || (offAtZero && us === 0)) return us;
    this.issues.push({
      path,
      message: `${formatPath(path)} is \`${text}\`, shorter than its floor of ${humanDurationUs(floor.us)}: ${floor.why}`,
      hint: `write ${humanDurationUs(floor.us)} or more${offAtZero ? ', or 0s to turn it off' : ''}`,
    });
    return fallbackUs;
  }

  smallDuration(text: string | undefined, fallbackNs: number, path: DocPath): number {
    if (text === undefined) return fallbackNs;
    const ns = parseDurationNs(text);
    if (ns === undefined || ns > 1e9) {
      this.issues.push({
        path,
        message: `${formatPath(path)} is \`${text}\`; a per-KiB cost must be whole nanoseconds and at most 1s`,
      });
      return fallbackNs;
    }
    return ns;
  }

  size(text: string | undefined, fallback: number, limit: number, path: DocPath): number {
    if (text === undefined) return fallback;
    const bytes = parseSizeBytes(text);
    if (bytes === undefined) {
      this.issues.push({ path, message: `${formatPath(path)} is \`${text}\`, not a whole number of bytes` });
      return fallback;
    }
    if (bytes > limit) {
      this.issues.push({
        path,
        message: `${formatPath(path)} is \`${text}\`, more than the limit of ${humanSizeBytes(limit)}`,
      });
      return fallback;
    }
    return bytes;
  }

  rate(text: string | undefined, fallback: number, path: DocPath): number {
    if (text === undefined) return fallback;
    const perSecond = parseRatePerSecond(text)!;
    if (perSecond > LIMITS.ratePerSecond) {
      this.issues.push({
        path,
        message: `${formatPath(path)} is \`${text}\`, more than ${LIMITS.ratePerSecond.toLocaleString('en-US')}/s per producer`,
        hint: 'spread the load over more replicas',
      });
      return fallback;
    }
    if (perSecond === 0) {
      this.issues.push({ path, message: `${formatPath(path)} is zero`, hint: 'remove the producer instead' });
      return fallback;
    }
    return perSecond;
  }

  /** A producer's closed loop, or null for an open one; a setting of the other loop is an issue. */
  closedLoop(p: Raw, at: DocPath): ClosedLoop | null {
    const closed = p.mode === 'closed-loop';
    const foreign = closed ? ['rate', 'arrival'] : ['inFlight', 'count'];
    for (const key of foreign.filter((k) => p[k] !== undefined)) {
      const path = [...at, key];
      this.issues.push(
        closed
          ? {
              path,
              message: `${formatPath(path)} is set on a \`mode: closed-loop\` producer, which sends as fast as send() returns and has no ${key}`,
              hint: `remove \`${key}\`, or write \`mode: open-loop\` for requests arriving at a rate`,
            }
          : {
              path,
              message: `${formatPath(path)} is set on an open-loop producer (\`mode\` is \`${p.mode ?? 'open-loop'}\`${p.mode ? '' : ' by default'}), which sends at its \`rate\``,
              hint: `add \`mode: closed-loop\` to send the next message as soon as send() returns, or remove \`${key}\``,
            },
      );
    }
    if (!closed) return null;
    return { inFlight: p.inFlight ?? DEFAULT_CLOSED_LOOP.inFlight, count: p.count ?? null };
  }

  application(a: Raw, path: DocPath, destinations: Raw[]): Application {
    const typeOf = (name: string) =>
      destinations.find((d: Raw) => d.name === name)?.type ?? DEFAULT_DESTINATION_TYPE;
    return {
      id: a.id,
      replicas: a.replicas ?? DEFAULT_APPLICATION.replicas,
      host: a.host ?? DEFAULT_APPLICATION.host,
      restartUs: this.duration(a.restartTime, DEFAULT_PROCESS_RESTART_US, [...path, 'restartTime']),
      startUs: this.duration(a.startAt, 0, [...path, 'startAt']),
      connection: a.connection ?? DEFAULT_APPLICATION.connection,
      producers: (a.producers ?? []).map((p: Raw, j: number) => {
        const at: DocPath = [...path, 'producers', j];
        const closedLoop = this.closedLoop(p, at);
        return {
          destination: p.destination,
          ratePerSecond: closedLoop ? 0 : this.rate(p.rate, DEFAULT_PRODUCER.ratePerSecond, [...at, 'rate']),
          sizeBytes: this.size(p.size, DEFAULT_PRODUCER.sizeBytes, LIMITS.messageSizeBytes, [...at, 'size']),
          persistent: p.persistent ?? DEFAULT_PRODUCER.persistent,
          sendMode: defaultSendMode(
            p.persistent ?? DEFAULT_PRODUCER.persistent,
            p.alwaysSyncSend ?? false,
            p.sendMode,
          ),
          messageType: p.messageType ?? DEFAULT_PRODUCER.messageType,
          arrival: p.arrival ?? DEFAULT_PRODUCER.arrival,
          closedLoop,
        };
      }),
      consumers: (a.consumers ?? []).map((c: Raw, j: number) => ({
        destination: c.destination,
        ackMode: c.ackMode ?? DEFAULT_CONSUMER.ackMode,
        ackEvery: c.ackEvery ?? DEFAULT_CONSUMER.ackEvery,
        processingUs: this.duration(c.processingTime, DEFAULT_CONSUMER.processingUs, [
          ...path,
          'consumers',
          j,
          'processingTime',
        ]),
        prefetch: c.prefetch ?? DEFAULT_PREFETCH[typeOf(c.destination) as 'queue' | 'topic'],
      })),
    };
  }

  store(s: Raw, path: DocPath, defaultKind: StoreSettings['kind']): StoreSettings {
    return {
      kind: s.store ?? defaultKind,
      journalDiskSyncStrategy: s.journalDiskSyncStrategy ?? DEFAULT_STORE.journalDiskSyncStrategy,
      journalDiskSyncIntervalUs: this.interval(
        s.journalDiskSyncInterval,
        DEFAULT_STORE.journalDiskSyncIntervalUs,
        [...path, 'journalDiskSyncInterval'],
        'journalDiskSyncInterval',
      ),
      disk: s.disk ?? DEFAULT_STORE.disk,
      ephemeral: s.ephemeralStorage ?? DEFAULT_STORE.ephemeral,
    };
  }

  embedded(e: Raw, path: DocPath): EmbeddedSettings {
    return {
      store: this.store(e, path, DEFAULT_STORE.kind),
      copyMessageOnSend: e.copyMessageOnSend ?? DEFAULT_EMBEDDED.copyMessageOnSend,
      objectMessageSerializationDefered:
        e.objectMessageSerializationDefered ?? DEFAULT_EMBEDDED.objectMessageSerializationDefered,
      network: e.network ?? DEFAULT_EMBEDDED.network,
      duplex: e.duplex ?? DEFAULT_EMBEDDED.duplex,
      decreaseNetworkConsumerPriority:
        e.decreaseNetworkConsumerPriority ?? DEFAULT_EMBEDDED.decreaseNetworkConsumerPriority,
      memoryLimitBytes: this.size(e.memoryLimit, DEFAULT_EMBEDDED.memoryLimitBytes, LIMITS.memoryBytes, [
        ...path,
        'memoryLimit',
      ]),
      sendFailIfNoSpace: e.sendFailIfNoSpace ?? DEFAULT_EMBEDDED.sendFailIfNoSpace,
    };
  }

  cluster(c: Raw, path: DocPath): ClusterSettings {
    return {
      brokers: c.brokers,
      ha: c.ha,
      // Each HA mode's first store kind is its default (jdbc for ha jdbc, else kahadb).
      store: this.store(c, path, haModeSpec(c.ha).storeKinds[0]!),
      lock: {
        lockAcquireSleepIntervalUs: this.interval(
          c.lockAcquireSleepInterval,
          DEFAULT_LOCK.lockAcquireSleepIntervalUs,
          [...path, 'lockAcquireSleepInterval'],
          'lockAcquireSleepInterval',
        ),
        lockKeepAlivePeriodUs: this.interval(
          c.lockKeepAlivePeriod,
          DEFAULT_LOCK.lockKeepAlivePeriodUs,
          [...path, 'lockKeepAlivePeriod'],
          'lockKeepAlivePeriod',
          true,
        ),
        releaseOnCrash: c.lockRelease ?? DEFAULT_LOCK.releaseOnCrash,
        leaseUs: this.duration(c.lease, DEFAULT_LOCK.leaseUs, [...path, 'lease']),
      },
      duplex: c.duplex ?? DEFAULT_CLUSTER.duplex,
      replayWhenNoConsumers: c.replayWhenNoConsumers ?? DEFAULT_CLUSTER.replayWhenNoConsumers,
      decreaseNetworkConsumerPriority:
        c.decreaseNetworkConsumerPriority ?? DEFAULT_CLUSTER.decreaseNetworkConsumerPriority,
      memoryLimitBytes: this.size(c.memoryLimit, DEFAULT_CLUSTER.memoryLimitBytes, LIMITS.memoryBytes, [
        ...path,
        'memoryLimit',
      ]),
      sendFailIfNoSpace: c.sendFailIfNoSpace ?? DEFAULT_CLUSTER.sendFailIfNoSpace,
      restartUs: this.duration(c.restartTime, DEFAULT_CLUSTER.restartUs, [...path, 'restartTime']),
    };
  }

  failover(f: Raw, path: DocPath): FailoverSettings {
    const d = DEFAULT_FAILOVER;
    return {
      initialReconnectDelayUs: this.interval(
        f.initialReconnectDelay,
        d.initialReconnectDelayUs,
        [...path, 'initialReconnectDelay'],
        'initialReconnectDelay',
      ),
      maxReconnectDelayUs: this.interval(
        f.maxReconnectDelay,
        d.maxReconnectDelayUs,
        [...path, 'maxReconnectDelay'],
        'maxReconnectDelay',
      ),
      backOffMultiplier: f.backOffMultiplier ?? d.backOffMultiplier,
      useExponentialBackOff: f.useExponentialBackOff ?? d.useExponentialBackOff,
      maxReconnectAttempts: f.maxReconnectAttempts ?? d.maxReconnectAttempts,
      timeoutUs:
        f.timeout === undefined || f.timeout === 'none'
          ? -1
          : this.duration(f.timeout, -1, [...path, 'timeout']),
      trackMessages: f.trackMessages ?? d.trackMessages,
      randomize: f.randomize ?? d.randomize,
    };
  }

  costs(c: Raw, path: DocPath): CostModel {
    const d = DEFAULT_COSTS;
    const us = (key: string, fallback: number) => this.duration(c[key], fallback, [...path, key]);
    const ns = (key: string, fallback: number) => this.smallDuration(c[key], fallback, [...path, key]);
    const interval = (key: LifecycleInterval, fallback: number) =>
      this.interval(c[key], fallback, [...path, key], key);
    return {
      vmHopUs: us('vmHop', d.vmHopUs),
      cloneNsPerKiB: ns('clonePerKiB', d.cloneNsPerKiB),
      objectSerializationNsPerKiB: ns('objectSerializationPerKiB', d.objectSerializationNsPerKiB),
      marshalNsPerKiB: ns('marshalPerKiB', d.marshalNsPerKiB),
      lanRoundTripUs: us('lanRoundTrip', d.lanRoundTripUs),
      tcpTransportUs: us('tcpTransport', d.tcpTransportUs),
      tcpConnectionUs: us('tcpConnection', d.tcpConnectionUs),
      dispatchHandOffUs: us('dispatchHandOff', d.dispatchHandOffUs),
      brokerCpuUs: us('brokerCpu', d.brokerCpuUs),
      fsyncSsdUs: us('fsyncSsd', d.fsyncSsdUs),
      fsyncHddUs: us('fsyncHdd', d.fsyncHddUs),
      fsyncNfsUs: us('fsyncNfs', d.fsyncNfsUs),
      journalWriteUs: us('journalWrite', d.journalWriteUs),
      storeRecordUs: us('storeRecord', d.storeRecordUs),
      storeRecoveryUs: interval('storeRecovery', d.storeRecoveryUs),
      journalReplayUs: us('journalReplayPerRecord', d.journalReplayUs),
      reconnectAttemptUs: us('reconnectAttempt', d.reconnectAttemptUs),
      killTeardownUs: us('killTeardown', d.killTeardownUs),
      osWritebackUs: interval('osWriteback', d.osWritebackUs),
      bridgeReconnectInitialUs: interval('bridgeReconnectInitial', d.bridgeReconnectInitialUs),
      bridgeReconnectMaxUs: interval('bridgeReconnectMax', d.bridgeReconnectMaxUs),
      inactivityUs: interval('inactivityTimeout', d.inactivityUs),
      redeliveryDelayUs: interval('redeliveryDelay', d.redeliveryDelayUs),
      maxRedeliveries: c.maximumRedeliveries ?? d.maxRedeliveries,
    };
  }

  faults(f: Raw, path: DocPath, durationUs: number): FaultModel {
    const schedule = (f.schedule ?? []).map((s: Raw, i: number): ScheduledFault => {
      const at: DocPath = [...path, 'schedule', i];
      return {
        atUs: this.duration(s.at, 0, [...at, 'at']),
        kind: s.kind,
        target: s.target,
        peer: s.peer ?? null,
        oneWay: s.oneWay ?? false,
        durationUs: this.duration(s.duration, 0, [...at, 'duration']),
        restartAfterUs:
          s.restartAfter === undefined
            ? null
            : s.restartAfter === 'never'
              ? -1
              : this.duration(s.restartAfter, 0, [...at, 'restartAfter']),
        slowdownFactor: s.factor ?? DEFAULT_SLOWDOWN_FACTOR,
      };
    });
    const random = (f.random ?? []).map((r: Raw, i: number): RandomFault => {
      const at: DocPath = [...path, 'random', i];
      return {
        kind: r.kind,
        mtbfUs: this.interval(r.mtbf, LIFECYCLE_FLOORS_US.mtbf.us, [...at, 'mtbf'], 'mtbf'),
        mttrUs: this.duration(r.mttr, DEFAULT_RANDOM_MTTR_US, [...at, 'mttr']),
        targets: r.targets ?? [],
      };
    });
    const s = f.search ?? {};
    const search = {
      kinds: (s.kinds ?? DEFAULT_FAULT_SEARCH.kinds) as FaultKind[],
      maxFaults: s.maxFaults ?? DEFAULT_FAULT_SEARCH.maxFaults,
      windowFromUs: this.duration(s.windowFrom, DEFAULT_FAULT_SEARCH.windowFromUs, [
        ...path,
        'search',
        'windowFrom',
      ]),
      windowToUs: this.duration(s.windowTo, durationUs, [...path, 'search', 'windowTo']),
      restarts: s.restarts ?? DEFAULT_FAULT_SEARCH.restarts,
    };
    if (search.windowToUs < search.windowFromUs) {
      this.issues.push({
        path: [...path, 'search', 'windowTo'],
        message: `the fault search window ends (${humanDurationUs(search.windowToUs)}) before it starts (${humanDurationUs(search.windowFromUs)})`,
      });
    }
    return { schedule, random, search };
  }

  simulation(s: Raw): SimulationSettings {
    const d = DEFAULT_SIMULATION;
    const path: DocPath = ['simulation'];
    const settings = {
      durationUs: this.duration(s.duration, d.durationUs, [...path, 'duration']),
      warmupUs: this.duration(s.warmup, d.warmupUs, [...path, 'warmup']),
      drainUs: this.duration(s.drain, d.drainUs, [...path, 'drain']),
      seed: s.seed ?? d.seed,
    };
    if (settings.durationUs === 0)
      this.issues.push({
        path: [...path, 'duration'],
        message: 'simulation.duration is zero',
        hint: 'simulate at least a second, e.g. `60s`',
      });
    if (settings.warmupUs >= settings.durationUs && settings.durationUs > 0) {
      this.issues.push({
        path: [...path, 'warmup'],
        message: 'simulation.warmup is as long as the whole run',
        hint: 'make the warm-up shorter than simulation.duration',
      });
    }
    return settings;
  }

  guarantees(g: Raw, path: DocPath): Guarantees {
    const out: Guarantees = {};
    for (const key of [
      'lostAcknowledged',
      'duplicates',
      'strandedAtEnd',
      'sendFailures',
      'outcomeUnknown',
      'maxPersistentStores',
    ] as const) {
      if (g[key] !== undefined) out[key] = g[key];
    }
    if (g.maxUnavailable !== undefined)
      out.maxUnavailableUs = this.duration(g.maxUnavailable, 0, [...path, 'maxUnavailable']);
    if (g.maxFailoverTime !== undefined)
      out.maxFailoverTimeUs = this.duration(g.maxFailoverTime, 0, [...path, 'maxFailoverTime']);
    if (g.p99Latency !== undefined)
      out.p99LatencyUs = this.duration(g.p99Latency, 0, [...path, 'p99Latency']);
    return out;
  }
}
