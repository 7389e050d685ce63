/**
 * Event kinds on the simulation's queue: (time, kind, a, b) with two int32 arguments.
 *
 * Ties: events due at the same microsecond run in the order they were scheduled (the queue's
 * seq), and every handler must be right in either order. The rule where it matters: a
 * completion due at the instant of a fault has happened before the fault. A consumer's
 * processing that ends at the microsecond its process crashes or its broker dies counts as
 * finished (delivered; over tcp its ack is on the wire), whether its ConsumerDone event ran
 * before the fault or not (consumers.ts detachConsumer, brokers.ts abandonCopies).
 * Lifecycle changes never run the message path from inside a handler: they queue notices that
 * the loop drains after it (notices.ts).
 */
export const Ev = {
  /** A lifecycle machine's delayed event is due (a: lifecycle index, b: timer token). */
  Timer: 1,
  /** A producer's next message is due (a: producer, b: its process epoch). */
  Arrival: 2,
  /** A copy reaches its broker (a: copy, b: copy stamp). */
  AtBroker: 3,
  /** A send receipt reaches its producer (a: producer, b: route tag). */
  Receipt: 4,
  /** A broker's journal may start its next batch (a: broker, b: broker epoch). */
  JournalStart: 5,
  /** A journal batch is written (a: broker, b: broker epoch). */
  JournalDone: 6,
  /** Periodic journal sync, or the OS writeback (a: store, b: store epoch). */
  StoreSync: 7,
  /** A consumer finished processing a copy (a: copy, b: stamp). */
  ConsumerDone: 8,
  /** A consumer's ack reaches the broker (a: copy, b: stamp). */
  AckAtBroker: 9,
  /** A redelivery delay is over (a: copy, b: stamp). */
  Redeliver: 10,
  /** A scheduled or random fault happens (a: fault index). */
  Fault: 11,
  /** A crashed process comes back (a: process, b: process epoch). */
  ProcessRestart: 12,
  /** A stopped broker starts (a: broker, b: broker epoch). */
  BrokerStart: 13,
  /** A partition or slow disk ends (a: fault index). */
  Heal: 14,
  /** A link notices its peer is gone (a: link, b: link epoch). */
  LinkFailure: 15,
  /** A dead master's lock lease ends (a: store, b: lock generation). */
  LockRelease: 16,
  /** A blocked send gives up (failover timeout) (a: producer, b: wait generation). */
  SendTimeout: 17,
  /** The copy forwarded over a bridge is stored remotely (a: source copy, b: stamp). */
  ForwardAck: 18,
  /** The next random fault of one target is due (a: random target index). */
  RandomFault: 19,
  /** Producers stop sending; faults stop (the drain phase begins). */
  SendsEnd: 20,
  /** Time zero, after the brokers came up: clients connect and producers start. */
  Boot: 21,
  /** A send blocked on a full socket may have room now (a: producer, b: wait generation). */
  SocketRoom: 22,
  /** A closed-loop producer's async send over vm:// has been written, so send() returns (a: producer, b: write generation). */
  SendWritten: 23,
} as const;
