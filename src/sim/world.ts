/**
 * The simulated world: every process, broker, store, producer, consumer and link of a plan at
 * run time, the message tables, the event queue and the clock. Handlers in the sibling modules
 * read and change it; only `simulate.ts` runs the loop.
 */

import type { bridgeMachine } from '../machines/bridgeMachine.js';
import type { brokerMachine } from '../machines/brokerMachine.js';
import type { failoverMachine } from '../machines/failoverMachine.js';
import type { Plan } from '../plan/types.js';
import type {
  Application,
  Consumer,
  CostModel,
  Producer,
  StoreSettings,
  Topology,
} from '../topology/types.js';
import type { PairDeque } from './deque.js';
import type { EventQueue } from './eventQueue.js';
import type { FaultRecord } from './faultRecord.js';
import type { HopMeans } from './hopMeans.js';
import type { JournalQueue } from './journalQueue.js';
import type { Ledger } from './ledger.js';
import type { Lifecycle } from './lifecycle.js';
import type { CopyTable, MessageTable } from './messages.js';
import type { Metrics } from './metrics.js';
import type { CostNoise } from './noise.js';
import type { Notice } from './notices.js';
import type { Rng } from './rng.js';
import type { TransitionMemo } from './transitionMemo.js';

export interface ProcessRt {
  id: number;
  name: string;
  app: Application;
  alive: boolean;
  /** Changes at every crash and restart: events of an earlier life are ignored. */
  epoch: number;
  /** Its embedded broker; -1 none. */
  broker: number;
  producers: number[];
  consumers: number[];
  /** Its tcp client connections. */
  links: number[];
  /** The fault that took it down; -1 when up. */
  downFault: number;
}

export interface BrokerRt {
  id: number;
  name: string;
  /** Partition endpoint: the process an embedded broker lives in, or the broker itself. */
  host: string;
  embedded: boolean;
  process: number;
  /** Store it writes to; -1 for a broker without persistence. */
  store: number;
  /** Its lifecycle (stopped, acquiring the lock, slave, recovering, active, crashed): see brokerState.ts. */
  lifecycle: Lifecycle<typeof brokerMachine>;
  /** Changes whenever the broker leaves service: copies and events of an earlier incarnation are void. */
  epoch: number;
  /** journalDiskSyncStrategy `always`: each journal batch is fsynced before its sends are answered. */
  syncEachBatch: boolean;
  /** What one journal batch costs on average (us): its fsync with `always`, else a page-cache write. */
  batchWriteUs: number;
  /** Its store is KahaDB (whose one store thread takes async adds, arrival.ts). */
  kahadb: boolean;
  /** When its CPU is next free (a FIFO server of brokerCpuUs per message). */
  cpuFreeUs: number;
  /** When KahaDB's store thread is next free (a FIFO server of storeRecordUs per async add). */
  storeFreeUs: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  sendFailIfNoSpace: boolean;
  /** Copies waiting for a consumer, per destination. */
  pending: PairDeque[];
  /** Consumers attached, per destination (changed only by localConsumers.ts). */
  consumersByDest: number[][];
  /** Round-robin position per destination. */
  nextConsumer: Int32Array;
  /** The journal writer's queue (in broker memory): see journal.ts. */
  journal: JournalQueue;
  journalBusy: boolean;
  journalScheduled: boolean;
  /** Entries at the front of `journal` that form the batch being written. */
  batchCount: number;
  /** The entries after those that form the next batch, and their record bytes. */
  nextBatchCount: number;
  nextBatchBytes: number;
  /** Producers blocked by producer flow control. */
  blocked: number[];
  /** The bridge to each peer broker, created on first use (a spoke's one bridge serves every hub broker). */
  bridgeByPeer: Map<number, number>;
  /** Bridges compete with local consumers (decreaseNetworkConsumerPriority false, ActiveMQ's default). */
  networkEqualPriority: boolean;
  /** Round-robin position over local consumers then bridge peers, per destination. */
  nextTarget: Int32Array;
  /** Round-robin position over bridge peers when forwarding. */
  nextPeer: number;
  /** The fault that took it down; -1 when up. */
  downFault: number;
  downSinceUs: number;
}

export interface StoreRt {
  id: number;
  name: string;
  settings: StoreSettings;
  /** Brokers sharing it (a master/slave group) or the single owner. */
  brokers: number[];
  /** Lock-based failover (shared store, JDBC) or replication quorum. */
  locking: 'none' | 'lock' | 'quorum';
  /** Copies written in it (see storage.ts). */
  count: number;
  /** Copies written but not yet synced (periodic / never). */
  unsynced: PairDeque;
  syncScheduled: boolean;
  /** The last index checkpoint, and the journal records written since (see checkpoint.ts). */
  checkpointUs: number;
  recordsSinceCheckpoint: number;
  /** What the next broker to start on it must replay (fixed when its last broker died). */
  recordsToReplay: number;
  lockHolder: number;
  /** Changes when the lock changes hands: a lease release scheduled earlier is void. */
  lockGen: number;
  /** When the lock of its dead holder frees (Infinity: only an operator frees it); -1 if none is due. */
  lockReleaseDueUs: number;
  slowFactor: number;
  epoch: number;
}

