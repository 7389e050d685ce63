/** The deployment graph of a topology: concrete instances and what can be counted without simulating. */
import type { HaMode, HaModeSpec } from '../model/haModes.js';
import type { DiskKind, HostKind, StoreKind, SyncStrategy, Topology } from '../topology/types.js';

export interface PlannedProcess {
  name: string;
  app: string;
  index: number;
  host: HostKind;
  /** The broker inside this process (layouts `embedded` and `hybrid`), by name. */
  embeddedBroker: string | null;
}

export type BrokerRole = 'embedded' | 'standalone' | 'master' | 'slave' | 'replica' | 'peer';

export interface PlannedBroker {
  name: string;
  /** `embedded`: inside an application process; `cluster`: a broker process of its own. */
  placement: 'embedded' | 'cluster';
  /** The application process it lives in, for an embedded broker. */
  process: string | null;
  /** Its role at start: the first broker of a master/slave group starts as master. */
  role: BrokerRole;
  /** The store it writes to; null for a broker without persistence. */
  store: string | null;
  /** The URI its clients use to reach it. */
  connectorUri: string;
}

export interface PlannedStore {
  name: string;
  kind: StoreKind;
  /** Survives a broker restart (false for `memory`). */
  persistent: boolean;
  /** Brokers writing to it: one, or the whole master/slave group of a shared store. */
  brokers: string[];
  disk: DiskKind;
  syncStrategy: SyncStrategy;
  ephemeral: boolean;
}

/**
 * Bridges come in sets so that a mesh of 10,000 brokers is counted, not listed.
 * `mesh`: a bridge between every pair of members. `star`: every spoke bridges to the hub
 * (a cluster reached over failover:), relaying through it.
 */
export type BridgeSet = (
  | { kind: 'mesh'; brokers: string[]; duplex: boolean; bridges: number }
  | {
      kind: 'star';
      spokes: string[];
      hub: string[];
      duplex: boolean;
      purpose: 'hub' | 'forward';
      bridges: number;
    }
) & {
  /** The networkConnector URI: a spoke's (failover over the hub), or in a mesh the first member's towards the second. */
  connectorUri: string;
};

export interface ClientConnection {
  process: string;
  transport: 'vm' | 'tcp';
  /** The real ActiveMQ connection URI. */
  uri: string;
  /** Brokers the connection may reach, in failover order. */
  brokers: string[];
  carries: 'produce' | 'consume' | 'both';
}

export type LintSeverity = 'error' | 'warning' | 'info';

export interface Lint {
  id: string;
  severity: LintSeverity;
  /** What is wrong, in this deployment's terms. */
  message: string;
  /** Why it matters (the ActiveMQ fact behind it). */
  reason: string;
}

export interface PlanFigures {
  /** Processes to deploy: application processes plus standalone broker processes. */
  deploymentUnits: number;
  applicationProcesses: number;
  brokerInstances: number;
  embeddedBrokers: number;
  clusterBrokers: number;
  /** Persistent stores to back up and manage. */
  persistentStores: number;
  bridges: number;
  clientConnections: number;
  vmConnections: number;
  tcpConnections: number;
  /** Bytes per second written to persistent stores by open-loop producers (closed loops: compare/closedLoopLoad.ts). */
  persistedBytesPerSecond: number;
  /** Rough backup footprint: one KahaDB journal file (32 MiB) per store, plus the index. */
  backupFootprintBytes: number;
  /** Messages sent per second by open-loop producers (a closed loop has no set rate). */
  messagesPerSecond: number;
}

/** The cluster's HA mode, resolved once from the model's table (src/model/haModes.ts). */
export type PlannedHa = HaModeSpec & { mode: HaMode };

export interface Plan {
  topology: Topology;
  /** The cluster's HA mode (a hub's too); null without a cluster. */
  ha: PlannedHa | null;
  processes: PlannedProcess[];
  brokers: PlannedBroker[];
  stores: PlannedStore[];
  bridgeSets: BridgeSet[];
  connections: ClientConnection[];
  figures: PlanFigures;
  lints: Lint[];
}
