/**
 * Every default of the model, in one place, each with its source (../shared/MODEL.md;
 * W:x = activemq.apache.org/components/classic/documentation/x). A topology overrides any of
 * them. schemas/topology.schema.json repeats them as `default` for editors; a test keeps the
 * two equal. Nothing here imports the topology: the loader checks these against its types
 * where it uses them, so that model -> topology never closes a cycle. A cost is the mean of its
 * distribution (src/sim/noise.ts).
 */

const MS = 1_000;
const S = 1_000_000;

export const DEFAULT_COSTS = {
  vmHopUs: 5, // [est] in-JVM queue hand-off, 1-20 us
  cloneNsPerKiB: 500, // [est] copyMessageOnSend clone, 0.5 us/KiB
  // [est] ObjectMessage serialize + deserialize, 15 us/KiB: once a message, setObject serializing
  // on the send and getObject deserializing at the consumer (ActiveMQObjectMessage), half each.
  objectSerializationNsPerKiB: 15_000,
  marshalNsPerKiB: 1_000, // [est] OpenWire marshal or unmarshal, 1 us/KiB each way
  lanRoundTripUs: 200, // [est] LAN round trip; localhost send-ack ~0.1 ms (A:perf-tools)
  // A tcp:// command's time on its message's path, once its bytes are there: the receiving
  // transport thread's wake-up, read and unmarshal (TcpTransport.doRun -> readCommand ->
  // doConsume). Measured (docs/FIDELITY.md, transport-text-nonpersistent, warm JVMs, quiet machine
  // at load 1.8, 2026-11-30 13:34): the real tcp:// p50 (90 us) less its simulated path without it
  // (two 1 KiB hops of 11 us over the 18 us loopback, brokerCpu, dispatchHandOff: 81 us), halved.
  tcpTransportUs: 5,
  // A tcp:// connection's time per command when it is saturated: one reader thread per connection
  // and direction, and one writer (MutexTransport; the broker's TransportConnection dispatch task),
  // so its commands pass one at a time, at most one per tcpConnection each way. Not on a message's
  // path: the threads go on after the hand-off (src/sim/transport.ts). Measured in steady state
  // (fidelity/transport.ts, transport-text-nonpersistent: one burst of 100,000 timed after
  // 1,000,000 in bursts, when a burst's rate had stopped rising; 2026-11-30 23:28, 23:34 and
  // 23:41, 12 runs, nothing else on the machine): the real tcp:// throughput, 64,400-85,400 a
  // second, median 74,100, one message per 13.5 us. That is the connection's pace on the 2-core
  // fidelity host where both JVMs share the cores, not any one thread's CPU:
  // fidelity/transportProbe.ts found the busiest thread at 7.4 us a message (load 4). Timed after
  // 100,000 one at a time it was 17.5 us, after 5,000 33 us: the JIT was still compiling.
  tcpConnectionUs: 13,
  // Measured (the same run as tcpTransport, warm JVMs): the real vm:// p50 (71 us) less the
  // simulated vm:// path without it (two hops of 6 us and brokerCpu: 16 us). Cold JVMs gave 48 us.
  dispatchHandOffUs: 55,
  // One broker's pace per message, non-persistent: the model's broker handles one message at a
  // time (a FIFO server, arrival.ts), so a broker moves at most one message per brokerCpu.
  // ActiveMQ's perf-tools page gives ~86,000 a second (12 us) on its hardware. Measured in
  // steady state (the same runs as tcpConnection, transport-text-nonpersistent over vm://, where
  // the sender's part of the hop is 1 us and nothing else bounds the model's path):
  // 170,600-285,000 a second, median 239,800, 4.17 us a message. The runs fall in two groups,
  // 170,000-225,000 and 255,000-285,000; 14 bursting JVMs run alone (23:20-23:33) ended at
  // 246,000-312,000. On this 2-core host that pace is the cores shared by the producer,
  // broker and consumer threads, GC included (fidelity/transportProbe.ts: no thread saturated),
  // which the model folds into this one server, as tcpConnection folds the host into the
  // connection. After 100,000 one at a time it was 7.36 us (the JIT still compiling the burst).
  brokerCpuUs: 4,
  fsyncSsdUs: 800, // Artemis auto-tune log
  fsyncHddUs: 8 * MS, // [est]
  fsyncNfsUs: 10 * MS, // AMQ-7028
  journalWriteUs: 50, // [est] a journal batch written to the page cache without fsync (periodic / never)
  // KahaDB stores a queue message on its one store thread (KahaDBStore queueExecutor,
  // concurrentStoreAndDispatchQueues=true): marshal, journal append, index update; the message is
  // dispatched once that is done (the index listener). Measured on a quiet machine
  // (fidelity/asyncSendProbe.ts `store`, 2026-11-30 15:18, load average ~2, 5 runs): a useAsyncSend
  // producer to one consumer over tcp:// moves 8,703-12,464 persistent 1 KiB messages a second,
  // median 10,345, where 14,267-29,989 non-persistent ones pass: the store thread bounds it at
  // 97 us a record. Under load it is far slower (load ~14: 3,619 a second, 276 us).
  // Charged to async persistent sends only (see arrival.ts).
  storeRecordUs: 97,
  // From the instant a shared-store slave takes the lock (SharedFileLocker's TRACE "keepAlive
  // result: true") to its connector accepting, for a store that holds a destination:
  // fidelity/recoveryProbe.ts, 2026-11-30 16:33-17:18, 12 sweeps of 30-1,000 records and of a
  // store checkpointed just before the kill (nothing to replay), load 1.2-4.7 (the probe niced
  // -10), and 5 failovers of fidelity/failoverProbe.ts: 71 runs. Medians: nothing to replay 282
  // ms, 30 records 286, 250 336, 500 397, 1,000 463 (runs spread +-30%); a Theil-Sen line over
  // all runs gives 293 ms and 172 us a record. KahaDB's own replay timer: 31 records 147 ms, 501
  // 207, 1,001 306. An empty store (no destination) takes 163-317 ms. The earlier figures (148 ms,
  // 190 us) were timed from the slave's first line after the lock, which comes 30-110 ms after
  // it, and from an empty store. Under load ~16 the old probe gave 544 ms and 720 us a record.
  storeRecoveryUs: 290 * MS,
  journalReplayUs: 170,
  // Measured on a quiet machine (fidelity/failoverProbe.ts, failover-1s-lock-poll, 2026-11-30
  // 14:25, load average ~1, 5 runs): a failed failover: reconnect attempt over a two-broker list
  // (each refuses a loopback connect; its transport is set up and torn down; the reconnect
  // thread wakes late) adds a median of 7.5 ms (3-23 ms over 30 attempts) to the back-off delay
  // that follows it (FailoverTransport.doReconnect sleeps only after the attempt). At load ~20 the
  // median was 22 ms.
  reconnectAttemptUs: 7_500,
  // Measured (the same runs): from kill -9 of a broker's JVM to its client's failover transport
  // noticing (transportInterupted), median 17 ms (15-23 ms, 5 runs); fidelity/asyncSendProbe.ts
  // agreed (crash-async-send, 3 runs: a useAsyncSend producer's last send that "succeeded" came
  // 12.8-14.8 ms after the kill). The kernel frees a killed process's memory before it closes its
  // files, so its sockets reset, and its store lock frees, only then; on a loaded host that takes
  // longer (median 44 ms, 23-127 ms, at load ~20).
  killTeardownUs: 17 * MS,
  osWritebackUs: 30 * S, // [est] journalDiskSyncStrategy=never: the OS flushes dirty pages
  bridgeReconnectInitialUs: 1 * S, // W:networks-of-brokers
  bridgeReconnectMaxUs: 30 * S, // W:networks-of-brokers
  inactivityUs: 30 * S, // W:activemq-classic-inactivitymonitor, maxInactivityDuration
  redeliveryDelayUs: 1 * S, // W:redelivery-policy; client-side, on rollback / recover (a dead consumer's messages are re-dispatched at once)
  maxRedeliveries: 6, // W:redelivery-policy, then ActiveMQ.DLQ
} as const;

