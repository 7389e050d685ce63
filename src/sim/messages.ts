/**
 * Per-message state in typed-array columns. A *message* is what a producer sent (one send()
 * call, or one subscriber's share of a topic message); a *copy* is one physical instance of it
 * in a broker, a store, on a wire or at a consumer. Failover replays and network forwarding can
 * make several copies of one message; a message is settled when its last copy and its
 * producer's hold are gone. Both tables recycle slots, so memory follows what is in flight.
 */
import { CopyIndex } from './copyIndex.js';
import { CopyState, moveCopy } from './copyState.js';
import { growFloat64, growInt32, growUint8, SlotPool } from './slots.js';

/** Where a copy is in a broker's journal. */
export const Journal = {
  None: 0,
  /** In the writer's queue, in broker memory: lost with the process. */
  Queued: 1,
  /** Being written in the current batch. */
  Writing: 2,
  /** In the page cache: survives a process kill, not a power loss. */
  Written: 3,
  /** On disk. */
  Synced: 4,
  /**
   * Held by the broker thread storing it, which waits for room in the journal's next batch
   * (DataFileAppender.enqueue): not acknowledged yet; lost with the process.
   */
  Blocked: 5,
} as const;

export const Outcome = {
  None: 0,
  /** Moved to ActiveMQ.DLQ after too many redeliveries. */
  DeadLetter: 1,
  /** A topic message with no subscriber: dropped by design, not lost. */
  Discarded: 2,
} as const;

/** What the producer knows of its send (MessageTable.acked). */
export const Ack = {
  /** No answer, and it never left the producer (or it failed before it did). */
  None: 0,
  /** The producer was told the send succeeded. */
  Ok: 1,
  /** On its way, no answer yet. */
  Sent: 2,
  /**
   * The producer stopped waiting without an answer after it went out (its `timeout` expired, the
   * link gave up, its process died): the broker may or may not have stored it (Jepsen's :info).
   */
  Unknown: 3,
} as const;

export class MessageTable {
  readonly pool: SlotPool;
  producer: Int32Array;
  createdUs: Float64Array;
  /** Destination index. */
  dest: Int32Array;
  /** What the producer knows of the send: an `Ack`. */
  acked: Uint8Array;
  persistent: Uint8Array;
  /** Times the application processed this message (more than once: duplicates). */
  deliveries: Int32Array;
  /** Live copies plus the producer's hold while its send is outstanding. */
  holders: Int32Array;
  /** The fault that last destroyed a copy of it, for attribution; -1 none. */
  fault: Int32Array;
  /** 1: it came from a topic fan-out, not from a send() call. */
  fanout: Uint8Array;
  /** How it ended other than by delivery or loss: Outcome.DeadLetter or Outcome.Discarded. */
  outcome: Uint8Array;
  /** A store holding a copy of it (to reject a replayed send as a duplicate), and that copy; -1 none. */
  storedIn: Int32Array;
  storedCopy: Int32Array;

  constructor(capacity = 1024) {
    this.pool = new SlotPool(capacity, (c) => this.grow(c));
    this.producer = new Int32Array(capacity);
    this.createdUs = new Float64Array(capacity);
    this.dest = new Int32Array(capacity);
    this.acked = new Uint8Array(capacity);
    this.persistent = new Uint8Array(capacity);
    this.deliveries = new Int32Array(capacity);
    this.holders = new Int32Array(capacity);
    this.fault = new Int32Array(capacity);
    this.fanout = new Uint8Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.storedIn = new Int32Array(capacity);
    this.storedCopy = new Int32Array(capacity);
  }

  allocate(producer: number, createdUs: number, dest: number, persistent: boolean): number {
    const m = this.pool.allocate();
    this.producer[m] = producer;
    this.createdUs[m] = createdUs;
    this.dest[m] = dest;
    this.acked[m] = Ack.None;
    this.persistent[m] = persistent ? 1 : 0;
    this.deliveries[m] = 0;
    this.holders[m] = 0;
    this.fault[m] = -1;
    this.fanout[m] = 0;
    this.outcome[m] = Outcome.None;
    this.storedIn[m] = -1;
    this.storedCopy[m] = -1;
    return m;
  }

