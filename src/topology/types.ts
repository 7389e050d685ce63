/**
 * The validated, defaulted topology that the rest of brokerlab works with. Every figure carries
 * its unit in its name; the file format (schemas/topology.schema.json) writes the same fields as
 * strings with units. Fault kinds and HA modes are the model's tables (src/model).
 */
import type { FaultKind } from '../model/faultKinds.js';
import type { HaMode } from '../model/haModes.js';

export type { FaultKind, HaMode };

export type Layout = 'embedded' | 'central' | 'hybrid';
export type HostKind = 'jvm' | 'appserver';
export type DestinationType = 'queue' | 'topic';
export type SendMode = 'sync' | 'async';
export type MessageType = 'text' | 'object';
export type AckMode = 'auto' | 'client' | 'dups-ok' | 'individual' | 'transacted';
export type Arrival = 'poisson' | 'constant';
export type StoreKind = 'kahadb' | 'memory' | 'jdbc';
export type SyncStrategy = 'always' | 'periodic' | 'never';
export type DiskKind = 'ssd' | 'hdd' | 'nfs';
export type EmbeddedNetwork = 'none' | 'mesh' | 'hub';
export type LockRelease = 'immediate' | 'lease' | 'never';
export interface Destination {
  name: string;
  type: DestinationType;
}

/**
 * A closed-loop producer: `inFlight` sender threads per process, each sending its next message as
 * soon as its send() returns, `count` messages in all per process (null: until the sends end),
 * again from the start after the process restarts.
 */
export interface ClosedLoop {
  inFlight: number;
  count: number | null;
}

export interface Producer {
  destination: string;
  /** Open loop: requests per second per process. Closed loop: 0 (it has no set rate). */
  ratePerSecond: number;
  sizeBytes: number;
  persistent: boolean;
  sendMode: SendMode;
  messageType: MessageType;
  /** Open loop: how requests are spaced (closed loop: unused). */
  arrival: Arrival;
  /** null: open loop (requests arrive at `ratePerSecond`). */
  closedLoop: ClosedLoop | null;
}

export interface Consumer {
  destination: string;
  ackMode: AckMode;
  /** `client`: acknowledge() after every Nth message; `transacted`: commit() after every Nth. */
  ackEvery: number;
  processingUs: number;
  prefetch: number;
}

export type ClientConnectionKind = 'failover' | 'tcp';

export interface Application {
  id: string;
  replicas: number;
  host: HostKind;
  /** Time for a crashed process to come back (its embedded broker with it). */
  restartUs: number;
  /** When its processes start (their embedded brokers, connections, producers); 0 with the run. */
  startUs: number;
  /** How its clients reach central brokers: `failover:(tcp://...)`, or a plain `tcp://` to the first. */
  connection: ClientConnectionKind;
  producers: Producer[];
  consumers: Consumer[];
}

export interface StoreSettings {
  kind: StoreKind;
  journalDiskSyncStrategy: SyncStrategy;
  journalDiskSyncIntervalUs: number;
  disk: DiskKind;
  /** Container filesystem without a volume: every restart loses the store (a disk loss). */
  ephemeral: boolean;
}

export interface EmbeddedSettings {
  store: StoreSettings;
  copyMessageOnSend: boolean;
  objectMessageSerializationDefered: boolean;
  network: EmbeddedNetwork;
  duplex: boolean;
  /** Local consumers before network ones; false (ActiveMQ's default) makes bridges compete equally. */
  decreaseNetworkConsumerPriority: boolean;
  memoryLimitBytes: number;
  sendFailIfNoSpace: boolean;
}

export interface LockSettings {
  lockAcquireSleepIntervalUs: number;
  lockKeepAlivePeriodUs: number;
  releaseOnCrash: LockRelease;
  leaseUs: number;
}