export const DEFAULT_FAILOVER = {
  initialReconnectDelayUs: 10 * MS, // W:failover-transport-reference
  maxReconnectDelayUs: 30 * S, // W:failover-transport-reference
  backOffMultiplier: 2, // W:failover-transport-reference
  useExponentialBackOff: true, // W:failover-transport-reference
  maxReconnectAttempts: -1, // W:failover-transport-reference: forever
  timeoutUs: -1, // W:failover-transport-reference: sends block while disconnected
  trackMessages: false, // W:failover-transport-reference
  randomize: true, // W:failover-transport-reference
} as const;

export const DEFAULT_STORE = {
  kind: 'kahadb', // ActiveMQ 5.x default persistence adapter (W:kahadb)
  journalDiskSyncStrategy: 'always', // W:kahadb
  journalDiskSyncIntervalUs: 1 * S, // W:kahadb, journalDiskSyncInterval
  disk: 'ssd',
  ephemeral: false,
} as const;

export const DEFAULT_LOCK = {
  lockAcquireSleepIntervalUs: 10 * S, // W:pluggable-storage-lockers
  // W:pluggable-storage-lockers; JDBCPersistenceAdapter.DEFAULT_LOCK_KEEP_ALIVE_PERIOD (30 s).
  // KahaDB's own default is 0 (LockableServiceSupport.lockKeepAlivePeriod), which lets a
  // master that lost the lock keep writing (lint lock-keepalive-off): brokerlab keeps 30 s for
  // every store and `export` always writes it. A shared-store slave that waited for the lock
  // sleeps this long once it has it (SharedFileLocker.doStart; haModes.ts `lockWait`):
  // measured 7.4 s failover with a 0.5 s poll and 6 s keep-alive, 1.9 s with 0.5 s (issue 11).
  lockKeepAlivePeriodUs: 30 * S,
  releaseOnCrash: 'immediate', // a process kill frees a file lock with its files (after killTeardown)
  leaseUs: 30 * S, // NFSv4 lease (W:shared-file-system-master-slave)
} as const;