  private grow(c: number): void {
    this.producer = growInt32(this.producer, c);
    this.createdUs = growFloat64(this.createdUs, c);
    this.dest = growInt32(this.dest, c);
    this.acked = growUint8(this.acked, c);
    this.persistent = growUint8(this.persistent, c);
    this.deliveries = growInt32(this.deliveries, c);
    this.holders = growInt32(this.holders, c);
    this.fault = growInt32(this.fault, c);
    this.fanout = growUint8(this.fanout, c);
    this.outcome = growUint8(this.outcome, c);
    this.storedIn = growInt32(this.storedIn, c);
    this.storedCopy = growInt32(this.storedCopy, c);
  }
}

export class CopyTable {
  readonly pool: SlotPool;
  message: Int32Array;
  /** Where it is in its journey: set at allocation, then changed only by copyState.ts's moveCopy. */
  state: Uint8Array;
  /** The broker it is at or travelling to. */
  broker: Int32Array;
  /** That broker's incarnation when the copy reached or left for it: a restart voids the copy's events. */
  brokerEpoch: Int32Array;
  journal: Uint8Array;
  /** The store it is written in; -1 none. */
  store: Int32Array;
  /** When the broker has processed it (its CPU time spent): it may enter the journal or leave the pending list (us). */
  readyUs: Float64Array;
  /** Consumer it is dispatched to; -1 none. */
  consumer: Int32Array;
  /** When the application started processing it (us). */
  startUs: Float64Array;
  /** Dispatches so far; above the redelivery limit it goes to the DLQ. */
  dispatches: Int32Array;
  /** Network hops taken (networkTTL). */
  hops: Uint8Array;
  /** The copy forwarded from this one over a bridge and not yet stored there; -1 none. */
  forwardedAs: Int32Array;
  /** The copy this one was forwarded from, waiting for this one to be stored; -1 none. */
  forwardedFrom: Int32Array;
  /** The bridge this copy was forwarded over (and that link's epoch), while its ack is awaited. */
  forwardLink: Int32Array;
  forwardTag: Int32Array;
  /** The link it travels on (a client connection or a bridge); -1 none. */
  link: Int32Array;
  /** The link's epoch (or the broker's, over vm) when it was sent: a later reconnect voids it. */
  routeTag: Int32Array;
  /**
   * Changes whenever the copy starts a new journey (sent, dispatched, requeued): every event
   * about a copy carries the stamp it was scheduled with, and a stale one is ignored.
   */
  stamp: Int32Array;
  private nextStamp = 1;
  /** Live copies by the broker they are at or travelling to (any place, any incarnation). */
  readonly atBroker: CopyIndex;
  /** Copies by the consumer they are dispatched to. */
  readonly atConsumer: CopyIndex;
  /** Copies by the store they are written in. */
  readonly inStore: CopyIndex;
  /** Source copies by the bridge they were forwarded over (awaiting the far side's ack). */
  readonly forwardedOver: CopyIndex;

  constructor(capacity = 1024) {
    this.pool = new SlotPool(capacity, (c) => this.grow(c));
    this.message = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.broker = new Int32Array(capacity);
    this.brokerEpoch = new Int32Array(capacity);
    this.journal = new Uint8Array(capacity);
    this.store = new Int32Array(capacity);
    this.readyUs = new Float64Array(capacity);
    this.consumer = new Int32Array(capacity);
    this.startUs = new Float64Array(capacity);
    this.dispatches = new Int32Array(capacity);
    this.hops = new Uint8Array(capacity);
    this.forwardedAs = new Int32Array(capacity);
    this.forwardedFrom = new Int32Array(capacity);
    this.forwardLink = new Int32Array(capacity);
    this.forwardTag = new Int32Array(capacity);
    this.link = new Int32Array(capacity);
    this.routeTag = new Int32Array(capacity);
    this.stamp = new Int32Array(capacity);
    this.atBroker = new CopyIndex(capacity);
    this.atConsumer = new CopyIndex(capacity);
    this.inStore = new CopyIndex(capacity);
    this.forwardedOver = new CopyIndex(capacity);
  }