export interface ClusterSettings {
  brokers: number;
  ha: HaMode;
  store: StoreSettings;
  lock: LockSettings;
  duplex: boolean;
  replayWhenNoConsumers: boolean;
  /** Local consumers before network ones; false (ActiveMQ's default) makes bridges compete equally. */
  decreaseNetworkConsumerPriority: boolean;
  memoryLimitBytes: number;
  sendFailIfNoSpace: boolean;
  /** Time for a crashed broker process to be restarted by its supervisor. */
  restartUs: number;
}

export interface FailoverSettings {
  initialReconnectDelayUs: number;
  maxReconnectDelayUs: number;
  backOffMultiplier: number;
  useExponentialBackOff: boolean;
  /** -1: retry forever (ActiveMQ's default). */
  maxReconnectAttempts: number;
  /** -1: sends block while disconnected (ActiveMQ's default). */
  timeoutUs: number;
  trackMessages: boolean;
  randomize: boolean;
}

export interface CostModel {
  vmHopUs: number;
  cloneNsPerKiB: number;
  objectSerializationNsPerKiB: number;
  marshalNsPerKiB: number;
  lanRoundTripUs: number;
  /** A tcp:// command's time on its message's path: the reader's wake-up, read and unmarshal. */
  tcpTransportUs: number;
  /** A tcp:// connection's time per command each way when saturated: its capacity, not on the path. */
  tcpConnectionUs: number;
  dispatchHandOffUs: number;
  brokerCpuUs: number;
  fsyncSsdUs: number;
  fsyncHddUs: number;
  fsyncNfsUs: number;
  journalWriteUs: number;
  /** KahaDB's store thread per queue message (async persistent sends). */
  storeRecordUs: number;
  storeRecoveryUs: number;
  journalReplayUs: number;
  reconnectAttemptUs: number;
  killTeardownUs: number;
  osWritebackUs: number;
  bridgeReconnectInitialUs: number;
  bridgeReconnectMaxUs: number;
  inactivityUs: number;
  redeliveryDelayUs: number;
  maxRedeliveries: number;
}

export interface ScheduledFault {
  atUs: number;
  kind: FaultKind;
  /** A process (`orders-3`), a cluster broker (`broker-1`) or, for disk faults, a store owner. */
  target: string;
  /** The other side of a partition; absent for other kinds. */
  peer: string | null;
  /** A partition that drops traffic from target to peer only. */
  oneWay: boolean;
  /** How long a partition or slow disk lasts; 0 for the others. */
  durationUs: number;
  /** When the crashed target comes back; null keeps the default restart time, -1 never. */
  restartAfterUs: number | null;
  /** For slow-disk: how many times slower fsync gets. */
  slowdownFactor: number;
}

export interface RandomFault {
  kind: FaultKind;
  mtbfUs: number;
  mttrUs: number;
  /** Instance names or application ids; empty means every target of a fitting kind. */
  targets: string[];
}

export interface FaultSearch {
  kinds: FaultKind[];
  maxFaults: number;
  windowFromUs: number;
  windowToUs: number;
  restarts: boolean;
}

export interface FaultModel {
  schedule: ScheduledFault[];
  random: RandomFault[];
  search: FaultSearch;
}

export interface SimulationSettings {
  durationUs: number;
  warmupUs: number;
  drainUs: number;
  seed: number;
}

export interface Guarantees {
  lostAcknowledged?: number;
  duplicates?: number;
  strandedAtEnd?: number;
  sendFailures?: number;
  outcomeUnknown?: number;
  maxUnavailableUs?: number;
  maxFailoverTimeUs?: number;
  p99LatencyUs?: number;
  maxPersistentStores?: number;
}

export interface Topology {
  name: string;
  description: string;
  layout: Layout;
  destinations: Destination[];
  applications: Application[];
  embedded: EmbeddedSettings | null;
  cluster: ClusterSettings | null;
  failover: FailoverSettings;
  costs: CostModel;
  faults: FaultModel;
  simulation: SimulationSettings;
  guarantees: Guarantees;
}