/**
 * ActiveMQ's TcpTransport asks for 64 KiB socket buffers (socketBufferSize, set as SO_SNDBUF and
 * SO_RCVBUF on both ends of a connection; Linux doubles the figure for its own bookkeeping,
 * socket(7)): the client's send buffer and the broker's receive buffer each hold this much of a
 * connection's commands that its broker has not read yet.
 */
export const TCP_SOCKET_BUFFER_BYTES = 64 * 1024;

/** KahaDB checkpoints its index this often (MessageDatabase.checkpointInterval): a restart replays the journal since. */
export const KAHADB_CHECKPOINT_INTERVAL_US = 5 * S;

/**
 * KahaDB's journal writes less than this in one batch (journalMaxWriteBatchSize, 4 MiB:
 * Journal.DEFAULT_MAX_WRITE_BATCH_SIZE): DataFileAppender's WriteBatch.canAppend takes a record
 * only while the batch stays below it, and a new batch always takes its first record. While the
 * next batch cannot take a record, DataFileAppender.enqueue holds the thread storing it until the
 * writer takes that batch (activemq-kahadb-store 5.17.2).
 */
export const KAHADB_MAX_WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/** Broker memory limit for producer flow control: 1 GB (systemUsage memoryUsage default). */
export const DEFAULT_MEMORY_LIMIT_BYTES = 1024 ** 3;

export const DEFAULT_EMBEDDED = {
  copyMessageOnSend: true, // W:vm-transport-reference
  objectMessageSerializationDefered: false, // W:vm-transport-reference
  network: 'none',
  duplex: true,
  decreaseNetworkConsumerPriority: false, // W:networks-of-brokers, networkConnector default
  memoryLimitBytes: DEFAULT_MEMORY_LIMIT_BYTES,
  sendFailIfNoSpace: false, // W:producer-flow-control: block
} as const;

export const DEFAULT_CLUSTER = {
  duplex: true,
  replayWhenNoConsumers: false, // W:networks-of-brokers
  decreaseNetworkConsumerPriority: false, // W:networks-of-brokers, networkConnector default
  memoryLimitBytes: DEFAULT_MEMORY_LIMIT_BYTES,
  sendFailIfNoSpace: false,
  restartUs: 30 * S, // [est] a supervisor restarts a dead broker
} as const;

/** [est] a random fault is repaired (restart, heal) after this long unless the topology says. */
export const DEFAULT_RANDOM_MTTR_US = 30 * S;

/** An application runs one replica, in a plain JVM, with failover: clients, unless the topology says otherwise. */
export const DEFAULT_APPLICATION = { replicas: 1, host: 'jvm', connection: 'failover' } as const;

/** Destinations are queues unless declared as topics. */
export const DEFAULT_DESTINATION_TYPE = 'queue';

/** [est] a crashed application process is restarted by its supervisor. */
export const DEFAULT_PROCESS_RESTART_US = 30 * S;

export const DEFAULT_PRODUCER = {
  ratePerSecond: 10,
  sizeBytes: 1024,
  persistent: true, // JMS default delivery mode
  messageType: 'text',
  arrival: 'poisson',
  /** Open loop: requests arrive at the rate, as they do for a service (`mode: open-loop`). */
  closedLoop: null,
} as const;

/** A closed-loop producer has one sender thread unless the topology says more (JMS: one send() at a time per session). */
export const DEFAULT_CLOSED_LOOP = { inFlight: 1 } as const;

