/**
 * Topology -> a document in the file format (every field written out, units as strings), so that
 * parse -> serialize -> parse gives back the same Topology. Used for round-trip tests and to
 * write a derived topology (a scaled-down counterexample, a sweep point) to disk.
 */

import { faultKindSpec } from '../model/faultKinds.js';
import type { ClusterSettings, EmbeddedSettings, ScheduledFault, StoreSettings, Topology } from './types.js';
import { formatDurationNs, formatDurationUs, formatRate, formatSizeBytes } from './units.js';

const d = formatDurationUs;

export function serializeTopology(t: Topology): Record<string, unknown> {
  return {
    name: t.name,
    description: t.description,
    layout: t.layout,
    destinations: t.destinations.map((x) => ({ name: x.name, type: x.type })),
    applications: t.applications.map((a) => ({
      id: a.id,
      replicas: a.replicas,
      host: a.host,
      restartTime: d(a.restartUs),
      ...(a.startUs > 0 ? { startAt: d(a.startUs) } : {}),
      ...(a.connection !== 'failover' ? { connection: a.connection } : {}),
      producers: a.producers.map((p) => ({
        destination: p.destination,
        ...(p.closedLoop
          ? {
              mode: 'closed-loop',
              inFlight: p.closedLoop.inFlight,
              ...(p.closedLoop.count !== null ? { count: p.closedLoop.count } : {}),
            }
          : { rate: formatRate(p.ratePerSecond) }),
        size: formatSizeBytes(p.sizeBytes),
        persistent: p.persistent,
        sendMode: p.sendMode,
        messageType: p.messageType,
        ...(p.closedLoop ? {} : { arrival: p.arrival }),
      })),
      consumers: a.consumers.map((c) => ({
        destination: c.destination,
        ackMode: c.ackMode,
        ackEvery: c.ackEvery,
        processingTime: d(c.processingUs),
        prefetch: c.prefetch,
      })),
    })),
    ...(t.embedded ? { embedded: embedded(t.embedded) } : {}),
    ...(t.cluster ? { cluster: cluster(t.cluster) } : {}),
    failover: {
      initialReconnectDelay: d(t.failover.initialReconnectDelayUs),
      maxReconnectDelay: d(t.failover.maxReconnectDelayUs),
      backOffMultiplier: t.failover.backOffMultiplier,
      useExponentialBackOff: t.failover.useExponentialBackOff,
      maxReconnectAttempts: t.failover.maxReconnectAttempts,
      timeout: t.failover.timeoutUs < 0 ? 'none' : d(t.failover.timeoutUs),
      trackMessages: t.failover.trackMessages,
      randomize: t.failover.randomize,
    },
    costs: {
      vmHop: d(t.costs.vmHopUs),
      clonePerKiB: formatDurationNs(t.costs.cloneNsPerKiB),
      objectSerializationPerKiB: formatDurationNs(t.costs.objectSerializationNsPerKiB),
      marshalPerKiB: formatDurationNs(t.costs.marshalNsPerKiB),
      lanRoundTrip: d(t.costs.lanRoundTripUs),
      tcpTransport: d(t.costs.tcpTransportUs),
      tcpConnection: d(t.costs.tcpConnectionUs),
      dispatchHandOff: d(t.costs.dispatchHandOffUs),
      brokerCpu: d(t.costs.brokerCpuUs),
      fsyncSsd: d(t.costs.fsyncSsdUs),
      fsyncHdd: d(t.costs.fsyncHddUs),
      fsyncNfs: d(t.costs.fsyncNfsUs),
      journalWrite: d(t.costs.journalWriteUs),
      storeRecord: d(t.costs.storeRecordUs),
      storeRecovery: d(t.costs.storeRecoveryUs),
      journalReplayPerRecord: d(t.costs.journalReplayUs),
      reconnectAttempt: d(t.costs.reconnectAttemptUs),
      killTeardown: d(t.costs.killTeardownUs),
      osWriteback: d(t.costs.osWritebackUs),
      bridgeReconnectInitial: d(t.costs.bridgeReconnectInitialUs),
      bridgeReconnectMax: d(t.costs.bridgeReconnectMaxUs),
      inactivityTimeout: d(t.costs.inactivityUs),
      redeliveryDelay: d(t.costs.redeliveryDelayUs),
      maximumRedeliveries: t.costs.maxRedeliveries,
    },
    faults: {
      schedule: t.faults.schedule.map(serializeFault),
      random: t.faults.random.map((f) => ({
        kind: f.kind,
        mtbf: d(f.mtbfUs),
        mttr: d(f.mttrUs),
        targets: f.targets,
      })),
      search: {
        kinds: t.faults.search.kinds,
        maxFaults: t.faults.search.maxFaults,
        windowFrom: d(t.faults.search.windowFromUs),
        windowTo: d(t.faults.search.windowToUs),
        restarts: t.faults.search.restarts,
      },
    },
    simulation: {
      duration: d(t.simulation.durationUs),
      warmup: d(t.simulation.warmupUs),
      drain: d(t.simulation.drainUs),
      seed: t.simulation.seed,
    },
    guarantees: {
      ...pick(t.guarantees, [
        'lostAcknowledged',
        'duplicates',
        'strandedAtEnd',
        'sendFailures',
        'outcomeUnknown',
        'maxPersistentStores',
      ]),
      ...(t.guarantees.maxUnavailableUs !== undefined
        ? { maxUnavailable: d(t.guarantees.maxUnavailableUs) }
        : {}),
      ...(t.guarantees.maxFailoverTimeUs !== undefined
        ? { maxFailoverTime: d(t.guarantees.maxFailoverTimeUs) }
        : {}),
      ...(t.guarantees.p99LatencyUs !== undefined ? { p99Latency: d(t.guarantees.p99LatencyUs) } : {}),
    },
  };
}