export interface ProducerRt {
  id: number;
  process: number;
  dest: number;
  spec: Producer;
  /** spec.sendMode is `async`. */
  asyncSend: boolean;
  /** spec.arrival is `poisson` (else evenly spaced). */
  poisson: boolean;
  /** Mean one-way hop costs of its messages (costs.ts), worked out once: they depend on the spec alone. */
  hopUs: HopMeans;
  rng: Rng;
  /** Pending application requests: their creation times (us), oldest first. */
  backlog: number[];
  backlogHead: number;
  /** The message whose send() is in progress; -1 none. */
  current: number;
  /** 1 while `current` has a copy on its way (not waiting for a route). */
  inTransit: boolean;
  /** Its tcp link; -1 for vm (the process's own broker). */
  link: number;
  /** Async messages to replay after a reconnect (trackMessages). */
  replay: number[];
  /** Changes whenever a wait starts: a timeout for an earlier wait is void. */
  waitGen: number;
  /** Since when sends cannot go out; -1 when they can. */
  unavailableSinceUs: number;
  /** Its closed unavailability windows: how many, how long in all, the longest. */
  unavailable: { windows: number; totalUs: number; maxUs: number };
  unavailableFault: number;
  /** A broker failure whose failover this producer has not yet completed; -1 none. */
  failoverFault: number;
  /** Broker its last successful send went through. */
  lastBroker: number;
  /** When its last vm:// send reaches the broker: VMTransport's queue is FIFO, so none arrives before it. */
  vmArrivalUs: number;
  /** The link gave up (maxReconnectAttempts): sends fail at once. */
  gaveUp: boolean;
  /** A closed-loop sender thread's producer, shared with its sibling threads; null: open loop. */
  loop: ClosedLoopRt | null;
  /** A closed-loop thread whose send() threw: its loop ended (until its process restarts). */
  stopped: boolean;
  /** Changes whenever an async closed-loop send starts its write: an older SendWritten is void. */
  writeGen: number;
}

/** What the sender threads of one closed-loop producer in one process share. */
export interface ClosedLoopRt {
  /** Messages to send in each run of the process (Infinity: no count, until the sends end). */
  count: number;
  /** Messages still to send in this run of the process. */
  left: number;
}

export interface ConsumerRt {
  id: number;
  process: number;
  dest: number;
  spec: Consumer;
  /** Messages its session acknowledges at once (acks.ts ackBatch). */
  ackBatch: number;
  /** Broker it is attached to; -1 detached. */
  broker: number;
  link: number;
  /** Copies dispatched to it and not yet acknowledged (its prefetch window in use). */
  inflight: number;
  /** Copies it has processed that its session has not acknowledged yet (Held; see acks.ts). */
  unacked: number;
  busyUntilUs: number;
}

export interface LinkRt {
  id: number;
  kind: 'client' | 'bridge';
  /** Partition endpoint of the connecting side (a process, or a bridge's source broker host). */
  fromHost: string;
  /** Client: the process; bridge: -1. */
  process: number;
  /** Bridge: the source broker; client: -1. */
  source: number;
  /** Brokers it may connect to, in failover order. */
  candidates: number[];
  randomize: boolean;
  /** A client's failover transport, or a bridge's reconnect loop. */
  lifecycle: Lifecycle<typeof failoverMachine | typeof bridgeMachine>;
  /** Broker connected to; -1 when not connected. */
  broker: number;
  /** Changes at every connect and disconnect. */
  epoch: number;
  /** Traffic towards the broker / towards the connecting side is held by a partition. */
  stalledUp: boolean;
  stalledDown: boolean;
  /** Held events: time offset, kind, a, b (flattened). */
  held: number[];
  /** The broker chosen by the last connect attempt. */
  chosen: number;
  /** The fault that brought the link down; -1 none. */
  downFault: number;
  /** Bridge: forwarded copies not yet arrived at the far end (bounded by the bridge's prefetch). */
  forwarding: number;
  /** When the receiving transport thread of each direction is next free (see transport.ts). */
  upFreeUs: number;
  downFreeUs: number;
  /**
   * Client: messages written towards the broker and not read yet (see sendPipeline.ts), as
   * (read time us, bytes) pairs from `pipelineHead` on, in write order.
   */
  pipeline: number[];
  pipelineHead: number;
  pipelineBytes: number;
  /** When its broker died and stopped reading; -1 while it reads. */
  readerDeadUs: number;
}

export interface Partition {
  fault: number;
  a: string;
  b: string;
  oneWay: boolean;
}

export interface World {
  topology: Topology;
  plan: Plan;
  costs: CostModel;
  now: number;
  sendsEndUs: number;
  endUs: number;
  sending: boolean;
  queue: EventQueue;
  /** Every lifecycle machine instance (brokers' and links'), by index. */
  lifecycles: Lifecycle[];
  /** xstate's transitions stepped so far in this run (lifecycle.ts): each is stepped once. */
  transitions: TransitionMemo;
  /** Lifecycle changes waiting for the message path to react (drained after each handler). */
  notices: Notice[];
  /** Clients have started: a broker that starts from now on recovers its store for real. */
  booted: boolean;
  rng: Rng;
  /** Every cost's draw (see noise.ts). */
  noise: CostNoise;
  messages: MessageTable;
  copies: CopyTable;
  dests: { name: string; topic: boolean }[];
  processes: ProcessRt[];
  brokers: BrokerRt[];
  stores: StoreRt[];
  producers: ProducerRt[];
  consumers: ConsumerRt[];
  links: LinkRt[];
  /** Per broker: the brokers it may forward to over a bridge (from the plan's bridge sets). */
  peersOf: number[][];
  /**
   * Cache of localConsumers.ts's peersWithConsumers, by broker * destinations + destination
   * (null: not known). Sized once, so that it stays a dense array.
   */
  peersWithConsumers: (Int32Array | null)[];
  /** Per broker: true for an embedded broker that bridges to the cluster (star spoke). */
  isSpoke: boolean[];
  processByName: Map<string, number>;
  brokerByName: Map<string, number>;
  partitions: Partition[];
  faults: FaultRecord[];
  ledger: Ledger;
  metrics: Metrics;
  /** Network hops a message may take (networkTTL). */
  maxHops: number;
  eventsProcessed: number;
}