/**
 * ActiveMQ's send mode when the topology names none (W:async-sends; ActiveMQSession.send): a
 * persistent, non-transacted send is synchronous, a non-persistent one asynchronous, unless the
 * connection says alwaysSyncSend (which also overrides useAsyncSend).
 */
export function defaultSendMode(
  persistent: boolean,
  alwaysSyncSend: boolean,
  useAsyncSend?: 'sync' | 'async',
): 'sync' | 'async' {
  if (alwaysSyncSend) return 'sync';
  return useAsyncSend ?? (persistent ? 'sync' : 'async');
}

export const DEFAULT_CONSUMER = {
  ackMode: 'auto', // JMS Session.AUTO_ACKNOWLEDGE, what most listener containers use
  ackEvery: 1, // [est] an application acknowledges (or commits) each message unless it says otherwise
  processingUs: 1 * MS,
} as const;

/** W:what-is-the-prefetch-limit-for */
export const DEFAULT_PREFETCH = { queue: 1000, topic: 32767 } as const;

export const DEFAULT_SIMULATION = {
  durationUs: 60 * S,
  warmupUs: 0,
  drainUs: 60 * S,
  seed: 1,
} as const;

export const DEFAULT_FAULT_SEARCH = {
  kinds: [],
  maxFaults: 3,
  windowFromUs: 0,
  restarts: true,
} as const;

/** The factor slow-disk multiplies fsync by, when a fault does not say. */
export const DEFAULT_SLOWDOWN_FACTOR = 10;

/** Limits beyond which a figure is a mistake, not a plan. */
export const LIMITS = {
  replicas: 100_000,
  brokers: 100,
  durationUs: 365 * 86_400 * S,
  messageSizeBytes: 100 * 1024 ** 2,
  memoryBytes: 1024 ** 4,
  ratePerSecond: 1_000_000,
  prefetch: 1_000_000,
} as const;

/**
 * Lower bounds of the lifecycle intervals: each of these re-arms a timer (a lock poll, a
 * reconnect attempt, a sync, a redelivery, a random failure), and a timer that re-arms faster
 * than its floor floods a run with events (issue 12: `lockAcquireSleepInterval: 1us` makes one
 * simulated second a million lock polls) without modelling anything a broker can be told to do.
 * `why` says where the floor comes from; the loader quotes it when it rejects a value.
 */
export const LIFECYCLE_FLOORS_US = {
  lockAcquireSleepInterval: {
    us: 1 * MS,
    why: 'ActiveMQ sets lockAcquireSleepInterval in milliseconds (W:pluggable-storage-lockers); its default is 10s',
  },
  lockKeepAlivePeriod: {
    us: 1 * MS,
    why: 'ActiveMQ sets lockKeepAlivePeriod in milliseconds, 0 turning it off (W:pluggable-storage-lockers)',
  },
  journalDiskSyncInterval: {
    us: 1 * MS,
    why: 'KahaDB sets journalDiskSyncInterval in milliseconds (W:kahadb); its default is 1s',
  },
  osWriteback: {
    us: 1 * MS,
    why: 'the OS flushes dirty pages every few seconds (dirty_writeback_centisecs is 5s); nothing flushes faster than 1ms',
  },
  storeRecovery: {
    us: 1 * MS,
    why: 'a broker start reads its store and at least one journal page; 0 would let a crash and its recovery share one instant',
  },
  initialReconnectDelay: {
    us: 1 * MS,
    why: 'the failover transport sets initialReconnectDelay in milliseconds (W:failover-transport-reference); 0 never backs off',
  },
  maxReconnectDelay: {
    us: 1 * MS,
    why: 'the failover transport sets maxReconnectDelay in milliseconds (W:failover-transport-reference)',
  },
  bridgeReconnectInitial: {
    us: 1 * MS,
    why: 'a networkConnector sets its reconnect delays in milliseconds (W:networks-of-brokers)',
  },
  bridgeReconnectMax: {
    us: 1 * MS,
    why: 'a networkConnector sets its reconnect delays in milliseconds (W:networks-of-brokers)',
  },
  inactivityTimeout: {
    us: 1 * MS,
    why: 'maxInactivityDuration is in milliseconds (W:activemq-classic-inactivitymonitor); 0 turns the monitor off there, which the simulator does not model',
  },
  redeliveryDelay: {
    us: 1 * MS,
    why: 'the redelivery policy sets redeliveryDelay in milliseconds (W:redelivery-policy); its default is 1s',
  },
  mtbf: {
    us: 1 * MS,
    why: 'more than 1,000 failures a second of one target is no longer a fault model, and every failure costs lifecycle events',
  },
} as const;

export type LifecycleInterval = keyof typeof LIFECYCLE_FLOORS_US;