/** One scheduled fault in the file format (also used for counterexample files). */
export function serializeFault(f: ScheduledFault): Record<string, unknown> {
  return {
    at: d(f.atUs),
    kind: f.kind,
    target: f.target,
    ...(f.peer !== null ? { peer: f.peer } : {}),
    oneWay: f.oneWay,
    // A partition or slow disk must say its duration (schema), even a zero one.
    ...(f.durationUs > 0 || faultKindSpec(f.kind).timed ? { duration: d(f.durationUs) } : {}),
    ...(f.restartAfterUs !== null
      ? { restartAfter: f.restartAfterUs < 0 ? 'never' : d(f.restartAfterUs) }
      : {}),
    factor: f.slowdownFactor,
  };
}

function store(s: StoreSettings) {
  return {
    store: s.kind,
    journalDiskSyncStrategy: s.journalDiskSyncStrategy,
    journalDiskSyncInterval: d(s.journalDiskSyncIntervalUs),
    disk: s.disk,
    ephemeralStorage: s.ephemeral,
  };
}

function embedded(e: EmbeddedSettings) {
  return {
    ...store(e.store),
    copyMessageOnSend: e.copyMessageOnSend,
    objectMessageSerializationDefered: e.objectMessageSerializationDefered,
    network: e.network,
    duplex: e.duplex,
    decreaseNetworkConsumerPriority: e.decreaseNetworkConsumerPriority,
    memoryLimit: formatSizeBytes(e.memoryLimitBytes),
    sendFailIfNoSpace: e.sendFailIfNoSpace,
  };
}

function cluster(c: ClusterSettings) {
  return {
    brokers: c.brokers,
    ha: c.ha,
    ...store(c.store),
    lockAcquireSleepInterval: d(c.lock.lockAcquireSleepIntervalUs),
    lockKeepAlivePeriod: d(c.lock.lockKeepAlivePeriodUs),
    lockRelease: c.lock.releaseOnCrash,
    lease: d(c.lock.leaseUs),
    duplex: c.duplex,
    replayWhenNoConsumers: c.replayWhenNoConsumers,
    decreaseNetworkConsumerPriority: c.decreaseNetworkConsumerPriority,
    memoryLimit: formatSizeBytes(c.memoryLimitBytes),
    sendFailIfNoSpace: c.sendFailIfNoSpace,
    restartTime: d(c.restartUs),
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