  /** A new copy of `message`: on its way to `broker` (Arriving), or made there (Accepted, a fan-out). */
  allocate(
    message: number,
    state: typeof CopyState.Arriving | typeof CopyState.Accepted,
    broker: number,
    brokerEpoch: number,
  ): number {
    const c = this.pool.allocate();
    this.message[c] = message;
    this.state[c] = state;
    this.broker[c] = broker;
    this.brokerEpoch[c] = brokerEpoch;
    this.journal[c] = Journal.None;
    this.store[c] = -1;
    this.readyUs[c] = 0;
    this.consumer[c] = -1;
    this.startUs[c] = 0;
    this.dispatches[c] = 0;
    this.hops[c] = 0;
    this.forwardedAs[c] = -1;
    this.forwardedFrom[c] = -1;
    this.forwardLink[c] = -1;
    this.forwardTag[c] = 0;
    this.link[c] = -1;
    this.routeTag[c] = 0;
    this.stamp[c] = this.nextStamp++ | 0;
    this.atBroker.set(c, broker);
    return c;
  }

  /** The copy is at (or on its way to) `broker` now. */
  setBroker(c: number, broker: number): void {
    this.broker[c] = broker;
    this.atBroker.set(c, broker);
  }

  /** The copy is dispatched to consumer `k` (-1: to none). */
  setConsumer(c: number, k: number): void {
    this.consumer[c] = k;
    this.atConsumer.set(c, k);
  }

  /** The copy is written in `store` (-1: in none); see storage.ts. */
  setStore(c: number, store: number): void {
    this.store[c] = store;
    this.inStore.set(c, store);
  }

  /** The copy was forwarded over bridge `link` (-1: its forward is over). */
  setForwardLink(c: number, link: number): void {
    this.forwardLink[c] = link;
    this.forwardedOver.set(c, link);
  }

  /** A new stamp for `c`, voiding events scheduled about its previous journey. */
  restamp(c: number): number {
    const s = this.nextStamp++ | 0;
    this.stamp[c] = s;
    return s;
  }

  /** A settled copy: Free, out of every index, its slot back in the pool. */
  free(c: number): void {
    moveCopy(this, c, CopyState.Free);
    this.stamp[c] = 0;
    this.atBroker.set(c, -1);
    this.atConsumer.set(c, -1);
    this.inStore.set(c, -1);
    this.forwardedOver.set(c, -1);
    this.pool.release(c);
  }

  private grow(c: number): void {
    this.message = growInt32(this.message, c);
    this.state = growUint8(this.state, c);
    this.broker = growInt32(this.broker, c);
    this.brokerEpoch = growInt32(this.brokerEpoch, c);
    this.journal = growUint8(this.journal, c);
    this.store = growInt32(this.store, c);
    this.readyUs = growFloat64(this.readyUs, c);
    this.consumer = growInt32(this.consumer, c);
    this.startUs = growFloat64(this.startUs, c);
    this.dispatches = growInt32(this.dispatches, c);
    this.hops = growUint8(this.hops, c);
    this.forwardedAs = growInt32(this.forwardedAs, c);
    this.forwardedFrom = growInt32(this.forwardedFrom, c);
    this.forwardLink = growInt32(this.forwardLink, c);
    this.forwardTag = growInt32(this.forwardTag, c);
    this.link = growInt32(this.link, c);
    this.routeTag = growInt32(this.routeTag, c);
    this.stamp = growInt32(this.stamp, c);
    this.atBroker.grow(c);
    this.atConsumer.grow(c);
    this.inStore.grow(c);
    this.forwardedOver.grow(c);
  }
}
